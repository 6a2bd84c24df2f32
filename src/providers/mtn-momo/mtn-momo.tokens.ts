// Access tokens of the MTN products: POST /{product}/token/, cached per account AND product (plus a
// fingerprint of the credentials, so rotated credentials start a new token). Used by MtnMomoClient only.
import { createHash } from 'node:crypto';
import { OperatorTokenError } from '../shared/token-call';
import { OperatorHttp } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { MtnMomoAccountConfig, MtnProduct, MtnProductCredentials, productCredentials } from './mtn-momo.config';
import { describeMtnError } from './mtn-momo.mapper';

/** Lifetime assumed when a token answer carries no usable expires_in (a 401 refreshes it anyway). */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 600;

/** No token could be had. `problem` may still contain secrets: the caller redacts it. */
export class MtnTokenError extends OperatorTokenError {
  override readonly name = 'MtnTokenError';
}

export class MtnMomoTokens {
  constructor(
    private readonly http: OperatorHttp,
    private readonly cache: TokenCache,
  ) {}

  /**
   * The product's token for this account (cached, single flight). Throws ProviderConfigError when the
   * product has no credentials, MtnTokenError when MTN gives none.
   */
  async get(config: MtnMomoAccountConfig, product: MtnProduct, secrets: readonly string[]): Promise<string> {
    const creds = productCredentials(config, product);
    return this.cache.get(this.key(config, product, creds), () => this.fetch(config, product, creds, secrets));
  }

  /** Drop `staleToken` (after a 401) so the next get() fetches a fresh one. */
  invalidate(config: MtnMomoAccountConfig, product: MtnProduct, staleToken: string): void {
    this.cache.invalidate(this.key(config, product, productCredentials(config, product)), staleToken);
  }

  /** Forget every cached token of the account (e.g. after its credentials were rotated). */
  forget(config: MtnMomoAccountConfig): void {
    for (const product of ['collection', 'disbursement'] as const) {
      try {
        this.cache.invalidate(this.key(config, product, productCredentials(config, product)));
      } catch {
        // product not configured for this account: nothing cached
      }
    }
  }

  /** POST /{product}/token/ with Basic auth and NO body (Content-Length: 0, else MTN answers 411). */
  private async fetch(
    config: MtnMomoAccountConfig,
    product: MtnProduct,
    creds: MtnProductCredentials,
    secrets: readonly string[],
  ): Promise<{ token: string; expiresInSeconds: number }> {
    const basic = Buffer.from(`${creds.apiUser}:${creds.apiKey}`).toString('base64');
    const res = await this.http.request({
      operation: `mtn-momo.${product}.token`,
      method: 'POST',
      url: `${config.baseUrl}/${product}/token/`,
      headers: { Authorization: `Basic ${basic}`, 'Ocp-Apim-Subscription-Key': creds.subscriptionKey },
      timeoutMs: config.timeoutMs,
      secretValues: [...secrets, basic],
    });
    if (res.kind === 'transport_failure') {
      throw new MtnTokenError(`token request failed (${res.code}: ${res.message})`, res.exchange);
    }
    if (res.status !== 200) {
      throw new MtnTokenError(`token request refused (${describeMtnError(res.status, res.body)})`, res.exchange);
    }
    const body = (res.body ?? {}) as Record<string, unknown>;
    const token = body['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw new MtnTokenError('token answer without access_token', res.exchange);
    }
    const expiresIn = Number(body['expires_in']);
    return {
      token,
      expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : FALLBACK_TOKEN_LIFETIME_SECONDS,
    };
  }

  /** Per account AND product; the credential fingerprint makes a rotated key start a new token. */
  private key(config: MtnMomoAccountConfig, product: MtnProduct, creds: MtnProductCredentials): string {
    const fingerprint = createHash('sha256')
      .update([config.baseUrl, creds.subscriptionKey, creds.apiUser, creds.apiKey].join('\n'))
      .digest('hex')
      .slice(0, 16);
    return `${config.accountId}:${product}:${fingerprint}`;
  }
}
