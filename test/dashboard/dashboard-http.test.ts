// The dashboard over HTTP, on a real state store and the real engine: the token (Bearer and the
// login form's HttpOnly, SameSite=Strict cookie; 401 for a wrong one), CSRF on POSTs, escaping of
// question text, CSV exports guarded against formula injection, security headers, and the refusal
// to serve a non-loopback address without a token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { csvCell, toCsv } from '../../src/dashboard/csv.js';
import { escapeHtml, html, jsonScript } from '../../src/dashboard/html.js';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/server.js';
import { InsightsReader } from '../../src/insights/report.js';
import { createLogger } from '../../src/log.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { useSharedEngine } from '../support/shared-engine.js';
import { seedInsights, XSS_QUESTION, FORMULA_QUESTION } from './fixtures/seed.js';

const TOKEN = 'correct-horse-battery-staple-42';
const engine = useSharedEngine();

describe('dashboard over HTTP', () => {
  let dir = '';
  let state: StateStore;
  let dashboard: RunningDashboard;
  let open: RunningDashboard;
  const now = Date.UTC(2024, 5, 10, 12);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-dashboard-'));
    state = await openStateStore({ dataDir: dir, logger: createLogger('silent') });
    await seedInsights(state, engine(), now);
    const deps = { state, engine: engine(), reader: new InsightsReader(state, engine()), logger: createLogger('silent'), now: () => now, retentionDays: 90 };
    dashboard = await startDashboard({ port: 0, host: '127.0.0.1', token: TOKEN }, deps);
    open = await startDashboard({ port: 0, host: '127.0.0.1' }, deps);
  });
  afterAll(async () => {
    await dashboard?.close();
    await open?.close();
    await dashboard?.app.reindex.settled();
    await state?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${dashboard.url}${url}`, { headers, redirect: 'manual' });
  const bearer = { authorization: `Bearer ${TOKEN}` };

  async function login(): Promise<string> {
    const response = await fetch(`${dashboard.url}/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }), redirect: 'manual' });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    return cookie.split(';')[0] ?? '';
  }

  async function csrfOf(cookie: string, pathname: string): Promise<string> {
    const body = await (await get(pathname, { cookie })).text();
    return /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  }

  it('asks for the token: pages redirect to the login form, exports and APIs answer 401, a wrong token 401', async () => {
    expect((await get('/', { accept: 'text/html' })).headers.get('location')).toBe('/login');
    expect((await get('/questions.csv')).status).toBe(401);
    expect((await get('/questions.csv', { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    const wrong = await fetch(`${dashboard.url}/login`, { method: 'POST', body: new URLSearchParams({ token: 'wrong' }), redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong token');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await get('/', { cookie: 'footnote_session=1.forged' , accept: 'text/html' })).status).toBe(303);
  });

  it('accepts the token as Bearer and through the login cookie', async () => {
    expect((await get('/questions.csv', bearer)).status).toBe(200);
    const cookie = await login();
    const overview = await get('/', { cookie });
    expect(overview.status).toBe(200);
    const text = await overview.text();
    expect(text).toContain('id="kpi-questions"><span class="value">8</span>');
    expect(overview.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(overview.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('renders question text inert: a <script> question is escaped text', async () => {
    const cookie = await login();
    const body = await (await get('/questions', { cookie })).text();
    expect(body).toContain(escapeHtml(XSS_QUESTION));
    expect(body).not.toContain('<script>alert(1)</script>');
    const topics = await (await get('/topics', { cookie })).text();
    expect(topics).not.toContain('<script>alert(1)</script>');
  });

  it('protects POSTs against CSRF: no token, a wrong one or another origin is 403; the page’s token works', async () => {
    const cookie = await login();
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${dashboard.url}/index/reindex`, { method: 'POST', body: new URLSearchParams(body), headers: { cookie, ...headers }, redirect: 'manual' });
    expect((await post({})).status).toBe(403);
    expect((await post({ csrf: 'forged' })).status).toBe(403);
    const csrf = await csrfOf(cookie, '/index');
    expect((await post({ csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    // Without the session cookie the token is worthless.
    const stranger = await fetch(`${open.url}/index/reindex`, { method: 'POST', body: new URLSearchParams({ csrf }), redirect: 'manual' });
    expect(stranger.status).toBe(403);
    const ok = await post({ csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/index');
    await dashboard.app.reindex.settled();
    expect(dashboard.app.reindex.state.last?.summary?.documents).toBe(engine().stats().documents);
    const viaBearer = await fetch(`${dashboard.url}/index/reindex`, { method: 'POST', headers: bearer });
    expect(viaBearer.status).toBe(202);
    await dashboard.app.reindex.settled();
  });

  it('exports CSV with formula cells neutralised', async () => {
    const response = await get('/questions.csv', bearer);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="footnote-questions-2024-06-10\.csv"/);
    const csv = await response.text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(9);
    expect(csv).toContain(`"'${FORMULA_QUESTION.replace(/"/g, '""')}"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    for (const name of ['topics', 'feedback', 'documents', 'escalations']) expect((await get(`/${name}.csv`, bearer)).status, name).toBe(200);
    const topics = (await (await get('/topics.csv', bearer)).text()).split('\r\n');
    expect(topics[1]).toMatch(/sourdough[^,]*,3,2,/);
    const votes = (await (await get('/feedback.csv', bearer)).text()).split('\r\n').filter(Boolean);
    expect(votes).toHaveLength(4);
  });

  it('without a token on loopback: open, still with a SameSite=Strict session for CSRF', async () => {
    const response = await fetch(`${open.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);
  });

  it('refuses a non-loopback host without a token, with one line', async () => {
    const deps = { state, engine: engine(), reader: new InsightsReader(state, engine()), logger: createLogger('silent'), now: () => now, retentionDays: 90 };
    await expect(startDashboard({ port: 0, host: '0.0.0.0' }, deps)).rejects.toThrow(/^DASHBOARD_TOKEN is required when DASHBOARD_HOST \(0\.0\.0\.0\) is not a loopback address/);
    expect(() => loadConfig({ DASHBOARD_PORT: '8080', DASHBOARD_HOST: '0.0.0.0' })).toThrow(/^DASHBOARD_TOKEN is required[^\n]*$/);
    expect(loadConfig({ DASHBOARD_PORT: '8080' }).dashboard).toEqual({ port: 8080, host: '127.0.0.1' });
    expect(loadConfig({ DASHBOARD_PORT: '8080', DASHBOARD_HOST: '0.0.0.0', DASHBOARD_TOKEN: TOKEN }).dashboard?.token).toBe(TOKEN);
  });
});

describe('escaping helpers', () => {
  it('html escapes every interpolation; only html`` values pass through', () => {
    const evil = `<img src=x onerror="alert(1)">'&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;</p>');
    expect(html`<ul>${['<b>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;b&gt;<li>ok</li></ul>');
    expect(jsonScript('d', { q: '</script><script>alert(1)</script>' }).value).not.toContain('</script><script>');
  });

  it('csv cells: quotes, line breaks, and formula starts', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+2')).toBe("'=1+2");
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}x`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell(-3)).toBe('-3');
    expect(toCsv(['a', 'b'], [['x', null]])).toBe('a,b\r\nx,\r\n');
  });
});
