import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentVariables } from '../../config/env.schema';
import { ProviderConfigError } from '../provider.port';
import { readDarajaConfig } from './mpesa-daraja.config';
import { MpesaDarajaProvider } from './mpesa-daraja.provider';
import { DARAJA_PRODUCTION_CALLBACK_IPS, readMpesaDarajaSeed } from './mpesa-daraja.seed';
import { TEST_CERTIFICATE_PEM, TEST_SECRETS, darajaAccount } from './testing/mpesa-daraja.fixtures';

const base = darajaAccount('https://sandbox.safaricom.co.ke/');
const seed = (vars: Record<string, string>) => readMpesaDarajaSeed(vars as unknown as EnvironmentVariables);

describe('Daraja account configuration', () => {
  it('reads settings with their defaults, base URL without trailing slash', () => {
    const config = readDarajaConfig(base);
    expect(config.baseUrl).toBe('https://sandbox.safaricom.co.ke');
    expect(config.settings).toEqual({
      shortcode: '174379',
      transactionType: 'CustomerPayBillOnline',
      b2cShortcode: '600984',
      initiatorName: 'testapi',
      b2cCommandId: 'BusinessPayment',
      refundMethod: 'b2c',
      c2bResponseType: 'Completed',
    });
    expect(config.publicKey?.asymmetricKeyType).toBe('rsa');
  });

  it('an STK-only account needs consumerKey, consumerSecret, shortcode and passkey, nothing more', () => {
    const account = { ...base, settings: { shortcode: 174379 }, credentials: { consumerKey: 'k', consumerSecret: 's', passkey: 'p' } };
    expect(readDarajaConfig(account).settings.shortcode).toBe('174379');
    expect(readDarajaConfig(account).publicKey).toBeUndefined();
  });

  it('names everything missing or wrong at once', () => {
    const account = { ...base, baseUrl: 'ftp://x', settings: { transactionType: 'PayBill', refundMethod: 'cash', c2bResponseType: 'completed' }, credentials: {} };
    let message = '';
    try {
      readDarajaConfig(account);
    } catch (err) {
      expect(err).toBeInstanceOf(ProviderConfigError);
      message = (err as Error).message;
    }
    for (const expected of ['baseUrl', 'settings.shortcode is missing', 'settings.transactionType', 'settings.refundMethod', 'settings.c2bResponseType', 'missing credentials: consumerKey, consumerSecret, passkey']) {
      expect(message).toContain(expected);
    }
  });

  it('Buy Goods needs a tillNumber; shortcodes are 5 to 7 digits', () => {
    expect(() => readDarajaConfig({ ...base, settings: { ...base.settings, transactionType: 'CustomerBuyGoodsOnline' } })).toThrow(/tillNumber is required/);
    expect(() => readDarajaConfig({ ...base, settings: { ...base.settings, shortcode: '12-34' } })).toThrow(/shortcode must be 5 to 7 digits/);
  });

  it('initiator: all of initiatorName, initiatorPassword, certificate or none; the certificate must parse', () => {
    const { initiatorPassword: _dropped, ...withoutPassword } = base.credentials;
    expect(() => readDarajaConfig({ ...base, credentials: withoutPassword })).toThrow(/missing credentials.initiatorPassword/);
    expect(() => readDarajaConfig({ ...base, credentials: { ...base.credentials, certificate: 'not a certificate' } })).toThrow(/credentials.certificate is neither/);
  });

  it('validateAccount is the same check', () => {
    const provider = new MpesaDarajaProvider();
    expect(() => provider.validateAccount(base)).not.toThrow();
    expect(() => provider.validateAccount({ ...base, credentials: { consumerKey: 'k' } })).toThrow(ProviderConfigError);
  });
});

describe('readMpesaDarajaSeed', () => {
  const required = {
    DARAJA_BASE_URL: 'https://sandbox.safaricom.co.ke/',
    DARAJA_CONSUMER_KEY: TEST_SECRETS.consumerKey,
    DARAJA_CONSUMER_SECRET: TEST_SECRETS.consumerSecret,
    DARAJA_SHORTCODE: '174379',
    DARAJA_PASSKEY: TEST_SECRETS.passkey,
  };

  it('is null without base URL, consumer key and secret', () => {
    expect(seed({})).toBeNull();
    expect(seed({ DARAJA_BASE_URL: 'https://sandbox.safaricom.co.ke', DARAJA_CONSUMER_KEY: 'k' })).toBeNull();
  });

  it('sandbox: KE/KES, defaults, no allowlist, and a valid account', () => {
    const account = seed(required)!;
    expect(account).toEqual({
      provider: 'mpesa-daraja',
      name: 'mpesa-daraja (env)',
      environment: 'sandbox',
      baseUrl: 'https://sandbox.safaricom.co.ke',
      countries: ['KE'],
      currencies: ['KES'],
      settings: { shortcode: '174379', transactionType: 'CustomerPayBillOnline' },
      credentials: { consumerKey: TEST_SECRETS.consumerKey, consumerSecret: TEST_SECRETS.consumerSecret, passkey: TEST_SECRETS.passkey },
    });
    expect(() => readDarajaConfig({ ...base, ...account, id: 'seed', timeoutMs: 1000 })).not.toThrow();
  });

  it("production (api.safaricom.co.ke): Safaricom's twelve well-attested callback addresses by default", () => {
    const account = seed({ ...required, DARAJA_BASE_URL: 'https://api.safaricom.co.ke' })!;
    expect(account.environment).toBe('production');
    expect(account.settings['callbackIpAllowlist']).toEqual(DARAJA_PRODUCTION_CALLBACK_IPS);
    expect(DARAJA_PRODUCTION_CALLBACK_IPS).toHaveLength(12);
    expect(DARAJA_PRODUCTION_CALLBACK_IPS).not.toContain('196.201.212.128');
    expect(DARAJA_PRODUCTION_CALLBACK_IPS).not.toContain('196.201.212.132');
    const custom = seed({ ...required, DARAJA_BASE_URL: 'https://api.safaricom.co.ke', DARAJA_CALLBACK_IP_ALLOWLIST: '10.0.0.0/8, 192.168.1.5' })!;
    expect(custom.settings['callbackIpAllowlist']).toEqual(['10.0.0.0/8', '192.168.1.5']);
    expect(() => seed({ ...required, DARAJA_CALLBACK_IP_ALLOWLIST: '10.0.0.0/33' })).toThrow(/DARAJA_CALLBACK_IP_ALLOWLIST/);
  });

  it('the initiator and the certificate as PEM text, \\n-escaped PEM or a file path', () => {
    const initiator = { DARAJA_B2C_SHORTCODE: '600984', DARAJA_INITIATOR_NAME: 'testapi', DARAJA_INITIATOR_PASSWORD: TEST_SECRETS.initiatorPassword, DARAJA_REFUND_METHOD: 'reversal' };
    const escaped = seed({ ...required, ...initiator, DARAJA_CERTIFICATE: TEST_CERTIFICATE_PEM.replace(/\n/g, '\\n') })!;
    expect(escaped.credentials['certificate']).toBe(TEST_CERTIFICATE_PEM);
    expect(escaped.settings).toMatchObject({ b2cShortcode: '600984', initiatorName: 'testapi', refundMethod: 'reversal' });
    expect(escaped.credentials['initiatorPassword']).toBe('Safaricom999!*!');
    const dir = mkdtempSync(join(tmpdir(), 'daraja-'));
    try {
      const file = join(dir, 'SandboxCertificate.cer');
      writeFileSync(file, `${TEST_CERTIFICATE_PEM}\n`);
      const fromFile = seed({ ...required, ...initiator, DARAJA_CERTIFICATE: file })!;
      expect(fromFile.credentials['certificate']).toBe(TEST_CERTIFICATE_PEM);
      expect(readDarajaConfig({ ...base, ...fromFile, id: 'seed', timeoutMs: 1000 }).publicKey?.asymmetricKeyType).toBe('rsa');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => seed({ ...required, DARAJA_CERTIFICATE: '/no/such/file.cer' })).toThrow(/DARAJA_CERTIFICATE/);
  });

  it('refuses a shortcode-less seed and bad choices', () => {
    expect(() => seed({ ...required, DARAJA_PASSKEY: '' })).toThrow(/DARAJA_PASSKEY/);
    expect(() => seed({ ...required, DARAJA_REFUND_METHOD: 'cash' })).toThrow(/DARAJA_REFUND_METHOD/);
    expect(() => seed({ ...required, DARAJA_TRANSACTION_TYPE: 'PayBill' })).toThrow(/DARAJA_TRANSACTION_TYPE/);
  });
});
