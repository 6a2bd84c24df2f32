// Airtel Money callbacks (fact sheet §7): Airtel POSTs to the URL configured ONCE per app in its portal
//   {"transaction": {"id", "message", "status_code": "TS"|"TF", "airtel_money_id"}, "hash"?: "<base64>"}
// `hash` is present when callback authentication is on (the portal's "private key" = our callbackSecret).
import { createHmac } from 'node:crypto';
import { CallbackParseError, ParsedCallback } from '../provider.port';
import { hmacSha256Matches } from '../shared/callback-signature';
import { asRecord, text } from './airtel-money.codes';
import { mapAirtelTransactionStatus } from './airtel-money.mapper';

/** Parses (never trusts) a callback body. Throws CallbackParseError when it is unusable. */
export function parseAirtelCallback(body: unknown): ParsedCallback {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CallbackParseError('Airtel callback body is not a JSON object');
  const tx = (body as Record<string, unknown>)['transaction'];
  if (!tx || typeof tx !== 'object' || Array.isArray(tx)) throw new CallbackParseError('Airtel callback has no transaction object');
  const t = asRecord(tx);
  const id = typeof t['id'] === 'string' ? t['id'].trim() : '';
  if (id === '') throw new CallbackParseError('Airtel callback transaction has no id');
  // `status_code` per the docs; `status` (the enquiry's name) is accepted too.
  const status = typeof t['status_code'] === 'string' ? t['status_code'] : t['status'];
  if (typeof status !== 'string' || status.trim() === '') throw new CallbackParseError('Airtel callback transaction has no status_code');
  const airtelMoneyId = text(t['airtel_money_id']);
  const message = text(t['message']);
  const outcome = mapAirtelTransactionStatus(
    status,
    { ...(airtelMoneyId ? { airtelMoneyId } : {}), ...(message ? { message } : {}), transactionStatus: status.trim().toUpperCase() },
    id,
  );
  return { outcome, providerReference: id, externalId: id };
}

/**
 * The texts Airtel may have signed, for a received raw body (§7: HMAC over "the callback JSON without
 * the hash field"; the exact canonicalisation is unverified, so — as the fact sheet advises — these are
 * tried in order):
 *  1. the received bytes with the `"hash":"…"` member cut out (and its comma), nothing else touched;
 *  2. the received JSON re-serialised compactly (JSON.stringify, no spaces) without `hash`, keys in the
 *     order received — for `{"transaction":{…},"hash":…}` that is `{"transaction":{…}}`, the form of
 *     Airtel's Java example;
 *  3. the compact `transaction` object alone (what one Go client hashes).
 * An attacker without the secret can forge none of them; all three cover `transaction`, the only part read.
 */
export function airtelCallbackSignedTexts(rawBody: Buffer): { hash: string; texts: string[] } | undefined {
  const raw = rawBody.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const { hash, ...rest } = parsed as Record<string, unknown>;
  if (typeof hash !== 'string' || hash.trim() === '') return undefined;
  const texts = new Set<string>();
  const member = /\s*,\s*"hash"\s*:\s*"(?:[^"\\]|\\.)*"/; // `,"hash":"…"` after another member
  const first = /"hash"\s*:\s*"(?:[^"\\]|\\.)*"\s*,?\s*/; // `"hash":"…",` as the first member
  const cut = member.test(raw) ? raw.replace(member, '') : raw.replace(first, '');
  if (cut !== raw) texts.add(cut);
  texts.add(JSON.stringify(rest));
  if (rest['transaction'] !== undefined) texts.add(JSON.stringify(rest['transaction']));
  return { hash: hash.trim(), texts: [...texts] };
}

/** Base64( HMAC-SHA256( key = secret as UTF-8, message ) ). */
export function airtelCallbackHash(message: string, secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('base64');
}

/** True when the body's `hash` is the HMAC of one of airtelCallbackSignedTexts(); compared in constant time. */
export function airtelCallbackHashMatches(rawBody: Buffer, secret: string): boolean {
  if (!secret) return false;
  const signed = airtelCallbackSignedTexts(rawBody);
  if (!signed) return false;
  // Every candidate is checked (no early exit); each comparison is constant-time.
  return signed.texts.map((message) => hmacSha256Matches(Buffer.from(message, 'utf8'), secret, signed.hash, 'base64')).includes(true);
}
