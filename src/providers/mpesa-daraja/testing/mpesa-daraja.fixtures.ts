// Test helpers for the M-Pesa Daraja specs: a key pair standing in for Safaricom's certificate,
// decryption of what we encrypt with it, account/request builders and callback bodies shaped like the
// fact sheet's examples. Not used by production code.
import { KeyObject, constants, createPrivateKey, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import type { PaymentRequest, ProviderAccountContext, RawCallback, StatusQuery } from '../../provider.port';

/**
 * A self-signed X.509 certificate (RSA 1024, CN "Malipo Daraja test certificate", valid until 2126) and
 * its private key, made with openssl for these specs only: it exercises the real-certificate path.
 */
export const TEST_CERTIFICATE_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIICMDCCAZmgAwIBAgIUM1Sl2GuU81HXnC0ZIdYR5uOElfQwDQYJKoZIhvcNAQEL',
  'BQAwKTEnMCUGA1UEAwweTWFsaXBvIERhcmFqYSB0ZXN0IGNlcnRpZmljYXRlMCAX',
  'DTI2MTEyMjA1MjkwMVoYDzIxMjYxMDI5MDUyOTAxWjApMScwJQYDVQQDDB5NYWxp',
  'cG8gRGFyYWphIHRlc3QgY2VydGlmaWNhdGUwgZ8wDQYJKoZIhvcNAQEBBQADgY0A',
  'MIGJAoGBALs4wDDF/2S99+Kd8P6ryKWWgcNvChW1XTyIUmJXiSoHYGLlwv8TDBQj',
  'NkjPQ0rXEj3G/xj80vfd5koL86ZCJjwXBQPxL9aeBnoTCQnS0I1/Nhrw9mHTJO4Y',
  'vNDPIvan3Zp9uisvWY/+cf/aBce1yPr29xp6I8ZmBpa9OjYy+gdxAgMBAAGjUzBR',
  'MB0GA1UdDgQWBBSzBhbk0BqxZ9vvAMTETBfB2uovxzAfBgNVHSMEGDAWgBSzBhbk',
  '0BqxZ9vvAMTETBfB2uovxzAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUA',
  'A4GBAFFygn8T2wwptR9v9S+Rgc2+LcYkRBe+6xyevyPsjt2nxY5c10JLlTQM/BU0',
  '0odqs1909wiV/JdlVsvBodn8lNxBBxB9Ywvg+7duKum6k6WwDoWet9z+uXIBKHeH',
  '60VUixsBFZFlizddX8Ad5S1oLWVwtWruetN7PPqwxI0PGu87',
  '-----END CERTIFICATE-----',
].join('\n');
export const TEST_CERTIFICATE_PRIVATE_KEY = createPrivateKey([
  '-----BEGIN PRIVATE KEY-----',
  'MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBALs4wDDF/2S99+Kd',
  '8P6ryKWWgcNvChW1XTyIUmJXiSoHYGLlwv8TDBQjNkjPQ0rXEj3G/xj80vfd5koL',
  '86ZCJjwXBQPxL9aeBnoTCQnS0I1/Nhrw9mHTJO4YvNDPIvan3Zp9uisvWY/+cf/a',
  'Bce1yPr29xp6I8ZmBpa9OjYy+gdxAgMBAAECgYEAtfz3TTHaDTpf8EgpD9U6KEQC',
  'BVA1lF6EsCevNWrzqQgcmGXRQ5NnRVfpF6NpPSGM2MJMDCUOieSIS2gMwotAj7Su',
  '+ZlWoNZ7oeFPUFS04Pkk3upUDW8JFbkalg4/c1/V/iOUE2L2DKaXbFP4zz4KUTYD',
  'TJZdFWOV4v12N0SMHwUCQQDkQ8Ln+leg5zIw02lBMX+QZZoKSni3dKfn/eoo27NR',
  'UTTe7/YJKfJpdA5wJw63vYJRWUxWCl5LUVzeSeVBI8DnAkEA0fhVtcNwBwB5LNEM',
  'jvr0j1CdIWDVXmsHKLxM47MPuh82uteiNjO7abZRM5VOr9y5CM6+khJLfFlP5R1H',
  '0Mdx5wJBAIRJlQJV/kTc2CSd0QkcQ56Ok2hVYoKHk+uKJxOIx/JfirGNBdynt7pP',
  'rTJoIEpyBL1acDgJCD7EJ3sX/knzC48CQHrr9kl9y/TdaxM4ozCFbG0GVab3yJII',
  '+Fz5t83Jw1hD88d4e8ddi8c8a9dV/oXoIw8r8dcUDMsUgjhwZt2sFVsCQG2ubWbD',
  'Pf8d2Kbfpk44hEQS/vC2qw2ZQLI9wRD8VsNH8I9MGrs9Eg+qypfqdfsD/1YImvBE',
  'NNWTvsM37VN9nw4=',
  '-----END PRIVATE KEY-----',
].join('\n'));

export interface TestKeyPair {
  publicPem: string;
  privateKey: KeyObject;
}

/** A fresh RSA pair; its PUBLIC KEY PEM is accepted as `certificate` too. */
export function testKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

/**
 * Decrypts a SecurityCredential. Node ≥ 20 refuses PKCS#1 v1.5 private decryption (CVE-2023-46809), so
 * the raw RSA block is decrypted and the v1.5 padding (00 02 <non-zero random> 00 data) removed by hand.
 */
export function decryptSecurityCredential(base64: string, privateKey: KeyObject): string {
  const block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, Buffer.from(base64, 'base64'));
  const separator = block.indexOf(0, 2);
  if (block[0] !== 0 || block[1] !== 2 || separator < 10) throw new Error('not a PKCS#1 v1.5 encryption block');
  return block.subarray(separator + 1).toString('utf8');
}

/** Sandbox values from the fact sheet (§2, §6) plus made-up app credentials. */
export const TEST_SECRETS = {
  consumerKey: 'daraja-consumer-key-3c9a5f',
  consumerSecret: 'daraja-consumer-secret-e1b49d82',
  passkey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
  initiatorPassword: 'Safaricom999!*!',
};

export const TEST_CALLBACK_URL = 'https://pay.example.com/v1/webhooks/daraja/tok_9f8e7d6c5b4a3f2e1d0c';

export function darajaAccount(baseUrl: string, overrides: Partial<ProviderAccountContext> = {}, certificate: string = TEST_CERTIFICATE_PEM): ProviderAccountContext {
  return {
    id: 'acc-daraja-1',
    provider: 'mpesa-daraja',
    environment: 'sandbox',
    baseUrl,
    settings: { shortcode: '174379', transactionType: 'CustomerPayBillOnline', b2cShortcode: '600984', initiatorName: 'testapi' },
    credentials: { ...TEST_SECRETS, certificate },
    timeoutMs: 2000,
    ...overrides,
  };
}

export function darajaPayment(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    transactionId: '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10',
    type: 'collection',
    amount: '150',
    amountMinor: 15000n, // KES has 2 decimals in ISO 4217 (M-Pesa itself takes whole shillings)
    currency: 'KES',
    country: 'KE',
    msisdn: '254708374149',
    reference: 'ORDER-1042',
    description: 'Order 1042',
    callbackUrl: TEST_CALLBACK_URL,
    ...overrides,
  };
}

export function darajaQuery(overrides: Partial<StatusQuery> = {}): StatusQuery {
  return {
    transactionId: '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10',
    type: 'collection',
    providerReference: 'ws_CO_07032025143015123708374149',
    createdAt: new Date('2025-03-07T11:30:15Z'),
    callbackUrl: TEST_CALLBACK_URL,
    ...overrides,
  };
}

export function rawCallback(body: unknown, op?: string): RawCallback {
  const text = JSON.stringify(body);
  return { method: 'POST', headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(text), body, sourceIp: '196.201.214.200', query: op ? { op } : {} };
}

/** §4, success: numbers as numbers, items in the sheet's order. */
export const STK_CALLBACK_SUCCESS = {
  Body: {
    stkCallback: {
      MerchantRequestID: '5d1a-4c2e-9b77-0e3f1a2b3c4d112233',
      CheckoutRequestID: 'ws_CO_07032025143015123708374149',
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      CallbackMetadata: {
        Item: [
          { Name: 'Amount', Value: 150.0 },
          { Name: 'MpesaReceiptNumber', Value: 'TC74XK2P9Q' },
          { Name: 'Balance' },
          { Name: 'TransactionDate', Value: 20250307143102 },
          { Name: 'PhoneNumber', Value: 254708374149 },
        ],
      },
    },
  },
};

/** §6: a B2C Result. */
export function b2cResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: 'b2c-7f3e9a',
      ConversationID: 'AG_20250307_2010a1b2c3d4e5f6a7b8',
      TransactionID: 'TC75QW8ERT',
      ResultParameters: {
        ResultParameter: [
          { Key: 'TransactionAmount', Value: 500 },
          { Key: 'TransactionReceipt', Value: 'TC75QW8ERT' },
          { Key: 'ReceiverPartyPublicName', Value: '254708374149 - JANE DOE' },
          { Key: 'TransactionCompletedDateTime', Value: '07.03.2025 14:33:09' },
          { Key: 'B2CUtilityAccountAvailableFunds', Value: 98500.0 },
          { Key: 'B2CWorkingAccountAvailableFunds', Value: 0.0 },
          { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
          { Key: 'B2CChargesPaidAccountAvailableFunds', Value: -15.0 },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit' } },
      ...overrides,
    },
  };
}

/** §5: a C2B validation/confirmation payload (every value a string, MSISDN masked). */
export const C2B_PAYLOAD = {
  TransactionType: 'Pay Bill',
  TransID: 'TC71AB2CDE',
  TransTime: '20250307143102',
  TransAmount: '150.00',
  BusinessShortCode: '600984',
  BillRefNumber: 'INV-0042',
  InvoiceNumber: '',
  OrgAccountBalance: '25150.00',
  ThirdPartyTransID: '',
  MSISDN: '2547 ***** 149',
  FirstName: 'JANE',
  MiddleName: '',
  LastName: '',
};
