// One HTTP call to an operator, for every provider module. It never throws for an HTTP status and
// never throws for a transport problem either: it answers with the response, or with a transport
// failure classified by whether the request could have reached the operator. That distinction is
// what keeps money safe: only `sent: false` may ever turn into a failed transaction at initiation.
// Every answer carries a redacted ProviderExchange for the audit log.
import { performance } from 'node:perf_hooks';
import axios, { AxiosInstance } from 'axios';
import type { ProviderExchange } from '../provider.port';
import { redactHeaders, redactSecrets, shortenUrl } from './redact-secrets';

export { redactSecrets, redactHeaders, shortenUrl, looksSecret, REDACTED } from './redact-secrets';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface OperatorRequest {
  /** Name of the operation for the audit log, e.g. 'mtn-momo.requesttopay'. */
  operation: string;
  method: HttpMethod;
  /** Absolute URL (always built from the account's base URL). */
  url: string;
  headers?: Record<string, string>;
  /** A plain object/array is sent as JSON; a string is sent as is (set its Content-Type); undefined: no body. */
  body?: unknown;
  /** Deadline for the whole call (connect + response), ms: the account's timeoutMs. */
  timeoutMs: number;
  /** Literal secret values (credentials, callback tokens) to scrub from the exchange wherever they appear. */
  secretValues?: readonly string[];
}

/** The operator answered (any HTTP status). */
export interface OperatorResponse {
  kind: 'response';
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the raw text; undefined for an empty body. */
  body: unknown;
  durationMs: number;
  exchange: ProviderExchange;
}

/**
 * No HTTP answer. `sent: false`: the request certainly never reached the operator (DNS failure,
 * connection refused, invalid URL, TLS certificate rejected before any byte of the request was
 * readable). `sent: 'maybe'`: it may have been received and acted upon (timeout, reset, hang up...).
 */
export interface OperatorTransportFailure {
  kind: 'transport_failure';
  sent: false | 'maybe';
  /** A short machine code: ECONNREFUSED, ENOTFOUND, TIMEOUT, ECONNRESET, ERR_INVALID_URL, ... */
  code: string;
  message: string;
  durationMs: number;
  exchange: ProviderExchange;
}

export type OperatorHttpResult = OperatorResponse | OperatorTransportFailure;

/** Error codes proving the request never left this machine / never reached an HTTP server. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ERR_INVALID_URL',
  // TLS verification fails during the handshake, before the HTTP request can be decrypted by anyone.
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const BODYLESS_WRITE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH']);
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface OperatorHttpOptions {
  /** Axios instance to use (defaults to a fresh one); operators' redirects are never followed. */
  axios?: AxiosInstance;
  maxResponseBytes?: number;
}

export class OperatorHttp {
  private readonly axios: AxiosInstance;
  private readonly maxResponseBytes: number;

  constructor(options: OperatorHttpOptions = {}) {
    this.axios = options.axios ?? axios.create();
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  async request(req: OperatorRequest): Promise<OperatorHttpResult> {
    const secrets = req.secretValues ?? [];
    const { headers, data } = buildPayload(req);
    const exchangeRequest: ProviderExchange['request'] = {
      method: req.method,
      url: shortenUrl(req.url, secrets),
      headers: redactHeaders(headers, secrets),
      ...(req.body !== undefined ? { body: redactSecrets(req.body, secrets) } : {}),
    };
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);

    const urlProblem = checkUrl(req.url);
    if (urlProblem) {
      return failure(req, exchangeRequest, false, 'ERR_INVALID_URL', urlProblem, elapsed(), secrets);
    }

    // A wall-clock deadline for the whole exchange (axios' own timeout is an idle-socket timeout).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, req.timeoutMs);

    try {
      const res = await this.axios.request<string>({
        method: req.method,
        url: req.url,
        headers,
        data,
        timeout: req.timeoutMs,
        signal: controller.signal,
        validateStatus: () => true,
        maxRedirects: 0,
        responseType: 'text',
        transformRequest: [(body: unknown) => body],
        transformResponse: [(body: unknown) => body],
        maxContentLength: this.maxResponseBytes,
      });
      const durationMs = elapsed();
      const resHeaders = plainHeaders(res.headers);
      const body = parseBody(typeof res.data === 'string' ? res.data : res.data == null ? '' : String(res.data));
      return {
        kind: 'response',
        status: res.status,
        headers: resHeaders,
        body,
        durationMs,
        exchange: {
          operation: req.operation,
          request: exchangeRequest,
          response: {
            status: res.status,
            headers: redactHeaders(resHeaders, secrets),
            ...(body !== undefined ? { body: redactSecrets(body, secrets) } : {}),
          },
          durationMs,
        },
      };
    } catch (err) {
      const { sent, code, message } = classifyTransportError(err, timedOut, req.timeoutMs);
      return failure(req, exchangeRequest, sent, code, message, elapsed(), secrets);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Classifies an error thrown by the HTTP stack. Anything not provably unsent is 'maybe'. */
export function classifyTransportError(
  err: unknown,
  timedOut = false,
  timeoutMs?: number,
): { sent: false | 'maybe'; code: string; message: string } {
  const message = err instanceof Error ? err.message || err.name : String(err);
  const codes = collectCodes(err);
  if (timedOut || codes.includes('ECONNABORTED') || codes.includes('ETIMEDOUT')) {
    return { sent: 'maybe', code: 'TIMEOUT', message: timeoutMs ? `no answer within ${timeoutMs} ms` : message };
  }
  // An AggregateError (several addresses tried) is unsent only when every attempt was.
  const leafCodes = leafErrorCodes(err);
  if (leafCodes.every((c) => NOT_SENT_CODES.has(c))) {
    return { sent: false, code: leafCodes[0] as string, message };
  }
  return { sent: 'maybe', code: codes.find((c) => c !== 'ERR_CANCELED') ?? codes[0] ?? 'ERR_UNKNOWN', message };
}

const NO_CODE = '(none)';

function collectCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => collectCodes(x, depth + 1)) : [];
  return [...own, ...collectCodes(e.cause, depth + 1), ...nested];
}

/**
 * The codes of the innermost errors: the sub-errors of an AggregateError, else the cause's, else the
 * error's own. A leaf without a code proves nothing and yields NO_CODE, which makes the failure 'maybe'.
 */
function leafErrorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [NO_CODE];
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors.flatMap((x) => leafErrorCodes(x, depth + 1));
  if (e.cause && typeof e.cause === 'object') return leafErrorCodes(e.cause, depth + 1);
  return [typeof e.code === 'string' ? e.code : NO_CODE];
}

function failure(
  req: OperatorRequest,
  exchangeRequest: ProviderExchange['request'],
  sent: false | 'maybe',
  code: string,
  message: string,
  durationMs: number,
  secrets: readonly string[],
): OperatorTransportFailure {
  const safeMessage = redactSecrets(message, secrets);
  return {
    kind: 'transport_failure',
    sent,
    code,
    message: safeMessage,
    durationMs,
    exchange: {
      operation: req.operation,
      request: exchangeRequest,
      error: `${code}: ${safeMessage} (${sent === false ? 'not sent' : 'may have been received'})`,
      durationMs,
    },
  };
}

function buildPayload(req: OperatorRequest): { headers: Record<string, string>; data: string | undefined } {
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name.toLowerCase());
  if (req.body === undefined) {
    // Operators answer 411 Length Required to a bodyless POST without an explicit Content-Length.
    if (BODYLESS_WRITE_METHODS.has(req.method) && !has('content-length')) headers['Content-Length'] = '0';
    return { headers, data: undefined };
  }
  if (typeof req.body === 'string') return { headers, data: req.body };
  if (!has('content-type')) headers['Content-Type'] = 'application/json';
  return { headers, data: JSON.stringify(req.body) };
}

function checkUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `unsupported protocol ${parsed.protocol}`;
    return undefined;
  } catch {
    return 'invalid URL';
  }
}

function plainHeaders(headers: unknown): Record<string, string> {
  const source =
    headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
      : ((headers ?? {}) as Record<string, unknown>);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

/** JSON when it parses, the text otherwise, undefined when empty. */
export function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Thrown by operations that have no outcome vocabulary (balance, lookups) when the operator gives no
 * usable answer. Carries the redacted exchanges so the caller can still log what happened.
 */
export class OperatorCallError extends Error {
  constructor(
    message: string,
    readonly exchanges: ProviderExchange[],
    /** The operator's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OperatorCallError';
  }
}
