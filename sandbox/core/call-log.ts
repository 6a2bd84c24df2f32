// Bounded in-memory log of every call the sandbox receives (and every callback it sends), for tests
// and people: GET /_sandbox/calls. Secrets (Authorization, subscription keys, ...) never reach it.
import type { IncomingHttpHeaders } from 'node:http';

export interface CallLogEntry {
  id: number;
  time: string;
  direction: 'in' | 'out';
  operator: string | null;
  method: string;
  /** Path and query for incoming calls, full URL for outgoing ones; secrets in the query redacted. */
  path: string;
  /** HTTP status, null while in flight or when no answer came. */
  status: number | null;
  durationMs: number | null;
  error?: string;
  headers: Record<string, string>;
}

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'ocp-apim-subscription-key',
  'cookie',
  'x-api-key',
  'apikey',
]);
const SECRET_QUERY = /^(subscription-key|api[-_]?key|apikey|password|secret|token|access_token)$/i;
export const REDACTED = '[redacted]';

export function redactHeaders(headers: IncomingHttpHeaders | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) {
      out[lower] = text;
    } else if (lower.endsWith('authorization')) {
      const scheme = /^\s*(\S+)\s+\S/.exec(text)?.[1];
      out[lower] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[lower] = REDACTED;
    }
  }
  return out;
}

/** Redacts secret query parameters of a path ("/x?subscription-key=abc" -> "/x?subscription-key=[redacted]"). */
export function redactPath(pathWithQuery: string): string {
  const q = pathWithQuery.indexOf('?');
  if (q < 0) return pathWithQuery;
  const parts = pathWithQuery
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // keep the raw name
      }
      return SECRET_QUERY.test(decoded) ? `${name}=${REDACTED}` : pair;
    });
  return `${pathWithQuery.slice(0, q)}?${parts.join('&')}`;
}

export class CallLog {
  private readonly entries: CallLogEntry[] = [];
  private nextId = 1;

  constructor(private readonly capacity: number) {}

  /** Adds an entry (status null) and returns it so the caller can complete it when the call ends. */
  start(entry: Omit<CallLogEntry, 'id' | 'time' | 'status' | 'durationMs'>): CallLogEntry {
    const full: CallLogEntry = {
      id: this.nextId++,
      time: new Date().toISOString(),
      status: null,
      durationMs: null,
      ...entry,
      path: redactPath(entry.path),
    };
    if (this.capacity <= 0) return full;
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return full;
  }

  /** Most recent first. */
  recent(limit = 50): CallLogEntry[] {
    const n = Math.max(0, Math.min(limit, this.entries.length));
    return this.entries.slice(this.entries.length - n).reverse();
  }

  clear(): void {
    this.entries.length = 0;
  }
}
