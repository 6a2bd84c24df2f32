import { createHmac } from 'node:crypto';
import { hmacSha256Matches, sharedSecretMatches } from './callback-signature';

describe('callback signature strategies', () => {
  const secret = 'callback-secret-123';
  const raw = Buffer.from('{"transaction":{"id":"abc","status_code":"TS"}, "amount": 10.50}');
  const b64 = createHmac('sha256', secret).update(raw).digest('base64');
  const hex = createHmac('sha256', secret).update(raw).digest('hex');

  it('accepts the HMAC of the exact raw bytes, base64 or hex', () => {
    expect(hmacSha256Matches(raw, secret, b64)).toBe(true);
    expect(hmacSha256Matches(raw, secret, hex, 'hex')).toBe(true);
    expect(hmacSha256Matches(raw, secret, ` ${b64} `)).toBe(true);
  });

  it('refuses a changed body, even one that parses to the same JSON', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(hmacSha256Matches(reformatted, secret, b64)).toBe(false);
    expect(hmacSha256Matches(Buffer.from(raw.toString().replace('10.50', '10.51')), secret, b64)).toBe(false);
  });

  it('refuses a wrong secret, a missing or truncated signature, and an empty secret', () => {
    expect(hmacSha256Matches(raw, 'other', b64)).toBe(false);
    expect(hmacSha256Matches(raw, secret, undefined)).toBe(false);
    expect(hmacSha256Matches(raw, secret, b64.slice(0, 10))).toBe(false);
    expect(hmacSha256Matches(raw, '', createHmac('sha256', '').update(raw).digest('base64'))).toBe(false);
  });

  it('shared secrets compare exactly', () => {
    expect(sharedSecretMatches('s3cret', 's3cret')).toBe(true);
    expect(sharedSecretMatches('s3cret', 's3cre')).toBe(false);
    expect(sharedSecretMatches('s3cret', undefined)).toBe(false);
    expect(sharedSecretMatches('', '')).toBe(false);
  });
});
