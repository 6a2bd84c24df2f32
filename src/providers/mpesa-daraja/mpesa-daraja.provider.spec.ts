import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { PaymentProvider, ProviderConfigError } from '../provider.port';
import { MpesaDarajaClient } from './mpesa-daraja.client';
import { MpesaDarajaModule } from './mpesa-daraja.module';
import { MpesaDarajaProvider } from './mpesa-daraja.provider';
import { darajaAccount, darajaPayment, darajaQuery } from './testing/mpesa-daraja.fixtures';

// Nothing listens on port 9: any call that slipped through would answer rejected_unsent, not throw.
const account = darajaAccount('http://127.0.0.1:9');

describe('MpesaDarajaProvider', () => {
  const provider = new MpesaDarajaProvider();

  it('describes itself', () => {
    expect(provider.id).toBe('mpesa-daraja');
    expect(provider.displayName).toBe('M-Pesa (Safaricom Kenya)');
    expect(provider.capabilities).toEqual({
      operations: ['collect', 'disburse', 'refund', 'status', 'balance', 'reverse'],
      callbackMethods: ['POST'],
      signsCallbacks: false,
      partialRefunds: true,
      customerPayments: true,
    });
    expect(provider.credentialFields).toEqual(['consumerKey', 'consumerSecret', 'passkey', 'initiatorPassword', 'certificate']);
    expect((provider as PaymentProvider).verifyCallbackSignature).toBeUndefined();
    expect(typeof provider.reverse).toBe('function');
    expect(typeof provider.customerPayments.registerCustomerPaymentUrls).toBe('function');
  });

  it('throws ProviderConfigError naming what is missing, before any call', async () => {
    const broken = { ...account, credentials: { consumerKey: 'k' } };
    await expect(provider.collect(broken, darajaPayment())).rejects.toThrow(ProviderConfigError);
    await expect(provider.collect(broken, darajaPayment())).rejects.toThrow('consumerSecret, passkey');
    await expect(provider.status(broken, darajaQuery())).rejects.toThrow(ProviderConfigError);
    await expect(provider.balance(broken, 'https://pay.example.com/cb/x')).rejects.toThrow(ProviderConfigError);
  });

  it('operations needing the initiator say so (STK-only account)', async () => {
    const stkOnly = { ...account, settings: { shortcode: '174379' }, credentials: { consumerKey: 'k', consumerSecret: 's', passkey: 'p' } };
    const refund = darajaPayment({ type: 'refund' });
    await expect(provider.refund(stkOnly, refund, darajaQuery())).rejects.toThrow(/refund by B2C needs settings.initiatorName/);
    await expect(provider.status(stkOnly, darajaQuery({ type: 'disbursement' }))).rejects.toThrow(/initiatorName/);
    await expect(provider.balance(stkOnly, 'https://pay.example.com/cb/x')).rejects.toThrow(/balance needs/);
    const reversal = { ...darajaQuery({ providerTransactionId: 'TC74XK2P9Q' }), amount: '150.00', amountMinor: 15000n, currency: 'KES', msisdn: '254708374149', reason: null };
    await expect(provider.reverse(stkOnly, reversal)).rejects.toThrow(/reverse needs/);
  });

  it('requests M-Pesa cannot take fail without a call', async () => {
    expect((await provider.collect(account, darajaPayment({ currency: 'UGX' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect((await provider.collect(account, darajaPayment({ msisdn: '256772123456' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND' });
    expect((await provider.disburse(account, darajaPayment({ type: 'disbursement', amount: '10.5' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'INVALID_AMOUNT' });
    expect((await provider.disburse(account, darajaPayment({ type: 'disbursement', callbackUrl: null }))).outcome).toMatchObject({ kind: 'failed', failureReason: expect.stringContaining('NO_CALLBACK_URL') });
  });
});

describe('MpesaDarajaModule', () => {
  it('provides and exports MpesaDarajaProvider and MpesaDarajaClient', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MpesaDarajaModule] }).compile();
    const provider = moduleRef.get(MpesaDarajaProvider);
    expect(provider).toBeInstanceOf(MpesaDarajaProvider);
    expect(provider.id).toBe('mpesa-daraja');
    expect(moduleRef.get(MpesaDarajaClient)).toBeInstanceOf(MpesaDarajaClient);
    await moduleRef.close();
  });
});
