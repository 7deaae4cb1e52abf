import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { collectHealth, type HealthCheck } from './health.js';

/** The one HTTP server of Sportello: health now, the bot endpoint when it is mounted. */
export class HttpServer {
  readonly app: Express = express();
  private server: Server | null = null;

  private readonly logger: Logger;

  constructor(
    private readonly options: { host: string; port: number },
    private readonly healthChecks: HealthCheck[],
    logger: Logger,
  ) {
    this.logger = logger.child({ component: 'http' });
    this.app.disable('x-powered-by');
    // Liveness: the process answers (what systemd's watchdog or Kubernetes' livenessProbe restart on).
    this.app.get('/health/live', (_request, response) => {
      response.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
    });
    // Readiness: every component works (database, mailbox, OCR, outbox, scheduler): what a load
    // balancer or readinessProbe waits for. `/health` is the same, for the existing monitors.
    const ready = async (_request: Request, response: Response) => {
      const health = await collectHealth(this.healthChecks);
      response.status(health.ok ? 200 : 503).json({ status: health.ok ? 'ok' : 'degraded', ...health });
    };
    this.app.get('/health/ready', ready);
    this.app.get('/health', ready);
  }

  /** The last handler: malformed JSON, oversized bodies and every unexpected error. */
  private readonly failed = (error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const correlationId = randomUUID();
    const status = (error as { status?: number }).status;
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    this.logger.warn({ err: error, correlationId, path: request.path, status }, 'http request failed');
    response
      .status(clientError ? status : 500)
      .json(
        errorBody(
          clientError ? 'Richiesta non valida.' : 'Errore interno: riprovare più tardi.',
          correlationId,
        ),
      );
  };

  /** Adds a component to the health report (each issue's service registers itself). */
  addHealthCheck(check: HealthCheck): void {
    this.healthChecks.push(check);
  }

  async listen(): Promise<{ host: string; port: number }> {
    this.app.use(notFound);
    this.app.use(this.failed);
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

/** Errors answer a generic body and a correlation id; what went wrong (stack, paths) goes to the log only. */
function errorBody(message: string, correlationId: string) {
  return { errore: message, correlationId };
}

function notFound(_request: Request, response: Response): void {
  response.status(404).json(errorBody('Risorsa non trovata.', randomUUID()));
}
