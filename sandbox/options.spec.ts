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

describe('sandbox options', () => {
  it('has the documented defaults', () => {
    expect(sandboxOptionsFromEnv({})).toEqual({
      ...AIRTEL_DEFAULTS,
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
