// Daraja's clock and id shapes (fact sheet §0, §2, §4, §6): Kenyan time (EAT, UTC+3, no DST) in the
// formats each API uses, money as whole cents (numbers: every amount the sandbox sees is below 2^53
// cents), and generators for the ids Daraja hands out (receipts, ConversationIDs, request ids...).
import { randomBytes, randomInt } from 'node:crypto';

const EAT_OFFSET_MS = 3 * 3_600_000;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const p2 = (n: number): string => String(n).padStart(2, '0');

interface EatParts {
  yyyy: string;
  MM: string;
  dd: string;
  HH: string;
  mm: string;
  ss: string;
  SSS: string;
}

function eat(ms: number): EatParts {
  const d = new Date(ms + EAT_OFFSET_MS);
  return {
    yyyy: String(d.getUTCFullYear()),
    MM: p2(d.getUTCMonth() + 1),
    dd: p2(d.getUTCDate()),
    HH: p2(d.getUTCHours()),
    mm: p2(d.getUTCMinutes()),
    ss: p2(d.getUTCSeconds()),
    SSS: String(d.getUTCMilliseconds()).padStart(3, '0'),
  };
}

/** yyyyMMddHHmmss in EAT: STK Timestamp, TransactionDate, TransTime, status times. */
export function eatTimestamp(ms = Date.now()): string {
  const t = eat(ms);
  return `${t.yyyy}${t.MM}${t.dd}${t.HH}${t.mm}${t.ss}`;
}

/** dd.MM.yyyy HH:mm:ss in EAT (B2C TransactionCompletedDateTime). */
export function eatDotted(ms = Date.now()): string {
  const t = eat(ms);
  return `${t.dd}.${t.MM}.${t.yyyy} ${t.HH}:${t.mm}:${t.ss}`;
}

/** A yyyyMMddHHmmss string naming a real calendar instant. */
export function isTimestamp(text: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

/** Cents as Daraja's decimal text: 2515000 -> "25150.00", -1500 -> "-15.00". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${p2(abs % 100)}`;
}

/** Cents as a JSON number of shillings (callbacks send numbers): 2515000 -> 25150. */
export function centsNumber(cents: number): number {
  return Math.trunc(cents) / 100;
}

/** "1000000" / "2500.5" -> cents; null when malformed. */
export function parseCents(text: unknown): number | null {
  const raw = typeof text === 'number' && Number.isFinite(text) ? String(text) : text;
  if (typeof raw !== 'string') return null;
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(raw.trim());
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

function alnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(0, ALNUM.length)] ?? 'X';
  return out;
}

/** Ids Daraja hands out; receipts and CheckoutRequestIDs are kept unique for the sandbox's lifetime. */
export class DarajaIds {
  private readonly used = new Set<string>();
  private sequence = randomInt(1, 9);

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /**
   * M-Pesa receipt: 10 uppercase alphanumerics, a year letter (2025 = T), a month letter (March = C), a day
   * character (1-9, then A...), then 7 random characters, e.g. TC74XK2P9Q.
   */
  receipt(now = Date.now()): string {
    const d = new Date(now + EAT_OFFSET_MS);
    const year = ALNUM[(((d.getUTCFullYear() - 2006) % 26) + 26) % 26] ?? 'A';
    const month = ALNUM[d.getUTCMonth()] ?? 'A';
    const day = d.getUTCDate() < 10 ? String(d.getUTCDate()) : (ALNUM[d.getUTCDate() - 10] ?? 'A');
    return this.unique(() => `${year}${month}${day}${alnum(7)}`);
  }

  /** AG_<yyyymmdd>_<20 hex> (B2C, status, balance, reversal, C2B v1 simulate). */
  conversationId(now = Date.now()): string {
    return this.unique(() => `AG_${eatTimestamp(now).slice(0, 8)}_${randomBytes(10).toString('hex')}`);
  }

  /** Safaricom's originator-conversation / request id shape: 7619-37765134-1. */
  requestId(): string {
    this.sequence = this.sequence >= 9 ? 1 : this.sequence + 1;
    return `${randomInt(1000, 99_999)}-${randomInt(1_000_000, 99_999_999)}-${this.sequence}`;
  }

  /** Newer MerchantRequestID shape: 2654-4b64-97ff-b827b542881d3130. */
  merchantRequestId(): string {
    const hex = (n: number): string => randomBytes(n).toString('hex');
    return this.unique(() => `${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}${randomInt(1000, 10_000)}`);
  }

  /** ws_CO_<ddMMyyyyHHmmss><ms><last 9 digits of the MSISDN>, e.g. ws_CO_23052022122137653708374149. */
  checkoutRequestId(msisdn: string, now = Date.now()): string {
    let ms = now;
    for (;;) {
      const t = eat(ms);
      const id = `ws_CO_${t.dd}${t.MM}${t.yyyy}${t.HH}${t.mm}${t.ss}${t.SSS}${msisdn.slice(-9)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
      ms++;
    }
  }
}
