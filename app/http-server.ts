import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { collectHealth, type HealthCheck } from './health.js';

/** The one HTTP server of Sportello: health now, the bot endpoint when it is mounted. */
export class HttpServer {
  readonly app: Express = express();
  private server: Server | null = null;

  constructor(
    private readonly options: { host: string; port: number },
    private readonly healthChecks: HealthCheck[],
  ) {
    this.app.disable('x-powered-by');
    this.app.get('/health', async (_request, response) => {
      const health = await collectHealth(this.healthChecks);
      response.status(health.ok ? 200 : 503).json({ status: health.ok ? 'ok' : 'degraded', ...health });
    });
  }

  /** Adds a component to the health report (each issue's service registers itself). */
  addHealthCheck(check: HealthCheck): void {
    this.healthChecks.push(check);
  }

  async listen(): Promise<{ host: string; port: number }> {
    this.server = await new Promise<Server>((resolve, reject) => {
      const server = this.app.listen(this.options.port, this.options.host, (error?: Error) =>
        error ? reject(error) : resolve(server),
      );
    });
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : this.options.port;
    return { host: this.options.host, port };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
