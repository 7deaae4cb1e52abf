import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/**
 * A minimal OAuth2 authorisation server for tests: client-credentials tokens at /token and RFC 7662
 * introspection at /introspect (what Dovecot's oauth2 passdb asks). Tokens are bound to `mailbox`.
 */
export class FakeOAuthServer {
  readonly issued: string[] = [];
  tokenRequests = 0;
  private server: Server | null = null;

  constructor(
    private readonly client: { id: string; secret: string },
    private readonly mailbox: string,
  ) {}

  async start(port: number): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += String(chunk)));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        response.setHeader('content-type', 'application/json');
        if (request.url === '/token') {
          this.tokenRequests += 1;
          if (
            form.get('grant_type') !== 'client_credentials' ||
            form.get('client_id') !== this.client.id ||
            form.get('client_secret') !== this.client.secret
          ) {
            response.statusCode = 401;
            response.end(JSON.stringify({ error: 'invalid_client' }));
            return;
          }
          const token = randomUUID();
          this.issued.push(token);
          response.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
          return;
        }
        if (request.url?.startsWith('/introspect')) {
          const token = form.get('token') ?? '';
          const active = this.issued.includes(token);
          response.end(
            JSON.stringify(active ? { active: 'true', username: this.mailbox } : { active: 'false' }),
          );
          return;
        }
        response.statusCode = 404;
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
