import { AccountSeedReader, presentOnly } from '../accounts/account-seed';
import { ORANGE_DEV_CURRENCY, ORANGE_DEV_PATH, ORANGE_WEBPAY_COUNTRIES } from './orange-money.config';

/** Base URLs of stand-ins (the Malipo sandbox, a local fake): their `{cc}` path defaults to 'dev'. */
const LOCAL_OR_SANDBOX = /sandbox|127\.0\.0\.1|localhost|\[::1\]/i;

/**
 * ORANGE_MONEY_* variables -> the first Orange Money (WebPay) account. Returns null unless the base URL,
 * client id and client secret are all set; then the merchant key and the country are required.
 * Orange's sandbox and production share https://api.orange.com: the `{cc}` path tells them apart
 * (ORANGE_MONEY_COUNTRY_PATH=dev is Orange's sandbox), and so does the account's environment here.
 */
export const readOrangeMoneySeed: AccountSeedReader = (env) => {
  const vars = env as unknown as Record<string, string | undefined>;
  const get = (name: string): string | undefined => {
    const value = vars[`ORANGE_MONEY_${name}`]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const baseUrl = get('BASE_URL');
  const clientId = get('CLIENT_ID');
  const clientSecret = get('CLIENT_SECRET');
  if (!baseUrl || !clientId || !clientSecret) return null;

  const merchantKey = get('MERCHANT_KEY');
  if (!merchantKey) throw new Error('ORANGE_MONEY_MERCHANT_KEY is required with ORANGE_MONEY_BASE_URL (the WebPay merchant key)');
  const country = get('COUNTRY')?.toUpperCase();
  if (!country) throw new Error("ORANGE_MONEY_COUNTRY is required with ORANGE_MONEY_BASE_URL (the account's country, e.g. CI)");
  const known = ORANGE_WEBPAY_COUNTRIES[country];
  if (!known) throw new Error(`ORANGE_MONEY_COUNTRY ${country} is not an Orange Money WebPay country (${Object.keys(ORANGE_WEBPAY_COUNTRIES).join(', ')})`);
  const countryPath = get('COUNTRY_PATH')?.toLowerCase() ?? (LOCAL_OR_SANDBOX.test(baseUrl) ? ORANGE_DEV_PATH : country.toLowerCase());
  if (countryPath !== ORANGE_DEV_PATH && countryPath !== country.toLowerCase()) {
    throw new Error(`ORANGE_MONEY_COUNTRY_PATH must be '${ORANGE_DEV_PATH}' or '${country.toLowerCase()}'`);
  }
  const currency = get('CURRENCY')?.toUpperCase() ?? known.currency;
  if (currency === ORANGE_DEV_CURRENCY) {
    throw new Error(`ORANGE_MONEY_CURRENCY is the transactions' real currency (${known.currency}); ${ORANGE_DEV_CURRENCY} is sent on the wire in dev by itself`);
  }
  const lang = get('LANG')?.toLowerCase() ?? 'fr';
  if (lang !== 'fr' && lang !== 'en') throw new Error("ORANGE_MONEY_LANG must be 'fr' or 'en'");
  const merchantName = get('MERCHANT_NAME');
  const dev = countryPath === ORANGE_DEV_PATH;

  return {
    provider: 'orange-money',
    name: 'orange-money (env)',
    environment: dev || LOCAL_OR_SANDBOX.test(baseUrl) ? 'sandbox' : 'production',
    baseUrl: baseUrl.replace(/\/+$/, ''),
    countries: [country],
    currencies: [currency],
    settings: {
      country,
      countryPath,
      currency,
      wireCurrency: dev ? ORANGE_DEV_CURRENCY : currency,
      lang,
      ...(merchantName ? { merchantName } : {}),
    },
    credentials: presentOnly({ clientId, clientSecret, merchantKey }),
  };
};
