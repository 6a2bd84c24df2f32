// Orange WebPay notifications (fact sheet §4): Orange POSTs to the notif_url given at initiation
//   {"status": "SUCCESS", "notif_token": "dd497bda…", "txnid": "MP150709.1341.A00073"}
// only when a payment ends SUCCESS or FAILED. There is no signature: the notif_token returned at
// initiation is a per-payment shared secret. We keep only its SHA-256 (providerData.notifTokenSha256)
// and compare in constant time; the claim is still confirmed by a status query.
import { constantTimeEqual, sha256Hex } from '../../common/crypto/hashing';
import { CallbackParseError, ParsedCallback, RawCallback, StatusQuery } from '../provider.port';
import { asRecord, text } from './orange-money.errors';
import { mapOrangeStatus } from './orange-money.mapper';

export interface OrangeNotification {
  status: string;
  notifToken: string;
  txnid?: string;
}

/**
 * The notification's fields, from the JSON body (or, should Orange ever post a form, the form-encoded
 * raw body). Undefined when status or notif_token is missing.
 */
export function readOrangeNotification(callback: RawCallback): OrangeNotification | undefined {
  let source: Record<string, unknown> = asRecord(callback.body);
  if (callback.body === undefined && callback.rawBody?.length) {
    const raw = callback.rawBody.toString('utf8');
    if (/(^|&)notif_token=/.test(raw)) source = Object.fromEntries(new URLSearchParams(raw));
  }
  const status = text(source['status']);
  const notifToken = typeof source['notif_token'] === 'string' ? source['notif_token'].trim() : '';
  if (!status || /^\d+$/.test(status) || notifToken === '') return undefined;
  const txnid = text(source['txnid']);
  return { status: status.toUpperCase(), notifToken, ...(txnid ? { txnid } : {}) };
}

/**
 * Parses (never trusts) a notification. The body names no order: the gateway matches it by the
 * per-transaction callback URL. The notif_token never leaves this function.
 */
export function parseOrangeCallback(callback: RawCallback): ParsedCallback {
  if (callback.body !== undefined && (typeof callback.body !== 'object' || callback.body === null || Array.isArray(callback.body))) {
    throw new CallbackParseError('Orange notification body is not a JSON object');
  }
  const notification = readOrangeNotification(callback);
  if (!notification) throw new CallbackParseError('Orange notification needs a status and a notif_token');
  const outcome = mapOrangeStatus(notification.status, notification.txnid ? { txnid: notification.txnid } : {});
  return { outcome };
}

/**
 * True only when the transaction kept a notif_token hash (providerData.notifTokenSha256) and the
 * notification's notif_token hashes to it (constant-time comparison). No transaction → false.
 */
export function orangeNotifTokenMatches(callback: RawCallback, transaction: StatusQuery | undefined): boolean {
  const expected = transaction?.providerData?.['notifTokenSha256'];
  if (typeof expected !== 'string' || !/^[0-9a-f]{64}$/i.test(expected)) return false;
  const notification = readOrangeNotification(callback);
  if (!notification) return false;
  return constantTimeEqual(sha256Hex(notification.notifToken), expected.toLowerCase());
}
