// Our payment requests as Airtel request bodies. Pure functions, no I/O. Each builder answers either a
// body or the reason it cannot be built (then nothing is sent: the provider fails the request).
import type { PaymentRequest } from '../provider.port';
import { AIRTEL_COUNTRIES, AirtelMoneyAccountConfig } from './airtel-money.config';

/** "alphanumeric, 4–64 chars" per one integrator (unverified); we only cut to 64. */
export const AIRTEL_REFERENCE_MAX_LENGTH = 64;

/** POST /merchant/v1/payments/ (§4) */
export interface AirtelCollectionBody {
  reference: string;
  subscriber: { country: string; currency: string; msisdn: string };
  transaction: { amount: number; country: string; currency: string; id: string };
}

/** POST /standard/v1/disbursements/ (v1) and /standard/v2/disbursements/ (v2) (§9) */
export interface AirtelDisbursementBody {
  payee: { msisdn: string; currency?: string };
  reference: string;
  /** Base64 of the RSA-encrypted PIN. */
  pin: string;
  transaction: { amount: number; id: string; type?: 'B2C' };
}

/** POST /standard/v1/payments/refund (§6) */
export interface AirtelRefundBody {
  transaction: { airtel_money_id: string };
}

export type BuildResult<T> = { ok: true; body: T } | { ok: false; problem: 'amount' | 'msisdn' | 'currency'; reason: string };

/**
 * The decimal string as the JSON number Airtel's samples show, only when that number prints back as
 * exactly the same decimal (JSON.stringify writes the shortest round-trip form, so "25.50" goes out as
 * 25.5 and "1000" as 1000). No arithmetic is done on the value. Undefined when it is not a positive
 * decimal or has too many significant digits to survive as a double (we never send a rounded amount).
 */
export function toAirtelAmount(amount: string): number | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return undefined;
  const whole = (match[1] as string).replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const canonical = fraction === '' ? whole : `${whole}.${fraction}`;
  const value = Number(canonical);
  if (!Number.isFinite(value) || value <= 0 || String(value) !== canonical) return undefined;
  return value;
}

/**
 * E.164 digits (our msisdn) → the national number Airtel wants (§2: "Do not send country code"): the
 * wallet country's calling code is stripped. A number already in national form (right length, or with
 * the domestic trunk 0 where the 0 is not part of the number) is accepted too. Undefined when the
 * number cannot belong to the wallet's country, or has the wrong length where Airtel's length is known.
 */
export function toAirtelMsisdn(msisdn: string, country: string): string | undefined {
  const info = AIRTEL_COUNTRIES[country];
  const digits = msisdn.replace(/^\+/, '').trim();
  if (!info || !/^\d+$/.test(digits)) return undefined;
  const fits = (n: string) => info.msisdnLengths.includes(n.length);
  let national: string | undefined;
  if (digits.startsWith(info.callingCode) && fits(digits.slice(info.callingCode.length))) {
    national = digits.slice(info.callingCode.length);
  } else if (fits(digits) && !digits.startsWith(info.callingCode)) {
    national = digits;
  } else if (digits.startsWith('0') && fits(digits.slice(1)) && !fits(digits)) {
    national = digits.slice(1);
  } else if (digits.startsWith(info.callingCode) && !info.lengthVerified && digits.length > info.callingCode.length + 5) {
    // Unverified length: send what follows the calling code and let Airtel judge it.
    national = digits.slice(info.callingCode.length);
  }
  return national;
}

/** The `reference` shown to the payer: our reference, else the description, else our id; one line, ≤ 64. */
export function airtelReference(request: PaymentRequest): string {
  const text = (request.reference ?? request.description ?? '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cutText(text === '' ? request.transactionId : text, AIRTEL_REFERENCE_MAX_LENGTH).trim();
}

export function toCollectionBody(config: AirtelMoneyAccountConfig, request: PaymentRequest): BuildResult<AirtelCollectionBody> {
  const checked = checkMoney(config, request);
  if (!checked.ok) return checked;
  const { country, currency } = config.settings;
  return {
    ok: true,
    body: {
      reference: airtelReference(request),
      subscriber: { country, currency, msisdn: checked.msisdn },
      transaction: { amount: checked.amount, country, currency, id: request.transactionId },
    },
  };
}

export function toDisbursementBody(
  config: AirtelMoneyAccountConfig,
  request: PaymentRequest,
  encryptedPin: string,
): BuildResult<AirtelDisbursementBody> {
  const checked = checkMoney(config, request);
  if (!checked.ok) return checked;
  const v2 = config.settings.disbursementVersion === 'v2';
  return {
    ok: true,
    body: {
      payee: v2 ? { msisdn: checked.msisdn, currency: config.settings.currency } : { msisdn: checked.msisdn },
      reference: airtelReference(request),
      pin: encryptedPin,
      transaction: v2 ? { amount: checked.amount, id: request.transactionId, type: 'B2C' } : { amount: checked.amount, id: request.transactionId },
    },
  };
}

export function toRefundBody(airtelMoneyId: string): AirtelRefundBody {
  return { transaction: { airtel_money_id: airtelMoneyId } };
}

/** The payee/payer MSISDN in Airtel's form, or why the request cannot go to this wallet. */
export function checkMsisdn(config: AirtelMoneyAccountConfig, msisdn: string): BuildResult<string> {
  const national = toAirtelMsisdn(msisdn, config.settings.country);
  if (national === undefined) {
    const lengths = AIRTEL_COUNTRIES[config.settings.country]?.msisdnLengths.join(' or ') ?? '?';
    return { ok: false, problem: 'msisdn', reason: `MSISDN_INVALID: ${msisdn} is not a ${config.settings.country} number of ${lengths} national digits` };
  }
  return { ok: true, body: national };
}

function checkMoney(
  config: AirtelMoneyAccountConfig,
  request: PaymentRequest,
): { ok: true; amount: number; msisdn: string } | { ok: false; problem: 'amount' | 'msisdn' | 'currency'; reason: string } {
  if (request.currency.toUpperCase() !== config.settings.currency) {
    return { ok: false, problem: 'currency', reason: `CURRENCY_MISMATCH: ${request.currency} is not this account's wallet currency ${config.settings.currency}` };
  }
  const amount = toAirtelAmount(request.amount);
  if (amount === undefined) {
    return { ok: false, problem: 'amount', reason: `AMOUNT_NOT_REPRESENTABLE: ${request.amount} cannot be sent as an exact JSON number` };
  }
  const msisdn = checkMsisdn(config, request.msisdn);
  if (!msisdn.ok) return msisdn;
  return { ok: true, amount, msisdn: msisdn.body };
}

/** Cut to at most `max` characters without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
