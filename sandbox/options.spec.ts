import { DEFAULT_SANDBOX_OPTIONS, resolveSandboxOptions, sandboxOptionsFromEnv } from './options';

const AIRTEL_DEFAULTS = {
  airtelClientId: 'sandbox-airtel-client',
  airtelClientSecret: 'sandbox-airtel-secret',
  airtelTokenTtlS: 180,
  airtelCallbackUrl: '',
  airtelCallbackSecret: '',
  airtelPin: '1234',
  airtelBalance: '1000000',
  airtelRequireSigning: false,
};

const NEW_OPERATOR_DEFAULTS = {
  darajaConsumerKey: 'sandbox-daraja-consumer-key',
  darajaConsumerSecret: 'sandbox-daraja-consumer-secret',
  darajaTokenTtlS: 3599,
  darajaShortcode: '174379',
  darajaPasskey: 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919',
  darajaTillNumber: '174379',
  darajaB2cShortcode: '600996',
  darajaInitiatorName: 'testapi',
  darajaInitiatorPassword: 'Safaricom999!*!',
  darajaBalance: '1000000',
  orangeClientId: 'sandbox-orange-client',
  orangeClientSecret: 'sandbox-orange-secret',
  orangeMerchantKey: 'a86b2087',
  orangeTokenTtlS: 7776000,
  orangePaymentValidityMs: 600000,
  vodacomApiKey: 'sandbox-vodacom-api-key',
  vodacomServiceProviderCode: '171717',
  vodacomInitiatorIdentifier: 'MPesa2018',
  vodacomSecurityCredential: 'Mpesa2019',
  vodacomC2bDelayMs: 1500,
  vodacomSlowMs: 30000,
  vodacomBalance: '1000000',
};

describe('sandbox options', () => {
  it('has the documented defaults', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({
      ...AIRTEL_DEFAULTS,
      ...NEW_OPERATOR_DEFAULTS,
      host: '127.0.0.1',
      port: 4010,
      settleMs: 1500,
      slowMs: 5000,
      ongoingMs: 180000,
      hangMs: 35000,
      callbackTimeoutMs: 10000,
      callLogSize: 500,
      log: false,
      mtnSubscriptionKey: 'sandbox-mtn-subscription-key',
      mtnDisbursementSubscriptionKey: 'sandbox-mtn-disbursement-key',
      mtnDisbursementBalance: '1000000',
      mtnApiUser: '0f6b4a8e-5f0c-4a51-9a0e-3c1f2b7d9e11',
      mtnApiKey: 'sandbox-mtn-api-key',
      mtnCallbackHost: '',
      mtnTokenTtlS: 3600,
    });
  });

  it('reads SANDBOX_* variables', () => {
    const options = sandboxOptionsFromEnv({
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '0.0.0.0',
      SANDBOX_SETTLE_MS: '10',
      SANDBOX_SLOW_MS: '20',
      SANDBOX_ONGOING_MS: '30',
      SANDBOX_HANG_MS: '40',
      SANDBOX_LOG: 'true',
      SANDBOX_MTN_SUBSCRIPTION_KEY: 'k1,k2',
      SANDBOX_MTN_DISBURSEMENT_SUBSCRIPTION_KEY: 'd1',
      SANDBOX_MTN_DISBURSEMENT_BALANCE: '2500.50',
      SANDBOX_MTN_API_USER: 'u',
      SANDBOX_MTN_API_KEY: 'a',
      SANDBOX_MTN_CALLBACK_HOST: 'gateway.example',
      SANDBOX_MTN_TOKEN_TTL_S: '60',
    });
    expect(options).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      settleMs: 10,
      slowMs: 20,
      ongoingMs: 30,
      hangMs: 40,
      log: true,
      mtnSubscriptionKey: 'k1,k2',
      mtnDisbursementSubscriptionKey: 'd1',
      mtnDisbursementBalance: '2500.50',
      mtnApiUser: 'u',
      mtnApiKey: 'a',
      mtnCallbackHost: 'gateway.example',
      mtnTokenTtlS: 60,
    });
  });

  it('rejects malformed numbers', () => {
    expect(() => sandboxOptionsFromEnv({ SANDBOX_PORT: 'abc' })).toThrow(/SANDBOX_PORT/);
    expect(() => sandboxOptionsFromEnv({ SANDBOX_SETTLE_MS: '-1' })).toThrow(/SANDBOX_SETTLE_MS/);
    for (const bad of ['-5', '1e6', '1,000', 'lots']) {
      expect(() => sandboxOptionsFromEnv({ SANDBOX_MTN_DISBURSEMENT_BALANCE: bad })).toThrow(/SANDBOX_MTN_DISBURSEMENT_BALANCE/);
    }
  });

  it('merges partial options over the defaults, ignoring undefined', () => {
    const options = resolveSandboxOptions({ port: 0, settleMs: undefined });
    expect(options.port).toBe(0);
    expect(options.settleMs).toBe(DEFAULT_SANDBOX_OPTIONS.settleMs);
  });
});
