import { existsSync, readFileSync } from 'node:fs';
import { AccountSeedReader, presentOnly } from '../accounts/account-seed';

const LOCAL_URL = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i;
const SANDBOX_URL = /sandbox|^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i;
/** Vodacom's sandbox shortcode (fact sheet §5), the default on sandbox URLs only. */
const SANDBOX_SERVICE_PROVIDER_CODE = '171717';

/**
 * MPESA_VODACOM_* variables -> the first Vodacom M-Pesa Mozambique account (MZ, MZN). Read by name from the env
 * object (optional strings of EnvironmentVariables). Returns null unless the base URL, API key and public key
 * are all set. MPESA_VODACOM_SINGLE_PORT defaults to true on a localhost / 127.0.0.1 base URL (the Malipo
 * sandbox listens on one port), false elsewhere (Vodacom's port per operation).
 */
export const readMpesaVodacomSeed: AccountSeedReader = (env) => {
  const vars = env as unknown as Record<string, string | undefined>;
  const get = (name: string): string | undefined => {
    const value = vars[`MPESA_VODACOM_${name}`]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const baseUrl = get('BASE_URL')?.replace(/\/+$/, '');
  const apiKey = get('API_KEY');
  const publicKeyValue = get('PUBLIC_KEY');
  if (!baseUrl || !apiKey || !publicKeyValue) return null;

  const environment = SANDBOX_URL.test(baseUrl) ? 'sandbox' : 'production';
  const serviceProviderCode = get('SERVICE_PROVIDER_CODE') ?? (environment === 'sandbox' ? SANDBOX_SERVICE_PROVIDER_CODE : undefined);
  if (!serviceProviderCode) throw new Error('MPESA_VODACOM_SERVICE_PROVIDER_CODE is required with a production MPESA_VODACOM_BASE_URL (the shortcode)');
  const singlePort = flag('MPESA_VODACOM_SINGLE_PORT', get('SINGLE_PORT')) ?? LOCAL_URL.test(baseUrl);
  const timeout = get('C2B_TIMEOUT_MS');
  if (timeout !== undefined && !/^[1-9]\d*$/.test(timeout)) throw new Error('MPESA_VODACOM_C2B_TIMEOUT_MS must be a positive integer (ms)');
  const origin = get('ORIGIN');

  return {
    provider: 'mpesa-vodacom',
    name: 'mpesa-vodacom (env)',
    environment,
    baseUrl,
    countries: ['MZ'],
    currencies: ['MZN'],
    settings: {
      serviceProviderCode,
      singlePort,
      ...(origin !== undefined ? { origin } : {}),
      ...(timeout !== undefined ? { c2bTimeoutMs: Number(timeout) } : {}),
    },
    credentials: presentOnly({
      apiKey,
      publicKey: readPublicKey(publicKeyValue),
      // Sent exactly as issued: read untrimmed.
      initiatorIdentifier: vars['MPESA_VODACOM_INITIATOR_IDENTIFIER'] || undefined,
      securityCredential: vars['MPESA_VODACOM_SECURITY_CREDENTIAL'] || undefined,
    }),
  };
};

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new Error(`${name} must be true or false`);
}

/**
 * PEM text as is (literal backslash-n sequences become newlines); an existing file's content; else the bare
 * base64 DER SPKI the portal shows, as is. The key is then checked by readVodacomConfig.
 */
function readPublicKey(value: string): string {
  if (value.startsWith('-----BEGIN')) return value.replace(/\\n/g, '\n');
  if (existsSync(value)) return readFileSync(value, 'utf8').trim();
  if (/^[A-Za-z0-9+/]{100,}={0,2}$/.test(value)) return value;
  throw new Error(`MPESA_VODACOM_PUBLIC_KEY: no such file ${value} (give the portal's base64 key, PEM text or a file path)`);
}
