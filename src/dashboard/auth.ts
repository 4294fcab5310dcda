// Who may use the dashboard, and CSRF protection for its POSTs.
//
// - DASHBOARD_TOKEN is accepted as `Authorization: Bearer <token>` (scripts) or through the login
//   form, which sets a session cookie (HttpOnly, SameSite=Strict, Path=/; Secure when served over
//   HTTPS). Tokens are compared in constant time: both sides are hashed to 32 bytes first, so
//   `timingSafeEqual` never sees inputs of different lengths and the comparison leaks no length.
// - The session cookie is `<issued-at>.<HMAC>` under a key made at start (a restart logs everyone
//   out); it lasts SESSION_MS.
// - Without a token (only allowed on a loopback host) every visitor gets a session at once: the
//   session still exists so POSTs can carry a CSRF token bound to it.
// - CSRF: every form that POSTs carries `HMAC(key, "csrf:" + session)`; a POST is accepted only
//   with it (or with a Bearer token, which a browser never sends on its own). SameSite=Strict
//   keeps the cookie off cross-site requests too, and the Origin header is checked as well.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'footnote_session';
/** How long a login lasts. */
export const SESSION_MS = 12 * 3_600_000;
/** Failed logins from one address allowed per window before answering 429. */
export const LOGIN_ATTEMPTS = 10;
export const LOGIN_WINDOW_MS = 60_000;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time equality of two secrets of any length. */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export class DashboardAuth {
  private readonly key = randomBytes(32);
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    /** DASHBOARD_TOKEN; undefined: open to whoever reaches the (loopback) address. */
    private readonly token: string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get open(): boolean {
    return this.token === undefined;
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  checkToken(given: string): boolean {
    return this.token !== undefined && secretsEqual(given, this.token);
  }

  /** `Authorization: Bearer …`: true with the right token; undefined when the header is absent. */
  checkBearer(header: string | undefined): boolean | undefined {
    if (!header) return undefined;
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match?.[1] !== undefined && this.checkToken(match[1].trim());
  }

  newSession(): string {
    const issued = String(this.now());
    return `${issued}.${this.mac(`session:${issued}`)}`;
  }

  validSession(cookie: string | undefined): boolean {
    if (!cookie) return false;
    const [issued, mac] = cookie.split('.');
    if (!issued || !mac || !/^\d{1,15}$/.test(issued)) return false;
    const age = this.now() - Number(issued);
    return age >= 0 && age < SESSION_MS && secretsEqual(mac, this.mac(`session:${issued}`));
  }

  csrfToken(session: string): string {
    return this.mac(`csrf:${session}`);
  }

  validCsrf(session: string | undefined, token: string | undefined): boolean {
    return session !== undefined && token !== undefined && token.length > 0 && secretsEqual(token, this.csrfToken(session));
  }

  /** False once an address has failed LOGIN_ATTEMPTS times within the window. */
  mayTryLogin(address: string): boolean {
    const entry = this.failures.get(address);
    if (!entry || this.now() - entry.since > LOGIN_WINDOW_MS) return true;
    return entry.count < LOGIN_ATTEMPTS;
  }

  loginFailed(address: string): void {
    const entry = this.failures.get(address);
    if (!entry || this.now() - entry.since > LOGIN_WINDOW_MS) this.failures.set(address, { count: 1, since: this.now() });
    else entry.count += 1;
    // Bounded: a flood from many addresses cannot grow the map without end.
    if (this.failures.size > 10_000) this.failures.clear();
  }
}
