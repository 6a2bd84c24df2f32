import net from 'node:net';
import type { SandboxOperator } from './core/operator';
import { startSandbox, type RunningSandbox } from './server';
import { MtnTestClient, waitFor } from './testing/helpers';

/** Sends raw bytes and resolves with the raw answer (for requests fetch cannot make). */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (/\r\n\r\n/.test(answer) && /<\/HTML>|Content-Length: 0\r\n\r\n$/i.test(answer)) socket.end();
    });
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('provider sandbox server', () => {
  let sandbox: RunningSandbox;
  let mtn: MtnTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 50, callLogSize: 100 });
    mtn = new MtnTestClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('listens on a random port and reports the real url', () => {
    expect(sandbox.port).toBeGreaterThan(0);
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.options.port).toBe(sandbox.port);
    expect(Object.keys(sandbox.operators)).toEqual(['mtn-momo', 'airtel-money', 'mpesa-daraja', 'orange-money', 'mpesa-vodacom']);
  });

  it('answers health', async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', operators: ['mtn-momo', 'airtel-money', 'mpesa-daraja', 'orange-money', 'mpesa-vodacom'] });
  });

  it('answers unknown routes with a 404 JSON body', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['DELETE', '/collection/v1_0/requesttopay'],
      ['GET', '//double//slash'],
    ] as const) {
      const res = await fetch(`${sandbox.url}${path}`, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ statusCode: 404, message: 'Resource not found' });
    }
  });

  it('logs calls with secrets redacted, most recent first', async () => {
    await mtn.requestToken();
    await fetch(`${sandbox.url}/_sandbox/health?subscription-key=query-secret`);
    const res = await fetch(`${sandbox.url}/_sandbox/calls?limit=2`);
    const calls = (await res.json()) as Array<Record<string, any>>;
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/_sandbox/health?subscription-key=[redacted]', status: 200 });
    expect(calls[1]).toMatchObject({ direction: 'in', operator: 'mtn-momo', method: 'POST', path: '/collection/token/', status: 200 });
    expect(calls[1]?.headers.authorization).toBe('Basic [redacted]');
    expect(calls[1]?.headers['ocp-apim-subscription-key']).toBe('[redacted]');
    expect(JSON.stringify(calls)).not.toContain(mtn.subscriptionKey);
    expect(typeof calls[0]?.time).toBe('string');
  });

  it('answers a bodyless POST without Content-Length with the HTML 411 page', async () => {
    const answer = await rawRequest(
      sandbox.port,
      `POST /collection/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\nOcp-Apim-Subscription-Key: ${mtn.subscriptionKey}\r\n` +
        `Authorization: ${mtn.basic()}\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 411 /);
    expect(answer).toMatch(/Content-Type: text\/html/i);
    expect(answer).toContain('HTTP Error 411. The request must be chunked or have a content length.');
    // With Content-Length: 0 (what node clients send) the same call works.
    expect((await mtn.requestToken({ 'Content-Length': '0' })).status).toBe(200);
  });

  it('survives malformed HTTP and keeps serving', async () => {
    const answer = await rawRequest(sandbox.port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(answer).toMatch(/400 Bad Request/);
    expect((await fetch(`${sandbox.url}/_sandbox/health`)).status).toBe(200);
  });

  it('turns a throwing handler into a 500 JSON answer', async () => {
    const broken: SandboxOperator = {
      id: 'broken',
      name: 'Broken',
      create(ctx) {
        ctx.route('GET', '/boom', () => {
          throw new Error('boom');
        });
        ctx.route('GET', '/async-boom', async () => {
          await Promise.resolve();
          throw new Error('async boom');
        });
        return { state: {} };
      },
    };
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const other = await startSandbox({ port: 0 }, [broken]);
    try {
      for (const path of ['/boom', '/async-boom']) {
        const res = await fetch(`${other.url}${path}`);
        expect(res.status).toBe(500);
        expect(await res.json()).toMatchObject({ code: 'SANDBOX_ERROR' });
      }
      expect((await fetch(`${other.url}/_sandbox/health`)).status).toBe(200);
    } finally {
      await other.close();
      errors.mockRestore();
    }
  });

  it('closes promptly even with a request hanging and timers pending', async () => {
    const other = await startSandbox({ port: 0, hangMs: 60_000, settleMs: 60_000 });
    const client = new MtnTestClient(other);
    await client.login();
    const hanging = client
      .requestToPay('0c9a4d8e-1b7f-4c3a-9e2d-5f6a7b8c9d01', MtnTestClient.rtpBody('256772990006'))
      .catch((error: unknown) => error);
    await waitFor(() => (other.operators['mtn-momo'] as { requestsToPay: Map<string, unknown> }).requestsToPay.size === 1);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await hanging).toHaveProperty('name', 'TypeError'); // fetch failed: the socket was closed
    await expect(fetch(`${other.url}/_sandbox/health`)).rejects.toThrow();
    await other.close(); // idempotent
  });

  it('fails to start on a port in use', async () => {
    await expect(startSandbox({ port: sandbox.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
