import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../common/crypto/hashing';

/**
 * Signature strategies a provider module can use in `verifyCallbackSignature`. All compare in constant
 * time and work on the exact raw bytes received (never on re-serialised JSON).
 */

/** HMAC-SHA256 of the raw body, sent base64 or hex in a header (e.g. Airtel's callback `hash`). */
export function hmacSha256Matches(rawBody: Buffer, secret: string, presented: string | undefined, encoding: 'base64' | 'hex' = 'base64'): boolean {
  if (!presented || !secret) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest(encoding);
  return constantTimeEqual(expected, presented.trim());
}

/** A shared secret sent as-is in a header. */
export function sharedSecretMatches(expected: string, presented: string | undefined): boolean {
  return Boolean(expected) && presented !== undefined && constantTimeEqual(expected, presented);
}

