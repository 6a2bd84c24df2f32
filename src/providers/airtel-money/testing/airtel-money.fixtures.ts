// Test helpers for the Airtel Money specs: an RSA key pair standing in for Airtel's, decryption of what
// we encrypt with it, and account/request builders. Not used by production code.
import { KeyObject, constants, createDecipheriv, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import type { PaymentRequest, ProviderAccountContext } from '../../provider.port';

export interface TestKeyPair {
  publicPem: string;
  privateKey: KeyObject;
}

/** A 1024-bit pair like Airtel's (its ciphertexts are 128 bytes = 172 base64 characters). */
export function testKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

/**
 * Decrypts what we RSA-encrypted. Node ≥ 20 refuses PKCS#1 v1.5 private decryption (CVE-2023-46809), so
 * for 'pkcs1' the raw RSA block is decrypted and the v1.5 padding (00 02 <non-zero random> 00 data)
 * checked and removed by hand.
 */
export function rsaDecrypt(base64: string, privateKey: KeyObject, padding: 'pkcs1' | 'oaep'): string {
  const data = Buffer.from(base64, 'base64');
  if (padding === 'oaep') return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, data).toString('utf8');
  const block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, data);
  const separator = block.indexOf(0, 2);
  if (block[0] !== 0 || block[1] !== 2 || separator < 10) throw new Error('not a PKCS#1 v1.5 encryption block');
  return block.subarray(separator + 1).toString('utf8');
}

/** The body text an x-signature / x-key pair signs, recovered with the private key. */
export function decryptSignature(headers: { 'x-signature': string; 'x-key': string }, privateKey: KeyObject, padding: 'pkcs1' | 'oaep'): string {
  const [key, iv] = rsaDecrypt(headers['x-key'], privateKey, padding).split(':');
  const decipher = createDecipheriv('aes-256-cbc', Buffer.from(key ?? '', 'base64'), Buffer.from(iv ?? '', 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(headers['x-signature'], 'base64')), decipher.final()]).toString('utf8');
}

export const TEST_SECRETS = {
  clientId: 'airtel-client-id-5f3c9a',
  clientSecret: 'airtel-client-secret-9d82e1b4',
  pin: '4827',
  callbackSecret: 'airtel-callback-key-77aa',
};

export function airtelAccount(baseUrl: string, overrides: Partial<ProviderAccountContext> = {}, publicPem?: string): ProviderAccountContext {
  return {
    id: 'acc-airtel-1',
    provider: 'airtel-money',
    environment: 'sandbox',
    baseUrl,
    settings: { country: 'UG', currency: 'UGX' },
    credentials: { ...TEST_SECRETS, ...(publicPem ? { publicKey: publicPem } : {}) },
    timeoutMs: 2000,
    ...overrides,
  };
}

export function airtelPayment(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    transactionId: '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10',
    type: 'collection',
    amount: '5000',
    amountMinor: 5000n,
    currency: 'UGX',
    country: 'UG',
    msisdn: '256752604392',
    reference: 'ORDER-1042',
    description: 'Order 1042',
    callbackUrl: null,
    ...overrides,
  };
}
