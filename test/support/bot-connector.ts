import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent to the connector, with the moment it arrived. */
export interface ConnectorActivity {
  readonly conversationId: string;
  readonly activity: { type?: string; text?: string; replyToId?: string; attachments?: unknown[] };
  readonly at: number;
}

/**
 * A local stand-in for the Bot Framework connector service (the `serviceUrl` of an activity): it
 * accepts what the bot sends back over real HTTP and records it, so that a benchmark can time a
 * turn from the request in to the reply out. Local mode only: it checks no token.
 */
export class BotConnector {
  private server: Server | null = null;
  private readonly waiters = new Set<() => void>();
  readonly received: ConnectorActivity[] = [];
  /** Every request to the activities API: when it came and what it was answered. */
  readonly requests: { at: number; status: number }[] = [];
  /** Answer 429 to this many requests before accepting again (to exercise throttling). */
  throttleNext = 0;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(request.url ?? '');
        if (!match || !['POST', 'PUT'].includes(request.method ?? '')) {
          response.writeHead(404).end();
          return;
        }
        const throttled = this.throttleNext > 0;
        this.requests.push({ at: performance.now(), status: throttled ? 429 : 200 });
        if (throttled) {
          this.throttleNext -= 1;
          response.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
          response.end('{"error":{"code":"TooManyRequests"}}');
          return;
        }
        const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        this.received.push({
          conversationId: decodeURIComponent(match[1]!),
          activity: body,
          at: performance.now(),
        });
        for (const wake of this.waiters) wake();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: randomUUID() }));
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  /** Resolves with the first activity received from now on that satisfies the test. */
  next(test: (received: ConnectorActivity) => boolean, timeoutMs = 10_000): Promise<ConnectorActivity> {
    const from = this.received.length;
    return this.waitFor(() => this.received.slice(from).find(test) ?? null, timeoutMs);
  }

  /** Resolves once `count` activities satisfying the test have arrived in all. */
  count(test: (received: ConnectorActivity) => boolean, count: number, timeoutMs: number): Promise<number> {
    return this.waitFor(() => {
      const matching = this.received.filter(test);
      return matching.length >= count ? Math.max(...matching.map((item) => item.at)) : null;
    }, timeoutMs);
  }

  private waitFor<T>(check: () => T | null, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error('the bot did not answer in time'));
      }, timeoutMs);
      const wake = () => {
        const found = check();
        if (found === null) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(found);
      };
      this.waiters.add(wake);
      wake();
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server?.closeAllConnections();
  }
}
