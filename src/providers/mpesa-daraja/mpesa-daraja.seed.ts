import { existsSync, readFileSync } from 'node:fs';
import { buildIpAllowlist } from '../../common/net/ip-allowlist';
import { AccountSeedReader, presentOnly } from '../accounts/account-seed';
import { DARAJA_TRANSACTION_TYPES } from './mpesa-daraja.config';

/**
 * Safaricom's callback source addresses (fact sheet §8): the twelve that most copies of the
 * getting-started page agree on (.128 and .132 of 196.201.212 appear in one library only, left out).
 * Defence in depth only: callbacks are confirmed by the gateway anyway.
 */
export const DARAJA_PRODUCTION_CALLBACK_IPS: readonly string[] = [
  '196.201.214.200',
  '196.201.214.206',
  '196.201.214.207',
  '196.201.214.208',
  '196.201.213.114',
  '196.201.213.44',
  '196.201.212.127',
  '196.201.212.129',
  '196.201.212.136',
  '196.201.212.138',
  '196.201.212.74',
  '196.201.212.69',
];

const PRODUCTION_HOST = 'api.safaricom.co.ke';

/**
 * DARAJA_* variables -> the first M-Pesa Daraja account (Kenya, KES). Read by name from the env object
 * (optional strings of EnvironmentVariables). Returns null unless the base URL, consumer key and consumer
 * secret are all set; then DARAJA_SHORTCODE and DARAJA_PASSKEY are required too.
 */
export const readMpesaDarajaSeed: AccountSeedReader = (env) => {
  const vars = env as unknown as Record<string, string | undefined>;
  const get = (name: string): string | undefined => {
    const value = vars[`DARAJA_${name}`]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const baseUrl = get('BASE_URL')?.replace(/\/+$/, '');
  const consumerKey = get('CONSUMER_KEY');
  const consumerSecret = get('CONSUMER_SECRET');
  if (!baseUrl || !consumerKey || !consumerSecret) return null;

  const shortcode = get('SHORTCODE');
  const passkey = get('PASSKEY');
  if (!shortcode || !passkey) throw new Error('DARAJA_SHORTCODE and DARAJA_PASSKEY are required with DARAJA_BASE_URL (the STK shortcode and its Lipa Na M-Pesa passkey)');
  const transactionType = get('TRANSACTION_TYPE') ?? 'CustomerPayBillOnline';
  if (!(DARAJA_TRANSACTION_TYPES as readonly string[]).includes(transactionType)) {
    throw new Error(`DARAJA_TRANSACTION_TYPE must be one of ${DARAJA_TRANSACTION_TYPES.join(', ')}`);
  }
  const refundMethod = get('REFUND_METHOD')?.toLowerCase();
  if (refundMethod !== undefined && refundMethod !== 'b2c' && refundMethod !== 'reversal') throw new Error("DARAJA_REFUND_METHOD must be 'b2c' or 'reversal'");

  let host = '';
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    throw new Error('DARAJA_BASE_URL must be an http(s) URL');
  }
  const sandbox = /sandbox|localhost|127\.0\.0\.1|^\[?::1\]?$/.test(host);
  const callbackIpAllowlist = readAllowlist(get('CALLBACK_IP_ALLOWLIST'), host);

  return {
    provider: 'mpesa-daraja',
    name: 'mpesa-daraja (env)',
    environment: sandbox ? 'sandbox' : 'production',
    baseUrl,
    countries: ['KE'],
    currencies: ['KES'],
    settings: {
      ...presentOnly({
        shortcode,
        transactionType,
        tillNumber: get('TILL_NUMBER'),
        b2cShortcode: get('B2C_SHORTCODE'),
        initiatorName: get('INITIATOR_NAME'),
        refundMethod,
      }),
      ...(callbackIpAllowlist.length > 0 ? { callbackIpAllowlist } : {}),
    },
    credentials: presentOnly({
      consumerKey,
      consumerSecret,
      passkey,
      // Kept as given (not trimmed): spaces would be part of the password.
      initiatorPassword: vars['DARAJA_INITIATOR_PASSWORD'] === '' ? undefined : vars['DARAJA_INITIATOR_PASSWORD'],
      certificate: readCertificate(get('CERTIFICATE')),
    }),
  };
};

/** Comma-separated CIDRs; unset on production (api.safaricom.co.ke) → Safaricom's published addresses. */
function readAllowlist(value: string | undefined, host: string): string[] {
  if (value === undefined) return host === PRODUCTION_HOST ? [...DARAJA_PRODUCTION_CALLBACK_IPS] : [];
  const entries = value.split(',').map((v) => v.trim()).filter(Boolean);
  try {
    buildIpAllowlist(entries);
  } catch (err) {
    throw new Error(`DARAJA_CALLBACK_IP_ALLOWLIST: ${(err as Error).message}`);
  }
  return entries;
}

/**
 * PEM text (literal `\n` sequences become newlines), or a file path: a PEM file as text, a DER .cer as
 * base64. The certificate is then checked by readDarajaConfig.
 */
function readCertificate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.startsWith('-----BEGIN')) return value.replace(/\\n/g, '\n');
  if (existsSync(value)) {
    const bytes = readFileSync(value);
    const asText = bytes.toString('utf8');
    return asText.includes('-----BEGIN') ? asText.trim() : bytes.toString('base64');
  }
  throw new Error(`DARAJA_CERTIFICATE: no such file ${value} (give PEM text or a file path)`);
}
