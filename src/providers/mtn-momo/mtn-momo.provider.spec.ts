import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { CallbackParseError, PaymentRequest, ProviderAccountContext, ProviderConfigError } from '../provider.port';
import { MtnMomoModule } from './mtn-momo.module';
import { MtnMomoProvider } from './mtn-momo.provider';

const account: ProviderAccountContext = {
  id: 'acc-1',
  provider: 'mtn-momo',
  environment: 'sandbox',
  baseUrl: 'http://127.0.0.1:9',
  settings: { targetEnvironment: 'sandbox' },
  credentials: { subscriptionKey: 'sub', apiUser: 'user', apiKey: 'key' },
  timeoutMs: 1000,
};
const request: PaymentRequest = {
  transactionId: '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10',
  type: 'collection',
  amount: '100',
  amountMinor: 100n,
  currency: 'EUR',
  country: 'UG',
  msisdn: '46733123450',
  reference: null,
  description: null,
  callbackUrl: null,
};

describe('MtnMomoProvider', () => {
  const provider = new MtnMomoProvider();

  it('describes itself', () => {
    expect(provider.id).toBe('mtn-momo');
    expect(provider.capabilities).toEqual({ operations: ['collect', 'disburse', 'refund', 'status', 'balance'], callbackMethods: ['POST', 'PUT'], signsCallbacks: false });
    expect(provider.credentialFields).toEqual([
      'subscriptionKey',
      'apiUser',
      'apiKey',
      'disbursementSubscriptionKey',
      'disbursementApiUser',
      'disbursementApiKey',
    ]);
  });

  it('disbursement-product operations need disbursementSubscriptionKey (ProviderConfigError, no call made)', async () => {
    const query = { transactionId: request.transactionId, type: 'disbursement' as const, providerReference: null, createdAt: new Date() };
    await expect(provider.disburse(account, { ...request, type: 'disbursement' })).rejects.toThrow(ProviderConfigError);
    await expect(provider.disburse(account, { ...request, type: 'disbursement' })).rejects.toThrow('disbursementSubscriptionKey');
    await expect(provider.refund(account, { ...request, type: 'refund' }, { ...query, type: 'collection' })).rejects.toThrow('disbursementSubscriptionKey');
    await expect(provider.status(account, query)).rejects.toThrow('disbursementSubscriptionKey');
    await expect(provider.status(account, { ...query, type: 'refund' })).rejects.toThrow(ProviderConfigError);
  });

  it('throws ProviderConfigError naming what is missing, before any call', async () => {
    await expect(provider.collect({ ...account, credentials: { apiUser: 'user' } }, request)).rejects.toThrow(ProviderConfigError);
    await expect(provider.collect({ ...account, credentials: { apiUser: 'user' } }, request)).rejects.toThrow('subscriptionKey, apiKey');
    await expect(provider.balance({ ...account, settings: {} })).rejects.toThrow('targetEnvironment');
  });

  it('parses callbacks from the JSON body', () => {
    const raw = (body: unknown) => ({ method: 'POST', headers: {}, rawBody: Buffer.from(JSON.stringify(body ?? null)), body, sourceIp: '127.0.0.1' });
    expect(provider.parseCallback(account, raw({ externalId: 'x', status: 'FAILED', reason: 'EXPIRED' }))).toEqual({
      outcome: { kind: 'failed', failureCode: 'EXPIRED', failureReason: 'EXPIRED' },
      externalId: 'x',
    });
    expect(() => provider.parseCallback(account, raw(undefined))).toThrow(CallbackParseError);
  });
});

describe('MtnMomoModule', () => {
  it('provides and exports MtnMomoProvider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MtnMomoModule] }).compile();
    const provider = moduleRef.get(MtnMomoProvider);
    expect(provider).toBeInstanceOf(MtnMomoProvider);
    expect(provider.id).toBe('mtn-momo');
    await moduleRef.close();
  });
});
