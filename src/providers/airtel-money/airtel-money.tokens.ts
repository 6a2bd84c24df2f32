// Airtel's OAuth2 client-credentials token (fact sheet §3): POST /auth/oauth2/token with a JSON body,
// cached per account (plus a fingerprint of the credentials, so rotated credentials start a new token).
// Used by AirtelMoneyClient only.
import { createHash } from 'node:crypto';
import { OperatorTokenError } from '../shared/token-call';
import { OperatorHttp } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { describeAirtel, readEnvelope } from './airtel-money.codes';
import type { AirtelMoneyAccountConfig } from './airtel-money.config';

/** Airtel documents 180 s; used when expires_in is missing or unreadable (a 401 refreshes it anyway). */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 180;

/** No token could be had. `problem` may still contain secrets: the caller redacts it. */
export class AirtelTokenError extends OperatorTokenError {
  override readonly name = 'AirtelTokenError';
}

export class AirtelMoneyTokens {
  constructor(
    private readonly http: OperatorHttp,
    private readonly cache: TokenCache,
  ) {}

  /** The account's token (cached, single flight). Throws AirtelTokenError when Airtel gives none. */
  async get(config: AirtelMoneyAccountConfig, secrets: readonly string[]): Promise<string> {
    return this.cache.get(this.key(config), () => this.fetch(config, secrets));
  }

  /** Drop `staleToken` (after a 401) so the next get() fetches a fresh one. */
  invalidate(config: AirtelMoneyAccountConfig, staleToken?: string): void {
    this.cache.invalidate(this.key(config), staleToken);
  }

  /** POST /auth/oauth2/token, JSON body {client_id, client_secret, grant_type: client_credentials}. */
  private async fetch(config: AirtelMoneyAccountConfig, secrets: readonly string[]): Promise<{ token: string; expiresInSeconds: number }> {
    const res = await this.http.request({
      operation: 'airtel-money.token',
      method: 'POST',
      url: `${config.baseUrl}/auth/oauth2/token`,
      headers: { 'Content-Type': 'application/json', Accept: '*/*' },
      body: { client_id: config.credentials.clientId, client_secret: config.credentials.clientSecret, grant_type: 'client_credentials' },
      timeoutMs: config.timeoutMs,
      secretValues: secrets,
    });
    if (res.kind === 'transport_failure') {
      throw new AirtelTokenError(`token request failed (${res.code}: ${res.message})`, res.exchange);
    }
    if (res.status !== 200) {
      throw new AirtelTokenError(`token request refused (${describeAirtel(readEnvelope(res.body), res.status)})`, res.exchange);
    }
    const body = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
    const token = body['access_token'];
    if (typeof token !== 'string' || token.trim() === '') throw new AirtelTokenError('token answer without access_token', res.exchange);
    // expires_in is a string in Airtel's docs ("180") and a number in some answers: both are read.
    const raw = body['expires_in'];
    const expiresIn = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
    return {
      token: token.trim(),
      expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : FALLBACK_TOKEN_LIFETIME_SECONDS,
    };
  }

  private key(config: AirtelMoneyAccountConfig): string {
    const fingerprint = createHash('sha256')
      .update([config.baseUrl, config.credentials.clientId, config.credentials.clientSecret, config.settings.country].join('\n'))
      .digest('hex')
      .slice(0, 16);
    return `airtel-money:${config.accountId}:${fingerprint}`;
  }
}
