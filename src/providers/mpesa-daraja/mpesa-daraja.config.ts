// Per-account settings and credentials of an M-Pesa Daraja provider account, read (and checked) from the
// ProviderAccountContext the gateway hands to every call. Nothing here talks to Safaricom.
import { KeyObject, X509Certificate, createPublicKey } from 'node:crypto';
import { ProviderAccountContext, ProviderConfigError } from '../provider.port';
import { isHttpUrl } from '../shared/account-checks';

export type DarajaTransactionType = 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
export type DarajaB2cCommandId = 'BusinessPayment' | 'SalaryPayment' | 'PromotionPayment';
export type DarajaRefundMethod = 'b2c' | 'reversal';
export type DarajaC2bResponseType = 'Completed' | 'Cancelled';

export const DARAJA_TRANSACTION_TYPES: readonly DarajaTransactionType[] = ['CustomerPayBillOnline', 'CustomerBuyGoodsOnline'];
export const DARAJA_B2C_COMMAND_IDS: readonly DarajaB2cCommandId[] = ['BusinessPayment', 'SalaryPayment', 'PromotionPayment'];

/** Non-secret settings (provider_accounts.settings). */
export interface DarajaSettings {
  /** STK BusinessShortCode (Paybill, or the head-office/store number of a Till). */
  shortcode: string;
  transactionType: DarajaTransactionType;
  /** Buy Goods only: the Till number (STK PartyB). */
  tillNumber?: string;
  /** The B2C shortcode (B2C PartyA, Account Balance and Transaction Status PartyA). */
  b2cShortcode?: string;
  /** The API operator's user name (Initiator / InitiatorName). */
  initiatorName?: string;
  b2cCommandId: DarajaB2cCommandId;
  refundMethod: DarajaRefundMethod;
  c2bResponseType: DarajaC2bResponseType;
  /** Overrides the account's timeoutMs when set. */
  timeoutMs?: number;
}

/** Secret credentials (provider_accounts.credentials, decrypted). */
export interface DarajaCredentials {
  consumerKey: string;
  consumerSecret: string;
  /** The Lipa Na M-Pesa Online passkey (STK Password). */
  passkey: string;
  /** The API operator's password, sent RSA-encrypted as SecurityCredential. */
  initiatorPassword?: string;
  /** Safaricom's certificate (PEM X.509, base64 DER) or its PEM public key. */
  certificate?: string;
}

export const DARAJA_REQUIRED_CREDENTIAL_FIELDS = ['consumerKey', 'consumerSecret', 'passkey'] as const;
export const DARAJA_CREDENTIAL_FIELDS = [...DARAJA_REQUIRED_CREDENTIAL_FIELDS, 'initiatorPassword', 'certificate'] as const;

/** Everything the client needs for one account, validated. */
export interface DarajaAccountConfig {
  accountId: string;
  environment: 'sandbox' | 'production';
  /** Base URL without a trailing slash (sandbox.safaricom.co.ke, api.safaricom.co.ke, or a stand-in). */
  baseUrl: string;
  timeoutMs: number;
  settings: DarajaSettings;
  credentials: DarajaCredentials;
  /** The RSA key from `certificate`, when the initiator is configured. */
  publicKey?: KeyObject;
}

/** What B2C, Transaction Status, Account Balance and Reversal need. */
export interface DarajaInitiator {
  initiatorName: string;
  initiatorPassword: string;
  publicKey: KeyObject;
}

const SHORTCODE = /^\d{5,7}$/;

/** Reads and checks an account; throws ProviderConfigError naming every missing or invalid field. */
export function readDarajaConfig(account: ProviderAccountContext): DarajaAccountConfig {
  const problems: string[] = [];
  const baseUrl = typeof account.baseUrl === 'string' ? account.baseUrl.trim().replace(/\/+$/, '') : '';
  if (!isHttpUrl(baseUrl)) problems.push('baseUrl must be an http(s) URL');

  const s = account.settings ?? {};
  const str = (name: string): string | undefined => {
    const v = s[name];
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const shortcode = str('shortcode');
  if (!shortcode) problems.push('settings.shortcode is missing');
  else if (!SHORTCODE.test(shortcode)) problems.push('settings.shortcode must be 5 to 7 digits');
  const transactionType = (str('transactionType') ?? 'CustomerPayBillOnline') as DarajaTransactionType;
  if (!DARAJA_TRANSACTION_TYPES.includes(transactionType)) problems.push(`settings.transactionType must be one of ${DARAJA_TRANSACTION_TYPES.join(', ')}`);
  const tillNumber = str('tillNumber');
  if (tillNumber !== undefined && !SHORTCODE.test(tillNumber)) problems.push('settings.tillNumber must be 5 to 7 digits');
  if (transactionType === 'CustomerBuyGoodsOnline' && tillNumber === undefined) problems.push('settings.tillNumber is required with CustomerBuyGoodsOnline');
  const b2cShortcode = str('b2cShortcode');
  if (b2cShortcode !== undefined && !SHORTCODE.test(b2cShortcode)) problems.push('settings.b2cShortcode must be 5 to 7 digits');
  const initiatorName = str('initiatorName');
  const b2cCommandId = (str('b2cCommandId') ?? 'BusinessPayment') as DarajaB2cCommandId;
  if (!DARAJA_B2C_COMMAND_IDS.includes(b2cCommandId)) problems.push(`settings.b2cCommandId must be one of ${DARAJA_B2C_COMMAND_IDS.join(', ')}`);
  const refundMethod = (str('refundMethod') ?? 'b2c') as DarajaRefundMethod;
  if (refundMethod !== 'b2c' && refundMethod !== 'reversal') problems.push("settings.refundMethod must be 'b2c' or 'reversal'");
  const c2bResponseType = (str('c2bResponseType') ?? 'Completed') as DarajaC2bResponseType;
  if (c2bResponseType !== 'Completed' && c2bResponseType !== 'Cancelled') problems.push("settings.c2bResponseType must be 'Completed' or 'Cancelled' (sentence case)");
  const settingsTimeout = s['timeoutMs'];
  if (settingsTimeout !== undefined && settingsTimeout !== null && !isPositive(settingsTimeout)) problems.push('settings.timeoutMs must be a positive number');
  const timeoutMs = isPositive(settingsTimeout) ? settingsTimeout : account.timeoutMs;
  if (!isPositive(timeoutMs)) problems.push('timeoutMs must be a positive number');

  const c = account.credentials ?? {};
  const cred = (name: string): string | undefined => (typeof c[name] === 'string' && c[name].trim() !== '' ? c[name].trim() : undefined);
  const missing = DARAJA_REQUIRED_CREDENTIAL_FIELDS.filter((f) => cred(f) === undefined);
  if (missing.length > 0) problems.push(`missing credentials: ${missing.join(', ')}`);
  const initiatorPassword = typeof c['initiatorPassword'] === 'string' && c['initiatorPassword'] !== '' ? c['initiatorPassword'] : undefined;
  const certificate = cred('certificate');
  // The initiator triple: all or nothing, and the certificate must give an RSA key.
  const initiatorParts = { 'settings.initiatorName': initiatorName, 'credentials.initiatorPassword': initiatorPassword, 'credentials.certificate': certificate };
  const present = Object.entries(initiatorParts).filter(([, v]) => v !== undefined);
  if (present.length > 0 && present.length < 3) {
    const absent = Object.entries(initiatorParts).filter(([, v]) => v === undefined).map(([k]) => k);
    problems.push(`the initiator (B2C, status, balance, reversal) needs all of settings.initiatorName, credentials.initiatorPassword, credentials.certificate: missing ${absent.join(', ')}`);
  }
  let publicKey: KeyObject | undefined;
  if (certificate !== undefined) {
    publicKey = parseDarajaCertificate(certificate);
    if (!publicKey) problems.push('credentials.certificate is neither an X.509 certificate nor a public key with an RSA key (PEM, or base64 DER certificate)');
  }

  if (problems.length > 0) throw new ProviderConfigError(`mpesa-daraja account ${account.id}: ${problems.join('; ')}`);
  return {
    accountId: account.id,
    environment: account.environment,
    baseUrl,
    timeoutMs: timeoutMs as number,
    settings: {
      shortcode: shortcode as string,
      transactionType,
      ...(tillNumber !== undefined ? { tillNumber } : {}),
      ...(b2cShortcode !== undefined ? { b2cShortcode } : {}),
      ...(initiatorName !== undefined ? { initiatorName } : {}),
      b2cCommandId,
      refundMethod,
      c2bResponseType,
      ...(isPositive(settingsTimeout) ? { timeoutMs: settingsTimeout } : {}),
    },
    credentials: {
      consumerKey: cred('consumerKey') as string,
      consumerSecret: cred('consumerSecret') as string,
      passkey: cred('passkey') as string,
      ...(initiatorPassword !== undefined ? { initiatorPassword } : {}),
      ...(certificate !== undefined ? { certificate } : {}),
    },
    ...(publicKey ? { publicKey } : {}),
  };
}

/** The initiator, or a ProviderConfigError naming what `operation` lacks (before any call is made). */
export function requireInitiator(config: DarajaAccountConfig, operation: string): DarajaInitiator {
  const { initiatorName } = config.settings;
  const { initiatorPassword } = config.credentials;
  if (!initiatorName || !initiatorPassword || !config.publicKey) {
    throw new ProviderConfigError(
      `mpesa-daraja account ${config.accountId}: ${operation} needs settings.initiatorName, credentials.initiatorPassword and credentials.certificate`,
    );
  }
  return { initiatorName, initiatorPassword, publicKey: config.publicKey };
}

/** settings.b2cShortcode, or a ProviderConfigError naming `operation`. */
export function requireB2cShortcode(config: DarajaAccountConfig, operation: string): string {
  if (!config.settings.b2cShortcode) throw new ProviderConfigError(`mpesa-daraja account ${config.accountId}: ${operation} needs settings.b2cShortcode`);
  return config.settings.b2cShortcode;
}

/** The STK PartyB: the shortcode for Paybill, the Till for Buy Goods. */
export function stkPartyB(config: DarajaAccountConfig): string {
  return config.settings.transactionType === 'CustomerBuyGoodsOnline' ? (config.settings.tillNumber ?? config.settings.shortcode) : config.settings.shortcode;
}

/**
 * The RSA public key of Safaricom's certificate: a PEM X.509 certificate (`new X509Certificate(pem)`), a
 * base64 DER certificate (the .cer content without armour), or a PEM public key. Undefined otherwise.
 */
export function parseDarajaCertificate(text: string): KeyObject | undefined {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  try {
    let key: KeyObject;
    if (trimmed.includes('-----BEGIN CERTIFICATE-----')) key = new X509Certificate(trimmed).publicKey;
    else if (trimmed.startsWith('-----BEGIN')) key = createPublicKey(trimmed);
    else key = new X509Certificate(Buffer.from(trimmed.replace(/\s+/g, ''), 'base64')).publicKey;
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Every credential value of the account, for scrubbing from audit copies. */
export function secretValuesOf(config: DarajaAccountConfig): string[] {
  const { consumerKey, consumerSecret, passkey, initiatorPassword } = config.credentials;
  return [consumerKey, consumerSecret, passkey, initiatorPassword].filter((v): v is string => typeof v === 'string' && v !== '');
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
