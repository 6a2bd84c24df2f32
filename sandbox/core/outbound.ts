// Outgoing HTTP calls (operator callbacks to the gateway) with node:http/https. send() never rejects:
// connection refused, timeouts and bad URLs come back as { error } and are written to the call log.
import http from 'node:http';
import https from 'node:https';
import type { CallLog } from './call-log';

export interface OutboundRequest {
  method: 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Operator sending the call, for the call log. */
  operator: string;
}

export interface OutboundResult {
  status: number | null;
  /** Response body as text, truncated to MAX_RESPONSE_CHARS. */
  body: string | null;
  error: string | null;
  durationMs: number;
}

const MAX_RESPONSE_CHARS = 4096;

export class OutboundHttp {
  private readonly inFlight = new Set<http.ClientRequest>();
  private closed = false;

  constructor(
    private readonly callLog: CallLog,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void,
  ) {}

  send(request: OutboundRequest): Promise<OutboundResult> {
    const started = Date.now();
    const payload = Buffer.from(request.body, 'utf8');
    const entry = this.callLog.start({
      direction: 'out',
      operator: request.operator,
      method: request.method,
      path: request.url,
      headers: { ...request.headers },
    });
    return new Promise<OutboundResult>((resolve) => {
      let settled = false;
      const finish = (status: number | null, body: string | null, error: string | null): void => {
        if (settled) return;
        settled = true;
        const result = { status, body, error, durationMs: Date.now() - started };
        entry.status = status;
        entry.durationMs = result.durationMs;
        if (error) entry.error = error;
        this.log(`-> ${request.method} ${request.url} ${status ?? 'ERR'}${error ? ` (${error})` : ''}`);
        resolve(result);
      };
      if (this.closed) return finish(null, null, 'sandbox closing');
      let url: URL;
      try {
        url = new URL(request.url);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
      } catch (error) {
        return finish(null, null, `bad url: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        const client = url.protocol === 'https:' ? https : http;
        const req = client.request(url, {
          method: request.method,
          headers: { ...request.headers, 'Content-Length': String(payload.length) },
          timeout: this.timeoutMs,
        });
        this.inFlight.add(req);
        let answered = false;
        req.on('response', (res) => {
          answered = true;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (text.length < MAX_RESPONSE_CHARS) text += chunk;
          });
          res.on('end', () => finish(res.statusCode ?? null, text.slice(0, MAX_RESPONSE_CHARS), null));
          res.on('error', (error) => finish(res.statusCode ?? null, text, error.message));
          res.on('close', () => finish(res.statusCode ?? null, text.slice(0, MAX_RESPONSE_CHARS), null));
        });
        req.on('timeout', () => req.destroy(new Error(`timeout after ${this.timeoutMs} ms`)));
        req.on('error', (error: NodeJS.ErrnoException) => finish(null, null, error.code ?? error.message));
        req.on('close', () => {
          this.inFlight.delete(req);
          if (!answered) finish(null, null, 'connection closed');
        });
        req.end(payload);
      } catch (error) {
        finish(null, null, error instanceof Error ? error.message : String(error));
      }
    });
  }

  /** Aborts every call in flight (their results become errors) and refuses new ones. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight) req.destroy(new Error('sandbox closing'));
    this.inFlight.clear();
  }
}
