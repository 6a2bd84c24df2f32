// What Orange WebPay's answers mean, in our vocabulary. Pure functions, no I/O: every money-safety
// decision about an Orange answer lives here (README.md has the tables).
import { sha256Hex } from '../../common/crypto/hashing';
import type { ProviderOutcome, StatusQuery } from '../provider.port';
import type { OrangeCallResult } from './orange-money.client';
import type { OrangeMoneySettings } from './orange-money.config';
import { asRecord, describeOrange, text } from './orange-money.errors';

/** WebPay statuses (§5). */
export const ORANGE_STATUSES = ['INITIATED', 'PENDING', 'SUCCESS', 'FAILED', 'EXPIRED'] as const;
/**
 * Statuses the abandoned-payment rule applies to: INITIATED only (the buyer never confirmed). PENDING
 * means the buyer confirmed and Orange is processing: money may move, so it is never failed by age.
 */
const ABANDONABLE: ReadonlySet<string> = new Set(['INITIATED']);
/** Statuses that are known and not final. */
const NOT_FINAL: ReadonlySet<string> = new Set(['INITIATED', 'PENDING']);

/**
 * A WebPay status (transactionstatus answer, notification) as an outcome:
 * - SUCCESS → succeeded (providerTransactionId = txnid, the Orange Money "MP…" id);
 * - FAILED → failed PAYER_DECLINED, reason "FAILED" (Orange gives no reason: wrong OTP, insufficient
 *   funds… are all FAILED; PAYER_DECLINED is the closest normalized code for a payer-side refusal);
 * - EXPIRED → failed EXPIRED (the buyer confirmed after the pay_token's validity);
 * - INITIATED, PENDING → pending;
 * - anything else (a status we do not know, empty) → unknown: neither a guessed failure nor a pending
 *   that reconciliation would expire after 24 h.
 */
export function mapOrangeStatus(status: string, details: { txnid?: string; orderId?: string; message?: string } = {}): ProviderOutcome {
  const upper = status.trim().toUpperCase();
  const ref = details.orderId ? { providerReference: details.orderId } : {};
  const txn = details.txnid ? { providerTransactionId: details.txnid } : {};
  const said = details.message && details.message.toUpperCase() !== upper ? `: ${details.message}` : '';
  if (upper === 'SUCCESS') return { kind: 'succeeded', ...ref, ...txn, providerStatus: 'SUCCESS' };
  if (upper === 'FAILED') return { kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: `FAILED${said}`, ...ref, ...txn };
  if (upper === 'EXPIRED') {
    return { kind: 'failed', failureCode: 'EXPIRED', failureReason: `EXPIRED: the payment was confirmed after its validity${said}`, ...ref, ...txn };
  }
  if (NOT_FINAL.has(upper)) return { kind: 'pending', ...ref, providerStatus: upper };
  return { kind: 'unknown', reason: `unrecognised Orange status ${JSON.stringify(status.trim().slice(0, 100))}${said}` };
}

/** HTTP statuses of a webpayment POST proving Orange refused it (nothing was created). */
const REFUSED_4XX: ReadonlySet<number> = new Set([400, 401, 403, 404, 405, 409, 411, 413, 414, 415, 422, 431]);

/**
 * The answer to POST …/webpayment: 201 (or 200) with pay_token and payment_url → accepted with the
 * redirect; Orange's refusals (4xx) → failed PROVIDER_ERROR with its words; 408/5xx/timeouts → unknown;
 * nothing sent (connection refused, no token) → rejected_unsent. A 2xx without pay_token or payment_url
 * → failed: the buyer can only pay on the page whose URL Orange did not give, so no money can move.
 */
export function mapInitiationResult(result: OrangeCallResult, orderId: string): ProviderOutcome {
  if (result.kind === 'token_failure') return { kind: 'rejected_unsent', reason: `Orange access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') {
    const f = result.failure;
    return f.sent === false ? { kind: 'rejected_unsent', reason: `${f.code}: ${f.message}` } : { kind: 'unknown', reason: `${f.code}: ${f.message}` };
  }
  const { status, body } = result.response;
  if (status === 200 || status === 201) {
    const b = asRecord(body);
    const payToken = text(b['pay_token']);
    const paymentUrl = typeof b['payment_url'] === 'string' ? b['payment_url'].trim() : '';
    if (!payToken || !/^https?:\/\//i.test(paymentUrl)) {
      return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: `NO_PAYMENT_URL: Orange answered ${describeOrange(body, status)} without pay_token/payment_url` };
    }
    const notifToken = text(b['notif_token']);
    return {
      kind: 'accepted',
      providerReference: orderId,
      providerStatus: 'INITIATED',
      nextAction: { type: 'redirect', url: paymentUrl },
      providerData: { payToken, ...(notifToken ? { notifTokenSha256: sha256Hex(notifToken) } : {}) },
    };
  }
  if (status === 401) {
    const refresh = result.tokenRefreshProblem ? ` (token refresh: ${result.tokenRefreshProblem})` : '';
    return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: `UNAUTHORIZED: ${describeOrange(body, status)}${refresh}` };
  }
  if (status === 429) return { kind: 'failed', failureCode: 'PROVIDER_UNAVAILABLE', failureReason: describeOrange(body, status) };
  if (REFUSED_4XX.has(status)) return { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: describeOrange(body, status) };
  return { kind: 'unknown', reason: describeOrange(body, status) }; // 408, 5xx, 3xx, other 2xx: may have been recorded
}

/**
 * The answer to POST …/transactionstatus: 200/201 with `status` → mapOrangeStatus, then the abandoned
 * rule (abandonedOutcome). Anything else (error answers, timeouts, another order_id) → unknown: a
 * status query never fails a payment on its own.
 */
export function mapStatusResult(
  result: OrangeCallResult,
  query: StatusQuery,
  orderId: string,
  settings: Pick<OrangeMoneySettings, 'paymentValidityMinutes' | 'expiryGraceMinutes'>,
  now: number = Date.now(),
): ProviderOutcome {
  if (result.kind === 'token_failure') return { kind: 'unknown', reason: `Orange access token unavailable: ${result.problem}` };
  if (result.kind === 'transport_failure') return { kind: 'unknown', reason: `${result.failure.code}: ${result.failure.message}` };
  const { status, body } = result.response;
  const b = asRecord(body);
  const orangeStatus = text(b['status']);
  if ((status !== 200 && status !== 201) || !orangeStatus || /^\d+$/.test(orangeStatus)) {
    return { kind: 'unknown', reason: describeOrange(body, status) };
  }
  const answeredOrder = text(b['order_id']);
  if (answeredOrder && answeredOrder !== orderId) return { kind: 'unknown', reason: `Orange answered about order ${answeredOrder}, not ${orderId}` };
  const txnid = text(b['txnid']);
  const message = text(b['message']);
  const outcome = mapOrangeStatus(orangeStatus, { orderId, ...(txnid ? { txnid } : {}), ...(message ? { message } : {}) });
  return abandonedOutcome(outcome, query.createdAt, settings, now) ?? outcome;
}

/**
 * Orange never notifies a payment left INITIATED (the buyer never confirmed) and changes nothing after
 * the pay_token's validity (10 minutes): once `validity + grace` minutes have passed since the transaction
 * was created, such a payment is final for us: failed EXPIRED. Not for PENDING (the buyer confirmed; Orange
 * is processing and may still succeed). Undefined when the rule does not apply.
 */
export function abandonedOutcome(
  outcome: ProviderOutcome,
  createdAt: Date,
  settings: Pick<OrangeMoneySettings, 'paymentValidityMinutes' | 'expiryGraceMinutes'>,
  now: number = Date.now(),
): ProviderOutcome | undefined {
  if (outcome.kind !== 'pending' || !outcome.providerStatus || !ABANDONABLE.has(outcome.providerStatus)) return undefined;
  const created = createdAt instanceof Date ? createdAt.getTime() : NaN;
  if (!Number.isFinite(created)) return undefined;
  const limitMinutes = settings.paymentValidityMinutes + settings.expiryGraceMinutes;
  const ageMinutes = (now - created) / 60_000;
  if (ageMinutes <= limitMinutes) return undefined;
  return {
    kind: 'failed',
    failureCode: 'EXPIRED',
    failureReason:
      `ABANDONED: still ${outcome.providerStatus} ${Math.floor(ageMinutes)} min after initiation ` +
      `(validity ${settings.paymentValidityMinutes} min + ${settings.expiryGraceMinutes} min grace); Orange changes no payment after its validity`,
    ...(outcome.providerReference ? { providerReference: outcome.providerReference } : {}),
  };
}
