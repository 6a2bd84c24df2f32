// Orange's OAuth token (fact sheet §2): POST /oauth/v3/token, `Authorization: Basic
// base64(client_id:client_secret)`, FORM-encoded `grant_type=client_credentials` (not JSON), cached per
// account (plus a fingerprint of the credentials, so rotated credentials start a new token).
import { createHash } from 'node:crypto';
import { OperatorTokenError } from '../shared/token-call';
import { OperatorHttp } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { basicCredentials, type OrangeMoneyAccountConfig } from './orange-money.config';
import { describeOrange } from './orange-money.errors';

/** Other Orange APIs use 3600 s; used when expires_in is missing or unreadable (a 401 refreshes it anyway). */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 3600;

/** No token could be had. `problem` may still contain secrets: the caller redacts it. */
export class OrangeTokenError extends OperatorTokenError {
  override readonly name = 'OrangeTokenError';
}

export class OrangeMoneyTokens {
  constructor(
    private readonly http: OperatorHttp,
    private readonly cache: TokenCache,
  ) {}

  /** The account's token (cached, single flight). Throws OrangeTokenError when Orange gives none. */
  get(config: OrangeMoneyAccountConfig, secrets: readonly string[]): Promise<string> {
    return this.cache.get(this.key(config), () => this.fetch(config, secrets));
  }

  /** Drop `staleToken` (after a 401) so the next get() fetches a fresh one. */
  invalidate(config: OrangeMoneyAccountConfig, staleToken?: string): void {
    this.cache.invalidate(this.key(config), staleToken);
  }

  private async fetch(config: OrangeMoneyAccountConfig, secrets: readonly string[]): Promise<{ token: string; expiresInSeconds: number }> {
    const res = await this.http.request({
      operation: 'orange-money.token',
      method: 'POST',
      url: `${config.baseUrl}/oauth/v3/token`,
      headers: {
        Authorization: `Basic ${basicCredentials(config)}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      timeoutMs: config.timeoutMs,
      secretValues: secrets,
    });
    if (res.kind === 'transport_failure') {
      throw new OrangeTokenError(`token request failed (${res.code}: ${res.message})`, res.exchange);
    }
    if (res.status !== 200 && res.status !== 201) {
      throw new OrangeTokenError(`token request refused (${describeOrange(res.body, res.status)})`, res.exchange);
    }
    const body = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
    const token = body['access_token'];
    if (typeof token !== 'string' || token.trim() === '') throw new OrangeTokenError('token answer without access_token', res.exchange);
    // expires_in has been seen as a string ("7776000") and is a number in other Orange APIs: both are read.
    const raw = body['expires_in'];
    const expiresIn = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
    return {
      token: token.trim(),
      expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : FALLBACK_TOKEN_LIFETIME_SECONDS,
    };
  }

  private key(config: OrangeMoneyAccountConfig): string {
    const fingerprint = createHash('sha256')
      .update([config.baseUrl, config.credentials.clientId, config.credentials.clientSecret].join('\n'))
      .digest('hex')
      .slice(0, 16);
    return `orange-money:${config.accountId}:${fingerprint}`;
  }
}
