// What Daraja's synchronous answers mean, in our vocabulary. Pure functions, no I/O: every money-safety
// decision about a Daraja answer lives here (README.md has the tables). Callbacks are in
// mpesa-daraja.callbacks.ts.
import type { FailureCode, ProviderExchange, ProviderOutcome } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import type { DarajaCallResult } from './mpesa-daraja.client';
import { tokenRejected } from './mpesa-daraja.client';
import { DARAJA_PENDING_RESULT_CODES, DarajaAnswer, describeDaraja, mapDarajaResultCode, readDarajaAnswer } from './mpesa-daraja.codes';

/** HTTP statuses proving a POST was refused before processing (validation, wrong path or method). */
const REFUSED_4XX: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 411, 413, 414, 415, 422, 431]);
/** 500.001.1001 texts on STK Push that mean the push was refused (nothing pending at Safaricom). */
const STK_REFUSED_1001 = /lock subscriber|already in process|wrong credentials|invalid credentials|merchant does not exist/i;

/** Before any answer is read: no token → nothing was sent; a transport failure → unsent or unknown. */
function initiationTransport(result: DarajaCallResult): ProviderOutcome | undefined {
  if (result.kind === 'token_failure') return { kind: 'rejected_unsent', reason: `Daraja access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') {
    const f = result.failure;
    return f.sent === false ? { kind: 'rejected_unsent', reason: `${f.code}: ${f.message}` } : { kind: 'unknown', reason: `${f.code}: ${f.message}` };
  }
  return undefined;
}

function queryTransport(result: DarajaCallResult): ProviderOutcome | undefined {
  if (result.kind === 'token_failure') return { kind: 'unknown', reason: `Daraja access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') return { kind: 'unknown', reason: `${result.failure.code}: ${result.failure.message}` };
  return undefined;
}

/** The FailureCode of a refused request, from the field Daraja's message names. */
function refusalCode(a: DarajaAnswer): FailureCode {
  const message = a.errorMessage ?? '';
  if (/amount/i.test(message)) return 'INVALID_AMOUNT';
  if (/phone ?number|partya|msisdn/i.test(message)) return 'PAYER_NOT_FOUND';
  return 'PROVIDER_ERROR';
}

/** An error answer to a creating POST (STK Push, B2C, Reversal): failed when provably refused, else unknown. */
function initiationError(status: number, body: unknown, a: DarajaAnswer): ProviderOutcome {
  const said = describeDaraja(a, status);
  if (tokenRejected({ status, body })) return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: `UNAUTHORIZED: ${said}` };
  if (REFUSED_4XX.has(status)) return { kind: 'failed', failureCode: refusalCode(a), failureReason: said };
  if (status === 429) return { kind: 'failed', failureCode: 'PROVIDER_UNAVAILABLE', failureReason: said };
  // 408, 5xx (500.002.1001 duplicate OriginatorConversationID: the first may be in flight), 3xx…
  return { kind: 'unknown', reason: said };
}

/**
 * STK Push answer (§2). ResponseCode "0" with a CheckoutRequestID → accepted (not paid). 500.001.1001
 * "Unable to lock subscriber" / "Wrong credentials" / "Merchant does not exist" → failed PROVIDER_ERROR
 * (no prompt was sent; nothing is pending). Other 5xx, timeouts → unknown.
 */
export function mapStkPushResult(result: DarajaCallResult): ProviderOutcome {
  const early = initiationTransport(result);
  if (early || result.kind !== 'answered') return early as ProviderOutcome;
  const { status, body } = result.response;
  const a = readDarajaAnswer(body);
  if (status >= 200 && status < 300) {
    if (a.responseCode === '0' && a.checkoutRequestId) {
      return {
        kind: 'accepted',
        providerReference: a.checkoutRequestId,
        providerStatus: '0',
        ...(a.merchantRequestId ? { providerData: { merchantRequestId: a.merchantRequestId } } : {}),
      };
    }
    return { kind: 'unknown', reason: `unexpected STK Push answer: ${describeDaraja(a, status)}` };
  }
  if (a.errorCode === '500.001.1001' && STK_REFUSED_1001.test(a.errorMessage ?? '')) {
    return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: describeDaraja(a) };
  }
  return initiationError(status, body, a);
}

/**
 * Answer to a request whose result is POSTed later (B2C, Reversal, §6–§7): ResponseCode "0" with a
 * ConversationID → accepted, providerReference = ConversationID.
 */
export function mapAsyncRequestResult(result: DarajaCallResult, what: string): ProviderOutcome {
  const early = initiationTransport(result);
  if (early || result.kind !== 'answered') return early as ProviderOutcome;
  const { status, body } = result.response;
  const a = readDarajaAnswer(body);
  if (status >= 200 && status < 300) {
    if (a.responseCode === '0' && a.conversationId) {
      return {
        kind: 'accepted',
        providerReference: a.conversationId,
        providerStatus: '0',
        ...(a.originatorConversationId ? { providerData: { originatorConversationId: a.originatorConversationId } } : {}),
      };
    }
    return { kind: 'unknown', reason: `unexpected ${what} answer: ${describeDaraja(a, status)}` };
  }
  return initiationError(status, body, a);
}

/** The only 500.001.1001 text on STK Query that means "not finished yet". */
const STK_QUERY_BEING_PROCESSED = /being processed/i;

/**
 * STK Push Query (§3). ResultCode "0" → succeeded (no receipt here); "4999" or the 500.001.1001 envelope
 * saying "being processed" → pending; any other ResultCode → failed (mapped; an unlisted one UNKNOWN with
 * its raw code: a ResultCode is only given once the push is over). Anything else is no proof about the
 * payment → unknown: any other 500.001.1001 text, a 400 "Invalid CheckoutRequestID" (may be a query too early or a bad id: a
 * not_found would let reconciliation expire a payment that may have happened), 5xx, timeouts.
 */
export function mapStkQueryResult(result: DarajaCallResult, checkoutRequestId: string): ProviderOutcome {
  const early = queryTransport(result);
  if (early || result.kind !== 'answered') return early as ProviderOutcome;
  const { status, body } = result.response;
  const a = readDarajaAnswer(body);
  const ref = { providerReference: checkoutRequestId };
  if (status >= 200 && status < 300 && a.resultCode !== undefined) {
    if (a.checkoutRequestId && a.checkoutRequestId !== checkoutRequestId) {
      return { kind: 'unknown', reason: `Daraja answered about ${a.checkoutRequestId}, not ${checkoutRequestId}` };
    }
    if (a.resultCode === '0') return { kind: 'succeeded', ...ref, providerStatus: '0' };
    if (DARAJA_PENDING_RESULT_CODES.has(a.resultCode)) return { kind: 'pending', ...ref, providerStatus: a.resultCode };
    // A ResultCode comes only once the push is over, and only 0 is paid (§4): an unlisted code is a final
    // failure too, UNKNOWN with the raw code kept (the rule).
    return { kind: 'failed', ...mapDarajaResultCode(a.resultCode, a.resultDesc, 'stk'), ...ref };
  }
  if (a.errorCode === '500.001.1001' && STK_QUERY_BEING_PROCESSED.test(a.errorMessage ?? '')) {
    return { kind: 'pending', ...ref, providerStatus: a.errorMessage ?? '500.001.1001' };
  }
  return { kind: 'unknown', reason: describeDaraja(a, status) };
}

/**
 * Transaction Status request (§7): the answer comes later by callback, so an accepted request says
 * nothing yet about the transaction → unknown (never pending: 24 h of pending expires a transaction,
 * and an answer that never comes must not do that). Anything else proves nothing either → unknown.
 */
export function mapStatusRequestResult(result: DarajaCallResult): ProviderOutcome {
  const early = queryTransport(result);
  if (early || result.kind !== 'answered') return early as ProviderOutcome;
  const { status, body } = result.response;
  const a = readDarajaAnswer(body);
  if (status >= 200 && status < 300 && a.responseCode === '0') {
    return { kind: 'unknown', reason: 'Transaction Status query accepted; the answer comes by callback' };
  }
  return { kind: 'unknown', reason: `Transaction Status not accepted: ${describeDaraja(a, status)}` };
}

/** C2B Register URL (§5): succeeded when registered; "already registered" → failed DUPLICATE. */
export function mapRegisterUrlResult(result: DarajaCallResult): ProviderOutcome {
  const early = initiationTransport(result);
  if (early || result.kind !== 'answered') return early as ProviderOutcome;
  const { status, body } = result.response;
  const a = readDarajaAnswer(body);
  if (status >= 200 && status < 300) {
    // v2 answers ResponseCode "0"; v1 (2018) answered a description without a code.
    const ok = a.responseCode === '0' || (a.responseCode === undefined && /success/i.test(a.responseDescription ?? ''));
    if (ok) return { kind: 'succeeded', providerStatus: a.responseDescription ?? '0', ...(a.originatorConversationId ? { providerReference: a.originatorConversationId } : {}) };
    return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: describeDaraja(a, status) };
  }
  if (/already registered/i.test(a.errorMessage ?? '')) return { kind: 'failed', failureCode: 'DUPLICATE', failureReason: describeDaraja(a, status) };
  return initiationError(status, body, a);
}

/**
 * Account Balance request (§7): the OriginatorConversationID the result will carry. Throws
 * OperatorCallError (with the exchanges) when the request was not accepted.
 */
export function readBalanceRequestId(result: DarajaCallResult, exchanges: ProviderExchange[]): string {
  if (result.kind === 'token_failure') throw new OperatorCallError(`Daraja access token unavailable: ${result.problem}`, exchanges);
  if (result.kind === 'transport_failure') throw new OperatorCallError(`Daraja balance: ${result.failure.code}: ${result.failure.message}`, exchanges);
  const { status, body } = result.response;
  const a = readDarajaAnswer(body);
  if (status >= 200 && status < 300 && a.responseCode === '0' && a.originatorConversationId) return a.originatorConversationId;
  throw new OperatorCallError(`Daraja balance request not accepted: ${describeDaraja(a, status)}`, exchanges, status);
}
