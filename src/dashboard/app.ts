// The dashboard's routes (Hono): login, the pages, CSV exports, the two actions (Reindex, resolve a
// help request), and its own assets. Every response carries a strict Content-Security-Policy
// (scripts only from this server, no inline script), so even a rendering mistake could not run a
// question's script; the HTML layer escapes every value anyway (html.ts).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { DashboardAuth, SESSION_COOKIE, SESSION_MS } from './auth.js';
import { toCsv, type CsvCell } from './csv.js';
import type { DashboardDeps } from './deps.js';
import type { Query } from './filters.js';
import type { SafeHtml } from './html.js';
import { page } from './layout.js';
import { documentsCsv, documentsPage } from './pages/documents.js';
import { escalationsCsv, escalationsPage } from './pages/escalations.js';
import { feedbackCsv, feedbackPage } from './pages/feedback.js';
import { indexPage } from './pages/index-status.js';
import { loginPage } from './pages/login.js';
import { overviewPage } from './pages/overview.js';
import { questionsCsv, questionsPage } from './pages/questions.js';
import { topicsCsv, topicsPage } from './pages/topics.js';
import { ReindexRunner } from './reindex.js';

type Env = { Variables: { session: string; bearer: boolean } };

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  // Not no-referrer: with it Chromium sends `Origin: null` on the dashboard's own form POSTs, which
  // the CSRF origin check must refuse. same-origin keeps every URL off other sites all the same.
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const ASSET_DIR = path.join(import.meta.dirname, 'assets');
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');
const ASSETS: Record<string, { file: string; type: string }> = {
  'chart.umd.js': { file: CHART_JS, type: 'text/javascript; charset=utf-8' },
  'dashboard.js': { file: path.join(ASSET_DIR, 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { file: path.join(ASSET_DIR, 'dashboard.css'), type: 'text/css; charset=utf-8' },
};

export interface DashboardApp {
  app: Hono<Env>;
  auth: DashboardAuth;
  reindex: ReindexRunner;
}

function query(c: Context<Env>): Query {
  return c.req.query();
}

function clientAddress(c: Context<Env>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

function setSession(c: Context<Env>, value: string): void {
  setCookie(c, SESSION_COOKIE, value, { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:', maxAge: SESSION_MS / 1000 });
}

function csvResponse(c: Context<Env>, name: string, table: { header: string[]; rows: CsvCell[][] }, now: number): Response {
  const day = new Date(now).toISOString().slice(0, 10);
  // A byte-order mark, so spreadsheets read the file as UTF-8.
  return c.body(`\ufeff${toCsv(table.header, table.rows)}`, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="footnote-${name}-${day}.csv"`,
  });
}

export function createDashboardApp(deps: DashboardDeps, token: string | undefined): DashboardApp {
  const auth = new DashboardAuth(token, deps.now);
  const reindex = new ReindexRunner(deps);
  const app = new Hono<Env>();
  const assetCache = new Map<string, string>();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });

  app.onError((error, c) => {
    deps.logger.error({ err: error, path: c.req.path }, 'dashboard request failed');
    return c.html(page({ title: 'Something went wrong', path: '', body: loginPage('The page could not be built; the bot log has the details.').body }), 500);
  });

  app.get('/assets/:name', async (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.notFound();
    let text = assetCache.get(asset.file);
    if (text === undefined) {
      text = await readFile(asset.file, 'utf8');
      assetCache.set(asset.file, text);
    }
    return c.body(text, 200, { 'Content-Type': asset.type, 'Cache-Control': 'private, max-age=3600' });
  });

  const showLogin = (c: Context<Env>, problem: string | undefined, status: 200 | 401 | 429) => c.html(page({ path: '/login', ...loginPage(problem) }), status);

  app.get('/login', (c) => (auth.open ? c.redirect('/', 303) : showLogin(c, undefined, 200)));

  app.post('/login', async (c) => {
    if (auth.open) return c.redirect('/', 303);
    const address = clientAddress(c);
    if (!auth.mayTryLogin(address)) return showLogin(c, 'Too many attempts: wait a minute and try again.', 429);
    const body = await c.req.parseBody();
    const given = typeof body.token === 'string' ? body.token : '';
    if (!auth.checkToken(given)) {
      auth.loginFailed(address);
      deps.logger.warn({ address }, 'dashboard: wrong token at login');
      return showLogin(c, 'Wrong token.', 401);
    }
    setSession(c, auth.newSession());
    return c.redirect('/', 303);
  });

  // Everything below needs a session or the Bearer token.
  app.use('*', async (c, next) => {
    const bearer = auth.checkBearer(c.req.header('authorization'));
    if (bearer === false) return c.text('401 Unauthorized: wrong token\n', 401, { 'WWW-Authenticate': 'Bearer' });
    c.set('bearer', bearer === true);
    let session = getCookie(c, SESSION_COOKIE);
    if (!auth.validSession(session)) {
      session = undefined;
      if (auth.open) {
        session = auth.newSession();
        setSession(c, session);
      } else if (!bearer) {
        const wantsPage = c.req.method === 'GET' && !c.req.path.endsWith('.csv') && (c.req.header('accept') ?? '').includes('text/html');
        return wantsPage ? c.redirect('/login', 303) : c.text('401 Unauthorized: log in or send Authorization: Bearer <DASHBOARD_TOKEN>\n', 401, { 'WWW-Authenticate': 'Bearer' });
      }
    }
    c.set('session', session ?? '');
    await next();
  });

  // CSRF: a POST from a browser session must come from this origin and carry the session's token.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST' || c.get('bearer')) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== new URL(c.req.url).origin) return c.text('403 Forbidden: cross-site request\n', 403);
    const body = await c.req.parseBody();
    const token = typeof body.csrf === 'string' ? body.csrf : undefined;
    if (!auth.validCsrf(c.get('session'), token)) return c.text('403 Forbidden: missing or wrong CSRF token; reload the page and try again\n', 403);
    return next();
  });

  const htmlPage = async (c: Context<Env>, path: string, build: () => Promise<{ title: string; body: SafeHtml; charts?: boolean }> | { title: string; body: SafeHtml }) => {
    await deps.flush?.();
    const built = await build();
    return c.html(page({ ...built, path, csrf: auth.csrfToken(c.get('session')) }));
  };

  app.get('/', (c) => htmlPage(c, '/', () => overviewPage(deps, query(c))));
  app.get('/questions', (c) => htmlPage(c, '/questions', () => questionsPage(deps, query(c))));
  app.get('/topics', (c) => htmlPage(c, '/topics', () => topicsPage(deps, query(c))));
  app.get('/feedback', (c) => htmlPage(c, '/feedback', () => feedbackPage(deps, query(c))));
  app.get('/documents', (c) => htmlPage(c, '/documents', () => documentsPage(deps)));
  app.get('/escalations', (c) => htmlPage(c, '/escalations', () => escalationsPage(deps, auth.csrfToken(c.get('session')))));
  app.get('/index', (c) => htmlPage(c, '/index', () => indexPage(deps, reindex.state, auth.csrfToken(c.get('session')))));

  const csv = (name: string, build: (c: Context<Env>) => Promise<{ header: string[]; rows: CsvCell[][] }>) =>
    app.get(`/${name}.csv`, async (c) => {
      await deps.flush?.();
      return csvResponse(c, name, await build(c), deps.now());
    });
  csv('questions', (c) => questionsCsv(deps, query(c)));
  csv('topics', (c) => topicsCsv(deps, query(c)));
  csv('feedback', (c) => feedbackCsv(deps, query(c)));
  csv('documents', () => documentsCsv(deps));
  csv('escalations', () => escalationsCsv(deps));

  app.post('/index/reindex', (c) => {
    const started = reindex.start();
    return c.get('bearer') ? c.json({ started }, started ? 202 : 409) : c.redirect('/index', 303);
  });

  app.post('/escalations/:id/resolve', async (c) => {
    const resolved = await deps.state.escalations.resolve(c.req.param('id'), deps.now());
    return c.get('bearer') ? c.json({ resolved }, resolved ? 200 : 404) : c.redirect('/escalations', 303);
  });

  app.post('/logout', (c) => {
    setCookie(c, SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 0 });
    return c.redirect(auth.open ? '/' : '/login', 303);
  });

  return { app, auth, reindex };
}
