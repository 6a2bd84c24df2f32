// Phone numbers: accept the usual ways people write a mobile number, return E.164 digits.
// Uses libphonenumber-js's *max* metadata: the smaller builds cannot tell mobile from fixed lines
// (number-prefixes.md §0.1).
//
// Accepted (with country UG): "0772 123 456", "0772-123-456", "(0772) 123456", "772123456",
// "+256772123456", "256772123456", "00256772123456", "+256 772 123 456".
// Decisions:
// - Only ASCII digits, spaces, '-', '.', '/', '(' and ')' are allowed, plus one leading '+'.
//   Letters (vanity numbers, "ext. 12"), '#', '*' and non-ASCII digits are rejected before parsing.
// - Without `country`, the number must be international ("+256...", "256...", "00256...").
// - With `country`, the national reading is tried first; if it is not a valid number, the digits
//   are retried as international ("256772123456", "00256..."). A valid number of another country
//   is an error ("phoneNumber is not a UG number"): we never switch the caller's country.
// - A valid number that is not MOBILE (or FIXED_LINE_OR_MOBILE) is rejected: "not a mobile number".

import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export type PhoneErrorReason =
  | 'not_a_string'
  | 'empty'
  | 'too_long'
  | 'bad_characters'
  | 'invalid_country'
  | 'invalid'
  | 'not_mobile'
  | 'wrong_country';

/** A phone number the client sent is unacceptable: map to 422, field `phoneNumber`. */
export class InvalidPhoneNumberError extends Error {
  override readonly name = 'InvalidPhoneNumberError';
  readonly field = 'phoneNumber';
  constructor(
    readonly reason: PhoneErrorReason,
    message: string,
  ) {
    super(message);
  }
}

export interface NormalizedMsisdn {
  /** E.164 digits without '+', e.g. "256772123456". */
  msisdn: string;
  /** ISO 3166-1 alpha-2, e.g. "UG". */
  country: string;
  /** National significant number, e.g. "772123456" (CI/BJ/CG keep their leading 0). */
  nationalNumber: string;
}

/** Longest input we look at; anything longer is not a phone number. */
export const MAX_PHONE_INPUT_LENGTH = 32;

const ALLOWED = /^\+?[0-9 \t\u00a0().\/-]+$/;
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);
const err = (reason: PhoneErrorReason, message: string) => new InvalidPhoneNumberError(reason, message);

function isMobile(pn: PhoneNumber | undefined): pn is PhoneNumber & { country: CountryCode } {
  if (!pn || !pn.country || !pn.isValid()) return false;
  const type = pn.getType();
  return type !== undefined && MOBILE_TYPES.has(type);
}

function parse(text: string, country?: CountryCode): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, country);
  } catch {
    return undefined; // parsePhoneNumberFromString should not throw; be safe anyway
  }
}

/**
 * Validates and normalizes a mobile number. `country` (ISO alpha-2) is the default for national
 * forms and, when given, the only country accepted. Throws InvalidPhoneNumberError.
 */
export function normalizeMsisdn(input: string, country?: string): NormalizedMsisdn {
  const raw: unknown = input;
  if (typeof raw !== 'string') throw err('not_a_string', 'phoneNumber must be a string');
  const text = raw.trim();
  if (text === '') throw err('empty', 'phoneNumber must not be empty');
  if (text.length > MAX_PHONE_INPUT_LENGTH) throw err('too_long', 'phoneNumber is too long');
  if (!ALLOWED.test(text)) {
    throw err('bad_characters', "phoneNumber may contain only digits, spaces, '-', '.', '/', '(', ')' and a leading '+'");
  }

  let region: CountryCode | undefined;
  if (country !== undefined) {
    const upper = typeof country === 'string' ? country.trim().toUpperCase() : '';
    if (!/^[A-Z]{2}$/.test(upper) || !isSupportedCountry(upper)) {
      throw err('invalid_country', 'country must be a supported ISO 3166-1 alpha-2 code');
    }
    region = upper;
  }

  const digits = text.replace(/[^0-9]/g, '');
  const where = region ? `${region} ` : '';
  const invalid = () => err('invalid', `phoneNumber is not a valid ${where}mobile number`);
  if (digits.length < 4 || digits.length > 17) throw invalid();

  // Candidate readings: national first (when a country is given), then international.
  const explicitInternational = text.startsWith('+') || digits.startsWith('00');
  const candidates: PhoneNumber[] = [];
  const add = (pn: PhoneNumber | undefined) => pn && candidates.push(pn);
  if (text.startsWith('+')) {
    add(parse('+' + digits));
  } else {
    if (region) add(parse(digits, region));
    if (digits.startsWith('00')) add(parse('+' + digits.slice(2)));
    else if (!digits.startsWith('0')) add(parse('+' + digits));
  }

  const valid = candidates.filter((pn) => pn.isValid() && pn.country !== undefined);
  const inRegion = region ? valid.filter((pn) => pn.country === region) : valid;
  const found = inRegion.find(isMobile);
  if (!found) {
    if (inRegion.length > 0) throw err('not_mobile', 'phoneNumber is not a mobile number');
    if (region) {
      const regionCode = getCountryCallingCode(region);
      const foreign = candidates.some(
        (pn) => (pn.isValid() || explicitInternational) && pn.countryCallingCode !== regionCode,
      );
      if (foreign || valid.length > 0) throw err('wrong_country', `phoneNumber is not a ${region} number`);
    } else if (!explicitInternational && digits.startsWith('0')) {
      throw err('invalid', 'phoneNumber must be in international format (e.g. +256772123456) when no country is given');
    }
    throw invalid();
  }
  return { msisdn: found.number.slice(1), country: found.country, nationalNumber: found.nationalNumber };
}

// Calling codes of every country libphonenumber knows; ITU codes are prefix-free, so the first of
// lengths 1..3 that is in the set is the code.
const CALLING_CODES: ReadonlySet<string> = new Set(getCountries().map((c) => getCountryCallingCode(c)));

/** The E.164 calling code at the start of `msisdn` ("256772123456" → "256"), or undefined. */
export function callingCodeOf(msisdn: string): string | undefined {
  for (let len = 1; len <= 3 && len < msisdn.length; len++) {
    const code = msisdn.slice(0, len);
    if (CALLING_CODES.has(code)) return code;
  }
  return undefined;
}

/**
 * Masks an MSISDN for logs: keeps the calling code and the last 3 digits
 * ("256772123456" → "256******456"). Never throws; anything that is not 6–17 digits is "***".
 */
export function maskMsisdn(msisdn: string): string {
  const value: unknown = msisdn;
  if (typeof value !== 'string') return '***';
  const digits = value.startsWith('+') ? value.slice(1) : value;
  if (!/^[0-9]{6,17}$/.test(digits)) return '***';
  const code = callingCodeOf(digits) ?? '';
  const rest = digits.slice(code.length);
  const keep = rest.length > 6 ? 3 : 0;
  return code + '*'.repeat(rest.length - keep) + rest.slice(rest.length - keep);
}
