// Our requests → Orange WebPay bodies (fact sheet §3, §5), with every limit Orange documents checked
// locally, so a request Orange would refuse is never sent: order_id ≤ 30, integer amount, URLs ≤ 120.
import { createHash } from 'node:crypto';
import type { PaymentRequest, StatusQuery } from '../provider.port';
import type { OrangeMoneyAccountConfig } from './orange-money.config';

export const ORANGE_MAX_ORDER_ID_LENGTH = 30;
export const ORANGE_MAX_URL_LENGTH = 120;

/** POST /orange-money-webpay/{cc}/v1/webpayment */
export interface OrangeWebPaymentBody {
  merchant_key: string;
  currency: string;
  order_id: string;
  amount: number;
  return_url: string;
  cancel_url: string;
  notif_url: string;
  lang: string;
  reference?: string;
}

/** POST /orange-money-webpay/{cc}/v1/transactionstatus: the init's triple. */
export interface OrangeStatusBody {
  order_id: string;
  amount: number;
  pay_token: string;
}

/** Why a request was not sent: amount → INVALID_AMOUNT, the others → PROVIDER_ERROR. */
export type OrangeBuildProblem = 'amount' | 'currency' | 'url';
export type OrangeBuildResult<T> = { ok: true; body: T } | { ok: false; problem: OrangeBuildProblem; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORDER_ID_22 = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/**
 * Orange's order_id for our transaction id: the UUID's 16 bytes in base64url (22 characters of
 * [A-Za-z0-9_-], lossless: transactionIdFromOrderId gives the UUID back), the same for the same id in
 * any letter case. A non-UUID id (never given by the gateway) becomes 'x' + 29 characters of its SHA-256
 * (30 characters, a length no UUID yields).
 */
export function orangeOrderId(transactionId: string): string {
  const id = transactionId.trim();
  if (UUID.test(id)) return Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
  return `x${createHash('sha256').update(id, 'utf8').digest('base64url').slice(0, ORANGE_MAX_ORDER_ID_LENGTH - 1)}`;
}

/** The (lower-case) UUID an order_id was made from, or undefined when it is not one of ours. */
export function transactionIdFromOrderId(orderId: string): string | undefined {
  if (!ORDER_ID_22.test(orderId)) return undefined;
  const hex = Buffer.from(orderId, 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A decimal string in major units as WebPay's integer amount ("1200" and "1200.00" → 1200). */
export function orangeAmount(amount: string | undefined): { ok: true; value: number } | { ok: false; reason: string } {
  const text = typeof amount === 'string' ? amount.trim() : '';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, reason: `INVALID_AMOUNT: ${JSON.stringify(amount ?? null)} is not a decimal amount` };
  if (match[2] !== undefined && /[1-9]/.test(match[2])) {
    return { ok: false, reason: `INVALID_AMOUNT: Orange Money WebPay takes whole amounts only, got ${text}` };
  }
  const value = Number(match[1]);
  if (!Number.isSafeInteger(value) || value <= 0) return { ok: false, reason: `INVALID_AMOUNT: ${text} must be a positive whole amount` };
  return { ok: true, value };
}

/** Problem with one of the URLs Orange takes (absolute http(s), ≤ 120 characters), or undefined. */
export function orangeUrlProblem(name: string, url: string | null | undefined): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return `${name} is missing`;
  if (url.length > ORANGE_MAX_URL_LENGTH) return `${name} is ${url.length} characters long; Orange Money accepts at most ${ORANGE_MAX_URL_LENGTH}`;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${name} must be an http(s) URL`;
  } catch {
    return `${name} is not an absolute URL`;
  }
  return undefined;
}

/** The webpayment body, or why it cannot be sent (nothing is sent then). */
export function toWebPaymentBody(config: OrangeMoneyAccountConfig, request: PaymentRequest): OrangeBuildResult<OrangeWebPaymentBody> {
  const { settings } = config;
  const currency = request.currency.trim().toUpperCase();
  if (currency !== settings.currency && currency !== settings.wireCurrency) {
    return { ok: false, problem: 'currency', reason: `CURRENCY_NOT_SUPPORTED: this Orange Money account takes ${settings.currency}, not ${currency}` };
  }
  const amount = orangeAmount(request.amount);
  if (!amount.ok) return { ok: false, problem: 'amount', reason: amount.reason };
  if (!request.returnUrl || !request.cancelUrl) {
    return { ok: false, problem: 'url', reason: 'returnUrl and cancelUrl are required by Orange Money' };
  }
  if (!request.callbackUrl) return { ok: false, problem: 'url', reason: 'a callback URL (notif_url) is required by Orange Money' };
  for (const [name, url] of [
    ['returnUrl', request.returnUrl],
    ['cancelUrl', request.cancelUrl],
    ['callback URL (notif_url)', request.callbackUrl],
  ] as const) {
    const problem = orangeUrlProblem(name, url);
    if (problem) return { ok: false, problem: 'url', reason: problem };
  }
  return {
    ok: true,
    body: {
      merchant_key: config.credentials.merchantKey,
      currency: settings.wireCurrency,
      order_id: orangeOrderId(request.transactionId),
      amount: amount.value,
      return_url: request.returnUrl,
      cancel_url: request.cancelUrl,
      notif_url: request.callbackUrl,
      lang: settings.lang,
      ...(settings.merchantName ? { reference: settings.merchantName } : {}),
    },
  };
}

/**
 * The transactionstatus body from what the gateway kept: order_id (providerReference, else derived
 * again from our id), the amount (integer) and providerData.payToken. A string says what is missing.
 */
export function toStatusBody(query: StatusQuery): OrangeStatusBody | string {
  const payToken = query.providerData?.['payToken'];
  if (typeof payToken !== 'string' || payToken.trim() === '') {
    return 'no pay_token kept for this transaction (providerData.payToken): Orange cannot be asked';
  }
  const amount = orangeAmount(query.amount);
  if (!amount.ok) return `the status query needs the initiation amount: ${amount.reason}`;
  return { order_id: query.providerReference || orangeOrderId(query.transactionId), amount: amount.value, pay_token: payToken.trim() };
}
