// Per-account settings and credentials of an Airtel Money provider account, read (and checked) from the
// ProviderAccountContext the gateway hands to every call, plus Airtel's country table (fact sheet §12).
// Nothing here talks to Airtel.
import { KeyObject, createPublicKey } from 'node:crypto';
import { ProviderAccountContext, ProviderConfigError } from '../provider.port';
import { isHttpUrl } from '../shared/account-checks';

export type AirtelRsaPadding = 'pkcs1' | 'oaep';
export type AirtelDisbursementVersion = 'v1' | 'v2';

/** Non-secret settings (provider_accounts.settings). */
export interface AirtelMoneySettings {
  /** ISO 3166 alpha-2 of the wallet: the X-Country header and the subscriber's country. */
  country: string;
  /** ISO 4217 of the wallet: the X-Currency header. */
  currency: string;
  /** Message signing (x-signature / x-key on every POST with a body), off by default. */
  signing: boolean;
  /** RSA padding for the PIN and the x-key: 'pkcs1' (PKCS#1 v1.5, default) or 'oaep' (OAEP, SHA-1). */
  pinPadding: AirtelRsaPadding;
  /** Disbursement API: 'v1' (default, documented) or 'v2' (adds transaction.type B2C, payee.currency). */
  disbursementVersion: AirtelDisbursementVersion;
  /** Overrides the account's timeoutMs for every call when set. */
  timeoutMs?: number;
}

/** Secret credentials (provider_accounts.credentials, decrypted). */
export interface AirtelMoneyCredentials {
  clientId: string;
  clientSecret: string;
  /** The disbursement PIN set in Airtel's portal (digits): required for disburse. */
  pin?: string;
  /** Airtel's RSA public key (PEM, or the bare base64 SPKI the portal shows): PIN encryption and signing. */
  publicKey?: string;
  /** The portal's callback "private key": when set, callbacks must carry a valid `hash`. */
  callbackSecret?: string;
}

export const AIRTEL_REQUIRED_CREDENTIAL_FIELDS = ['clientId', 'clientSecret'] as const;
export const AIRTEL_CREDENTIAL_FIELDS = [...AIRTEL_REQUIRED_CREDENTIAL_FIELDS, 'pin', 'publicKey', 'callbackSecret'] as const;

/** Everything the client needs for one account, validated. */
export interface AirtelMoneyAccountConfig {
  accountId: string;
  /** The account's base URL without a trailing slash (UAT, production, a country host, or a stand-in). */
  baseUrl: string;
  timeoutMs: number;
  settings: AirtelMoneySettings;
  credentials: AirtelMoneyCredentials;
  /** The parsed public key, when one is configured. */
  publicKey?: KeyObject;
}

export interface AirtelCountry {
  name: string;
  /** International calling code (digits), stripped from E.164 numbers. */
  callingCode: string;
  /** Currencies the API accepts for this country's wallets. */
  currencies: readonly string[];
  /** National MSISDN lengths (without country code), as the fact sheet gives them. */
  msisdnLengths: readonly number[];
  /** True when Airtel itself was observed enforcing that length ("Msisdn Length should be 9"). */
  lengthVerified: boolean;
}

/** Fact sheet §12. Lengths other than UG/ZM come from national numbering plans (unverified at Airtel). */
export const AIRTEL_COUNTRIES: Readonly<Record<string, AirtelCountry>> = {
  UG: { name: 'Uganda', callingCode: '256', currencies: ['UGX'], msisdnLengths: [9], lengthVerified: true },
  KE: { name: 'Kenya', callingCode: '254', currencies: ['KES'], msisdnLengths: [9], lengthVerified: false },
  TZ: { name: 'Tanzania', callingCode: '255', currencies: ['TZS'], msisdnLengths: [9], lengthVerified: false },
  RW: { name: 'Rwanda', callingCode: '250', currencies: ['RWF'], msisdnLengths: [9], lengthVerified: false },
  ZM: { name: 'Zambia', callingCode: '260', currencies: ['ZMW'], msisdnLengths: [9], lengthVerified: true },
  MW: { name: 'Malawi', callingCode: '265', currencies: ['MWK'], msisdnLengths: [9], lengthVerified: false },
  CD: { name: 'DR Congo', callingCode: '243', currencies: ['CDF', 'USD'], msisdnLengths: [9], lengthVerified: false },
  CG: { name: 'Congo-Brazzaville', callingCode: '242', currencies: ['XAF'], msisdnLengths: [9], lengthVerified: false },
  GA: { name: 'Gabon', callingCode: '241', currencies: ['XAF'], msisdnLengths: [8, 9], lengthVerified: false },
  TD: { name: 'Chad', callingCode: '235', currencies: ['XAF'], msisdnLengths: [8], lengthVerified: false },
  NE: { name: 'Niger', callingCode: '227', currencies: ['XOF'], msisdnLengths: [8], lengthVerified: false },
  MG: { name: 'Madagascar', callingCode: '261', currencies: ['MGA'], msisdnLengths: [9], lengthVerified: false },
  SC: { name: 'Seychelles', callingCode: '248', currencies: ['SCR'], msisdnLengths: [7], lengthVerified: false },
  NG: { name: 'Nigeria', callingCode: '234', currencies: ['NGN'], msisdnLengths: [10], lengthVerified: false },
};

/** The default currency of an Airtel country (first of its list), or undefined outside the table. */
export function airtelCurrencyFor(country: string): string | undefined {
  return AIRTEL_COUNTRIES[country.trim().toUpperCase()]?.currencies[0];
}

/** Reads and checks an account; throws ProviderConfigError naming every missing or invalid field. */
export function readAirtelConfig(account: ProviderAccountContext): AirtelMoneyAccountConfig {
  const problems: string[] = [];
  const baseUrl = typeof account.baseUrl === 'string' ? account.baseUrl.trim().replace(/\/+$/, '') : '';
  if (!isHttpUrl(baseUrl)) problems.push('baseUrl must be an http(s) URL');

  const s = account.settings ?? {};
  const country = typeof s['country'] === 'string' ? s['country'].trim().toUpperCase() : '';
  const currency = typeof s['currency'] === 'string' ? s['currency'].trim().toUpperCase() : '';
  const known = AIRTEL_COUNTRIES[country];
  if (country === '') problems.push('settings.country is missing');
  else if (!known) problems.push(`settings.country ${country} is not an Airtel Money country (${Object.keys(AIRTEL_COUNTRIES).join(', ')})`);
  if (currency === '') problems.push('settings.currency is missing');
  else if (!/^[A-Z]{3}$/.test(currency)) problems.push('settings.currency must be an ISO 4217 code');
  else if (known && !known.currencies.includes(currency)) {
    problems.push(`settings.currency ${currency} is not a currency of Airtel ${country} (${known.currencies.join(', ')})`);
  }
  const signing = s['signing'] ?? false;
  if (typeof signing !== 'boolean') problems.push('settings.signing must be true or false');
  const pinPadding = s['pinPadding'] ?? 'pkcs1';
  if (pinPadding !== 'pkcs1' && pinPadding !== 'oaep') problems.push("settings.pinPadding must be 'pkcs1' or 'oaep'");
  const disbursementVersion = s['disbursementVersion'] ?? 'v1';
  if (disbursementVersion !== 'v1' && disbursementVersion !== 'v2') problems.push("settings.disbursementVersion must be 'v1' or 'v2'");
  const settingsTimeout = s['timeoutMs'];
  if (settingsTimeout !== undefined && settingsTimeout !== null && !isPositive(settingsTimeout)) {
    problems.push('settings.timeoutMs must be a positive number');
  }
  const timeoutMs = isPositive(settingsTimeout) ? settingsTimeout : account.timeoutMs;
  if (!isPositive(timeoutMs)) problems.push('timeoutMs must be a positive number');

  const c = account.credentials ?? {};
  const missing = AIRTEL_REQUIRED_CREDENTIAL_FIELDS.filter((f) => !nonEmpty(c[f]));
  if (missing.length > 0) problems.push(`missing credentials: ${missing.join(', ')}`);
  const optional = (name: string): string | undefined => (nonEmpty(c[name]) ? c[name].trim() : undefined);
  const pin = optional('pin');
  if (pin !== undefined && !/^\d{4,8}$/.test(pin)) problems.push('credentials.pin must be 4 to 8 digits');
  const publicKeyText = optional('publicKey');
  let publicKey: KeyObject | undefined;
  if (publicKeyText !== undefined) {
    publicKey = parseAirtelPublicKey(publicKeyText);
    if (!publicKey) problems.push('credentials.publicKey is not an RSA public key (PEM or base64 SPKI)');
  }
  if (signing === true && publicKeyText === undefined) problems.push('settings.signing needs credentials.publicKey');
  if (pin !== undefined && publicKeyText === undefined) problems.push('credentials.pin needs credentials.publicKey (the PIN is sent RSA-encrypted)');

  if (problems.length > 0) throw new ProviderConfigError(`airtel-money account ${account.id}: ${problems.join('; ')}`);
  return {
    accountId: account.id,
    baseUrl,
    timeoutMs: timeoutMs as number,
    settings: {
      country,
      currency,
      signing: signing as boolean,
      pinPadding: pinPadding as AirtelRsaPadding,
      disbursementVersion: disbursementVersion as AirtelDisbursementVersion,
      ...(isPositive(settingsTimeout) ? { timeoutMs: settingsTimeout } : {}),
    },
    credentials: {
      clientId: (c['clientId'] as string).trim(),
      clientSecret: (c['clientSecret'] as string).trim(),
      ...(pin !== undefined ? { pin } : {}),
      ...(publicKeyText !== undefined ? { publicKey: publicKeyText } : {}),
      ...(optional('callbackSecret') !== undefined ? { callbackSecret: optional('callbackSecret') } : {}),
    },
    ...(publicKey ? { publicKey } : {}),
  };
}

/** What disburse needs beyond the base config: the PIN and the key to encrypt it. */
export function disbursementSecrets(config: AirtelMoneyAccountConfig): { pin: string; publicKey: KeyObject } {
  const missing = [!config.credentials.pin ? 'pin' : '', !config.publicKey ? 'publicKey' : ''].filter(Boolean);
  if (missing.length > 0 || !config.credentials.pin || !config.publicKey) {
    throw new ProviderConfigError(`airtel-money account ${config.accountId}: disburse needs credentials: ${missing.join(', ')}`);
  }
  return { pin: config.credentials.pin, publicKey: config.publicKey };
}

/** A PEM public key, or the bare base64 SPKI Airtel's portal shows ("MIGf…"); undefined when neither parses as RSA. */
export function parseAirtelPublicKey(text: string): KeyObject | undefined {
  const trimmed = text.trim();
  try {
    const key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Every credential value of the account, for scrubbing from audit copies (not the short plain PIN: see README). */
export function secretValuesOf(config: AirtelMoneyAccountConfig): string[] {
  const { clientId, clientSecret, callbackSecret } = config.credentials;
  return [clientId, clientSecret, callbackSecret].filter((v): v is string => typeof v === 'string' && v !== '');
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

