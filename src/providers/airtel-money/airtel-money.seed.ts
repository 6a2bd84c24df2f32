import { existsSync, readFileSync } from 'node:fs';
import { AccountSeedReader, presentOnly } from '../accounts/account-seed';
import { airtelCurrencyFor } from './airtel-money.config';

/**
 * AIRTEL_MONEY_* variables -> the first Airtel Money account. The variables are read by name from the
 * env object (they are optional strings of EnvironmentVariables). Returns null unless the base URL,
 * client id and client secret are all set.
 */
export const readAirtelMoneySeed: AccountSeedReader = (env) => {
  const vars = env as unknown as Record<string, string | undefined>;
  const get = (name: string): string | undefined => {
    const value = vars[`AIRTEL_MONEY_${name}`]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const baseUrl = get('BASE_URL');
  const clientId = get('CLIENT_ID');
  const clientSecret = get('CLIENT_SECRET');
  if (!baseUrl || !clientId || !clientSecret) return null;

  const country = get('COUNTRY')?.toUpperCase();
  if (!country) throw new Error('AIRTEL_MONEY_COUNTRY is required with AIRTEL_MONEY_BASE_URL (the wallet country, e.g. UG)');
  const currency = get('CURRENCY')?.toUpperCase() ?? airtelCurrencyFor(country);
  if (!currency) throw new Error(`AIRTEL_MONEY_CURRENCY is required: ${country} has no default Airtel currency`);
  const signing = get('SIGNING')?.toLowerCase();
  if (signing !== undefined && signing !== 'on' && signing !== 'off') throw new Error("AIRTEL_MONEY_SIGNING must be 'on' or 'off'");

  return {
    provider: 'airtel-money',
    name: 'airtel-money (env)',
    environment: /openapiuat|uat\.|sandbox|127\.0\.0\.1|localhost/i.test(baseUrl) ? 'sandbox' : 'production',
    baseUrl: baseUrl.replace(/\/+$/, ''),
    countries: [country],
    currencies: [currency],
    settings: { country, currency, signing: signing === 'on' },
    credentials: presentOnly({
      clientId,
      clientSecret,
      pin: get('PIN'),
      publicKey: readPublicKey(get('PUBLIC_KEY')),
      callbackSecret: get('CALLBACK_SECRET'),
    }),
  };
};

/**
 * PEM text as is (literal backslash-n sequences become newlines); anything else is a file path to read, except a
 * value that is no file and looks like the bare base64 SPKI Airtel's portal shows. The key is then
 * checked by readAirtelConfig.
 */
function readPublicKey(value: string | undefined): string | undefined {
  if (value === undefined || value.startsWith('-----BEGIN')) return value?.replace(/\\n/g, '\n');
  if (existsSync(value)) return readFileSync(value, 'utf8').trim();
  if (/^[A-Za-z0-9+/=]{100,}$/.test(value)) return value;
  throw new Error(`AIRTEL_MONEY_PUBLIC_KEY: no such file ${value} (give PEM text or a file path)`);
}
