// What Airtel's answers mean, in our vocabulary. Pure functions, no I/O: every money-safety decision about
// an Airtel answer lives here (README.md has the tables). Airtel reports most failures inside HTTP 200
// bodies and `status.success` describes the API call, not the payment: outcomes are decided from
// data.transaction.status and the response/result codes (airtel-money.codes.ts).
import type { FailureCode, ProviderExchange, ProviderOutcome } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import type { AirtelCallResult } from './airtel-money.client';
import {
  AIRTEL_COLLECTION_SUCCESS,
  AIRTEL_DISBURSEMENT_SUCCESS,
  AIRTEL_DUPLICATE_ID,
  AIRTEL_ENQUIRE_CODES,
  AIRTEL_IN_PROCESS_CODES,
  AIRTEL_NOT_FOUND_CODES,
  AIRTEL_NOT_PROCESSED_CODES,
  AirtelEnvelope,
  codesOf,
  describeAirtel,
  failureCodeOf,
  readEnvelope,
  text,
} from './airtel-money.codes';

export type AirtelInitiationKind = 'collection' | 'disbursement' | 'refund';

/** HTTP statuses (after the one token refresh) proving a creating POST was refused before processing. */
const REFUSED_4XX: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 411, 413, 414, 415, 422, 431]);
/** Statuses of a transaction still moving. */
const IN_FLIGHT_STATUSES: ReadonlySet<string> = new Set(['TIP', 'TA', 'SUCCESS', 'PENDING', 'INITIATED']);

/**
 * A transaction status (enquiry `status`, callback `status_code`) as an outcome: TS succeeded (with
 * Airtel's id), TF failed (code from the answer's codes), TE failed EXPIRED (unverified status, treated
 * as final per the fact sheet), anything else (TA, TIP, unknown) pending: never a guessed failure.
 */
export function mapAirtelTransactionStatus(status: string, e: AirtelEnvelope, providerReference?: string): ProviderOutcome {
  const ref = providerReference ? { providerReference } : {};
  const airtelId = e.airtelMoneyId ? { providerTransactionId: e.airtelMoneyId } : {};
  const upper = status.trim().toUpperCase();
  if (upper === 'TS') return { kind: 'succeeded', ...ref, ...airtelId, providerStatus: 'TS' };
  if (upper === 'TF' || upper === 'TE') {
    const fallback: FailureCode = upper === 'TE' ? 'EXPIRED' : 'UNKNOWN';
    return { kind: 'failed', failureCode: failureCodeOf(e, fallback), failureReason: describeAirtel({ ...e, transactionStatus: upper }), ...ref, ...airtelId };
  }
  return { kind: 'pending', ...ref, providerStatus: upper };
}

/**
 * The answer to a creating POST (collection push, disbursement, refund): see README "Initiation".
 * `transactionId` is ours (the collection/disbursement id Airtel enquires by; the refund's own id).
 */
export function mapInitiationResult(kind: AirtelInitiationKind, result: AirtelCallResult, transactionId: string): ProviderOutcome {
  if (result.kind === 'token_failure') return { kind: 'rejected_unsent', reason: `Airtel access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') {
    const f = result.failure;
    return f.sent === false ? { kind: 'rejected_unsent', reason: `${f.code}: ${f.message}` } : { kind: 'unknown', reason: `${f.code}: ${f.message}` };
  }
  const { status, body } = result.response;
  const e = readEnvelope(body);
  const codes = codesOf(e).map((c) => c.toUpperCase());
  const failed = (fallback: FailureCode): ProviderOutcome => ({ kind: 'failed', failureCode: failureCodeOf(e, fallback), failureReason: describeAirtel(e, status) });
  if (codes.some((c) => AIRTEL_ENQUIRE_CODES.has(c))) return { kind: 'unknown', reason: describeAirtel(e, status) };

  if (status < 200 || status >= 300) {
    if (status === 401) return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: `UNAUTHORIZED: ${describeAirtel(e, status)}` };
    if (status === 429) return { kind: 'failed', failureCode: 'PROVIDER_UNAVAILABLE', failureReason: describeAirtel(e, status) };
    if (REFUSED_4XX.has(status)) return failed('PROVIDER_ERROR');
    return { kind: 'unknown', reason: describeAirtel(e, status) }; // 408, 5xx, 3xx: may have been recorded
  }

  const ref = { providerReference: transactionId };
  const notProcessed = codes.some((c) => AIRTEL_NOT_PROCESSED_CODES.has(c));
  const inProcess = codes.some((c) => AIRTEL_IN_PROCESS_CODES.has(c));
  const st = e.transactionStatus;
  if (kind === 'collection' && codes.includes(AIRTEL_DUPLICATE_ID)) {
    // Our (unique) transaction id is already at Airtel: an earlier attempt of this very request got through.
    return { kind: 'accepted', ...ref, providerStatus: AIRTEL_DUPLICATE_ID };
  }
  if (kind === 'disbursement' && (e.responseCode === AIRTEL_DISBURSEMENT_SUCCESS || st === 'TS')) {
    return { kind: 'succeeded', ...ref, ...(e.airtelMoneyId ? { providerTransactionId: e.airtelMoneyId } : {}), providerStatus: st ?? 'TS' };
  }
  if (st === 'TF' || st === 'TE') return mapAirtelTransactionStatus(st, e, transactionId);
  if (notProcessed) return failed('PROVIDER_ERROR');
  // SUCCESS on a collection push only means the USSD prompt was sent; on a refund it means done (below).
  const moving = st !== undefined && IN_FLIGHT_STATUSES.has(st) && (kind !== 'refund' || st !== 'SUCCESS');
  if (inProcess || moving) return { kind: 'accepted', ...ref, providerStatus: st ?? e.responseCode ?? 'IN_PROCESS' };
  const okEnvelope = e.resultCode === 'ESB000010' && e.success !== false;
  if (kind === 'collection' && (e.responseCode === AIRTEL_COLLECTION_SUCCESS || st === 'TS' || okEnvelope)) {
    return { kind: 'accepted', ...ref, providerStatus: st ?? e.responseCode ?? 'ESB000010' };
  }
  if (kind === 'refund' && (st === 'SUCCESS' || st === 'TS' || e.responseCode === AIRTEL_COLLECTION_SUCCESS || okEnvelope)) {
    // The refund answer is synchronous (§6): SUCCESS without an in-process code means done.
    return { kind: 'succeeded', ...ref, ...(e.airtelMoneyId ? { providerTransactionId: e.airtelMoneyId } : {}), providerStatus: st ?? 'SUCCESS' };
  }
  if (e.success === false && e.statusCode?.startsWith('4')) return failed('PROVIDER_ERROR');
  return { kind: 'unknown', reason: describeAirtel(e, status) };
}

/**
 * The answer to an enquiry (GET /standard/v1/payments/{id}, /standard/v1|v2/disbursements/{id}).
 * Failed only when Airtel says TF (or TE) in the body; never on an error answer.
 */
export function mapStatusResult(result: AirtelCallResult, queriedId: string): ProviderOutcome {
  if (result.kind === 'token_failure') return { kind: 'unknown', reason: `Airtel access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') return { kind: 'unknown', reason: `${result.failure.code}: ${result.failure.message}` };
  const { status, body } = result.response;
  const e = readEnvelope(body);
  const notFound = codesOf(e).some((c) => AIRTEL_NOT_FOUND_CODES.has(c.toUpperCase())) || /no transaction found|not found/i.test(e.message ?? '');
  if (status === 200 && e.transactionStatus) {
    if (e.transactionId && e.transactionId !== queriedId) {
      return { kind: 'unknown', reason: `Airtel answered about transaction ${e.transactionId}, not ${queriedId}` };
    }
    return mapAirtelTransactionStatus(e.transactionStatus, e, queriedId);
  }
  if (status === 404 || ((status === 200 || status === 400) && notFound)) return { kind: 'not_found', reason: describeAirtel(e, status) };
  return { kind: 'unknown', reason: describeAirtel(e, status) };
}

/**
 * What the KYC lookup before a disbursement decides (§10): an outcome to stop with, or undefined to go
 * on. Only a clear "no" stops it: DP02200000002 (user not found) → PAYER_NOT_FOUND, a found subscriber
 * with is_barred → ACCOUNT_INACTIVE. Any other answer (error, timeout, 403 without the KYC product)
 * proves nothing, and Airtel fails a disbursement to a bad payee itself: the disbursement goes ahead.
 * A missing token stops it (the disbursement needs the same token: it could not be sent either).
 */
export function mapKycCheck(result: AirtelCallResult): ProviderOutcome | undefined {
  if (result.kind === 'token_failure') return { kind: 'rejected_unsent', reason: `Airtel access token unavailable: ${result.problem}` };
  if (result.kind !== 'answered') return undefined;
  const e = readEnvelope(result.response.body);
  if (codesOf(e).some((c) => c.toUpperCase() === 'DP02200000002')) {
    return { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: `KYC ${describeAirtel(e, result.response.status)}` };
  }
  const barred = e.data?.['is_barred'];
  if (result.response.status === 200 && (barred === true || barred === 'true') && e.responseCode !== 'DP02200000000') {
    return { kind: 'failed', failureCode: 'ACCOUNT_INACTIVE', failureReason: `KYC ${e.responseCode ?? 'DP02200000001'}: subscriber is barred` };
  }
  return undefined;
}

export interface AirtelWalletBalance {
  wallet: string;
  currency: string;
  /** The decimal string Airtel sent (a number is turned into its string form, never computed with). */
  available: string;
}

/**
 * GET /standard/v1/users/balance (§10) as the wallet's balance: `wallet` is the account type Airtel
 * names, else 'collection'. Throws OperatorCallError (carrying the exchanges) without a usable answer.
 */
export function readAirtelBalance(result: AirtelCallResult, exchanges: ProviderExchange[]): AirtelWalletBalance {
  if (result.kind === 'token_failure') throw new OperatorCallError(`Airtel access token unavailable: ${result.problem}`, exchanges);
  if (result.kind === 'transport_failure') {
    throw new OperatorCallError(`Airtel balance: ${result.failure.code}: ${result.failure.message}`, exchanges);
  }
  const { status, body } = result.response;
  const e = readEnvelope(body);
  const data = e.data ?? {};
  const available = text(data['balance']);
  const currency = text(data['currency']);
  const wallet = text(data['account_type']) ?? text(data['wallet_type']) ?? 'collection';
  if (status !== 200 || e.responseCode === 'DP02100000000' || !available || !/^-?\d+(\.\d+)?$/.test(available) || !currency) {
    throw new OperatorCallError(`Airtel balance: ${describeAirtel(e, status)}`, exchanges, status);
  }
  return { wallet: wallet.toLowerCase(), currency: currency.toUpperCase(), available };
}
