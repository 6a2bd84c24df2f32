// Body checks shared by collections and disbursements: the merchant's transaction.id, optional
// country/currency fields that must agree with the headers, the msisdn and the amount. Each returns
// a value or a Refusal to answer with (HTTP 200, status.code "400": fact sheet §13, §14).
import type { Refusal } from './airtel-money.codes';
import { checkMsisdn, parseAmount, type AirtelCountry } from './airtel-money.countries';

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const MAX_ID_LENGTH = 200;

/** transaction.id: a non-empty string (an integer is taken as its digits). */
export function checkTransactionId(value: unknown, responseCode?: string): Checked<string> {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_ID_LENGTH || text.includes('/')) {
    return {
      ok: false,
      refusal: {
        resultCode: 'ESB000008',
        message: `transaction.id is mandatory: a string of 1 to ${MAX_ID_LENGTH} characters without '/'`,
        ...(responseCode ? { responseCode } : {}),
      },
    };
  }
  return { ok: true, value: text };
}

/** Optional `country`/`currency` fields of a body part must be the X-Country/X-Currency ones. */
export function checkCountryFields(part: Record<string, unknown>, country: AirtelCountry, where: string): Refusal | null {
  if (part.country !== undefined && part.country !== country.code) {
    return { resultCode: 'ESB000034', message: `Invalid Country Name. ${where}.country must be ${country.code} (X-Country)` };
  }
  if (part.currency !== undefined && part.currency !== country.currency) {
    return { resultCode: 'ESB000035', message: `Invalid Currency Code. ${where}.currency must be ${country.currency} (X-Currency)` };
  }
  return null;
}

export function checkMsisdnField(value: unknown, country: AirtelCountry, responseCode?: string, resultCode?: string): Checked<string> {
  const checked = checkMsisdn(value, country);
  if (checked.ok) return { ok: true, value: checked.msisdn };
  return {
    ok: false,
    refusal: { resultCode: resultCode ?? checked.resultCode, message: checked.message, ...(responseCode ? { responseCode } : {}) },
  };
}

export function checkAmountField(value: unknown, country: AirtelCountry, responseCode: string): Checked<bigint> {
  const parsed = parseAmount(value, country.exponent);
  if (parsed.ok) return { ok: true, value: parsed.minor };
  return { ok: false, refusal: { resultCode: 'ESB000008', responseCode, message: parsed.message } };
}

/** `reference`: mandatory free text (kept as sent, up to 64 characters shown). */
export function checkReference(value: unknown, responseCode?: string): Checked<string> {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, refusal: { resultCode: 'ESB000008', message: 'reference is mandatory', ...(responseCode ? { responseCode } : {}) } };
  }
  return { ok: true, value: text.slice(0, 64) };
}

/** An absolute http(s) URL (callback URLs of the control endpoints). */
export function isCallbackUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
