import { ProviderConfigError } from '../provider.port';
import { parseVodacomPublicKey, readVodacomConfig, reversalSecrets, vodacomOperationUrl } from './mpesa-vodacom.config';
import { vodacomBearerToken } from './mpesa-vodacom.crypto';
import { VODACOM_TEST_SECRETS, decryptBearer, vodacomAccount, vodacomTestKeyPair } from './testing/mpesa-vodacom.fixtures';

const pair = vodacomTestKeyPair();
const realHost = (overrides: Record<string, unknown> = {}) =>
  readVodacomConfig(vodacomAccount('https://api.sandbox.vm.co.mz', pair.publicBase64, { settings: { serviceProviderCode: '171717', ...overrides } }));

describe('Vodacom bearer (§1)', () => {
  it.each([
    ['base64 DER SPKI without armour (the portal form)', pair.publicBase64],
    ['base64 split into 60-char lines', pair.publicBase64.replace(/(.{60})/g, '$1\n')],
    ['PEM', pair.publicPem],
    ['PEM with literal \\n', pair.publicPem.replace(/\n/g, '\\n')],
  ])('decrypts (PKCS#1 v1.5) to the API key from a %s key; a new token each time', (_label, key) => {
    const publicKey = parseVodacomPublicKey(key);
    expect(publicKey).toBeDefined();
    const first = vodacomBearerToken(VODACOM_TEST_SECRETS.apiKey, publicKey!);
    const second = vodacomBearerToken(VODACOM_TEST_SECRETS.apiKey, publicKey!);
    expect(first).not.toBe(second);
    expect(Buffer.from(first, 'base64')).toHaveLength(256);
    expect(decryptBearer(`Bearer ${first}`, pair.privateKey)).toBe(VODACOM_TEST_SECRETS.apiKey);
    expect(decryptBearer(`Bearer ${second}`, pair.privateKey)).toBe(VODACOM_TEST_SECRETS.apiKey);
  });

  it('refuses what is not an RSA public key', () => {
    for (const bad of ['', 'not a key', 'MIIBIjANBgkq', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----']) {
      expect(parseVodacomPublicKey(bad)).toBeUndefined();
    }
  });
});

describe('readVodacomConfig', () => {
  it('defaults: Origin developer.mpesa.vm.co.mz, C2B deadline 120 s, one port per operation', () => {
    const config = realHost();
    expect(config.settings).toEqual({
      serviceProviderCode: '171717',
      origin: 'developer.mpesa.vm.co.mz',
      c2bTimeoutMs: 120_000,
      singlePort: false,
      operationPorts: {},
      lenientHttpParser: false,
    });
    expect(config.timeoutMs).toBe(2000);
    expect(config.credentials).toEqual({ ...VODACOM_TEST_SECRETS, publicKey: pair.publicBase64 });
  });

  it('names every problem at once', () => {
    const account = vodacomAccount('ftp://x', 'garbage', {
      settings: { serviceProviderCode: '12', origin: '', c2bTimeoutMs: -1, singlePort: 'yes', operationPorts: { c2b: 0, b2b: 18349 } },
      credentials: { publicKey: 'garbage' },
      timeoutMs: 0,
    });
    let error: unknown;
    try {
      readVodacomConfig(account);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ProviderConfigError);
    const message = (error as Error).message;
    for (const part of [
      'baseUrl must be an http(s) URL',
      'settings.serviceProviderCode must be 5 or 6 digits',
      'settings.origin',
      'settings.c2bTimeoutMs',
      'settings.singlePort must be true or false',
      'settings.operationPorts.c2b must be a port number',
      'settings.operationPorts.b2b is not an operation',
      'timeoutMs must be a positive number',
      'missing credentials: apiKey',
      'credentials.publicKey is not an RSA public key',
    ]) {
      expect(message).toContain(part);
    }
    expect(() => realHost({ serviceProviderCode: undefined })).toThrow('settings.serviceProviderCode is missing');
    expect(() => realHost({ singlePort: true, operationPorts: { c2b: 1 } })).toThrow('exclude each other');
  });

  it('reversal credentials are needed only by refund/reverse', () => {
    const account = vodacomAccount('https://api.sandbox.vm.co.mz', pair.publicPem, { credentials: { apiKey: 'k', publicKey: pair.publicPem } });
    const config = readVodacomConfig(account);
    expect(() => reversalSecrets(config)).toThrow('reversals need credentials: initiatorIdentifier, securityCredential');
    expect(reversalSecrets(realHost())).toEqual({ initiatorIdentifier: VODACOM_TEST_SECRETS.initiatorIdentifier, securityCredential: VODACOM_TEST_SECRETS.securityCredential });
  });
});

describe('vodacomOperationUrl (§2)', () => {
  it("replaces the base URL's port by each operation's, trailing slash kept", () => {
    const config = realHost();
    expect(vodacomOperationUrl(config, 'c2b')).toBe('https://api.sandbox.vm.co.mz:18352/ipg/v1x/c2bPayment/singleStage/');
    expect(vodacomOperationUrl(config, 'b2c')).toBe('https://api.sandbox.vm.co.mz:18345/ipg/v1x/b2cPayment/');
    expect(vodacomOperationUrl(config, 'reversal')).toBe('https://api.sandbox.vm.co.mz:18354/ipg/v1x/reversal/');
    expect(vodacomOperationUrl(config, 'query', { input_ThirdPartyReference: 'Q1', input_QueryReference: 'abc', input_ServiceProviderCode: '171717' })).toBe(
      'https://api.sandbox.vm.co.mz:18353/ipg/v1x/queryTransactionStatus/?input_ThirdPartyReference=Q1&input_QueryReference=abc&input_ServiceProviderCode=171717',
    );
    const withPort = readVodacomConfig(vodacomAccount('https://api.vm.co.mz:9999/', pair.publicBase64, { settings: { serviceProviderCode: '900001' } }));
    expect(vodacomOperationUrl(withPort, 'c2b')).toBe('https://api.vm.co.mz:18352/ipg/v1x/c2bPayment/singleStage/');
  });

  it('operationPorts override some ports; singlePort keeps the base URL (and its path) as is', () => {
    const overridden = realHost({ operationPorts: { c2b: 8443, query: 443 } });
    expect(vodacomOperationUrl(overridden, 'c2b')).toBe('https://api.sandbox.vm.co.mz:8443/ipg/v1x/c2bPayment/singleStage/');
    expect(vodacomOperationUrl(overridden, 'query')).toBe('https://api.sandbox.vm.co.mz/ipg/v1x/queryTransactionStatus/');
    expect(vodacomOperationUrl(overridden, 'b2c')).toBe('https://api.sandbox.vm.co.mz:18345/ipg/v1x/b2cPayment/');
    const single = readVodacomConfig(vodacomAccount('http://127.0.0.1:4010/vodacom/', pair.publicBase64));
    expect(single.baseUrl).toBe('http://127.0.0.1:4010/vodacom');
    expect(vodacomOperationUrl(single, 'c2b')).toBe('http://127.0.0.1:4010/vodacom/ipg/v1x/c2bPayment/singleStage/');
    expect(vodacomOperationUrl(single, 'reversal')).toBe('http://127.0.0.1:4010/vodacom/ipg/v1x/reversal/');
  });
});
