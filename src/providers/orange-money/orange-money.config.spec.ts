import type { EnvironmentVariables } from '../../config/env.schema';
import { ProviderConfigError } from '../provider.port';
import { ORANGE_WEBPAY_COUNTRIES, orangeCurrencyFor, orangeSecretValues, readOrangeConfig } from './orange-money.config';
import { readOrangeMoneySeed } from './orange-money.seed';
import { TEST_SECRETS, orangeAccount } from './testing/orange-money.fixtures';

const seed = (vars: Record<string, string>) => readOrangeMoneySeed(vars as unknown as EnvironmentVariables);
const base = { ORANGE_MONEY_BASE_URL: 'https://api.orange.com', ORANGE_MONEY_CLIENT_ID: 'id', ORANGE_MONEY_CLIENT_SECRET: 'secret', ORANGE_MONEY_MERCHANT_KEY: 'a86b2087' };

describe('readOrangeConfig', () => {
  it('sandbox account: countryPath dev, wire currency OUV, real currency kept', () => {
    const config = readOrangeConfig(orangeAccount('http://127.0.0.1:4010/'));
    expect(config).toEqual({
      accountId: 'acc-orange-1',
      baseUrl: 'http://127.0.0.1:4010',
      timeoutMs: 2000,
      settings: { country: 'CI', countryPath: 'dev', currency: 'XOF', wireCurrency: 'OUV', lang: 'fr', merchantName: 'Malipo Shop', paymentValidityMinutes: 10, expiryGraceMinutes: 2 },
      credentials: TEST_SECRETS,
    });
    expect(orangeSecretValues(config)).toEqual([...Object.values(TEST_SECRETS), Buffer.from(`${TEST_SECRETS.clientId}:${TEST_SECRETS.clientSecret}`).toString('base64')]);
  });

  it('production account: lower-case country path, currency from the table', () => {
    const config = readOrangeConfig(orangeAccount('https://api.orange.com', { environment: 'production', settings: { country: 'gn' } }));
    expect(config.settings).toMatchObject({ country: 'GN', countryPath: 'gn', currency: 'GNF', wireCurrency: 'GNF', lang: 'fr' });
  });

  it('names every problem at once', () => {
    const bad = orangeAccount('ftp://x', {
      settings: { country: 'KE', countryPath: 'ci', lang: 'de', merchantName: 'x'.repeat(31), paymentValidityMinutes: 0 },
      credentials: { clientId: 'x' },
    });
    expect(() => readOrangeConfig(bad)).toThrow(ProviderConfigError);
    expect(() => readOrangeConfig(bad)).toThrow(
      'orange-money account acc-orange-1: baseUrl must be an http(s) URL; settings.country KE is not an Orange Money WebPay country (CI, ML, GN, CM, MG, CD, SN, BF, NE, GW, CF, BW, LR, SL); ' +
        "settings.countryPath must be 'dev' or the lower-case country code 'ke'; settings.currency is missing; settings.lang must be 'fr' or 'en'; " +
        'settings.merchantName must be at most 30 characters; settings.paymentValidityMinutes must be a positive number; missing credentials: clientSecret, merchantKey',
    );
  });

  it('currency rules: OUV is the wire currency, not the account currency; prod sends the real one', () => {
    expect(() => readOrangeConfig(orangeAccount('http://x', { settings: { country: 'CI', currency: 'OUV' } }))).toThrow('OUV goes in settings.wireCurrency');
    expect(() => readOrangeConfig(orangeAccount('http://x', { settings: { country: 'CI', currency: 'XAF' } }))).toThrow('not the WebPay currency of CI (XOF)');
    const prod = { environment: 'production' as const, settings: { country: 'CI', wireCurrency: 'OUV' } };
    expect(() => readOrangeConfig(orangeAccount('http://x', prod))).toThrow("settings.wireCurrency must be XOF outside 'dev'");
  });

  it('exports the §7 table', () => {
    expect(Object.keys(ORANGE_WEBPAY_COUNTRIES)).toHaveLength(14);
    expect(orangeCurrencyFor('ml')).toBe('XOF');
    expect(orangeCurrencyFor('MG')).toBe('MGA');
    expect(orangeCurrencyFor('KE')).toBeUndefined();
  });
});

describe('readOrangeMoneySeed', () => {
  it('null without base URL, client id and secret', () => {
    expect(seed({})).toBeNull();
    expect(seed({ ORANGE_MONEY_BASE_URL: 'https://api.orange.com', ORANGE_MONEY_CLIENT_ID: 'id' })).toBeNull();
  });

  it('production: lower-case path, table currency', () => {
    expect(seed({ ...base, ORANGE_MONEY_COUNTRY: 'ci' })).toEqual({
      provider: 'orange-money',
      name: 'orange-money (env)',
      environment: 'production',
      baseUrl: 'https://api.orange.com',
      countries: ['CI'],
      currencies: ['XOF'],
      settings: { country: 'CI', countryPath: 'ci', currency: 'XOF', wireCurrency: 'XOF', lang: 'fr' },
      credentials: { clientId: 'id', clientSecret: 'secret', merchantKey: 'a86b2087' },
    });
  });

  it("Orange's sandbox (same host, path dev) and local stand-ins default to dev", () => {
    expect(seed({ ...base, ORANGE_MONEY_COUNTRY: 'ML', ORANGE_MONEY_COUNTRY_PATH: 'DEV', ORANGE_MONEY_LANG: 'en', ORANGE_MONEY_MERCHANT_NAME: 'Shop' })).toMatchObject({
      environment: 'sandbox',
      currencies: ['XOF'],
      settings: { country: 'ML', countryPath: 'dev', currency: 'XOF', wireCurrency: 'OUV', lang: 'en', merchantName: 'Shop' },
    });
    expect(seed({ ...base, ORANGE_MONEY_BASE_URL: 'http://127.0.0.1:4010/', ORANGE_MONEY_COUNTRY: 'CI' })).toMatchObject({
      environment: 'sandbox',
      baseUrl: 'http://127.0.0.1:4010',
      settings: { countryPath: 'dev', wireCurrency: 'OUV' },
    });
  });

  it.each([
    [{ ORANGE_MONEY_MERCHANT_KEY: '' , ORANGE_MONEY_COUNTRY: 'CI' }, 'ORANGE_MONEY_MERCHANT_KEY is required'],
    [{}, 'ORANGE_MONEY_COUNTRY is required'],
    [{ ORANGE_MONEY_COUNTRY: 'KE' }, 'KE is not an Orange Money WebPay country'],
    [{ ORANGE_MONEY_COUNTRY: 'CI', ORANGE_MONEY_COUNTRY_PATH: 'ml' }, "ORANGE_MONEY_COUNTRY_PATH must be 'dev' or 'ci'"],
    [{ ORANGE_MONEY_COUNTRY: 'CI', ORANGE_MONEY_CURRENCY: 'OUV' }, 'real currency'],
    [{ ORANGE_MONEY_COUNTRY: 'CI', ORANGE_MONEY_LANG: 'de' }, "ORANGE_MONEY_LANG must be 'fr' or 'en'"],
  ])('%j throws', (vars, message) => {
    expect(() => seed({ ...base, ...vars })).toThrow(message);
  });
});
