// Amounts: decimal strings in major units on the wire, bigint minor units everywhere else.
// No Number ever touches an amount (a double cannot hold 0.1, nor every 16-digit integer).
//
// Decisions (api-contract.md, "Money and phone numbers"):
// - Accepted syntax is exactly /^[0-9]+(\.[0-9]+)?$/: no sign, exponent, spaces, thousands
//   separators, hex, "1." or ".5", and only ASCII digits (no Arabic-Indic or other Unicode digits).
// - Leading zeros are REJECTED ("007", "01.50"), not normalized: a zero-padded amount usually means
//   a client sends a fixed-width or mis-scaled field, and we would rather say so than guess.
//   A single "0" before the point is fine ("0.50").
// - Decimals are counted as written: "1500.0" for UGX (0 decimals) and "12.500" for KES (2) are
//   rejected even though the extra digits are zeros. The contract says "no more decimals than the
//   currency allows"; accepting some of those would make the rule depend on the digit values.
//   Fewer decimals are fine: KES "12.5" is 1250 minor units and "12" is 1200.
// - Zero is rejected ("0", "0.00"); amounts must be positive.
// - At most MAX_MINOR_UNITS (10^15) minor units: fits a PostgreSQL bigint and stays far below
//   Number.MAX_SAFE_INTEGER (~9.007e15) should some consumer ever read the JSON as a number.

import { currencyExponent } from './currencies';

/** Largest accepted amount, in minor units (inclusive). */
export const MAX_MINOR_UNITS = 10n ** 15n;

/** Machine-readable reason; `message` is the client-facing text (safe to return in a 422). */
export type AmountErrorReason =
  | 'not_a_string'
  | 'malformed'
  | 'leading_zeros'
  | 'too_many_decimals'
  | 'not_positive'
  | 'too_large';

/** An amount the client sent is unacceptable: map to 422 VALIDATION_FAILED, field `amount`. */
export class InvalidAmountError extends Error {
  override readonly name = 'InvalidAmountError';
  readonly field = 'amount';
  constructor(
    readonly reason: AmountErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The currency is not an ISO 4217 code we know: map to 422 (UNSUPPORTED_ROUTE or validation). */
export class UnsupportedCurrencyError extends Error {
  override readonly name = 'UnsupportedCurrencyError';
  readonly field = 'currency';
  constructor(readonly currency: unknown) {
    // Echo the code only when it looks like one: never reflect arbitrary client input.
    super(
      typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)
        ? `currency ${currency} is not supported`
        : 'currency must be a supported ISO 4217 code (e.g. "UGX", "KES")',
    );
  }
}

export interface ParsedAmount {
  /** The amount in minor units, > 0 and <= MAX_MINOR_UNITS. */
  minor: bigint;
  currency: string;
  exponent: number;
  /** Canonical decimal string, as formatMinor gives it ("12.5" KES → "12.50"). */
  amount: string;
}

const AMOUNT_SYNTAX = /^([0-9]+)(?:\.([0-9]+))?$/;
// With no leading zeros, an integer part of more than this many digits (plus the exponent) is
// >= 10^16 and so certainly too large; checked before BigInt so huge strings cost nothing.
const MAX_DIGITS = MAX_MINOR_UNITS.toString().length; // 16

function exponentOf(currency: unknown): number {
  const exponent = typeof currency === 'string' ? currencyExponent(currency) : undefined;
  if (exponent === undefined) throw new UnsupportedCurrencyError(currency);
  return exponent;
}

/**
 * Parses a client's decimal string in major units into minor units.
 * Throws UnsupportedCurrencyError for an unknown currency, InvalidAmountError otherwise.
 * `decimal` is typed string but checked at runtime (a JSON number or null must not slip through).
 */
export function parseAmount(decimal: string, currency: string): ParsedAmount {
  const exponent = exponentOf(currency);
  const value: unknown = decimal;
  if (typeof value !== 'string') {
    throw new InvalidAmountError(
      'not_a_string',
      typeof value === 'number' || typeof value === 'bigint'
        ? 'amount must be a decimal string (e.g. "12.50"), not a number'
        : 'amount must be a positive decimal string',
    );
  }
  const match = AMOUNT_SYNTAX.exec(value);
  if (!match) throw new InvalidAmountError('malformed', 'amount must be a positive decimal string');
  const integer = match[1];
  const fraction = match[2] ?? '';
  if (integer.length > 1 && integer.startsWith('0')) {
    throw new InvalidAmountError('leading_zeros', 'amount must not have leading zeros');
  }
  if (fraction.length > exponent) {
    throw new InvalidAmountError(
      'too_many_decimals',
      `amount has more decimals than ${currency} allows (${exponent})`,
    );
  }
  if (/^0*$/.test(integer + fraction)) {
    throw new InvalidAmountError('not_positive', 'amount must be greater than zero');
  }
  if (integer !== '0' && integer.length + exponent > MAX_DIGITS) {
    throw new InvalidAmountError('too_large', 'amount is too large');
  }
  const minor = BigInt(integer + fraction.padEnd(exponent, '0'));
  if (minor > MAX_MINOR_UNITS) throw new InvalidAmountError('too_large', 'amount is too large');
  return { minor, currency, exponent, amount: formatWithExponent(minor, exponent) };
}

/**
 * Formats minor units as the canonical decimal string in major units: exactly `exponent`
 * decimals (UGX 1500n → "1500", KES 1250n → "12.50", KES 1200n → "12.00", KES 5n → "0.05").
 * Zero and negative values (balances, adjustments) are formatted too ("-12.50").
 */
export function formatMinor(minor: bigint, currency: string): string {
  const exponent = exponentOf(currency);
  if (typeof minor !== 'bigint') throw new TypeError('formatMinor expects a bigint amount');
  return formatWithExponent(minor, exponent);
}

function formatWithExponent(minor: bigint, exponent: number): string {
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString();
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}
