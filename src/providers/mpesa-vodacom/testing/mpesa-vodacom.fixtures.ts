// Test helpers for the Vodacom specs: an RSA key pair standing in for the portal's, decryption of the Bearer,
// and account/request builders. Not used by production code.
import { KeyObject, constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import type { PaymentRequest, ProviderAccountContext, StatusQuery } from '../../provider.port';

export interface VodacomTestKeyPair {
  /** Base64 DER SPKI without armour, as the portal shows it. */
  publicBase64: string;
  publicPem: string;
  privateKey: KeyObject;
}

/** A 2048-bit pair (the portal's is 4096-bit; the size changes nothing but speed). */
export function vodacomTestKeyPair(): VodacomTestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey,
  };
}

/**
 * What a Bearer decrypts to. Node ≥ 20 refuses PKCS#1 v1.5 private decryption (CVE-2023-46809): the raw RSA
 * block is decrypted and the v1.5 padding (00 02 <non-zero random> 00 data) checked and removed by hand.
 */
export function decryptBearer(authorization: string | undefined, privateKey: KeyObject): string {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new Error(`not a Bearer header: ${authorization}`);
  const block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, Buffer.from(token, 'base64'));
  const separator = block.indexOf(0, 2);
  if (block[0] !== 0 || block[1] !== 2 || separator < 10) throw new Error('not a PKCS#1 v1.5 encryption block');
  return block.subarray(separator + 1).toString('utf8');
}

export const VODACOM_TEST_SECRETS = {
  apiKey: 'vodacom-api-key-7c1f9e2ab4',
  initiatorIdentifier: 'Initiator-MZ-88',
  securityCredential: 'SecCred-Mz-2019x',
};

export const TX = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
export const TX_REF = '3f1c5a0e8d2b4c7e9a610b5d2e7f4a10';

export function vodacomAccount(baseUrl: string, publicKey: string, overrides: Partial<ProviderAccountContext> = {}): ProviderAccountContext {
  return {
    id: 'acc-vodacom-1',
    provider: 'mpesa-vodacom',
    environment: 'sandbox',
    baseUrl,
    settings: { serviceProviderCode: '171717', singlePort: true },
    credentials: { ...VODACOM_TEST_SECRETS, publicKey },
    timeoutMs: 2000,
    ...overrides,
  };
}

export function vodacomPayment(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    transactionId: TX,
    type: 'collection',
    amount: '150.50',
    amountMinor: 15050n,
    currency: 'MZN',
    country: 'MZ',
    msisdn: '258843330333',
    reference: 'ORDER-1042',
    description: 'Order 1042',
    callbackUrl: null,
    ...overrides,
  };
}

export function vodacomQuery(overrides: Partial<StatusQuery> = {}): StatusQuery {
  return {
    transactionId: TX,
    type: 'collection',
    providerReference: '25230e0e20514ba790c1273b866e98d1',
    providerTransactionId: '5C1400CVRO',
    createdAt: new Date(),
    ...overrides,
  };
}
