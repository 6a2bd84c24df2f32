// Per-account settings and credentials of an MTN MoMo provider account, read (and checked) from the
// ProviderAccountContext the gateway hands to every call. Nothing here talks to MTN.
import { ProviderAccountContext, ProviderConfigError } from '../provider.port';
import { isHttpUrl } from '../shared/account-checks';

/** MTN's products. Remittance is not supported (README.md): productCredentials() refuses it. */
export type MtnProduct = 'collection' | 'disbursement' | 'remittance';

/** Non-secret settings (provider_accounts.settings). */
export interface MtnMomoSettings {
  /** X-Target-Environment: 'sandbox' or the market id ('mtnuganda', 'mtnghana', ...), never 'production'. */
  targetEnvironment: string;
  /**
   * The API user's providerCallbackHost (host name only). When set, X-Callback-Url is only sent for
   * callback URLs on this host: MTN fails a request whose callback host differs (INVALID_CALLBACK_URL_HOST).
   */
  callbackHost?: string;
  /** Refund endpoint: POST /disbursement/v1_0/refund ('v1', the default) or /v2_0/refund ('v2'). */
  refundVersion?: 'v1' | 'v2';
}

/** Secret credentials (provider_accounts.credentials, decrypted). */
export interface MtnMomoCredentials {
  /** Collection product subscription key (Ocp-Apim-Subscription-Key). */
  subscriptionKey: string;
  /** API user id (UUID) and API key for the collection product. */
  apiUser: string;
  apiKey: string;
  /**
   * Disbursement product key: required for disburse, refund, disbursement/refund status and the
   * disbursement balance. Its API user/key default to the collection ones when absent.
   */
  disbursementSubscriptionKey?: string;
  disbursementApiUser?: string;
  disbursementApiKey?: string;
}

export const MTN_MOMO_REQUIRED_CREDENTIAL_FIELDS = ['subscriptionKey', 'apiUser', 'apiKey'] as const;
export const MTN_MOMO_CREDENTIAL_FIELDS = [
  ...MTN_MOMO_REQUIRED_CREDENTIAL_FIELDS,
  'disbursementSubscriptionKey',
  'disbursementApiUser',
  'disbursementApiKey',
] as const;

/** Everything the client needs for one account, validated. */
export interface MtnMomoAccountConfig {
  accountId: string;
  /** The account's base URL without a trailing slash (sandbox, production, or a stand-in). */
  baseUrl: string;
  timeoutMs: number;
  settings: MtnMomoSettings;
  credentials: MtnMomoCredentials;
}

/** The credentials used for one product's token and calls. */
export interface MtnProductCredentials {
  subscriptionKey: string;
  apiUser: string;
  apiKey: string;
}

/**
 * MTN target environments (fact sheet §1) with the currency and ISO 3166 country of their wallets.
 * Only sandbox → EUR is documented; the others follow the country's currency (inferred).
 */
export const MTN_TARGET_ENVIRONMENTS: Readonly<Record<string, { currency: string; country: string | null }>> = {
  sandbox: { currency: 'EUR', country: null },
  mtnuganda: { currency: 'UGX', country: 'UG' },
  mtnghana: { currency: 'GHS', country: 'GH' },
  mtnivorycoast: { currency: 'XOF', country: 'CI' },
  mtnzambia: { currency: 'ZMW', country: 'ZM' },
  mtncameroon: { currency: 'XAF', country: 'CM' },
  mtnbenin: { currency: 'XOF', country: 'BJ' },
  mtncongo: { currency: 'XAF', country: 'CG' },
  mtnswaziland: { currency: 'SZL', country: 'SZ' },
  mtnguineaconakry: { currency: 'GNF', country: 'GN' },
  mtnsouthafrica: { currency: 'ZAR', country: 'ZA' },
  mtnliberia: { currency: 'LRD', country: 'LR' },
  mtnsouthsudan: { currency: 'SSP', country: 'SS' },
  mtnnigeria: { currency: 'NGN', country: 'NG' },
  mtnrwanda: { currency: 'RWF', country: 'RW' },
};

/** The currency MTN expects for a target environment, or undefined for an environment not in the table. */
export function currencyForTargetEnvironment(targetEnvironment: string): string | undefined {
  return MTN_TARGET_ENVIRONMENTS[targetEnvironment]?.currency;
}

/** The production target environment of a country (ISO 3166 alpha-2), if MTN operates there. */
export function targetEnvironmentForCountry(country: string): string | undefined {
  const upper = country.toUpperCase();
  return Object.entries(MTN_TARGET_ENVIRONMENTS).find(([, v]) => v.country === upper)?.[0];
}

/** Reads and checks an account; throws ProviderConfigError naming every missing or invalid field. */
export function readMtnMomoConfig(account: ProviderAccountContext): MtnMomoAccountConfig {
  const problems: string[] = [];

  const baseUrl = typeof account.baseUrl === 'string' ? account.baseUrl.trim().replace(/\/+$/, '') : '';
  if (!isHttpUrl(baseUrl)) problems.push('baseUrl must be an http(s) URL');

  const timeoutMs = account.timeoutMs;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    problems.push('timeoutMs must be a positive number');
  }

  const settings = account.settings ?? {};
  const targetEnvironment = settings['targetEnvironment'];
  if (typeof targetEnvironment !== 'string' || targetEnvironment.trim() === '') {
    problems.push('settings.targetEnvironment is missing');
  } else if (targetEnvironment.trim().toLowerCase() === 'production') {
    problems.push("settings.targetEnvironment must be the market id (e.g. 'mtnuganda'), not 'production'");
  }
  const callbackHostRaw = settings['callbackHost'];
  let callbackHost: string | undefined;
  if (callbackHostRaw !== undefined && callbackHostRaw !== null && callbackHostRaw !== '') {
    callbackHost = typeof callbackHostRaw === 'string' ? hostOf(callbackHostRaw) : undefined;
    if (!callbackHost) problems.push('settings.callbackHost must be a host name');
  }
  const refundVersion = settings['refundVersion'];
  if (refundVersion !== undefined && refundVersion !== null && refundVersion !== 'v1' && refundVersion !== 'v2') {
    problems.push("settings.refundVersion must be 'v1' or 'v2'");
  }

  const credentials = account.credentials ?? {};
  const missing = MTN_MOMO_REQUIRED_CREDENTIAL_FIELDS.filter((f) => !nonEmpty(credentials[f]));
  if (missing.length > 0) problems.push(`missing credentials: ${missing.join(', ')}`);

  if (problems.length > 0) {
    throw new ProviderConfigError(`mtn-momo account ${account.id}: ${problems.join('; ')}`);
  }

  const optional = (name: string): string | undefined => (nonEmpty(credentials[name]) ? credentials[name] : undefined);
  return {
    accountId: account.id,
    baseUrl,
    timeoutMs,
    settings: {
      targetEnvironment: (targetEnvironment as string).trim(),
      ...(callbackHost ? { callbackHost } : {}),
      ...(refundVersion === 'v1' || refundVersion === 'v2' ? { refundVersion } : {}),
    },
    credentials: {
      subscriptionKey: credentials['subscriptionKey'] as string,
      apiUser: credentials['apiUser'] as string,
      apiKey: credentials['apiKey'] as string,
      disbursementSubscriptionKey: optional('disbursementSubscriptionKey'),
      disbursementApiUser: optional('disbursementApiUser'),
      disbursementApiKey: optional('disbursementApiKey'),
    },
  };
}

/**
 * The credentials of one product. Each MTN product has its own subscription key; whether one API user
 * works across products is unverified, so the disbursement user/key fall back to the collection ones.
 */
export function productCredentials(config: MtnMomoAccountConfig, product: MtnProduct): MtnProductCredentials {
  const c = config.credentials;
  if (product === 'collection') return { subscriptionKey: c.subscriptionKey, apiUser: c.apiUser, apiKey: c.apiKey };
  if (product === 'disbursement') {
    if (!c.disbursementSubscriptionKey) {
      throw new ProviderConfigError(`mtn-momo account ${config.accountId}: missing credentials: disbursementSubscriptionKey`);
    }
    return {
      subscriptionKey: c.disbursementSubscriptionKey,
      apiUser: c.disbursementApiUser ?? c.apiUser,
      apiKey: c.disbursementApiKey ?? c.apiKey,
    };
  }
  throw new ProviderConfigError(`mtn-momo account ${config.accountId}: the ${product} product is not supported`);
}

/** Every credential value of the account, for scrubbing from audit copies. */
export function secretValuesOf(config: MtnMomoAccountConfig): string[] {
  return Object.values(config.credentials).filter((v): v is string => typeof v === 'string' && v !== '');
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}


/** Accepts 'example.com' or a URL ('https://example.com/x') and returns the lower-case host name. */
function hostOf(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  try {
    return new URL(trimmed.includes('://') ? trimmed : `http://${trimmed}`).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
