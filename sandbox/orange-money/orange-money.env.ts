import { DEFAULT_SANDBOX_OPTIONS, type SandboxOptions } from '../options';

/**
 * The ORANGE_MONEY_* variables that point a gateway at this sandbox's preconfigured WebPay app: the `dev`
 * path (currency OUV on the wire), Côte d'Ivoire (XOF) as the account's country. `npm run start:sandbox`
 * and the e2e tests can merge these into the gateway's environment.
 */
export function orangeGatewayEnv(sandboxUrl: string, options: Readonly<SandboxOptions> = DEFAULT_SANDBOX_OPTIONS): Record<string, string> {
  return {
    ORANGE_MONEY_BASE_URL: sandboxUrl,
    ORANGE_MONEY_CLIENT_ID: options.orangeClientId,
    ORANGE_MONEY_CLIENT_SECRET: options.orangeClientSecret,
    ORANGE_MONEY_MERCHANT_KEY: options.orangeMerchantKey,
    ORANGE_MONEY_COUNTRY: 'CI',
    ORANGE_MONEY_COUNTRY_PATH: 'dev',
    ORANGE_MONEY_CURRENCY: 'XOF',
    ORANGE_MONEY_LANG: 'fr',
  };
}
