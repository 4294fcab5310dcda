// The dashboard in a real browser: Debian's Chromium, headless, driven by playwright-core, against
// the dashboard on a real state store and the real engine. Logs in (a wrong token first: 401),
// sees the charts drawn (canvas pixels), filters the questions table, exports a CSV, presses
// Reindex, checks the <script> question stays text (no dialog, no script element), and that the
// overview fits a phone's width. Screenshots go to DASHBOARD_SCREENSHOTS_DIR (docs/ for the README).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/server.js';
import { InsightsReader } from '../../src/insights/report.js';
import { createLogger } from '../../src/log.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { useSharedEngine } from '../support/shared-engine.js';
import { seedInsights, XSS_QUESTION } from './fixtures/seed.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'browser-test-token-0123456789';
const engine = useSharedEngine();

describe('dashboard in headless Chromium', () => {
  let dir = '';
  let state: StateStore;
  let dashboard: RunningDashboard;
  let context: BrowserContext;
  let page: Page;
  let shots = '';
  const dialogs: string[] = [];
  const now = Date.UTC(2024, 5, 10, 12);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-browser-'));
    shots = process.env.DASHBOARD_SCREENSHOTS_DIR ? path.resolve(process.env.DASHBOARD_SCREENSHOTS_DIR) : path.join(dir, 'shots');
    await mkdir(shots, { recursive: true });
    state = await openStateStore({ dataDir: path.join(dir, 'data'), logger: createLogger('silent') });
    await seedInsights(state, engine(), now);
    dashboard = await startDashboard(
      { port: 0, host: '127.0.0.1', token: TOKEN },
      { state, engine: engine(), reader: new InsightsReader(state, engine()), logger: createLogger('silent'), now: () => now, retentionDays: 90 },
    );
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await dashboard?.close();
    await dashboard?.app.reindex.settled();
    await state?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a wrong token gets 401; the right one logs in', async () => {
    await page.goto(`${dashboard.url}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name=token]', 'not-the-token');
    const [wrong] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'), page.click('button[type=submit]')]);
    expect(wrong.status()).toBe(401);
    await expect(page.textContent('#login-problem')).resolves.toContain('Wrong token');
    await page.fill('input[name=token]', TOKEN);
    await Promise.all([page.waitForURL(`${dashboard.url}/`), page.click('button[type=submit]')]);
    expect(await page.textContent('h1')).toBe('Overview');
    const cookie = (await context.cookies()).find((c) => c.name === 'footnote_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('draws the charts (non-empty canvases) and shows the counts', async () => {
    await page.waitForSelector('html[data-charts=ready]');
    for (const id of ['per-day', 'outcomes']) {
      // Browser code as a string: the test's TypeScript has no DOM types.
      const painted = await page.evaluate<number>(`(() => {
        const canvas = document.getElementById(${JSON.stringify(id)});
        const ctx = canvas && canvas.getContext('2d');
        if (!canvas || !ctx || canvas.width === 0) return 0;
        const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
        return n;
      })()`);
      expect(painted, id).toBeGreaterThan(1000);
    }
    expect(await page.textContent('#kpi-questions .value')).toBe('8');
    expect(await page.textContent('#kpi-people .value')).toBe('3');
    expect(await page.textContent('#kpi-not-found .value')).toBe('63 %');
    expect(await page.textContent('ol.topics li:first-child')).toMatch(/sourdough.*— 3 questions/);
    await page.screenshot({ path: path.join(shots, 'dashboard-overview.png'), fullPage: true });
  });

  it('filters the questions table; the <script> question renders as text', async () => {
    await page.goto(`${dashboard.url}/questions`);
    expect(await page.locator('#questions tbody tr').count()).toBe(8);
    await page.selectOption('select[name=outcome]', 'not-found');
    await Promise.all([page.waitForURL(/outcome=not-found/), page.click('#question-filters button[type=submit]')]);
    expect(await page.locator('#questions tbody tr').count()).toBe(5);
    expect(await page.locator('#questions tbody tr[data-outcome=not-found]').count()).toBe(5);
    await page.fill('input[name=q]', 'alert(');
    await Promise.all([page.waitForURL(/q=alert/), page.click('#question-filters button[type=submit]')]);
    expect(await page.locator('#questions tbody tr').count()).toBe(1);
    expect(await page.textContent('#questions tbody td.question')).toBe(XSS_QUESTION);
    expect(await page.locator('td.question script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await page.goto(`${dashboard.url}/questions`);
    await page.screenshot({ path: path.join(shots, 'dashboard-questions.png'), fullPage: true });
  });

  it('exports the filtered table as CSV', async () => {
    await page.goto(`${dashboard.url}/questions?outcome=not-found`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-questions')]);
    const file = await download.path();
    const csv = await readFile(file, 'utf8');
    const lines = csv.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^asked_at,server_id,server,channel_id/);
    expect(lines).toHaveLength(6);
    expect(download.suggestedFilename()).toBe('footnote-questions-2024-06-10.csv');
  });

  it('presses Reindex and sees the rebuild finish', async () => {
    await page.goto(`${dashboard.url}/index`);
    await Promise.all([page.waitForNavigation(), page.click('#reindex')]);
    expect(page.url()).toBe(`${dashboard.url}/index`);
    await dashboard.app.reindex.settled();
    await page.reload();
    expect(await page.textContent('#last-reindex')).toMatch(/Last rebuild from the dashboard.*\d+ documents/);
    expect(await page.textContent('#rebuild-state')).toBe('idle');
  });

  it('lists the open help request and marks it resolved', async () => {
    await page.goto(`${dashboard.url}/escalations`);
    expect(await page.textContent('#open-count')).toBe('1');
    await Promise.all([page.waitForNavigation(), page.click('#open-escalations button[type=submit]')]);
    expect(page.url()).toBe(`${dashboard.url}/escalations`);
    expect(await page.textContent('#open-count')).toBe('0');
    expect(await page.locator('#resolved-escalations tbody tr').count()).toBe(1);
  });

  it('fits a phone: the overview is one column with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${dashboard.url}/`);
    await page.waitForSelector('html[data-charts=ready]');
    const widths = await page.evaluate<{ page: number; chart: number }>(
      "({ page: document.documentElement.scrollWidth, chart: document.getElementById('per-day').getBoundingClientRect().width })",
    );
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.chart).toBeGreaterThan(250);
    await page.screenshot({ path: path.join(shots, 'dashboard-overview-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
