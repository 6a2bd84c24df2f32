// Test helpers for the Orange Money specs: account, request, query and callback builders. Not used by
// production code.
import type { PaymentRequest, ProviderAccountContext, RawCallback, StatusQuery } from '../../provider.port';

export const TEST_SECRETS = {
  clientId: 'orange-client-id-4f7a21',
  clientSecret: 'orange-client-secret-93be5c0d',
  merchantKey: 'a86b2087',
};

export const TX = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
/** orangeOrderId(TX) */
export const TX_ORDER_ID = 'PxxaDo0rTH6aYQtdLn9KEA';
export const PAY_TOKEN = 'f5720dd906203c62033ffe64ed75614785878b0ab2231d9c582b2908fca0ab9a';
export const NOTIF_TOKEN = 'dd497bda3b250e536186fc0663f32f40';
export const CALLBACK_URL = 'https://gw.example.com/v1/webhooks/orange-money/cb-secret-token-8a1f0c93d2';

export function orangeAccount(baseUrl: string, overrides: Partial<ProviderAccountContext> = {}): ProviderAccountContext {
  return {
    id: 'acc-orange-1',
    provider: 'orange-money',
    environment: 'sandbox',
    baseUrl,
    settings: { country: 'CI', currency: 'XOF', lang: 'fr', merchantName: 'Malipo Shop' },
    credentials: { ...TEST_SECRETS },
    timeoutMs: 2000,
    ...overrides,
  };
}

export function orangePayment(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    transactionId: TX,
    type: 'collection',
    amount: '1200',
    amountMinor: 1200n,
    currency: 'XOF',
    country: 'CI',
    msisdn: '2250712345678',
    reference: 'ORDER-1042',
    description: 'Order 1042',
    callbackUrl: CALLBACK_URL,
    returnUrl: 'https://shop.example.com/orders/1042/done',
    cancelUrl: 'https://shop.example.com/orders/1042/cancelled',
    ...overrides,
  };
}

export function orangeQuery(overrides: Partial<StatusQuery> = {}): StatusQuery {
  return {
    transactionId: TX,
    type: 'collection',
    providerReference: TX_ORDER_ID,
    createdAt: new Date(),
    providerData: { payToken: PAY_TOKEN },
    amount: '1200',
    amountMinor: 1200n,
    currency: 'XOF',
    ...overrides,
  };
}

export function rawCallback(body: unknown): RawCallback {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { method: 'POST', headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(text), body: parsed, sourceIp: '127.0.0.1', query: {} };
}
