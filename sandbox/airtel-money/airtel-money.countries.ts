// Airtel's countries (fact sheet §12): X-Country, its one currency, the national MSISDN length (no
// country code), and money handling. Amounts arrive as JSON numbers (or numeric strings) in major
// units and live inside as BigInt minor units of the currency: never a float in arithmetic.

export interface AirtelCountry {
  code: string;
  name: string;
  currency: string;
  /** Minor-unit digits of the currency (ISO 4217). */
  exponent: number;
  /** Accepted national MSISDN lengths, without country code. */
  msisdnLengths: readonly number[];
  /** Congo-Brazzaville numbers keep their leading 0 (05XXXXXXX). */
  leadingZero: boolean;
}

function country(code: string, name: string, currency: string, exponent: number, lengths: number[], leadingZero = false): AirtelCountry {
  return { code, name, currency, exponent, msisdnLengths: lengths, leadingZero };
}

export const AIRTEL_COUNTRIES: Readonly<Record<string, AirtelCountry>> = Object.freeze({
  UG: country('UG', 'Uganda', 'UGX', 0, [9]),
  KE: country('KE', 'Kenya', 'KES', 2, [9]),
  TZ: country('TZ', 'Tanzania', 'TZS', 2, [9]),
  RW: country('RW', 'Rwanda', 'RWF', 0, [9]),
  ZM: country('ZM', 'Zambia', 'ZMW', 2, [9]),
  MW: country('MW', 'Malawi', 'MWK', 2, [9]),
  CD: country('CD', 'DR Congo', 'CDF', 2, [9]),
  CG: country('CG', 'Congo-Brazzaville', 'XAF', 0, [9], true),
  GA: country('GA', 'Gabon', 'XAF', 0, [8, 9]),
  TD: country('TD', 'Chad', 'XAF', 0, [8]),
  NE: country('NE', 'Niger', 'XOF', 0, [8]),
  MG: country('MG', 'Madagascar', 'MGA', 2, [9]),
  SC: country('SC', 'Seychelles', 'SCR', 2, [7]),
  NG: country('NG', 'Nigeria', 'NGN', 2, [10]),
});

export function airtelCountry(code: string | undefined): AirtelCountry | null {
  if (code === undefined || !Object.prototype.hasOwnProperty.call(AIRTEL_COUNTRIES, code)) return null;
  return AIRTEL_COUNTRIES[code] ?? null;
}

export type MsisdnCheck = { ok: true; msisdn: string } | { ok: false; resultCode: 'ESB000033' | 'ESB000036'; message: string };

/** A national number as Airtel wants it: digits only, no country code, the country's length. */
export function checkMsisdn(value: unknown, c: AirtelCountry): MsisdnCheck {
  const text = typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? String(value) : value;
  const lengths = c.msisdnLengths.join(' or ');
  if (c.leadingZero && typeof text === 'string' && /^\d+$/.test(text) && !text.startsWith('0')) {
    return { ok: false, resultCode: 'ESB000036', message: `Invalid MSISDN Length. MSISDN Length should be ${lengths} and should start with 0` };
  }
  if (typeof text !== 'string' || !/^\d+$/.test(text) || !c.msisdnLengths.includes(text.length)) {
    return { ok: false, resultCode: 'ESB000033', message: `Invalid MSISDN Length. MSISDN Length should be ${lengths}` };
  }
  if (!c.leadingZero && text.startsWith('0')) {
    return { ok: false, resultCode: 'ESB000036', message: `Invalid MSISDN. MSISDN should be ${lengths} digits without country code or leading 0` };
  }
  return { ok: true, msisdn: text };
}

export type AmountParse = { ok: true; minor: bigint } | { ok: false; message: string };

const DECIMAL = /^(-)?(\d{1,18})(?:\.(\d{1,18}))?$/;

/**
 * A JSON number or numeric string of major units into minor units. More decimals than the currency has
 * (non-zero ones), exponents, zero, negative and non-finite values are refused.
 */
export function parseAmount(value: unknown, exponent: number): AmountParse {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: 'Invalid amount' };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { ok: false, message: 'Invalid amount' };
  }
  const match = DECIMAL.exec(text);
  if (!match || match[1]) return { ok: false, message: 'Invalid amount' };
  const fraction = match[3] ?? '';
  if (fraction.length > exponent && /[^0]/.test(fraction.slice(exponent))) {
    return { ok: false, message: `Invalid amount: at most ${exponent} decimal places` };
  }
  const scaled = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const minor = BigInt(match[2] ?? '0') * 10n ** BigInt(exponent) + (exponent > 0 ? BigInt(scaled) : 0n);
  if (minor <= 0n) return { ok: false, message: 'Invalid amount: must be greater than zero' };
  return { ok: true, minor };
}

/** A major-unit decimal string (control endpoint, start-up option) into minor units; negative allowed if asked. */
export function parseMajor(text: string, exponent: number, excess: 'reject' | 'truncate', allowNegative: boolean): bigint | null {
  const match = DECIMAL.exec(text.trim());
  if (!match || (match[1] && !allowNegative)) return null;
  const fraction = match[3] ?? '';
  if (excess === 'reject' && fraction.length > exponent && /[^0]/.test(fraction.slice(exponent))) return null;
  const scaled = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const magnitude = BigInt(match[2] ?? '0') * 10n ** BigInt(exponent) + (exponent > 0 ? BigInt(scaled) : 0n);
  return match[1] ? -magnitude : magnitude;
}

/** Minor units back to a plain decimal string: 12345n, 2 -> "123.45"; 1000n, 0 -> "1000". */
export function formatMinor(minor: bigint, exponent: number): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const base = 10n ** BigInt(exponent);
  const fraction = abs % base;
  const text = exponent > 0 ? `${abs / base}.${fraction.toString().padStart(exponent, '0')}` : `${abs}`;
  return negative ? `-${text}` : text;
}

/** For SMS-like messages: "UGX 5,000", "ZMW 25.50". */
export function formatMoney(minor: bigint, c: AirtelCountry): string {
  const [whole = '0', fraction] = formatMinor(minor, c.exponent).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${c.currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}
