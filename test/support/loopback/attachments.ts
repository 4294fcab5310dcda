/**
 * Attachments a user uploads with a slash command (`/documents add file:<attachment>`), hosted the
 * way Discord's CDN hosts them: each gets an `APIAttachment` (id, filename, declared size, content
 * type, url) that slash-command payloads carry in `data.resolved.attachments`, and its bytes are
 * served over plain HTTP from this server at that url (`GET /attachments/:channel/:id/:filename`).
 * Faults: a declared size that lies, an HTTP error status, a connection dropped mid-body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIAttachment } from 'discord.js';
import { TEXT_CHANNEL_ID, newSnowflake } from './constants.js';
import type { World } from './world.js';

export interface AttachmentOptions {
  filename: string;
  data: Buffer | string;
  /** Default: guessed from the extension (text/plain, text/markdown, application/pdf, image/png…). */
  contentType?: string;
  /** The size the attachment object declares (default: the real byte length). */
  declaredSize?: number;
  /** Answer the download with this HTTP status instead of the bytes. */
  status?: number;
  /** Send this many bytes of the body (with the full Content-Length), then reset the connection. */
  dropAfterBytes?: number;
  /** Omit Content-Length (chunked transfer), so only counting while streaming can catch a large body. */
  chunked?: boolean;
  /** Channel the upload was made in (part of the url only). */
  channelId?: string;
}

export interface AttachmentDownload {
  attachmentId: string;
  at: number;
  /** HTTP status answered (0 when the connection was dropped). */
  status: number;
  /** Body bytes written before the response ended or was dropped. */
  bytesSent: number;
}

interface Hosted {
  attachment: APIAttachment;
  data: Buffer;
  options: AttachmentOptions;
}

const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  png: 'image/png',
  html: 'text/html; charset=utf-8',
};

const PATH = /^\/attachments\/(\d+)\/(\d+)\/[^/]+$/;
/** Bytes per write when streaming, so a dropped connection really is mid-body. */
const WRITE_BYTES = 64 * 1024;

export class AttachmentHost {
  readonly downloads: AttachmentDownload[] = [];
  private readonly hosted = new Map<string, Hosted>();

  constructor(
    private readonly world: World,
    private readonly baseUrl: () => string,
  ) {}

  add(options: AttachmentOptions): APIAttachment {
    const data = typeof options.data === 'string' ? Buffer.from(options.data) : options.data;
    const id = newSnowflake();
    const channelId = options.channelId ?? TEXT_CHANNEL_ID;
    const extension = /\.([a-z0-9]+)$/i.exec(options.filename)?.[1]?.toLowerCase() ?? '';
    const url = `${this.baseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(options.filename)}`;
    const attachment: APIAttachment = {
      id,
      filename: options.filename,
      size: options.declaredSize ?? data.byteLength,
      url,
      proxy_url: url,
      content_type: options.contentType ?? CONTENT_TYPES[extension] ?? 'application/octet-stream',
    };
    this.hosted.set(id, { attachment, data, options });
    this.world.attachments.set(id, attachment);
    return attachment;
  }

  /** True for a request this host answers (any path under /attachments/). */
  handles(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith('/attachments/');
  }

  serve(req: IncomingMessage, res: ServerResponse): void {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const id = PATH.exec(pathname)?.[2] ?? '';
    const hosted = this.hosted.get(id);
    const record: AttachmentDownload = { attachmentId: id, at: Date.now(), status: 0, bytesSent: 0 };
    this.downloads.push(record);
    if (!hosted || req.method !== 'GET') {
      record.status = 404;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    const { data, options, attachment } = hosted;
    if (options.status) {
      record.status = options.status;
      res.writeHead(options.status, { 'Content-Type': 'text/plain' }).end('failed');
      return;
    }
    record.status = 200;
    res.writeHead(200, { 'Content-Type': attachment.content_type ?? 'application/octet-stream', ...(options.chunked ? {} : { 'Content-Length': String(data.byteLength) }) });
    const stopAt = options.dropAfterBytes ?? data.byteLength;
    const writeFrom = (offset: number): void => {
      if (res.destroyed) return;
      if (offset >= stopAt) {
        if (options.dropAfterBytes !== undefined) {
          record.status = 0;
          req.socket.resetAndDestroy();
        } else res.end();
        return;
      }
      const end = Math.min(stopAt, offset + WRITE_BYTES);
      record.bytesSent = end;
      // Back-pressure: a reader that stops reading (a size limit hit) stops the writes too.
      if (res.write(data.subarray(offset, end))) setImmediate(() => writeFrom(end));
      else res.once('drain', () => writeFrom(end));
    };
    writeFrom(0);
  }
}
