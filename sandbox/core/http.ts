// Request/response plumbing shared by every operator: the request as handlers see it (body already
// read, JSON parsed on demand without ever throwing) and small response writers that are safe to call
// on a connection the client already dropped.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; error: string };

export interface SandboxRequest {
  method: string;
  /** Path without the query string, as sent (not decoded). */
  path: string;
  query: URLSearchParams;
  /** Route parameters, URI-decoded. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True when the request carried Content-Length or Transfer-Encoding (a body framing header). */
  hasBodyFraming: boolean;
  receivedAt: number;
  raw: IncomingMessage;
  /** First value of a header (names are case-insensitive), undefined when absent. */
  header(name: string): string | undefined;
  /** The body parsed as JSON; never throws. */
  json(): JsonBody;
}

export type SandboxResponse = ServerResponse;

export function createSandboxRequest(
  raw: IncomingMessage,
  url: URL,
  body: Buffer,
  receivedAt: number,
): SandboxRequest {
  let parsed: JsonBody | undefined;
  return {
    method: (raw.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    params: {},
    headers: raw.headers,
    body,
    hasBodyFraming: raw.headers['content-length'] !== undefined || raw.headers['transfer-encoding'] !== undefined,
    receivedAt,
    raw,
    header(name: string): string | undefined {
      const value = raw.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
    json(): JsonBody {
      parsed ??= parseJsonBody(body);
      return parsed;
    },
  };
}

export function parseJsonBody(body: Buffer): JsonBody {
  let text = body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Reads the whole body; resolves null when it exceeds the limit or the client aborts. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | 'too-large' | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: Buffer | 'too-large' | null): void => {
      if (done) return;
      done = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        finish('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', () => finish(null));
    // 'close' after 'end' is a no-op; before it, the client aborted.
    req.on('close', () => finish(null));
  });
}

function writable(res: SandboxResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed;
}

export function sendRaw(
  res: SandboxResponse,
  status: number,
  body: string | Buffer,
  contentType: string | null,
  headers: Record<string, string> = {},
): void {
  if (!writable(res)) return;
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const all: Record<string, string | number> = { ...headers, 'Content-Length': payload.length };
  if (contentType) all['Content-Type'] = contentType;
  try {
    res.writeHead(status, all);
    res.end(payload);
  } catch {
    // The socket went away between the check and the write: nothing to answer to.
  }
}

export function sendJson(res: SandboxResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  sendRaw(res, status, JSON.stringify(body, jsonReplacer), 'application/json; charset=utf-8', headers);
}

/** A response with no body at all (Content-Length: 0, no Content-Type). */
export function sendEmpty(res: SandboxResponse, status: number, headers?: Record<string, string>): void {
  sendRaw(res, status, '', null, headers);
}

/** JSON.stringify replacer: BigInt values (internal minor units) become decimal strings. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
