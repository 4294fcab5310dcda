// Fetching an attachment's bytes for /documents add, bounded: the declared size is checked before
// anything is downloaded, and the bytes are counted while they stream in, so a file that is
// larger than it claimed is cut off at the limit instead of filling memory. Every failure is one
// plain reason; nothing here throws.

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; problem: DownloadProblem };

export type DownloadProblem =
  | { kind: 'too-large'; bytes: number; limitBytes: number; declared: boolean }
  | { kind: 'failed'; detail: string };

export interface DownloadRequest {
  url: string;
  /** What the attachment says it weighs (Discord's `size`). */
  declaredBytes: number;
  limitBytes: number;
  timeoutMs: number;
}

/** True when the declared size alone already rules the file out (no request is made). */
export function declaredTooLarge(request: Pick<DownloadRequest, 'declaredBytes' | 'limitBytes'>): boolean {
  return request.declaredBytes > request.limitBytes;
}

export async function downloadAttachment(request: DownloadRequest): Promise<Download> {
  const { limitBytes } = request;
  if (declaredTooLarge(request)) return { ok: false, problem: { kind: 'too-large', bytes: request.declaredBytes, limitBytes, declared: true } };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no complete download within ${request.timeoutMs / 1000} s`)), request.timeoutMs);
  try {
    const response = await fetch(request.url, { signal: abort.signal, redirect: 'follow' });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, problem: { kind: 'failed', detail: `HTTP ${response.status}` } };
    }
    const announced = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(announced) && announced > limitBytes) {
      await response.body.cancel().catch(() => undefined);
      return { ok: false, problem: { kind: 'too-large', bytes: announced, limitBytes, declared: false } };
    }
    const parts: Uint8Array[] = [];
    let received = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limitBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, problem: { kind: 'too-large', bytes: received, limitBytes, declared: false } };
      }
      parts.push(value);
    }
    return { ok: true, bytes: Buffer.concat(parts, received) };
  } catch (error) {
    const reason = abort.signal.aborted ? abort.signal.reason : error;
    const cause = reason instanceof Error && reason.cause instanceof Error ? `: ${reason.cause.message}` : '';
    return { ok: false, problem: { kind: 'failed', detail: `${reason instanceof Error ? reason.message : String(reason)}${cause}` } };
  } finally {
    clearTimeout(timer);
  }
}
