import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { EnvironmentVariables } from '../../config/env.schema';
import { CallbackParseError, PaymentProvider, ProviderConfigError, UnsupportedOperationError } from '../provider.port';
import { MpesaVodacomClient } from './mpesa-vodacom.client';
import { MpesaVodacomModule } from './mpesa-vodacom.module';
import { MpesaVodacomProvider, wholeRefundProblem } from './mpesa-vodacom.provider';
import { readMpesaVodacomSeed } from './mpesa-vodacom.seed';
import { vodacomAccount, vodacomPayment, vodacomQuery, vodacomTestKeyPair } from './testing/mpesa-vodacom.fixtures';

const pair = vodacomTestKeyPair();
const account = vodacomAccount('http://127.0.0.1:9', pair.publicBase64);

describe('MpesaVodacomProvider', () => {
  const provider = new MpesaVodacomProvider();

  it('describes itself', () => {
    expect(provider.id).toBe('mpesa-vodacom');
    expect(provider.displayName).toBe('M-Pesa (Vodacom Mozambique)');
    expect(provider.capabilities).toEqual({
      operations: ['collect', 'disburse', 'refund', 'status', 'reverse'],
      callbackMethods: ['POST'],
      signsCallbacks: false,
      deferredOperations: ['collect'],
      partialRefunds: false,
    });
    expect(provider.credentialFields).toEqual(['apiKey', 'publicKey', 'initiatorIdentifier', 'securityCredential']);
    expect((provider as PaymentProvider).verifyCallbackSignature).toBeUndefined();
  });

  it('validateAccount: the public key must parse and the API key be present', () => {
    expect(() => provider.validateAccount(account)).not.toThrow();
    expect(() => provider.validateAccount({ ...account, credentials: { publicKey: 'nope' } })).toThrow(
      'missing credentials: apiKey; credentials.publicKey is not an RSA public key (base64 DER SPKI or PEM)',
    );
  });

  it('a misconfigured account throws ProviderConfigError before any call; reversals need the initiator credentials', async () => {
    const bad = { ...account, credentials: { apiKey: 'k' } };
    await expect(provider.collect(bad, vodacomPayment())).rejects.toThrow(ProviderConfigError);
    await expect(provider.status(bad, vodacomQuery())).rejects.toThrow(ProviderConfigError);
    const noInitiator = { ...account, credentials: { apiKey: 'k', publicKey: pair.publicPem } };
    await expect(provider.refund(noInitiator, vodacomPayment(), vodacomQuery())).rejects.toThrow('reversals need credentials');
  });

  it('wholeRefundProblem: only a refund of the whole original amount passes; an unknown original amount is not judged', () => {
    expect(wholeRefundProblem({ amount: '150.50', amountMinor: 15050n }, { amount: '150.50', amountMinor: 15050n })).toBeUndefined();
    expect(wholeRefundProblem({ amount: '150.5', amountMinor: 15050n }, { amount: '150.50' })).toBeUndefined();
    expect(wholeRefundProblem({ amount: '10', amountMinor: 1000n }, {})).toBeUndefined();
    expect(wholeRefundProblem({ amount: '10', amountMinor: 1000n }, { amountMinor: 15050n })).toMatch(/^PARTIAL_REFUND_UNSUPPORTED: .*\(150\.50 MZN\), not 10\.00 MZN/);
    expect(wholeRefundProblem({ amount: '999999999999999.99', amountMinor: 99999999999999999n }, { amount: '999999999999999.98' })).toMatch(/^REFUND_EXCEEDS_ORIGINAL/);
  });

  it('no balance API, no callbacks', async () => {
    await expect(provider.balance()).rejects.toBeInstanceOf(UnsupportedOperationError);
    const raw = { method: 'POST', headers: {}, rawBody: Buffer.from('{}'), body: {}, sourceIp: '127.0.0.1', query: {} };
    expect(() => (provider as PaymentProvider).parseCallback(account, raw)).toThrow(new CallbackParseError('Vodacom M-Pesa sends no callbacks'));
  });

  it('is provided by MpesaVodacomModule', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MpesaVodacomModule] }).compile();
    expect(moduleRef.get(MpesaVodacomProvider)).toBeInstanceOf(MpesaVodacomProvider);
    expect(moduleRef.get(MpesaVodacomClient)).toBeInstanceOf(MpesaVodacomClient);
  });
});

describe('readMpesaVodacomSeed', () => {
  const env = (vars: Record<string, string>) => vars as unknown as EnvironmentVariables;
  const base = { MPESA_VODACOM_BASE_URL: 'http://127.0.0.1:4010/', MPESA_VODACOM_API_KEY: 'key-1', MPESA_VODACOM_PUBLIC_KEY: pair.publicBase64 };

  it('null unless base URL, API key and public key are set', () => {
    expect(readMpesaVodacomSeed(env({}))).toBeNull();
    expect(readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_API_KEY: ' ' }))).toBeNull();
    expect(readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_PUBLIC_KEY: '' }))).toBeNull();
  });

  it('a local sandbox: single port, 171717 by default, MZ/MZN, credentials as given', () => {
    const seed = readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_INITIATOR_IDENTIFIER: 'MPesa2018', MPESA_VODACOM_SECURITY_CREDENTIAL: 'Mpesa2019' }));
    expect(seed).toEqual({
      provider: 'mpesa-vodacom',
      name: 'mpesa-vodacom (env)',
      environment: 'sandbox',
      baseUrl: 'http://127.0.0.1:4010',
      countries: ['MZ'],
      currencies: ['MZN'],
      settings: { serviceProviderCode: '171717', singlePort: true },
      credentials: { apiKey: 'key-1', publicKey: pair.publicBase64, initiatorIdentifier: 'MPesa2018', securityCredential: 'Mpesa2019' },
    });
    expect(() => new MpesaVodacomProvider().validateAccount({ id: 'x', ...seed!, timeoutMs: 1000 })).not.toThrow();
  });

  it('Vodacom hosts: one port per operation; every variable read; PEM text or a file path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vodacom-'));
    const file = join(dir, 'key.pem');
    writeFileSync(file, pair.publicPem);
    const seed = readMpesaVodacomSeed(
      env({
        MPESA_VODACOM_BASE_URL: 'https://api.vm.co.mz',
        MPESA_VODACOM_API_KEY: 'key-2',
        MPESA_VODACOM_PUBLIC_KEY: file,
        MPESA_VODACOM_SERVICE_PROVIDER_CODE: '900123',
        MPESA_VODACOM_ORIGIN: '*',
        MPESA_VODACOM_C2B_TIMEOUT_MS: '150000',
      }),
    );
    expect(seed).toMatchObject({
      environment: 'production',
      settings: { serviceProviderCode: '900123', singlePort: false, origin: '*', c2bTimeoutMs: 150000 },
      credentials: { apiKey: 'key-2', publicKey: pair.publicPem.trim() },
    });
    const pem = readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_PUBLIC_KEY: pair.publicPem.replace(/\n/g, '\\n'), MPESA_VODACOM_SINGLE_PORT: 'false' }));
    expect(pem?.credentials['publicKey']).toBe(pair.publicPem);
    expect(pem?.settings['singlePort']).toBe(false);
  });

  it('refuses what it cannot use', () => {
    expect(() => readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_BASE_URL: 'https://api.vm.co.mz' }))).toThrow('MPESA_VODACOM_SERVICE_PROVIDER_CODE is required');
    expect(() => readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_SINGLE_PORT: 'maybe' }))).toThrow('MPESA_VODACOM_SINGLE_PORT must be true or false');
    expect(() => readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_C2B_TIMEOUT_MS: '2m' }))).toThrow('MPESA_VODACOM_C2B_TIMEOUT_MS');
    expect(() => readMpesaVodacomSeed(env({ ...base, MPESA_VODACOM_PUBLIC_KEY: '/no/such/key.pem' }))).toThrow('no such file');
  });
});
