// X-Target-Environment values (fact sheet §1) with the currency each one settles in, and decimal amount
// handling. Amounts stay decimal strings on the wire and BigInt minor units inside: never a float.

export interface MtnTargetEnvironment {
  currency: string;
  /** Number of minor-unit digits of the currency (ISO 4217). */
  exponent: number;
}

/** Only `sandbox`/EUR is documented; the country mapping is inferred (fact sheet §1, unverified). */
export const MTN_TARGET_ENVIRONMENTS: Readonly<Record<string, MtnTargetEnvironment>> = Object.freeze({
  sandbox: { currency: 'EUR', exponent: 2 },
  mtnuganda: { currency: 'UGX', exponent: 0 },
  mtnghana: { currency: 'GHS', exponent: 2 },
  mtnivorycoast: { currency: 'XOF', exponent: 0 },
  mtnzambia: { currency: 'ZMW', exponent: 2 },
  mtncameroon: { currency: 'XAF', exponent: 0 },
  mtnbenin: { currency: 'XOF', exponent: 0 },
  mtncongo: { currency: 'XAF', exponent: 0 },
  mtnswaziland: { currency: 'SZL', exponent: 2 },
  mtnguineaconakry: { currency: 'GNF', exponent: 0 },
  mtnsouthafrica: { currency: 'ZAR', exponent: 2 },
  mtnliberia: { currency: 'LRD', exponent: 2 },
  mtnsouthsudan: { currency: 'SSP', exponent: 2 },
  mtnnigeria: { currency: 'NGN', exponent: 2 },
  mtnrwanda: { currency: 'RWF', exponent: 0 },
});

export function targetEnvironment(name: string | undefined): MtnTargetEnvironment | null {
  if (name === undefined || !Object.prototype.hasOwnProperty.call(MTN_TARGET_ENVIRONMENTS, name)) return null;
  return MTN_TARGET_ENVIRONMENTS[name] ?? null;
}

export type AmountParse = { ok: true; minor: bigint } | { ok: false; message: string };

const AMOUNT = /^(\d{1,18})(?:\.(\d{1,18}))?$/;

/**
 * Parses a positive decimal string ("100", "5.0", "12.50") into minor units of a currency with the
 * given exponent. Extra fraction digits are accepted only when they are zeros ("100.00" in UGX).
 */
export function parseAmount(amount: string, exponent: number): AmountParse {
  const match = AMOUNT.exec(amount);
  if (!match) return { ok: false, message: 'amount must be a positive decimal number in a string, e.g. "100" or "12.50"' };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent && /[^0]/.test(fraction.slice(exponent))) {
    return { ok: false, message: `amount has more than ${exponent} decimal places for this currency` };
  }
  const scaled = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const minor = BigInt(whole) * 10n ** BigInt(exponent) + (exponent > 0 ? BigInt(scaled) : 0n);
  if (minor <= 0n) return { ok: false, message: 'amount must be greater than zero' };
  return { ok: true, minor };
}

/** Minor units back to a decimal string: 12345n, 2 -> "123.45"; 10000n, 2 -> "100"; 0n -> "0". */
export function formatMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const base = 10n ** BigInt(exponent);
  const whole = abs / base;
  const fraction = abs % base;
  const text = exponent > 0 && fraction !== 0n ? `${whole}.${fraction.toString().padStart(exponent, '0')}` : `${whole}`;
  return negative ? `-${text}` : text;
}
