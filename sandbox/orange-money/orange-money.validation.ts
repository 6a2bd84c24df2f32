// Field checks of POST …/webpayment (fact sheet §3). WebPay's business errors are a non-201 JSON with
// message/description (exact shape unverified); the sandbox answers HTTP 400
// {"status": 400, "message": "<what>", "description": "<detail>"}.
import { ORANGE_PATHS } from './orange-money.state';

export const MAX_ORDER_ID = 30;
export const MAX_REFERENCE = 30;
export const MAX_URL = 120;
/** "Amount over limit": the sandbox's per-payment ceiling (Orange's real limits are per offer, unverified). */
export const MAX_AMOUNT = 10_000_000;

export interface WebPaymentFields {
  merchantKey: string;
  currency: string;
  orderId: string;
  amount: number;
  returnUrl: string;
  cancelUrl: string;
  notifUrl: string;
  lang: string;
  reference: string | null;
}

export interface BusinessError {
  message: string;
  description: string;
}

const err = (message: string, description: string): BusinessError => ({ message, description });

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A positive integer amount: a JSON integer, or a string of digits (clients intval() it). */
export function readAmount(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) {
    const n = Number(value.trim());
    return n > 0 ? n : null;
  }
  return null;
}

function url(body: Record<string, unknown>, name: string): string | BusinessError {
  const value = body[name];
  if (value === undefined || value === null || value === '') return err(`Missing ${name}`, `${name} is mandatory`);
  if (typeof value !== 'string' || !isHttpUrl(value)) return err(`Invalid ${name}`, `${name} must be an absolute http(s) URL`);
  if (value.length > MAX_URL) return err(`Invalid ${name}`, `${name} must not exceed ${MAX_URL} characters`);
  return value;
}

/** Checks the body in the order §3 lists the fields; the first problem is answered. */
export function validateWebPayment(body: Record<string, unknown>, countryPath: string, merchantKey: string): WebPaymentFields | BusinessError {
  const key = body['merchant_key'];
  if (typeof key !== 'string' || key === '') return err('Missing merchant_key', 'merchant_key is mandatory');
  if (key !== merchantKey) return err('Invalid merchant key', 'The merchant_key does not match any merchant of this application');

  const currency = body['currency'];
  const expected = ORANGE_PATHS[countryPath];
  if (typeof currency !== 'string' || currency === '') return err('Missing currency', 'currency is mandatory');
  if (currency !== expected) return err('Invalid currency', `Currency ${currency} is not allowed here: use ${expected}`);

  const orderId = body['order_id'];
  if (typeof orderId !== 'string' || orderId.trim() === '') return err('Missing order_id', 'order_id is mandatory');
  if (orderId.length > MAX_ORDER_ID) return err('Invalid order_id', `order_id must not exceed ${MAX_ORDER_ID} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(orderId)) return err('Invalid order_id', 'order_id contains control characters');

  const rawAmount = body['amount'];
  if (rawAmount === undefined || rawAmount === null || rawAmount === '') return err('Missing amount', 'amount is mandatory');
  const amount = readAmount(rawAmount);
  if (amount === null) return err('Invalid amount', 'amount must be a positive integer (no decimals)');
  if (amount > MAX_AMOUNT) return err('Amount over limit', `amount must not exceed ${MAX_AMOUNT}`);

  const urls: string[] = [];
  for (const name of ['return_url', 'cancel_url', 'notif_url']) {
    const checked = url(body, name);
    if (typeof checked !== 'string') return checked;
    urls.push(checked);
  }

  const lang = body['lang'];
  if (lang === undefined || lang === null || lang === '') return err('Missing lang', 'lang is mandatory');
  if (lang !== 'fr' && lang !== 'en') return err('Invalid lang', "lang must be 'fr' or 'en'");

  const reference = body['reference'];
  if (reference !== undefined && reference !== null && (typeof reference !== 'string' || reference.length > MAX_REFERENCE)) {
    return err('Invalid reference', `reference must be a string of at most ${MAX_REFERENCE} characters`);
  }
  const [returnUrl = '', cancelUrl = '', notifUrl = ''] = urls;
  return {
    merchantKey: key,
    currency,
    orderId,
    amount,
    returnUrl,
    cancelUrl,
    notifUrl,
    lang,
    reference: typeof reference === 'string' && reference !== '' ? reference : null,
  };
}
