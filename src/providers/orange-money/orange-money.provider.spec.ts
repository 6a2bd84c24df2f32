import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { PaymentProvider, ProviderConfigError, UnsupportedOperationError } from '../provider.port';
import { OrangeMoneyClient } from './orange-money.client';
import { OrangeMoneyModule } from './orange-money.module';
import { OrangeMoneyProvider } from './orange-money.provider';
import { orangeAccount, orangePayment, orangeQuery } from './testing/orange-money.fixtures';

const account = orangeAccount('http://127.0.0.1:9');

describe('OrangeMoneyProvider', () => {
  const provider = new OrangeMoneyProvider();

  it('describes itself: collect and status only, unsigned POST callbacks', () => {
    expect(provider.id).toBe('orange-money');
    expect(provider.displayName).toBe('Orange Money');
    expect(provider.capabilities).toEqual({ operations: ['collect', 'status'], callbackMethods: ['POST'], signsCallbacks: false, redirectsCustomer: true });
    expect(provider.credentialFields).toEqual(['clientId', 'clientSecret', 'merchantKey']);
    const port: PaymentProvider = provider;
    expect(port.reverse).toBeUndefined();
    expect(port.customerPayments).toBeUndefined();
  });

  it('disburse, refund and balance throw UnsupportedOperationError', async () => {
    await expect(provider.disburse(account, orangePayment({ type: 'disbursement' }))).rejects.toEqual(new UnsupportedOperationError('orange-money', 'disburse'));
    await expect(provider.refund(account, orangePayment({ type: 'refund' }), orangeQuery())).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(provider.balance(account)).rejects.toMatchObject({ name: 'UnsupportedOperationError', operation: 'balance', provider: 'orange-money' });
  });

  it('validateAccount = readOrangeConfig; a misconfigured account throws before any call', async () => {
    expect(() => provider.validateAccount(account)).not.toThrow();
    const bad = { ...account, credentials: { clientId: 'x' } };
    expect(() => provider.validateAccount(bad)).toThrow('missing credentials: clientSecret, merchantKey');
    await expect(provider.collect(bad, orangePayment())).rejects.toThrow(ProviderConfigError);
    await expect(provider.status(bad, orangeQuery())).rejects.toThrow(ProviderConfigError);
  });
});

describe('OrangeMoneyModule', () => {
  it('provides and exports OrangeMoneyProvider and its client', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [OrangeMoneyModule] }).compile();
    const provider = moduleRef.get(OrangeMoneyProvider);
    expect(provider).toBeInstanceOf(OrangeMoneyProvider);
    expect(provider.id).toBe('orange-money');
    expect(moduleRef.get(OrangeMoneyClient)).toBeInstanceOf(OrangeMoneyClient);
    await moduleRef.close();
  });
});
