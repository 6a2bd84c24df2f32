// Configuration of the provider sandbox. Every value has a default, so `startSandbox()` with no arguments
// (or an empty environment) gives a working sandbox. Operator-specific options carry the operator's
// prefix (mtn*, airtel*), so adding an operator means adding its own fields here.

export interface SandboxOptions {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; 0 picks a free port (the real one is in RunningSandbox.port). */
  port: number;
  /** Delay before a normal transaction becomes final and its callback is sent, ms. */
  settleMs: number;
  /** Delay of the "success after a delay" scenario, ms. */
  slowMs: number;
  /** How long the "ongoing" scenario stays PENDING before FAILED/EXPIRED, ms. */
  ongoingMs: number;
  /** How long the "hanging POST" scenario waits before answering, ms. */
  hangMs: number;
  /** Timeout of one callback delivery to the gateway, ms. */
  callbackTimeoutMs: number;
  /** How many calls the in-memory call log keeps. */
  callLogSize: number;
  /** Print one line per call and per callback delivery on stdout. */
  log: boolean;

  /** Collection product subscription key(s); several keys may be given comma-separated (primary,secondary). */
  mtnSubscriptionKey: string;
  /** Disbursement product subscription key(s); several keys may be given comma-separated. */
  mtnDisbursementSubscriptionKey: string;
  /**
   * Disbursement balance of every target environment at start, major units as a decimal string
   * ("1000000"; fraction digits beyond a currency's are dropped, e.g. for UGX). Collection starts at 0.
   */
  mtnDisbursementBalance: string;
  /** Id (UUID) of the API user that exists at start. */
  mtnApiUser: string;
  /** API key of that user. */
  mtnApiKey: string;
  /** providerCallbackHost of that user; empty accepts callback URLs on any host. */
  mtnCallbackHost: string;
  /** Lifetime of access tokens, seconds. */
  mtnTokenTtlS: number;

  /** Airtel: client_id of the app that exists at start. */
  airtelClientId: string;
  /** Airtel: its client_secret. */
  airtelClientSecret: string;
  /** Airtel: lifetime of access tokens, seconds (`expires_in`; Airtel's docs show 180). */
  airtelTokenTtlS: number;
  /** Airtel: callback URL of the app that exists at start (a portal setting); empty = no callbacks. */
  airtelCallbackUrl: string;
  /** Airtel: callback authentication key of that app; empty = callbacks without `hash`. */
  airtelCallbackSecret: string;
  /** Airtel: the disbursement PIN the RSA-encrypted `pin` must decrypt to. */
  airtelPin: string;
  /** Airtel: disbursement wallet balance of every country at start, major units as a decimal string. */
  airtelBalance: string;
  /** Airtel: refuse product POSTs that carry no x-signature/x-key (message signing). */
  airtelRequireSigning: boolean;

  /** Daraja: consumer key of the app that exists at start. */
  darajaConsumerKey: string;
  /** Daraja: its consumer secret. */
  darajaConsumerSecret: string;
  /** Daraja: lifetime of access tokens, seconds (sent as the string `expires_in`, like Daraja). */
  darajaTokenTtlS: number;
  /** Daraja: the STK (Lipa na M-Pesa) shortcode that exists at start, and its passkey. */
  darajaShortcode: string;
  darajaPasskey: string;
  /** Daraja: the Buy Goods till number of that shortcode (PartyB for CustomerBuyGoodsOnline). */
  darajaTillNumber: string;
  /** Daraja: the B2C shortcode, its initiator name and the initiator password the SecurityCredential must decrypt to. */
  darajaB2cShortcode: string;
  darajaInitiatorName: string;
  darajaInitiatorPassword: string;
  /** Daraja: B2C utility account balance at start, major units (KES). */
  darajaBalance: string;

  /** Orange: client_id and client_secret of the app that exists at start. */
  orangeClientId: string;
  orangeClientSecret: string;
  /** Orange: the merchant_key of that app. */
  orangeMerchantKey: string;
  /** Orange: lifetime of access tokens, seconds (sent as the string `expires_in`). */
  orangeTokenTtlS: number;
  /** Orange: validity of a payment (pay_token) before it is EXPIRED, ms (Orange: 10 minutes). */
  orangePaymentValidityMs: number;

  /** Vodacom: the API key the bearer must decrypt to (the RSA key pair is generated at each start). */
  vodacomApiKey: string;
  /** Vodacom: the service provider code (shortcode) that exists at start. */
  vodacomServiceProviderCode: string;
  /** Vodacom: reversal initiator identifier and security credential. */
  vodacomInitiatorIdentifier: string;
  vodacomSecurityCredential: string;
  /** Vodacom: how long a normal C2B call is held open before answering, ms. */
  vodacomC2bDelayMs: number;
  /** Vodacom: how long the "slow customer" C2B numbers hold the call, ms. */
  vodacomSlowMs: number;
  /** Vodacom: business balance of the shortcode at start, major units (MZN). */
  vodacomBalance: string;
}

export const DEFAULT_SANDBOX_OPTIONS: Readonly<SandboxOptions> = Object.freeze({
  host: '127.0.0.1',
  port: 4010,
  settleMs: 1500,
  slowMs: 5000,
  ongoingMs: 180_000,
  hangMs: 35_000,
  callbackTimeoutMs: 10_000,
  callLogSize: 500,
  log: false,
  mtnSubscriptionKey: 'sandbox-mtn-subscription-key',
  mtnDisbursementSubscriptionKey: 'sandbox-mtn-disbursement-key',
  mtnDisbursementBalance: '1000000',
  mtnApiUser: '0f6b4a8e-5f0c-4a51-9a0e-3c1f2b7d9e11',
  mtnApiKey: 'sandbox-mtn-api-key',
  mtnCallbackHost: '',
  mtnTokenTtlS: 3600,
  airtelClientId: 'sandbox-airtel-client',
  airtelClientSecret: 'sandbox-airtel-secret',
  airtelTokenTtlS: 180,
  airtelCallbackUrl: '',
  airtelCallbackSecret: '',
  airtelPin: '1234',
  airtelBalance: '1000000',
  airtelRequireSigning: false,
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
  orangePaymentValidityMs: 600_000,
  vodacomApiKey: 'sandbox-vodacom-api-key',
  vodacomServiceProviderCode: '171717',
  vodacomInitiatorIdentifier: 'MPesa2018',
  vodacomSecurityCredential: 'Mpesa2019',
  vodacomC2bDelayMs: 1500,
  vodacomSlowMs: 30_000,
  vodacomBalance: '1000000',
});

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function str(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined ? fallback : raw.trim();
}

function decimal(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d{1,18}(?:\.\d{1,18})?$/.test(raw.trim())) {
    throw new Error(`${name} must be a non-negative decimal number (major units, e.g. "1000000" or "2500.50"), got "${raw}"`);
  }
  return raw.trim();
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase());
}

/** Reads the SANDBOX_* variables; throws on a malformed number so a typo does not go unnoticed. */
export function sandboxOptionsFromEnv(env: Env = process.env): SandboxOptions {
  const d = DEFAULT_SANDBOX_OPTIONS;
  return {
    host: str(env, 'SANDBOX_HOST', d.host) || d.host,
    port: int(env, 'SANDBOX_PORT', d.port),
    settleMs: int(env, 'SANDBOX_SETTLE_MS', d.settleMs),
    slowMs: int(env, 'SANDBOX_SLOW_MS', d.slowMs),
    ongoingMs: int(env, 'SANDBOX_ONGOING_MS', d.ongoingMs),
    hangMs: int(env, 'SANDBOX_HANG_MS', d.hangMs),
    callbackTimeoutMs: int(env, 'SANDBOX_CALLBACK_TIMEOUT_MS', d.callbackTimeoutMs),
    callLogSize: int(env, 'SANDBOX_CALL_LOG_SIZE', d.callLogSize),
    log: bool(env, 'SANDBOX_LOG', d.log),
    mtnSubscriptionKey: str(env, 'SANDBOX_MTN_SUBSCRIPTION_KEY', d.mtnSubscriptionKey),
    mtnDisbursementSubscriptionKey: str(
      env,
      'SANDBOX_MTN_DISBURSEMENT_SUBSCRIPTION_KEY',
      d.mtnDisbursementSubscriptionKey,
    ),
    mtnDisbursementBalance: decimal(env, 'SANDBOX_MTN_DISBURSEMENT_BALANCE', d.mtnDisbursementBalance),
    mtnApiUser: str(env, 'SANDBOX_MTN_API_USER', d.mtnApiUser),
    mtnApiKey: str(env, 'SANDBOX_MTN_API_KEY', d.mtnApiKey),
    mtnCallbackHost: str(env, 'SANDBOX_MTN_CALLBACK_HOST', d.mtnCallbackHost),
    mtnTokenTtlS: int(env, 'SANDBOX_MTN_TOKEN_TTL_S', d.mtnTokenTtlS),
    airtelClientId: str(env, 'SANDBOX_AIRTEL_CLIENT_ID', d.airtelClientId),
    airtelClientSecret: str(env, 'SANDBOX_AIRTEL_CLIENT_SECRET', d.airtelClientSecret),
    airtelTokenTtlS: int(env, 'SANDBOX_AIRTEL_TOKEN_TTL_S', d.airtelTokenTtlS),
    airtelCallbackUrl: str(env, 'SANDBOX_AIRTEL_CALLBACK_URL', d.airtelCallbackUrl),
    airtelCallbackSecret: str(env, 'SANDBOX_AIRTEL_CALLBACK_SECRET', d.airtelCallbackSecret),
    airtelPin: str(env, 'SANDBOX_AIRTEL_PIN', d.airtelPin),
    airtelBalance: decimal(env, 'SANDBOX_AIRTEL_BALANCE', d.airtelBalance),
    airtelRequireSigning: bool(env, 'SANDBOX_AIRTEL_REQUIRE_SIGNING', d.airtelRequireSigning),
    darajaConsumerKey: str(env, 'SANDBOX_DARAJA_CONSUMER_KEY', d.darajaConsumerKey),
    darajaConsumerSecret: str(env, 'SANDBOX_DARAJA_CONSUMER_SECRET', d.darajaConsumerSecret),
    darajaTokenTtlS: int(env, 'SANDBOX_DARAJA_TOKEN_TTL_S', d.darajaTokenTtlS),
    darajaShortcode: str(env, 'SANDBOX_DARAJA_SHORTCODE', d.darajaShortcode),
    darajaPasskey: str(env, 'SANDBOX_DARAJA_PASSKEY', d.darajaPasskey),
    darajaTillNumber: str(env, 'SANDBOX_DARAJA_TILL_NUMBER', d.darajaTillNumber),
    darajaB2cShortcode: str(env, 'SANDBOX_DARAJA_B2C_SHORTCODE', d.darajaB2cShortcode),
    darajaInitiatorName: str(env, 'SANDBOX_DARAJA_INITIATOR_NAME', d.darajaInitiatorName),
    darajaInitiatorPassword: str(env, 'SANDBOX_DARAJA_INITIATOR_PASSWORD', d.darajaInitiatorPassword),
    darajaBalance: decimal(env, 'SANDBOX_DARAJA_BALANCE', d.darajaBalance),
    orangeClientId: str(env, 'SANDBOX_ORANGE_CLIENT_ID', d.orangeClientId),
    orangeClientSecret: str(env, 'SANDBOX_ORANGE_CLIENT_SECRET', d.orangeClientSecret),
    orangeMerchantKey: str(env, 'SANDBOX_ORANGE_MERCHANT_KEY', d.orangeMerchantKey),
    orangeTokenTtlS: int(env, 'SANDBOX_ORANGE_TOKEN_TTL_S', d.orangeTokenTtlS),
    orangePaymentValidityMs: int(env, 'SANDBOX_ORANGE_PAYMENT_VALIDITY_MS', d.orangePaymentValidityMs),
    vodacomApiKey: str(env, 'SANDBOX_VODACOM_API_KEY', d.vodacomApiKey),
    vodacomServiceProviderCode: str(env, 'SANDBOX_VODACOM_SERVICE_PROVIDER_CODE', d.vodacomServiceProviderCode),
    vodacomInitiatorIdentifier: str(env, 'SANDBOX_VODACOM_INITIATOR_IDENTIFIER', d.vodacomInitiatorIdentifier),
    vodacomSecurityCredential: str(env, 'SANDBOX_VODACOM_SECURITY_CREDENTIAL', d.vodacomSecurityCredential),
    vodacomC2bDelayMs: int(env, 'SANDBOX_VODACOM_C2B_DELAY_MS', d.vodacomC2bDelayMs),
    vodacomSlowMs: int(env, 'SANDBOX_VODACOM_SLOW_MS', d.vodacomSlowMs),
    vodacomBalance: decimal(env, 'SANDBOX_VODACOM_BALANCE', d.vodacomBalance),
  };
}

/** Defaults, overridden by the given values (undefined values are ignored). */
export function resolveSandboxOptions(overrides: Partial<SandboxOptions> = {}): SandboxOptions {
  const resolved: SandboxOptions = { ...DEFAULT_SANDBOX_OPTIONS };
  for (const [key, value] of Object.entries(overrides) as [keyof SandboxOptions, unknown][]) {
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value;
  }
  return resolved;
}

/**
 * The MTN_MOMO_* variables that point a gateway at this sandbox's preconfigured MTN API user
 * (target environment mtnuganda, UGX) for Collection and Disbursement (the same API user, each
 * product's first subscription key): used by `npm run start:sandbox` and the e2e tests.
 */
export function gatewayEnvForSandbox(sandboxUrl: string, options: Readonly<SandboxOptions> = DEFAULT_SANDBOX_OPTIONS): Record<string, string> {
  return {
    MTN_MOMO_BASE_URL: sandboxUrl,
    MTN_MOMO_SUBSCRIPTION_KEY: options.mtnSubscriptionKey.split(',')[0].trim(),
    MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: options.mtnDisbursementSubscriptionKey.split(',')[0].trim(),
    MTN_MOMO_API_USER: options.mtnApiUser,
    MTN_MOMO_API_KEY: options.mtnApiKey,
    MTN_MOMO_TARGET_ENVIRONMENT: 'mtnuganda',
    MTN_MOMO_CURRENCY: 'UGX',
    MTN_MOMO_COUNTRIES: 'UG',
  };
}

/**
 * The AIRTEL_MONEY_* variables that point a gateway at this sandbox's preconfigured Airtel app (Uganda,
 * UGX): base URL, client credentials, the plain disbursement PIN (the gateway encrypts it), signing on/off,
 * the callback secret when one is configured, and the public key PEM when given: the key pair is
 * generated at each start, so read it from the running sandbox (`sandbox.operators['airtel-money']
 * .publicKeyPem` or GET /_sandbox/airtel-money/public-key).
 */
export function airtelGatewayEnv(
  sandboxUrl: string,
  options: Readonly<SandboxOptions> = DEFAULT_SANDBOX_OPTIONS,
  publicKeyPem?: string,
): Record<string, string> {
  const env: Record<string, string> = {
    AIRTEL_MONEY_BASE_URL: sandboxUrl,
    AIRTEL_MONEY_CLIENT_ID: options.airtelClientId,
    AIRTEL_MONEY_CLIENT_SECRET: options.airtelClientSecret,
    AIRTEL_MONEY_COUNTRY: 'UG',
    AIRTEL_MONEY_CURRENCY: 'UGX',
    AIRTEL_MONEY_PIN: options.airtelPin,
    AIRTEL_MONEY_SIGNING: options.airtelRequireSigning ? 'on' : 'off',
  };
  if (options.airtelCallbackSecret) env.AIRTEL_MONEY_CALLBACK_SECRET = options.airtelCallbackSecret;
  if (publicKeyPem) env.AIRTEL_MONEY_PUBLIC_KEY = publicKeyPem;
  return env;
}

/**
 * The DARAJA_* variables that point a gateway at this sandbox's preconfigured Daraja app (PayBill 174379,
 * B2C shortcode, initiator). The certificate that encrypts the initiator password is made at each start:
 * pass the running sandbox's (GET /_sandbox/mpesa-daraja/certificate).
 */
export function darajaGatewayEnv(sandboxUrl: string, options: Readonly<SandboxOptions> = DEFAULT_SANDBOX_OPTIONS, certificatePem?: string): Record<string, string> {
  return {
    DARAJA_BASE_URL: sandboxUrl,
    DARAJA_CONSUMER_KEY: options.darajaConsumerKey,
    DARAJA_CONSUMER_SECRET: options.darajaConsumerSecret,
    DARAJA_SHORTCODE: options.darajaShortcode,
    DARAJA_PASSKEY: options.darajaPasskey,
    DARAJA_TRANSACTION_TYPE: 'CustomerPayBillOnline',
    DARAJA_B2C_SHORTCODE: options.darajaB2cShortcode,
    DARAJA_INITIATOR_NAME: options.darajaInitiatorName,
    DARAJA_INITIATOR_PASSWORD: options.darajaInitiatorPassword,
    ...(certificatePem ? { DARAJA_CERTIFICATE: certificatePem } : {}),
  };
}
