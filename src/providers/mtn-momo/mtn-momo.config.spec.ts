import { ProviderAccountContext, ProviderConfigError } from '../provider.port';
import {
  MTN_TARGET_ENVIRONMENTS,
  currencyForTargetEnvironment,
  productCredentials,
  readMtnMomoConfig,
  targetEnvironmentForCountry,
} from './mtn-momo.config';

function account(overrides: Partial<ProviderAccountContext> = {}): ProviderAccountContext {
  return {
    id: 'acc-1',
    provider: 'mtn-momo',
    environment: 'sandbox',
    baseUrl: 'https://sandbox.momodeveloper.mtn.com/',
    settings: { targetEnvironment: 'sandbox' },
    credentials: { subscriptionKey: 'sub', apiUser: 'user', apiKey: 'key' },
    timeoutMs: 15000,
    ...overrides,
  };
}

describe('readMtnMomoConfig', () => {
  it('reads settings and credentials and trims the base URL', () => {
    const config = readMtnMomoConfig(account({ settings: { targetEnvironment: 'mtnuganda', callbackHost: 'Hooks.Example.com', refundVersion: 'v2' } }));
    expect(config.baseUrl).toBe('https://sandbox.momodeveloper.mtn.com');
    expect(config.settings).toEqual({ targetEnvironment: 'mtnuganda', callbackHost: 'hooks.example.com', refundVersion: 'v2' });
    expect(config.credentials).toMatchObject({ subscriptionKey: 'sub', apiUser: 'user', apiKey: 'key' });
  });

  it('accepts a callbackHost given as a URL', () => {
    expect(readMtnMomoConfig(account({ settings: { targetEnvironment: 'sandbox', callbackHost: 'https://hooks.example.com/x' } })).settings.callbackHost).toBe(
      'hooks.example.com',
    );
  });

  it('names every missing credential', () => {
    expect(() => readMtnMomoConfig(account({ credentials: { apiUser: 'user' } }))).toThrow(
      new ProviderConfigError('mtn-momo account acc-1: missing credentials: subscriptionKey, apiKey'),
    );
  });

  it.each([
    ['no targetEnvironment', { settings: {} }, 'settings.targetEnvironment is missing'],
    ["'production' as targetEnvironment", { settings: { targetEnvironment: 'production' } }, "not 'production'"],
    ['a bad refundVersion', { settings: { targetEnvironment: 'sandbox', refundVersion: 'v3' } }, 'refundVersion'],
    ['a bad base URL', { baseUrl: 'sandbox.momodeveloper.mtn.com' }, 'baseUrl'],
    ['a bad timeout', { timeoutMs: 0 }, 'timeoutMs'],
  ])('rejects %s', (_label, overrides, message) => {
    expect(() => readMtnMomoConfig(account(overrides as Partial<ProviderAccountContext>))).toThrow(ProviderConfigError);
    expect(() => readMtnMomoConfig(account(overrides as Partial<ProviderAccountContext>))).toThrow(message);
  });

  it('gives per-product credentials; disbursement needs its own subscription key', () => {
    const base = readMtnMomoConfig(account());
    expect(productCredentials(base, 'collection')).toEqual({ subscriptionKey: 'sub', apiUser: 'user', apiKey: 'key' });
    expect(() => productCredentials(base, 'disbursement')).toThrow('disbursementSubscriptionKey');
    const withDisb = readMtnMomoConfig(
      account({ credentials: { subscriptionKey: 'sub', apiUser: 'user', apiKey: 'key', disbursementSubscriptionKey: 'dsub', disbursementApiKey: 'dkey' } }),
    );
    expect(productCredentials(withDisb, 'disbursement')).toEqual({ subscriptionKey: 'dsub', apiUser: 'user', apiKey: 'dkey' });
  });
});

describe('MTN target environments', () => {
  it('maps sandbox to EUR and markets to their currency and country', () => {
    expect(currencyForTargetEnvironment('sandbox')).toBe('EUR');
    expect(currencyForTargetEnvironment('mtnuganda')).toBe('UGX');
    expect(currencyForTargetEnvironment('mtnghana')).toBe('GHS');
    expect(currencyForTargetEnvironment('nowhere')).toBeUndefined();
    expect(targetEnvironmentForCountry('ug')).toBe('mtnuganda');
    expect(targetEnvironmentForCountry('CG')).toBe('mtncongo');
    expect(Object.keys(MTN_TARGET_ENVIRONMENTS)).toHaveLength(15);
  });
});
