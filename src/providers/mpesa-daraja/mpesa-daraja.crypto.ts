// Daraja's clock and its two credentials built from secrets: the STK Password (fact sheet §2) and the
// SecurityCredential of the initiator (§6). Pure functions over node:crypto.
import { KeyObject, constants, publicEncrypt } from 'node:crypto';

/** Kenya (EAT) is UTC+3 all year, no daylight saving. */
const EAT_OFFSET_MS = 3 * 60 * 60 * 1000;

/** `YYYYMMDDHHmmss` in Kenyan time (EAT, UTC+3), as STK Push and STK Query want it. */
export function darajaTimestamp(at: Date = new Date()): string {
  const eat = new Date(at.getTime() + EAT_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    String(eat.getUTCFullYear()).padStart(4, '0') +
    two(eat.getUTCMonth() + 1) +
    two(eat.getUTCDate()) +
    two(eat.getUTCHours()) +
    two(eat.getUTCMinutes()) +
    two(eat.getUTCSeconds())
  );
}

/**
 * A `yyyyMMddHHmmss` time in EAT (C2B TransTime, STK TransactionDate) as a Date; undefined when it is not
 * 14 digits forming a real date and time.
 */
export function parseDarajaTime(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return new Date(utc - EAT_OFFSET_MS);
}

/** STK Password: base64(BusinessShortCode + Passkey + Timestamp), plain string concatenation. */
export function stkPassword(shortcode: string, passkey: string, timestamp: string): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`, 'utf8').toString('base64');
}

/**
 * SecurityCredential: the initiator password RSA-encrypted with the public key of Safaricom's certificate,
 * PKCS#1 v1.5 padding (not OAEP), base64. Random padding: a new value every time.
 */
export function darajaSecurityCredential(initiatorPassword: string, publicKey: KeyObject): string {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(initiatorPassword, 'utf8')).toString('base64');
}
