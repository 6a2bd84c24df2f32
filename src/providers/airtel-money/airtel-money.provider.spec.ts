import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { CallbackParseError, ProviderConfigError, RawCallback } from '../provider.port';
import { airtelCallbackHash } from './airtel-money.callbacks';
import { AirtelMoneyClient } from './airtel-money.client';
import { AirtelMoneyModule } from './airtel-money.module';
import { AirtelMoneyProvider } from './airtel-money.provider';
import { TEST_SECRETS, airtelAccount, airtelPayment, testKeyPair } from './testing/airtel-money.fixtures';

const publicKey = testKeyPair().publicPem;
const account = airtelAccount('http://127.0.0.1:9', {}, publicKey);
const { callbackSecret: _omitted, ...rest } = TEST_SECRETS;
const withoutCallbackSecret = { ...rest, publicKey };
const raw = (text: string): RawCallback => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { method: 'POST', headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(text), body, sourceIp: '127.0.0.1' };
};
const transaction = { id: 'order-7781', message: 'Paid', status_code: 'TS', airtel_money_id: 'MP210603.1234.L06941' };

describe('AirtelMoneyProvider', () => {
  const provider = new AirtelMoneyProvider();

  it('describes itself', () => {
    expect(provider.id).toBe('airtel-money');
    expect(provider.displayName).toBe('Airtel Money');
    expect(provider.capabilities).toEqual({ operations: ['collect', 'disburse', 'refund', 'status', 'balance'], callbackMethods: ['POST'], signsCallbacks: true, partialRefunds: false });
    expect(provider.credentialFields).toEqual(['clientId', 'clientSecret', 'pin', 'publicKey', 'callbackSecret']);
  });

  it('validateAccount = readAirtelConfig (names every problem)', () => {
    expect(() => provider.validateAccount({ ...account, credentials: withoutCallbackSecret })).not.toThrow();
    expect(() => provider.validateAccount({ ...account, settings: { country: 'UG' }, credentials: { clientId: 'x' } })).toThrow(
      'settings.currency is missing; missing credentials: clientSecret',
    );
  });

  it('throws ProviderConfigError before any call for a misconfigured account', async () => {
    const bad = { ...account, credentials: { clientId: 'x' } };
    await expect(provider.collect(bad, airtelPayment())).rejects.toThrow(ProviderConfigError);
    await expect(provider.status(bad, { transactionId: 't', type: 'collection', providerReference: null, createdAt: new Date() })).rejects.toThrow(ProviderConfigError);
    await expect(provider.balance(bad)).rejects.toThrow(ProviderConfigError);
    await expect(provider.refund(bad, airtelPayment(), { transactionId: 't', type: 'collection', providerReference: null, createdAt: new Date() })).rejects.toThrow(ProviderConfigError);
  });

  describe('verifyCallbackSignature', () => {
    const signed = airtelCallbackHash(JSON.stringify({ transaction }), TEST_SECRETS.callbackSecret);

    it('no callbackSecret on the account → true (nothing to verify; the status query confirms)', () => {
      const noSecret = { ...account, credentials: withoutCallbackSecret };
      expect(provider.verifyCallbackSignature(noSecret, raw(JSON.stringify({ transaction })))).toBe(true);
      expect(provider.verifyCallbackSignature(noSecret, raw(JSON.stringify({ transaction, hash: 'anything' })))).toBe(true);
    });

    it('with a callbackSecret: right hash → true, wrong → false, absent → false', () => {
      expect(provider.verifyCallbackSignature(account, raw(JSON.stringify({ transaction, hash: signed })))).toBe(true);
      expect(provider.verifyCallbackSignature(account, raw(JSON.stringify({ transaction: { ...transaction, status_code: 'TF' }, hash: signed })))).toBe(false);
      expect(provider.verifyCallbackSignature(account, raw(JSON.stringify({ transaction, hash: signed.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })))).toBe(false);
      expect(provider.verifyCallbackSignature(account, raw(JSON.stringify({ transaction })))).toBe(false);
      expect(provider.verifyCallbackSignature(account, raw('not json'))).toBe(false);
    });
  });

  it('parses callbacks from the JSON body', () => {
    expect(provider.parseCallback(account, raw(JSON.stringify({ transaction, hash: 'h' })))).toEqual({
      outcome: { kind: 'succeeded', providerReference: 'order-7781', providerTransactionId: 'MP210603.1234.L06941', providerStatus: 'TS' },
      providerReference: 'order-7781',
      externalId: 'order-7781',
    });
    expect(() => provider.parseCallback(account, raw('nope'))).toThrow(CallbackParseError);
  });
});

describe('AirtelMoneyModule', () => {
  it('provides and exports AirtelMoneyProvider and its client', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AirtelMoneyModule] }).compile();
    const provider = moduleRef.get(AirtelMoneyProvider);
    expect(provider).toBeInstanceOf(AirtelMoneyProvider);
    expect(provider.id).toBe('airtel-money');
    expect(moduleRef.get(AirtelMoneyClient)).toBeInstanceOf(AirtelMoneyClient);
    await moduleRef.close();
  });
});
