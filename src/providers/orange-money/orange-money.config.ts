// Per-account settings and credentials of an Orange Money WebPay provider account, read (and checked) from
// the ProviderAccountContext the gateway hands to every call, plus WebPay's country table (fact sheet §7).
// Nothing here talks to Orange.
import { ProviderAccountContext, ProviderConfigError } from '../provider.port';
import { isHttpUrl } from '../shared/account-checks';

export type OrangeLang = 'fr' | 'en';

/** The `{cc}` path segment of Orange's sandbox ("Orange Money WebPay Dev"), and the currency it takes. */
export const ORANGE_DEV_PATH = 'dev';
export const ORANGE_DEV_CURRENCY = 'OUV';

export interface OrangeWebpayCountry {
  name: string;
  /** ISO 4217 currency of the country's WebPay offer (sent as `currency` in production). */
  currency: string;
  /** False when the fact sheet marks the country (path or currency) unverified. */
  verified: boolean;
}

/**
 * Fact sheet §7, by ISO 3166 alpha-2 (the `{cc}` path is its lower-case form). Every one of these
 * currencies is sent as an integer amount (WebPay takes no decimals): XOF/XAF/GNF/MGA have no minor unit
 * in practice; for CDF, BWP, LRD and SLE only whole units can be collected.
 */
export const ORANGE_WEBPAY_COUNTRIES: Readonly<Record<string, OrangeWebpayCountry>> = {
  CI: { name: "Côte d'Ivoire", currency: 'XOF', verified: true },
  ML: { name: 'Mali', currency: 'XOF', verified: true },
  GN: { name: 'Guinea', currency: 'GNF', verified: true },
  CM: { name: 'Cameroon', currency: 'XAF', verified: true },
  MG: { name: 'Madagascar', currency: 'MGA', verified: true },
  CD: { name: 'DR Congo', currency: 'CDF', verified: true },
  SN: { name: 'Senegal', currency: 'XOF', verified: true },
  BF: { name: 'Burkina Faso', currency: 'XOF', verified: false },
  NE: { name: 'Niger', currency: 'XOF', verified: false },
  GW: { name: 'Guinea-Bissau', currency: 'XOF', verified: false },
  CF: { name: 'Central African Republic', currency: 'XAF', verified: false },
  BW: { name: 'Botswana', currency: 'BWP', verified: false },
  LR: { name: 'Liberia', currency: 'LRD', verified: false },
  SL: { name: 'Sierra Leone', currency: 'SLE', verified: false },
};

/** The currency of a WebPay country, or undefined outside the table. */
export function orangeCurrencyFor(country: string): string | undefined {
  return ORANGE_WEBPAY_COUNTRIES[country.trim().toUpperCase()]?.currency;
}

/** Non-secret settings (provider_accounts.settings). */
export interface OrangeMoneySettings {
  /** ISO 3166 alpha-2 of the account's country (a §7 country). */
  country: string;
  /** `{cc}` of the WebPay paths: 'dev' (Orange's sandbox) or the lower-case country code. */
  countryPath: string;
  /** The real ISO currency of the account's transactions (e.g. XOF), also in dev. */
  currency: string;
  /** The `currency` sent to Orange: 'OUV' in dev, else `currency`. */
  wireCurrency: string;
  /** Language of Orange's payment page. */
  lang: OrangeLang;
  /** Merchant name shown on Orange's page (`reference`, ≤ 30 characters). */
  merchantName?: string;
  /** Validity of a payment at Orange (pay_token), minutes (Orange: 10). */
  paymentValidityMinutes: number;
  /** Added to the validity before an INITIATED payment is considered abandoned, minutes. */
  expiryGraceMinutes: number;
}

/** Secret credentials (provider_accounts.credentials, decrypted). */
export interface OrangeMoneyCredentials {
  clientId: string;
  clientSecret: string;
  /** The WebPay merchant key generated in Orange's portal (8 hex characters in examples). */
  merchantKey: string;
}

export const ORANGE_CREDENTIAL_FIELDS = ['clientId', 'clientSecret', 'merchantKey'] as const;

/** Everything the client needs for one account, validated. */
export interface OrangeMoneyAccountConfig {
  accountId: string;
  /** The account's base URL without a trailing slash (https://api.orange.com, or a stand-in). */
  baseUrl: string;
  timeoutMs: number;
  settings: OrangeMoneySettings;
  credentials: OrangeMoneyCredentials;
}

export const DEFAULT_PAYMENT_VALIDITY_MINUTES = 10;
export const DEFAULT_EXPIRY_GRACE_MINUTES = 2;
export const ORANGE_MAX_REFERENCE_LENGTH = 30;

/** Reads and checks an account; throws ProviderConfigError naming every missing or invalid field. */
export function readOrangeConfig(account: ProviderAccountContext): OrangeMoneyAccountConfig {
  const problems: string[] = [];
  const baseUrl = typeof account.baseUrl === 'string' ? account.baseUrl.trim().replace(/\/+$/, '') : '';
  if (!isHttpUrl(baseUrl)) problems.push('baseUrl must be an http(s) URL');

  const s = account.settings ?? {};
  const country = upper(s['country']);
  const known = ORANGE_WEBPAY_COUNTRIES[country];
  if (country === '') problems.push('settings.country is missing');
  else if (!known) problems.push(`settings.country ${country} is not an Orange Money WebPay country (${Object.keys(ORANGE_WEBPAY_COUNTRIES).join(', ')})`);

  const rawPath = typeof s['countryPath'] === 'string' ? s['countryPath'].trim().toLowerCase() : '';
  const countryPath = rawPath || (account.environment === 'sandbox' ? ORANGE_DEV_PATH : country.toLowerCase());
  if (countryPath !== ORANGE_DEV_PATH && countryPath !== country.toLowerCase()) {
    problems.push(`settings.countryPath must be '${ORANGE_DEV_PATH}' or the lower-case country code '${country.toLowerCase()}'`);
  }

  const currency = upper(s['currency']) || (known?.currency ?? '');
  if (currency === '') problems.push('settings.currency is missing');
  else if (currency === ORANGE_DEV_CURRENCY) problems.push(`settings.currency is the transactions' real currency (${known?.currency ?? 'e.g. XOF'}); ${ORANGE_DEV_CURRENCY} goes in settings.wireCurrency`);
  else if (known && currency !== known.currency) problems.push(`settings.currency ${currency} is not the WebPay currency of ${country} (${known.currency})`);
  const dev = countryPath === ORANGE_DEV_PATH;
  const wireCurrency = upper(s['wireCurrency']) || (dev ? ORANGE_DEV_CURRENCY : currency);
  if (wireCurrency !== '' && !/^[A-Z]{3}$/.test(wireCurrency)) problems.push('settings.wireCurrency must be a 3-letter currency code');
  else if (!dev && wireCurrency !== currency) problems.push(`settings.wireCurrency must be ${currency || 'the currency'} outside '${ORANGE_DEV_PATH}'`);

  const lang = s['lang'] ?? 'fr';
  if (lang !== 'fr' && lang !== 'en') problems.push("settings.lang must be 'fr' or 'en'");
  const merchantName = typeof s['merchantName'] === 'string' && s['merchantName'].trim() !== '' ? s['merchantName'].trim() : undefined;
  if (s['merchantName'] !== undefined && s['merchantName'] !== null && typeof s['merchantName'] !== 'string') problems.push('settings.merchantName must be a string');
  if (merchantName && merchantName.length > ORANGE_MAX_REFERENCE_LENGTH) problems.push(`settings.merchantName must be at most ${ORANGE_MAX_REFERENCE_LENGTH} characters`);

  const validity = s['paymentValidityMinutes'] ?? DEFAULT_PAYMENT_VALIDITY_MINUTES;
  if (!isPositive(validity)) problems.push('settings.paymentValidityMinutes must be a positive number');
  const grace = s['expiryGraceMinutes'] ?? DEFAULT_EXPIRY_GRACE_MINUTES;
  if (typeof grace !== 'number' || !Number.isFinite(grace) || grace < 0) problems.push('settings.expiryGraceMinutes must be a number ≥ 0');
  if (!isPositive(account.timeoutMs)) problems.push('timeoutMs must be a positive number');

  const c = account.credentials ?? {};
  const missing = ORANGE_CREDENTIAL_FIELDS.filter((f) => typeof c[f] !== 'string' || c[f].trim() === '');
  if (missing.length > 0) problems.push(`missing credentials: ${missing.join(', ')}`);

  if (problems.length > 0) throw new ProviderConfigError(`orange-money account ${account.id}: ${problems.join('; ')}`);
  return {
    accountId: account.id,
    baseUrl,
    timeoutMs: account.timeoutMs,
    settings: {
      country,
      countryPath,
      currency,
      wireCurrency,
      lang: lang as OrangeLang,
      ...(merchantName ? { merchantName } : {}),
      paymentValidityMinutes: validity as number,
      expiryGraceMinutes: grace as number,
    },
    credentials: {
      clientId: (c['clientId'] as string).trim(),
      clientSecret: (c['clientSecret'] as string).trim(),
      merchantKey: (c['merchantKey'] as string).trim(),
    },
  };
}

/** Every credential value of the account (and the Basic header value), for scrubbing from audit copies. */
export function orangeSecretValues(config: OrangeMoneyAccountConfig): string[] {
  const { clientId, clientSecret, merchantKey } = config.credentials;
  return [clientId, clientSecret, merchantKey, basicCredentials(config)];
}

/** base64(client_id:client_secret), the value after `Basic ` on the token call. */
export function basicCredentials(config: OrangeMoneyAccountConfig): string {
  return Buffer.from(`${config.credentials.clientId}:${config.credentials.clientSecret}`, 'utf8').toString('base64');
}

function upper(value: unknown): string {
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
