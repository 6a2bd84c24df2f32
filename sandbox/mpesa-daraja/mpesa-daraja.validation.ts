// Field checks of Daraja request bodies. A Fields reader checks fields in the order the handler asks and
// remembers the first one that fails, which the handler answers as 400.002.02 "Bad Request - Invalid
// <Field>" (Daraja names one field per refusal). Numbers may come as JSON numbers or numeric strings.
import { isTimestamp } from './mpesa-daraja.format';

const SHORTCODE = /^\d{5,7}$/;
/** Safaricom MSISDNs in international form: 2547XXXXXXXX and 2541XXXXXXXX. */
const MSISDN = /^254[17]\d{8}$/;
/** Words Daraja refuses in C2B URLs (fact sheet §5), any case. */
const FORBIDDEN_URL_WORDS = ['mpesa', 'safaricom', 'exe', 'exec', 'cmd', 'sql', 'query'];

function digitsText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? value.trim() : null;
}

export function parseShortCode(value: unknown): string | null {
  const text = digitsText(value);
  return text !== null && SHORTCODE.test(text) ? text : null;
}

export function parseMsisdn(value: unknown): string | null {
  const text = digitsText(value);
  return text !== null && MSISDN.test(text) ? text : null;
}

/** A whole number of shillings (1, "1", "100.00"; not 1.5, not "1e3"), within [min, max]. */
export function parseWholeAmount(value: unknown, min: number, max: number): number | null {
  let amount: number | null = null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) amount = value;
  else if (typeof value === 'string' && /^\d{1,15}(\.0+)?$/.test(value.trim())) amount = Number(value.trim().split('.')[0]);
  return amount !== null && amount >= min && amount <= max ? amount : null;
}

export function parseHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048 || /\s/.test(value)) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? value : null;
  } catch {
    return null;
  }
}

/** A URL Daraja accepts on Register URL: http(s) without the forbidden words. */
export function parseC2bUrl(value: unknown): string | null {
  const url = parseHttpUrl(value);
  if (url === null) return null;
  const lower = url.toLowerCase();
  return FORBIDDEN_URL_WORDS.some((word) => lower.includes(word)) ? null : url;
}

const own = (body: Record<string, unknown>, key: string): unknown => (Object.prototype.hasOwnProperty.call(body, key) ? body[key] : undefined);
const absent = (value: unknown): boolean => value === undefined || value === null || value === '';

export class Fields {
  /** Name of the first field that failed, or null. */
  failed: string | null = null;

  constructor(private readonly body: Record<string, unknown>) {}

  /** The raw value of a field (own properties only). */
  raw(name: string): unknown {
    return own(this.body, name);
  }

  has(name: string): boolean {
    return !absent(own(this.body, name));
  }

  fail(name: string): void {
    this.failed ??= name;
  }

  check<T>(name: string, fallback: T, parse: (value: unknown) => T | null, optional = false): T {
    if (this.failed) return fallback;
    const value = own(this.body, name);
    if (optional && absent(value)) return fallback;
    const parsed = parse(value);
    if (parsed === null) {
      this.failed = name;
      return fallback;
    }
    return parsed;
  }

  shortCode(name: string): string {
    return this.check(name, '', parseShortCode);
  }

  msisdn(name: string): string {
    return this.check(name, '', parseMsisdn);
  }

  amount(name: string, min = 1, max = 999_999_999_999): number {
    return this.check(name, 0, (v) => parseWholeAmount(v, min, max));
  }

  url(name: string): string {
    return this.check(name, '', parseHttpUrl);
  }

  /** A string (numbers are taken as their text) of length within [min, max]. */
  text(name: string, min: number, max: number, optional = false): string {
    return this.check(
      name,
      '',
      (v) => {
        const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
        return typeof text === 'string' && text.trim().length >= min && text.length <= max ? text : null;
      },
      optional,
    );
  }

  /** yyyyMMddHHmmss naming a real date (string or number). */
  timestamp(name: string): string {
    return this.check(name, '', (v) => {
      const text = typeof v === 'number' ? String(v) : v;
      return typeof text === 'string' && isTimestamp(text) ? text : null;
    });
  }

  /** One of the given values (a number is compared as its text). */
  oneOf<T extends string>(name: string, values: readonly T[]): T {
    return this.check(name, values[0] as T, (v) => {
      const text = typeof v === 'number' ? String(v) : v;
      return typeof text === 'string' && (values as readonly string[]).includes(text) ? (text as T) : null;
    });
  }
}
