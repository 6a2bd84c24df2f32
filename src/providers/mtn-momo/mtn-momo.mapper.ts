// Our vocabulary <-> MTN's. Pure functions, no I/O: every money-safety decision about what an MTN
// answer means lives here, so it can be unit-tested row by row (see README.md for the tables).
import type { FailureCode, PaymentRequest, ProviderOutcome } from '../provider.port';
import type { MtnCallResult } from './mtn-momo.client';

export const MTN_MESSAGE_MAX_LENGTH = 160;
/** MTN publishes no limit for externalId; our own reference is at most 64 characters. */
export const MTN_EXTERNAL_ID_MAX_LENGTH = 64;

export interface MtnParty {
  partyIdType: 'MSISDN' | 'EMAIL' | 'PARTY_CODE';
  partyId: string;
}

export interface MtnRequestToPayBody {
  /** Decimal string in major units: MTN's schema types amounts as strings. */
  amount: string;
  currency: string;
  externalId: string;
  payer: MtnParty;
  payerMessage?: string;
  payeeNote?: string;
}

/** Reasons MTN gives (FAILED status `reason`, error body `code`) and our failure code for each. */
export const MTN_REASON_TO_FAILURE_CODE: Readonly<Record<string, FailureCode>> = {
  PAYER_NOT_FOUND: 'PAYER_NOT_FOUND',
  PAYEE_NOT_FOUND: 'PAYER_NOT_FOUND',
  NOT_ENOUGH_FUNDS: 'INSUFFICIENT_FUNDS',
  PAYER_LIMIT_REACHED: 'LIMIT_EXCEEDED',
  APPROVAL_REJECTED: 'PAYER_DECLINED',
  TRANSACTION_CANCELED: 'PAYER_DECLINED',
  PAYMENT_NOT_APPROVED: 'PAYER_DECLINED',
  EXPIRED: 'EXPIRED',
  COULD_NOT_PERFORM_TRANSACTION: 'EXPIRED',
  SENDER_ACCOUNT_NOT_ACTIVE: 'ACCOUNT_INACTIVE',
  PAYEE_NOT_ALLOWED_TO_RECEIVE: 'ACCOUNT_INACTIVE',
  RESOURCE_ALREADY_EXIST: 'DUPLICATE',
  SERVICE_UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  INTERNAL_PROCESSING_ERROR: 'PROVIDER_ERROR',
  NOT_ALLOWED: 'PROVIDER_ERROR',
  NOT_ALLOWED_TARGET_ENVIRONMENT: 'PROVIDER_ERROR',
  INVALID_CALLBACK_URL_HOST: 'PROVIDER_ERROR',
  INVALID_CURRENCY: 'PROVIDER_ERROR',
  TRANSFER_TYPE_UNKNOWN: 'PROVIDER_ERROR',
};

/**
 * Error codes MTN returns with HTTP 500 for a request it REJECTED on logical grounds (nothing was
 * created). Any other 500 (INTERNAL_PROCESSING_ERROR, no code, HTML) may have been recorded.
 */
export const MTN_LOGICAL_REJECTION_CODES: ReadonlySet<string> = new Set([
  'NOT_ALLOWED',
  'NOT_ALLOWED_TARGET_ENVIRONMENT',
  'INVALID_CALLBACK_URL_HOST',
  'INVALID_CURRENCY',
]);

/** Statuses that are known not to be final. Any status other than SUCCESSFUL/FAILED is pending anyway. */
export const MTN_PENDING_STATUSES: ReadonlySet<string> = new Set(['PENDING', 'CREATED', 'ONGOING', 'PAYER_DELAYED', 'PAYEE_DELAYED']);

/** 4xx answers that prove the request was refused before anything was created. */
const REFUSED_4XX: ReadonlySet<number> = new Set([400, 403, 404, 405, 411, 413, 414, 415, 422, 431]);

// ---------------------------------------------------------------- request

/** Our payment request as an MTN RequestToPay body. */
export function toRequestToPayBody(request: PaymentRequest): MtnRequestToPayBody {
  const externalId = cut((request.reference ?? '').trim() || request.transactionId, MTN_EXTERNAL_ID_MAX_LENGTH);
  const note = sanitizeMtnNote(request.description ?? request.reference ?? '');
  return {
    amount: request.amount,
    currency: request.currency,
    externalId,
    payer: { partyIdType: 'MSISDN', partyId: request.msisdn },
    ...(note ? { payerMessage: note, payeeNote: note } : {}),
  };
}

/** payerMessage/payeeNote: no `'` or `&` (MTN answers 400), single line, at most 160 characters. */
export function sanitizeMtnNote(text: string): string {
  const cleaned = text
    .replace(/['&]/g, '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cut(cleaned, MTN_MESSAGE_MAX_LENGTH).trim();
}

// ---------------------------------------------------------------- reasons and statuses

/** MTN's reason code from a plain string or a `{code, message}` object; undefined when absent. */
export function mtnReasonCode(reason: unknown): string | undefined {
  if (typeof reason === 'string') return reason.trim() === '' ? undefined : reason.trim();
  if (reason && typeof reason === 'object') {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && code.trim() !== '') return code.trim();
    if (typeof message === 'string' && message.trim() !== '') return message.trim();
  }
  return undefined;
}

/** Our failure code for an MTN reason (string or `{code,message}`); anything unrecognised is UNKNOWN. */
export function mapMtnReason(reason: unknown): FailureCode {
  const code = mtnReasonCode(reason);
  if (!code) return 'UNKNOWN';
  return MTN_REASON_TO_FAILURE_CODE[code.toUpperCase()] ?? 'UNKNOWN';
}

/**
 * The body of a GET status answer (or of a callback) as an outcome. SUCCESSFUL and FAILED are final;
 * every other status, known or not, is pending: we never guess a failure.
 */
export function mapMtnStatusBody(body: unknown, providerReference?: string): ProviderOutcome {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { kind: 'unknown', reason: 'MTN status answer is not a JSON object' };
  }
  const b = body as Record<string, unknown>;
  if (typeof b['status'] !== 'string' || b['status'].trim() === '') {
    return { kind: 'unknown', reason: 'MTN status answer has no status' };
  }
  const status = b['status'].trim().toUpperCase();
  const ref = providerReference ? { providerReference } : {};
  const financialId = typeof b['financialTransactionId'] === 'string' || typeof b['financialTransactionId'] === 'number'
    ? String(b['financialTransactionId'])
    : undefined;
  const txId = financialId ? { providerTransactionId: financialId } : {};
  if (status === 'SUCCESSFUL') return { kind: 'succeeded', ...ref, ...txId, providerStatus: status };
  if (status === 'FAILED') {
    return {
      kind: 'failed',
      failureCode: mapMtnReason(b['reason']),
      failureReason: mtnReasonCode(b['reason']) ?? 'FAILED',
      ...ref,
      ...txId,
    };
  }
  return { kind: 'pending', ...ref, providerStatus: status };
}

// ---------------------------------------------------------------- HTTP answers

/** `code` of an MTN error body (`{code,message}`), token error (`{error}`), or undefined. */
export function mtnErrorCode(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const field of ['code', 'error']) {
    const v = b[field];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** A short, secret-free description of an error answer: `CODE: message`, or `HTTP 400: message`. */
export function describeMtnError(status: number, body: unknown): string {
  const code = mtnErrorCode(body);
  let message: string | undefined;
  if (body && typeof body === 'object') {
    const m = (body as Record<string, unknown>)['message'];
    if (typeof m === 'string' && m.trim() !== '') message = m.trim();
  } else if (typeof body === 'string' && !/<[a-z!]/i.test(body) && body.trim() !== '') {
    message = body.trim();
  }
  const head = code ?? `HTTP ${status}`;
  return cut(message ? `${head}: ${message}` : head, 255);
}

/**
 * The answer to a RequestToPay POST (see the table in README.md). `transactionId` is our id, sent as
 * X-Reference-Id: MTN uses it as the resource id, so it is the provider reference.
 */
export function mapRequestToPayResult(result: MtnCallResult, transactionId: string): ProviderOutcome {
  if (result.kind === 'token_failure') {
    // The payment call was never made: nothing can exist at MTN for this id.
    return { kind: 'rejected_unsent', reason: `MTN access token unavailable: ${result.problem}` };
  }
  if (result.kind === 'transport_failure') {
    const f = result.failure;
    return f.sent === false
      ? { kind: 'rejected_unsent', reason: `${f.code}: ${f.message}` }
      : { kind: 'unknown', reason: `${f.code}: ${f.message}` };
  }
  const { status, body } = result.response;
  const code = mtnErrorCode(body);
  if (status >= 200 && status < 300) return { kind: 'accepted', providerReference: transactionId };
  if (status === 409) {
    // Our X-Reference-Id already exists there: an earlier attempt of this very request got through.
    return !code || code === 'RESOURCE_ALREADY_EXIST'
      ? { kind: 'accepted', providerReference: transactionId, providerStatus: 'RESOURCE_ALREADY_EXIST' }
      : { kind: 'unknown', reason: describeMtnError(status, body) };
  }
  if (status === 401) {
    // Still 401 after a fresh token: the gateway (APIM) refused the call before the payment system
    // saw it, so nothing was created. Treating it as unknown would leave it processing for nothing.
    return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'UNAUTHORIZED' };
  }
  if (status === 429) return { kind: 'failed', failureCode: 'PROVIDER_UNAVAILABLE', failureReason: describeMtnError(status, body) };
  if (REFUSED_4XX.has(status)) {
    return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: describeMtnError(status, body) };
  }
  if (status === 500 && code && MTN_LOGICAL_REJECTION_CODES.has(code)) {
    return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: code };
  }
  // 5xx without a rejection code, 3xx, 408, 410 and friends: it may have been recorded.
  return { kind: 'unknown', reason: describeMtnError(status, body) };
}

/** The answer to GET requesttopay/{id}. Never failed unless MTN says FAILED in a 200 body. */
export function mapRequestToPayStatusResult(result: MtnCallResult, providerReference: string): ProviderOutcome {
  if (result.kind === 'token_failure') return { kind: 'unknown', reason: `MTN access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') return { kind: 'unknown', reason: `${result.failure.code}: ${result.failure.message}` };
  const { status, body } = result.response;
  if (status === 200) return mapMtnStatusBody(body, providerReference);
  if (status === 404) return { kind: 'not_found', reason: describeMtnError(status, body) };
  if (status === 401) return { kind: 'unknown', reason: 'UNAUTHORIZED' };
  return { kind: 'unknown', reason: describeMtnError(status, body) };
}

/** Cut to at most `max` characters without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
