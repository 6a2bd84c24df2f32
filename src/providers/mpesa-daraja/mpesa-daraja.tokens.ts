// Daraja's OAuth token (fact sheet §1): GET /oauth/v1/generate?grant_type=client_credentials with Basic
// auth, cached per app (base URL + consumer key/secret: each new token may invalidate the previous one,
// so accounts sharing an app share its token). Used by MpesaDarajaClient only.
import { createHash } from 'node:crypto';
import { OperatorTokenError } from '../shared/token-call';
import { OperatorHttp } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { describeDaraja, readDarajaAnswer, text } from './mpesa-daraja.codes';
import type { DarajaAccountConfig } from './mpesa-daraja.config';

/** Daraja tokens live 3600 s; used when expires_in is missing or unreadable. */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 3599;

/** No token could be had. `problem` may still contain secrets: the caller redacts it. */
export class DarajaTokenError extends OperatorTokenError {
  override readonly name = 'DarajaTokenError';
}

export class MpesaDarajaTokens {
  constructor(
    private readonly http: OperatorHttp,
    private readonly cache: TokenCache,
  ) {}

  /** The app's token (cached, single flight). Throws DarajaTokenError when Daraja gives none. */
  get(config: DarajaAccountConfig, secrets: readonly string[]): Promise<string> {
    return this.cache.get(this.key(config), () => this.fetch(config, secrets));
  }

  /** Drop `staleToken` (after an invalid-token answer) so the next get() fetches a fresh one. */
  invalidate(config: DarajaAccountConfig, staleToken?: string): void {
    this.cache.invalidate(this.key(config), staleToken);
  }

  private async fetch(config: DarajaAccountConfig, secrets: readonly string[]): Promise<{ token: string; expiresInSeconds: number }> {
    const basic = Buffer.from(`${config.credentials.consumerKey}:${config.credentials.consumerSecret}`, 'utf8').toString('base64');
    const res = await this.http.request({
      operation: 'mpesa-daraja.token',
      method: 'GET',
      url: `${config.baseUrl}/oauth/v1/generate?grant_type=client_credentials`,
      headers: { Authorization: `Basic ${basic}`, Accept: 'application/json' },
      timeoutMs: config.timeoutMs,
      secretValues: [...secrets, basic],
    });
    if (res.kind === 'transport_failure') {
      throw new DarajaTokenError(`token request failed (${res.code}: ${res.message})`, res.exchange);
    }
    if (res.status !== 200) {
      throw new DarajaTokenError(`token request refused (${describeDaraja(readDarajaAnswer(res.body), res.status)})`, res.exchange);
    }
    const body = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
    const token = text(body['access_token']);
    if (!token) throw new DarajaTokenError('token answer without access_token', res.exchange);
    // expires_in: "3599" (string, observed) or 3599 (number, docs sample).
    const raw = text(body['expires_in']);
    const expiresIn = raw !== undefined && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    return { token, expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : FALLBACK_TOKEN_LIFETIME_SECONDS };
  }

  private key(config: DarajaAccountConfig): string {
    const fingerprint = createHash('sha256')
      .update([config.baseUrl, config.credentials.consumerKey, config.credentials.consumerSecret].join('\n'))
      .digest('hex')
      .slice(0, 24);
    return `mpesa-daraja:${fingerprint}`;
  }
}
