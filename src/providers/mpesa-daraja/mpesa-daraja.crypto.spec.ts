import { generateKeyPairSync } from 'node:crypto';
import { ProviderConfigError } from '../provider.port';
import { parseDarajaCertificate, readDarajaConfig, requireInitiator } from './mpesa-daraja.config';
import { darajaSecurityCredential, darajaTimestamp, parseDarajaTime, stkPassword } from './mpesa-daraja.crypto';
import { TEST_CERTIFICATE_PEM, TEST_CERTIFICATE_PRIVATE_KEY, TEST_SECRETS, darajaAccount, decryptSecurityCredential, testKeyPair } from './testing/mpesa-daraja.fixtures';

describe('Daraja STK password and clock', () => {
  it('builds the Password of the fact sheet test vector (= the official sample)', () => {
    expect(stkPassword('174379', TEST_SECRETS.passkey, '20210628092408')).toBe(
      'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
    );
  });

  it.each([
    ['2021-06-28T06:24:08Z', '20210628092408'],
    ['2025-03-07T11:31:02.999Z', '20250307143102'],
    // After 21:00 UTC it is already tomorrow in Nairobi (and next year on 31 December).
    ['2024-12-31T21:00:00Z', '20250101000000'],
    ['2024-02-28T22:59:59Z', '20240229015959'],
  ])('timestamps in EAT (UTC+3): %s → %s', (utc, expected) => {
    expect(darajaTimestamp(new Date(utc))).toBe(expected);
  });

  it('reads yyyyMMddHHmmss EAT times back to the instant, and refuses non-dates', () => {
    expect(parseDarajaTime('20250307143102')?.toISOString()).toBe('2025-03-07T11:31:02.000Z');
    expect(parseDarajaTime('20250101000000')?.toISOString()).toBe('2024-12-31T21:00:00.000Z');
    expect(parseDarajaTime('20250230120000')).toBeUndefined();
    expect(parseDarajaTime('2025030714310')).toBeUndefined();
    expect(parseDarajaTime('07.03.2025 14:33:09')).toBeUndefined();
  });
});

describe('Daraja SecurityCredential (RSA PKCS#1 v1.5, base64)', () => {
  it('decrypts back to the initiator password with the private key of a real X.509 certificate', () => {
    const key = parseDarajaCertificate(TEST_CERTIFICATE_PEM);
    expect(key?.asymmetricKeyType).toBe('rsa');
    const credential = darajaSecurityCredential(TEST_SECRETS.initiatorPassword, key!);
    expect(Buffer.from(credential, 'base64')).toHaveLength(128);
    expect(decryptSecurityCredential(credential, TEST_CERTIFICATE_PRIVATE_KEY)).toBe('Safaricom999!*!');
  });

  it('accepts a plain PUBLIC KEY PEM, and differs on every encryption (random padding)', () => {
    const pair = testKeyPair();
    const key = parseDarajaCertificate(pair.publicPem)!;
    const a = darajaSecurityCredential('s3cret pass', key);
    const b = darajaSecurityCredential('s3cret pass', key);
    expect(a).not.toBe(b);
    expect(decryptSecurityCredential(a, pair.privateKey)).toBe('s3cret pass');
    expect(decryptSecurityCredential(b, pair.privateKey)).toBe('s3cret pass');
  });

  it('accepts a certificate as `\\n`-escaped PEM and as bare base64 DER (a .cer without armour)', () => {
    const escaped = TEST_CERTIFICATE_PEM.replace(/\n/g, '\\n');
    expect(parseDarajaCertificate(escaped)?.asymmetricKeyType).toBe('rsa');
    const der = TEST_CERTIFICATE_PEM.split('\n').filter((l) => !l.startsWith('-----')).join('');
    const key = parseDarajaCertificate(der)!;
    expect(decryptSecurityCredential(darajaSecurityCredential('pw', key), TEST_CERTIFICATE_PRIVATE_KEY)).toBe('pw');
  });

  it('refuses what is not an RSA certificate or key', () => {
    expect(parseDarajaCertificate('-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----')).toBeUndefined();
    expect(parseDarajaCertificate('hello')).toBeUndefined();
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(parseDarajaCertificate(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBeUndefined();
  });

  it('requireInitiator names what B2C/status/balance/reversal lack', () => {
    const account = darajaAccount('http://127.0.0.1:9', { settings: { shortcode: '174379' }, credentials: { consumerKey: 'k', consumerSecret: 's', passkey: 'p' } });
    const config = readDarajaConfig(account);
    expect(() => requireInitiator(config, 'disburse')).toThrow(ProviderConfigError);
    expect(() => requireInitiator(config, 'disburse')).toThrow(/disburse needs settings.initiatorName, credentials.initiatorPassword and credentials.certificate/);
    expect(requireInitiator(readDarajaConfig(darajaAccount('http://127.0.0.1:9')), 'disburse').initiatorName).toBe('testapi');
  });
});
