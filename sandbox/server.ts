// The provider sandbox: one plain node:http server that emulates operators' APIs for local runs and
// tests. Operators (sandbox/<id>/) register their routes on a shared router; the sandbox adds the
// control plane under /_sandbox (health, call log) and never lets a request crash the process.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, redactHeaders } from './core/call-log';
import { createSandboxRequest, readBody, sendJson } from './core/http';
import type { OperatorContext, OperatorInstance, SandboxOperator } from './core/operator';
import { OutboundHttp } from './core/outbound';
import { Router } from './core/router';
import { TimerScope } from './core/timers';
import { resolveSandboxOptions, type SandboxOptions } from './options';
import { SANDBOX_OPERATORS } from './registry';

export type { SandboxOptions } from './options';

export interface RunningSandbox {
  /** Base URL, e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
  options: SandboxOptions;
  /** Each operator's in-memory state object, by operator id (e.g. operators['mtn-momo']). */
  operators: Record<string, unknown>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function startSandbox(
  options: Partial<SandboxOptions> = {},
  operatorList: readonly SandboxOperator[] = SANDBOX_OPERATORS,
): Promise<RunningSandbox> {
  const resolved = resolveSandboxOptions(options);
  const log = resolved.log ? (line: string) => console.log(`[sandbox] ${line}`) : () => undefined;
  const reportError = (error: unknown): void => console.error(`[sandbox] error: ${errorText(error)}`);

  const router = new Router();
  const callLog = new CallLog(resolved.callLogSize);
  const unloggedCalls = new CallLog(0);
  const timers = new TimerScope(reportError);
  const outbound = new OutboundHttp(callLog, resolved.callbackTimeoutMs, log);

  const instances = new Map<string, OperatorInstance<unknown>>();
  for (const operator of operatorList) {
    if (instances.has(operator.id)) throw new Error(`operator ${operator.id} registered twice`);
    const ctx: OperatorContext = {
      id: operator.id,
      options: resolved,
      route: (method, pattern, handler) => {
        router.add(method, pattern, handler, operator.id);
      },
      timers,
      outbound,
      log,
    };
    instances.set(operator.id, operator.create(ctx));
  }

  router.get('/_sandbox/health', (_req, res) => {
    sendJson(res, 200, { status: 'ok', operators: [...instances.keys()] });
  });
  router.get('/_sandbox/calls', (req, res) => {
    const raw = Number(req.query.get('limit') ?? '50');
    const limit = Number.isFinite(raw) && raw > 0 ? Math.floor(raw) : 50;
    sendJson(res, 200, callLog.recent(limit));
  });
  router.get('/_sandbox/routes', (_req, res) => sendJson(res, 200, router.list()));

  const server = http.createServer((req, res) => {
    handle(req, res).catch(reportError);
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const rawUrl = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    // Reading the call log is the one call it does not record.
    const logged = !/^\/_sandbox\/calls(\?|$)/.test(rawUrl);
    const entry = (logged ? callLog : unloggedCalls).start({
      direction: 'in',
      operator: null,
      method,
      path: rawUrl,
      headers: redactHeaders(req.headers),
    });
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : null;
      entry.durationMs = Date.now() - receivedAt;
      if (!res.headersSent) entry.error = 'connection closed before an answer';
      log(`${method} ${entry.path} ${entry.status ?? '-'} ${entry.durationMs}ms`);
    });
    try {
      const body = await readBody(req);
      if (body === null) return;
      if (body === 'too-large') {
        sendJson(res, 413, { statusCode: 413, message: 'Request entity too large' });
        return;
      }
      let url: URL;
      try {
        url = new URL(`http://sandbox.invalid${rawUrl.startsWith('/') ? '' : '/'}${rawUrl}`);
      } catch {
        sendJson(res, 400, { statusCode: 400, message: 'Bad request URL' });
        return;
      }
      const match = router.match(method, url.pathname);
      if (!match) {
        sendJson(res, 404, { statusCode: 404, message: 'Resource not found' });
        return;
      }
      entry.operator = match.route.owner;
      const request = createSandboxRequest(req, url, body, receivedAt);
      request.params = match.params;
      await match.route.handler(request, res);
    } catch (error) {
      reportError(error);
      if (!res.headersSent) {
        sendJson(res, 500, { code: 'SANDBOX_ERROR', message: 'The sandbox failed to handle this request.' });
      } else if (!res.writableEnded) {
        res.destroy();
      }
    }
  }
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', reportError);

  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      timers.close();
      outbound.close();
      for (const instance of instances.values()) {
        try {
          await instance.close?.();
        } catch (error) {
          reportError(error);
        }
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    })();
    return closing;
  };

  const operators: Record<string, unknown> = {};
  for (const [id, instance] of instances) operators[id] = instance.state;

  return { url: formatUrl(resolved.host, port), port, close, options: { ...resolved, port }, operators };
}
