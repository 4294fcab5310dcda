// `npm start` with DASHBOARD_PORT: the dashboard on DASHBOARD_HOST (default 127.0.0.1), in the same
// process as the bot, reading the same state store. It never holds up answering: its reads are
// indexed aggregates or pages of rows with a yield between pages (src/insights/report.ts), and a
// Reindex runs in the background while the current index keeps answering.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { ConfigError, isLoopbackHost } from '../config.js';
import { createDashboardApp, type DashboardApp } from './app.js';
import type { DashboardDeps } from './deps.js';

export interface DashboardOptions {
  port: number;
  host: string;
  token?: string;
}

export interface RunningDashboard {
  url: string;
  port: number;
  app: DashboardApp;
  close(): Promise<void>;
}

export async function startDashboard(options: DashboardOptions, deps: DashboardDeps): Promise<RunningDashboard> {
  if (!options.token && !isLoopbackHost(options.host)) {
    throw new ConfigError(`DASHBOARD_TOKEN is required when DASHBOARD_HOST (${options.host}) is not a loopback address: set a long random token, or serve the dashboard on 127.0.0.1`);
  }
  const app = createDashboardApp(deps, options.token);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.app.fetch, port: options.port, hostname: options.host }, () => resolve(started));
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  deps.logger.info({ url, protected: options.token !== undefined }, `dashboard on ${url}${options.token ? ' (token required)' : ' (no token: loopback only)'}`);
  return {
    url,
    port,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
