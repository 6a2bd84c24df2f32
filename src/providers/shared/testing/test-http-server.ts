// A tiny real HTTP server for provider specs (node:http on an ephemeral port, no mocking library):
// it records every request and answers with a handler the spec can swap at any time.
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type TestHandler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export class TestHttpServer {
  readonly requests: RecordedRequest[] = [];
  handler: TestHandler;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    handler: TestHandler,
  ) {
    this.handler = handler;
  }

  /** Starts a server on 127.0.0.1 and a free port; the default handler answers 404. */
  static async start(handler: TestHandler = (_req, res) => sendJson(res, 404, { code: 'NOT_FOUND' })): Promise<TestHttpServer> {
    let instance: TestHttpServer | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        instance?.requests.push(recorded);
        Promise.resolve(instance?.handler(recorded, res)).catch(() => res.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    instance = new TestHttpServer(server, `http://127.0.0.1:${port}`, handler);
    return instance;
  }

  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.url.startsWith(prefix));
  }

  /** Stops listening and drops open (keep-alive or hanging) connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function sendJson(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, { 'Content-Length': '0', ...headers });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** A URL on 127.0.0.1 whose port was free a moment ago and has nothing listening: connection refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
