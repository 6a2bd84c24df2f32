// What MTN's answers mean, in our vocabulary. Pure functions, no I/O: every money-safety decision about
// an MTN answer lives here, so it can be unit-tested row by row (see README.md for the tables). Request
// bodies are built in mtn-momo.bodies.ts.
import type { FailureCode, ProviderExchange, ProviderOutcome } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import { cutText } from './mtn-momo.bodies';
import type { MtnCallResult } from './mtn-momo.client';

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
  return cutText(message ? `${head}: ${message}` : head, 255);
}

/**
 * The answer to a creating POST: request-to-pay, transfer or refund (see the table in README.md).
 * `transactionId` is our id, sent as X-Reference-Id: MTN uses it as the resource id, so it is the
 * provider reference.
 */
export function mapInitiationResult(result: MtnCallResult, transactionId: string): ProviderOutcome {
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

/**
 * The answer to GET requesttopay/{id}, transfer/{id} or refund/{id} (transfer and refund bodies carry a
 * `payee` instead of a `payer`: neither is read). Never failed unless MTN says FAILED in a 200 body.
 */
export function mapStatusResult(result: MtnCallResult, providerReference: string): ProviderOutcome {
  if (result.kind === 'token_failure') return { kind: 'unknown', reason: `MTN access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') return { kind: 'unknown', reason: `${result.failure.code}: ${result.failure.message}` };
  const { status, body } = result.response;
  if (status === 200) return mapMtnStatusBody(body, providerReference);
  if (status === 404) return { kind: 'not_found', reason: describeMtnError(status, body) };
  if (status === 401) return { kind: 'unknown', reason: 'UNAUTHORIZED' };
  return { kind: 'unknown', reason: describeMtnError(status, body) };
}

/** The request-to-pay names of the two mappings above (same rules for every product). */
export const mapRequestToPayResult = mapInitiationResult;
export const mapRequestToPayStatusResult = mapStatusResult;

// ---------------------------------------------------------------- disbursement pre-check, balance

/**
 * `result` of GET accountholder/msisdn/{msisdn}/active: `true`/`false` (boolean, or the strings MTN
 * examples sometimes show), undefined when the body does not say.
 */
export function accountHolderActive(body: unknown): boolean | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const result = (body as Record<string, unknown>)['result'];
  if (typeof result === 'boolean') return result;
  if (typeof result === 'string') {
    const text = result.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return undefined;
}

/**
 * What the account-holder check before a transfer decides: an outcome to stop with, or undefined to go
 * on with the transfer. Only a definite "no" stops it (200 `result: false`, or 404). Anything else
 * (timeout, 5xx, 400, 401, 403, an unreadable body) proves nothing about the payee, and the check guards
 * no money (MTN itself fails a transfer to an unknown payee with PAYEE_NOT_FOUND): the transfer goes
 * ahead and its own answer is mapped with the full money-safety rules. The one exception is a missing
 * token: the transfer needs the same product token, so it could not be sent either.
 */
export function mapAccountHolderCheck(result: MtnCallResult): ProviderOutcome | undefined {
  if (result.kind === 'token_failure') {
    return { kind: 'rejected_unsent', reason: `MTN access token unavailable: ${result.problem}` };
  }
  if (result.kind !== 'answered') return undefined;
  const { status, body } = result.response;
  if (status === 404) return { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'ACCOUNT_HOLDER_NOT_FOUND' };
  if (status === 200 && accountHolderActive(body) === false) {
    return { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'ACCOUNT_HOLDER_NOT_ACTIVE' };
  }
  return undefined;
}

export interface MtnWalletBalance {
  wallet: string;
  currency: string;
  /** The decimal string MTN gives (a number is turned into its string form, never computed with). */
  available: string;
}

/**
 * The answer to GET {product}/v1_0/account/balance as one wallet's balance. Throws OperatorCallError
 * (carrying `exchanges`, every exchange of the whole balance operation) without a usable answer.
 */
export function readMtnBalance(result: MtnCallResult, wallet: string, exchanges: ProviderExchange[]): MtnWalletBalance {
  if (result.kind === 'token_failure') {
    throw new OperatorCallError(`MTN ${wallet} access token unavailable: ${result.problem}`, exchanges);
  }
  if (result.kind === 'transport_failure') {
    throw new OperatorCallError(`MTN ${wallet} balance: ${result.failure.code}: ${result.failure.message}`, exchanges);
  }
  const { status, body } = result.response;
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const available = b['availableBalance'];
  const currency = b['currency'];
  const amount = typeof available === 'number' && Number.isFinite(available) ? String(available) : available;
  if (status !== 200 || typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount.trim()) || typeof currency !== 'string') {
    throw new OperatorCallError(`MTN ${wallet} balance: ${describeMtnError(status, body)}`, exchanges, status);
  }
  return { wallet, currency, available: amount.trim() };
}
