import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentVariables } from '../../config/env.schema';
import { ProviderConfigError } from '../provider.port';
import { AIRTEL_COUNTRIES, airtelCurrencyFor, disbursementSecrets, parseAirtelPublicKey, readAirtelConfig, secretValuesOf } from './airtel-money.config';
import { readAirtelMoneySeed } from './airtel-money.seed';
import { airtelAccount, testKeyPair } from './testing/airtel-money.fixtures';

const pair = testKeyPair();
const base = (overrides = {}) => airtelAccount('https://openapiuat.airtel.africa/', overrides, pair.publicPem);

describe('readAirtelConfig', () => {
  it('reads settings and credentials, with defaults, and trims the base URL', () => {
    const config = readAirtelConfig(base({ settings: { country: 'ug', currency: 'ugx' } }));
    expect(config.baseUrl).toBe('https://openapiuat.airtel.africa');
    expect(config.timeoutMs).toBe(2000);
    expect(config.settings).toEqual({ country: 'UG', currency: 'UGX', signing: false, pinPadding: 'pkcs1', disbursementVersion: 'v1' });
    expect(config.credentials).toMatchObject({ clientId: 'airtel-client-id-5f3c9a', pin: '4827', callbackSecret: 'airtel-callback-key-77aa' });
    expect(config.publicKey?.asymmetricKeyType).toBe('rsa');
    expect(secretValuesOf(config)).toEqual(['airtel-client-id-5f3c9a', 'airtel-client-secret-9d82e1b4', 'airtel-callback-key-77aa']);
  });

  it('takes settings.timeoutMs over the account timeout, and every optional setting', () => {
    const settings = { country: 'ZM', currency: 'ZMW', signing: true, pinPadding: 'oaep', disbursementVersion: 'v2', timeoutMs: 9000 };
    const config = readAirtelConfig(base({ settings }));
    expect(config.timeoutMs).toBe(9000);
    expect(config.settings).toEqual(settings);
  });

  it('accepts the bare base64 SPKI Airtel shows as well as PEM', () => {
    const bare = pair.publicPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    expect(parseAirtelPublicKey(bare)?.asymmetricKeyType).toBe('rsa');
    expect(parseAirtelPublicKey('not a key')).toBeUndefined();
  });

  it('names everything missing at once', () => {
    expect(() => readAirtelConfig(airtelAccount('x', { settings: {}, credentials: {} }))).toThrow(
      new ProviderConfigError(
        'airtel-money account acc-airtel-1: baseUrl must be an http(s) URL; settings.country is missing; settings.currency is missing; missing credentials: clientId, clientSecret',
      ),
    );
  });

  it.each([
    ['an unknown country', { settings: { country: 'FR', currency: 'EUR' } }, 'settings.country FR is not an Airtel Money country'],
    ['a currency of another country', { settings: { country: 'UG', currency: 'KES' } }, 'settings.currency KES is not a currency of Airtel UG'],
    ['a malformed currency', { settings: { country: 'UG', currency: 'UG' } }, 'ISO 4217'],
    ['a string signing flag', { settings: { country: 'UG', currency: 'UGX', signing: 'on' } }, 'settings.signing must be true or false'],
    ['a bad pinPadding', { settings: { country: 'UG', currency: 'UGX', pinPadding: 'none' } }, "settings.pinPadding must be 'pkcs1' or 'oaep'"],
    ['a bad disbursementVersion', { settings: { country: 'UG', currency: 'UGX', disbursementVersion: 'v3' } }, 'disbursementVersion'],
    ['a bad settings.timeoutMs', { settings: { country: 'UG', currency: 'UGX', timeoutMs: -1 } }, 'settings.timeoutMs'],
    ['a bad account timeout', { timeoutMs: 0 }, 'timeoutMs must be a positive number'],
    ['a malformed publicKey', { credentials: { clientId: 'a', clientSecret: 'b', publicKey: '-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----' } }, 'credentials.publicKey is not an RSA public key'],
    ['a non-digit PIN', { credentials: { clientId: 'a', clientSecret: 'b', pin: '12ab', publicKey: pair.publicPem } }, 'credentials.pin must be 4 to 8 digits'],
    ['a PIN without publicKey', { credentials: { clientId: 'a', clientSecret: 'b', pin: '1234' } }, 'credentials.pin needs credentials.publicKey'],
    ['signing without publicKey', { settings: { country: 'UG', currency: 'UGX', signing: true }, credentials: { clientId: 'a', clientSecret: 'b' } }, 'settings.signing needs credentials.publicKey'],
  ])('rejects %s', (_label, overrides, message) => {
    expect(() => readAirtelConfig(base(overrides))).toThrow(ProviderConfigError);
    expect(() => readAirtelConfig(base(overrides))).toThrow(message);
  });

  it('disbursementSecrets needs pin and publicKey', () => {
    expect(disbursementSecrets(readAirtelConfig(base())).pin).toBe('4827');
    const noPin = readAirtelConfig(base({ credentials: { clientId: 'a', clientSecret: 'b' } }));
    expect(() => disbursementSecrets(noPin)).toThrow('disburse needs credentials: pin, publicKey');
  });
});

describe('Airtel countries (fact sheet §12)', () => {
  it('lists the 14 countries with currencies and lengths', () => {
    expect(Object.keys(AIRTEL_COUNTRIES)).toHaveLength(14);
    expect(AIRTEL_COUNTRIES['TD']).toMatchObject({ currencies: ['XAF'], msisdnLengths: [8] });
    expect(AIRTEL_COUNTRIES['GA']?.currencies).toEqual(['XAF']);
    expect(airtelCurrencyFor('zm')).toBe('ZMW');
    expect(airtelCurrencyFor('FR')).toBeUndefined();
    expect(Object.values(AIRTEL_COUNTRIES).filter((c) => c.lengthVerified).map((c) => c.callingCode)).toEqual(['256', '260']);
  });
});

describe('readAirtelMoneySeed', () => {
  const env = (vars: Record<string, string>) => vars as unknown as EnvironmentVariables;
  const core = { AIRTEL_MONEY_BASE_URL: 'https://openapiuat.airtel.africa/', AIRTEL_MONEY_CLIENT_ID: 'id', AIRTEL_MONEY_CLIENT_SECRET: 'secret' };

  it('is null without base URL, client id and secret', () => {
    expect(readAirtelMoneySeed(env({}))).toBeNull();
    expect(readAirtelMoneySeed(env({ AIRTEL_MONEY_BASE_URL: 'https://x' }))).toBeNull();
  });

  it('builds the account from the variables (PEM text given inline)', () => {
    const seed = readAirtelMoneySeed(
      env({ ...core, AIRTEL_MONEY_COUNTRY: 'ug', AIRTEL_MONEY_CURRENCY: 'UGX', AIRTEL_MONEY_PIN: '1234', AIRTEL_MONEY_PUBLIC_KEY: pair.publicPem.replace(/\n/g, '\\n'), AIRTEL_MONEY_CALLBACK_SECRET: 'cb', AIRTEL_MONEY_SIGNING: 'on' }),
    );
    expect(seed).toEqual({
      provider: 'airtel-money',
      name: 'airtel-money (env)',
      environment: 'sandbox',
      baseUrl: 'https://openapiuat.airtel.africa',
      countries: ['UG'],
      currencies: ['UGX'],
      settings: { country: 'UG', currency: 'UGX', signing: true },
      credentials: { clientId: 'id', clientSecret: 'secret', pin: '1234', publicKey: pair.publicPem, callbackSecret: 'cb' },
    });
    expect(() => readAirtelConfig({ ...airtelAccount(seed!.baseUrl), settings: seed!.settings, credentials: seed!.credentials })).not.toThrow();
  });

  it('reads the public key from a file, defaults the currency, production host, signing off', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'airtel-')), 'airtel.pem');
    writeFileSync(file, pair.publicPem);
    const seed = readAirtelMoneySeed(env({ ...core, AIRTEL_MONEY_BASE_URL: 'https://openapi.airtel.africa', AIRTEL_MONEY_COUNTRY: 'ZM', AIRTEL_MONEY_PUBLIC_KEY: file }));
    expect(seed).toMatchObject({ environment: 'production', currencies: ['ZMW'], settings: { country: 'ZM', currency: 'ZMW', signing: false } });
    expect(seed?.credentials['publicKey']).toBe(pair.publicPem.trim());
    expect(seed?.credentials['pin']).toBeUndefined();
  });

  it('fails loudly on a missing country, a missing key file or a bad signing flag', () => {
    expect(() => readAirtelMoneySeed(env(core))).toThrow('AIRTEL_MONEY_COUNTRY');
    expect(() => readAirtelMoneySeed(env({ ...core, AIRTEL_MONEY_COUNTRY: 'UG', AIRTEL_MONEY_PUBLIC_KEY: '/nope/airtel.pem' }))).toThrow('no such file');
    expect(() => readAirtelMoneySeed(env({ ...core, AIRTEL_MONEY_COUNTRY: 'UG', AIRTEL_MONEY_SIGNING: 'yes' }))).toThrow('AIRTEL_MONEY_SIGNING');
  });
});
