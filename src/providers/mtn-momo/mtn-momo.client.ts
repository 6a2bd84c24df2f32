// HTTP calls to the MTN MoMo Open API. The client only performs calls and reports what happened
// (answer, transport failure, or no token); what an answer MEANS is decided in mtn-momo.mapper.ts.
// Every URL is built from the account's base URL: sandbox, production and stand-ins are configuration.
import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PaymentRequest, ProviderAccountContext, ProviderExchange } from '../provider.port';
import { OperatorHttp, OperatorRequest, OperatorResponse, OperatorTransportFailure, redactSecrets } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import {
  MtnMomoAccountConfig,
  MtnProduct,
  MtnProductCredentials,
  productCredentials,
  readMtnMomoConfig,
  secretValuesOf,
} from './mtn-momo.config';
import { describeMtnError, toRequestToPayBody } from './mtn-momo.mapper';

/**
 * What one product call came to. `exchanges` holds the product calls made (two when a 401 was
 * retried with a fresh token), redacted; token calls are never in it.
 */
export type MtnCallResult =
  | { kind: 'answered'; response: OperatorResponse; exchanges: ProviderExchange[]; tokenRefreshProblem?: string }
  | { kind: 'transport_failure'; failure: OperatorTransportFailure; exchanges: ProviderExchange[] }
  | {
      kind: 'token_failure';
      /** Secret-free description of why no token could be had. */
      problem: string;
      /** The redacted token exchange, for logs (not part of the transaction's audit). */
      tokenExchange?: ProviderExchange;
      exchanges: ProviderExchange[];
    };

export interface MtnMomoClientOptions {
  http?: OperatorHttp;
  tokenCache?: TokenCache;
}

/** Optional injection token to give the client its own HTTP helper or token cache (tests, tuning). */
export const MTN_MOMO_CLIENT_OPTIONS = Symbol('MTN_MOMO_CLIENT_OPTIONS');

/** Lifetime assumed when a token answer carries no usable expires_in (a 401 refreshes it anyway). */
const FALLBACK_TOKEN_LIFETIME_SECONDS = 600;

class TokenFetchError extends Error {
  constructor(
    readonly problem: string,
    readonly exchange?: ProviderExchange,
  ) {
    super(problem);
    this.name = 'TokenFetchError';
  }
}

@Injectable()
export class MtnMomoClient {
  private readonly http: OperatorHttp;
  private readonly tokens: TokenCache;

  constructor(@Optional() @Inject(MTN_MOMO_CLIENT_OPTIONS) options?: MtnMomoClientOptions) {
    this.http = options?.http ?? new OperatorHttp();
    this.tokens = options?.tokenCache ?? new TokenCache({ marginSeconds: 60 });
  }

  /** POST /collection/v1_0/requesttopay with X-Reference-Id = our transaction id. */
  async requestToPay(account: ProviderAccountContext, request: PaymentRequest): Promise<MtnCallResult> {
    const config = readMtnMomoConfig(account);
    const body = toRequestToPayBody(request);
    const callbackUrl = this.callbackUrlFor(config, request.callbackUrl);
    const extraSecrets = callbackUrl ? [callbackSecretPart(callbackUrl)] : [];
    return this.productCall(config, 'collection', extraSecrets, (token) => ({
      operation: 'mtn-momo.collection.requesttopay',
      method: 'POST',
      url: `${config.baseUrl}/collection/v1_0/requesttopay`,
      headers: {
        ...this.productHeaders(config, 'collection', token),
        'X-Reference-Id': request.transactionId,
        ...(callbackUrl ? { 'X-Callback-Url': callbackUrl } : {}),
      },
      body,
      timeoutMs: config.timeoutMs,
    }));
  }

  /** GET /collection/v1_0/requesttopay/{referenceId}. */
  async getRequestToPayStatus(account: ProviderAccountContext, referenceId: string): Promise<MtnCallResult> {
    const config = readMtnMomoConfig(account);
    return this.productCall(config, 'collection', [], (token) => ({
      operation: 'mtn-momo.collection.requesttopay.status',
      method: 'GET',
      url: `${config.baseUrl}/collection/v1_0/requesttopay/${encodeURIComponent(referenceId)}`,
      headers: this.productHeaders(config, 'collection', token),
      timeoutMs: config.timeoutMs,
    }));
  }

  /** GET /{product}/v1_0/account/balance. */
  async getBalance(account: ProviderAccountContext, product: MtnProduct = 'collection'): Promise<MtnCallResult> {
    const config = readMtnMomoConfig(account);
    return this.productCall(config, product, [], (token) => ({
      operation: `mtn-momo.${product}.balance`,
      method: 'GET',
      url: `${config.baseUrl}/${product}/v1_0/account/balance`,
      headers: this.productHeaders(config, product, token),
      timeoutMs: config.timeoutMs,
    }));
  }

  /** Forget the cached tokens of an account (e.g. after its credentials were rotated). */
  forgetTokens(account: ProviderAccountContext): void {
    const config = readMtnMomoConfig(account);
    for (const product of ['collection', 'disbursement', 'remittance'] as const) {
      try {
        this.tokens.invalidate(this.tokenKey(config, product, productCredentials(config, product)));
      } catch {
        // product not configured for this account: nothing cached
      }
    }
  }

  /**
   * One product call with a cached token; after a 401 the token is dropped and the call made once
   * more with a fresh one (a 401 means MTN did not process the call, so repeating it is safe).
   */
  private async productCall(
    config: MtnMomoAccountConfig,
    product: MtnProduct,
    extraSecrets: string[],
    build: (token: string) => OperatorRequest,
  ): Promise<MtnCallResult> {
    const creds = productCredentials(config, product);
    const key = this.tokenKey(config, product, creds);
    const secrets = [...secretValuesOf(config), ...extraSecrets];
    const exchanges: ProviderExchange[] = [];

    let token: string;
    try {
      token = await this.tokens.get(key, () => this.fetchToken(config, product, creds, secrets));
    } catch (err) {
      return tokenFailure(err, secrets, exchanges);
    }
    let res = await this.http.request({ ...build(token), secretValues: [...secrets, token] });
    exchanges.push(res.exchange);

    if (res.kind === 'response' && res.status === 401) {
      this.tokens.invalidate(key, token);
      try {
        token = await this.tokens.get(key, () => this.fetchToken(config, product, creds, secrets));
      } catch (err) {
        const failed = tokenFailure(err, secrets, exchanges);
        return { kind: 'answered', response: res, exchanges, tokenRefreshProblem: failed.problem };
      }
      res = await this.http.request({ ...build(token), secretValues: [...secrets, token] });
      exchanges.push(res.exchange);
    }
    return res.kind === 'response'
      ? { kind: 'answered', response: res, exchanges }
      : { kind: 'transport_failure', failure: res, exchanges };
  }

  /** POST /{product}/token/ with Basic auth and NO body (Content-Length: 0, else MTN answers 411). */
  private async fetchToken(
    config: MtnMomoAccountConfig,
    product: MtnProduct,
    creds: MtnProductCredentials,
    secrets: string[],
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
      throw new TokenFetchError(`token request failed (${res.code}: ${res.message})`, res.exchange);
    }
    if (res.status !== 200) {
      throw new TokenFetchError(`token request refused (${describeMtnError(res.status, res.body)})`, res.exchange);
    }
    const body = (res.body ?? {}) as Record<string, unknown>;
    const token = body['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw new TokenFetchError('token answer without access_token', res.exchange);
    }
    const expiresIn = Number(body['expires_in']);
    return {
      token,
      expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : FALLBACK_TOKEN_LIFETIME_SECONDS,
    };
  }

  private productHeaders(config: MtnMomoAccountConfig, product: MtnProduct, token: string): Record<string, string> {
    return {
      Authorization: `Bearer ${token}`,
      'Ocp-Apim-Subscription-Key': productCredentials(config, product).subscriptionKey,
      'X-Target-Environment': config.settings.targetEnvironment,
    };
  }

  /**
   * The X-Callback-Url to send, if any. MTN fails a request whose callback host is not the API user's
   * providerCallbackHost, so with `callbackHost` configured a URL on another host is left out (the
   * gateway polls instead) rather than getting the payment rejected.
   */
  private callbackUrlFor(config: MtnMomoAccountConfig, callbackUrl: string | null): string | undefined {
    if (!callbackUrl) return undefined;
    let host: string;
    try {
      host = new URL(callbackUrl).hostname.toLowerCase();
    } catch {
      return undefined;
    }
    if (config.settings.callbackHost && config.settings.callbackHost !== host) return undefined;
    return callbackUrl;
  }

  /** Per account AND product; the credential fingerprint makes a rotated key start a new token. */
  private tokenKey(config: MtnMomoAccountConfig, product: MtnProduct, creds: MtnProductCredentials): string {
    const fingerprint = createHash('sha256')
      .update([config.baseUrl, creds.subscriptionKey, creds.apiUser, creds.apiKey].join('\n'))
      .digest('hex')
      .slice(0, 16);
    return `${config.accountId}:${product}:${fingerprint}`;
  }
}

/** The part of our callback URL that carries its secret token (path and query). */
function callbackSecretPart(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  return `${url.pathname}${url.search}`;
}

function tokenFailure(
  err: unknown,
  secrets: string[],
  exchanges: ProviderExchange[],
): Extract<MtnCallResult, { kind: 'token_failure' }> {
  if (err instanceof TokenFetchError) {
    return { kind: 'token_failure', problem: redactSecrets(err.problem, secrets), tokenExchange: err.exchange, exchanges };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'token_failure', problem: redactSecrets(`token error (${message})`, secrets), exchanges };
}
