import { AccountSeedReader, listFromCsv, presentOnly } from '../accounts/account-seed';

/** MTN_MOMO_* variables -> the first MTN MoMo account (see .env.example). */
export const readMtnMomoSeed: AccountSeedReader = (env) => {
  if (!env.MTN_MOMO_BASE_URL || !env.MTN_MOMO_SUBSCRIPTION_KEY || !env.MTN_MOMO_API_USER || !env.MTN_MOMO_API_KEY) return null;
  const targetEnvironment = env.MTN_MOMO_TARGET_ENVIRONMENT ?? 'sandbox';
  return {
    provider: 'mtn-momo',
    name: 'mtn-momo (env)',
    environment: targetEnvironment === 'sandbox' || /sandbox|127\.0\.0\.1|localhost/.test(env.MTN_MOMO_BASE_URL) ? 'sandbox' : 'production',
    baseUrl: env.MTN_MOMO_BASE_URL.replace(/\/+$/, ''),
    countries: listFromCsv(env.MTN_MOMO_COUNTRIES ?? 'UG'),
    currencies: listFromCsv(env.MTN_MOMO_CURRENCY ?? (targetEnvironment === 'sandbox' ? 'EUR' : 'UGX')),
    settings: presentOnly({ targetEnvironment, callbackHost: env.MTN_MOMO_CALLBACK_HOST }),
    credentials: presentOnly({
      subscriptionKey: env.MTN_MOMO_SUBSCRIPTION_KEY,
      apiUser: env.MTN_MOMO_API_USER,
      apiKey: env.MTN_MOMO_API_KEY,
      disbursementSubscriptionKey: env.MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY,
      disbursementApiUser: env.MTN_MOMO_DISBURSEMENT_API_USER,
      disbursementApiKey: env.MTN_MOMO_DISBURSEMENT_API_KEY,
    }),
  };
};
