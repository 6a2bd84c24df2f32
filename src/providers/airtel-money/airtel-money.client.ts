// HTTP calls to the Airtel Africa Open API. The client only performs calls and reports what happened
// (answer, transport failure, or no token); what an answer MEANS is decided in airtel-money.mapper.ts.
// Every URL is built from the account's base URL: UAT, production, country hosts and stand-ins are
// configuration. Every product call carries the wallet's X-Country / X-Currency.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ProviderAccountContext, ProviderConfigError } from '../provider.port';
import { OperatorHttp, OperatorHttpResult, OperatorRequest, OperatorResponse, redactSecrets } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { callWithToken, TokenCallResult } from '../shared/token-call';
import type { AirtelCollectionBody, AirtelDisbursementBody } from './airtel-money.bodies';
import { toRefundBody } from './airtel-money.bodies';
import { AirtelMoneyAccountConfig, readAirtelConfig, secretValuesOf } from './airtel-money.config';
import { signAirtelBody } from './airtel-money.crypto';
import { AirtelMoneyTokens } from './airtel-money.tokens';

/**
 * What one product call came to. `exchanges` holds the product calls made (two when a 401 was retried
 * with a fresh token), redacted; token calls are never in it.
 */
export type AirtelCallResult = TokenCallResult;

export interface AirtelMoneyClientOptions {
  http?: OperatorHttp;
  tokenCache?: TokenCache;
}

/** Optional injection token to give the client its own HTTP helper or token cache (tests, tuning). */
export const AIRTEL_MONEY_CLIENT_OPTIONS = Symbol('AIRTEL_MONEY_CLIENT_OPTIONS');

interface AirtelCallSpec {
  operation: string;
  method: 'GET' | 'POST';
  /** Path from the account's base URL. */
  path: string;
  body?: object;
  /** Extra values to scrub from the exchange (e.g. the encrypted PIN). */
  secrets?: string[];
}

@Injectable()
export class AirtelMoneyClient {
  private readonly http: OperatorHttp;
  private readonly tokens: AirtelMoneyTokens;

  constructor(@Optional() @Inject(AIRTEL_MONEY_CLIENT_OPTIONS) options?: AirtelMoneyClientOptions) {
    this.http = options?.http ?? new OperatorHttp();
    // Airtel tokens live 180 s (docs): refresh 30 s early.
    this.tokens = new AirtelMoneyTokens(this.http, options?.tokenCache ?? new TokenCache({ marginSeconds: 30 }));
  }

  /** POST /merchant/v1/payments/ (trailing slash, §4): the USSD push. */
  collect(account: ProviderAccountContext, body: AirtelCollectionBody): Promise<AirtelCallResult> {
    return this.call(account, { operation: 'airtel-money.collection.payment', method: 'POST', path: '/merchant/v1/payments/', body });
  }

  /** GET /standard/v1/payments/{id} (§5): collection (and refund) enquiry by OUR transaction id. */
  getPayment(account: ProviderAccountContext, id: string): Promise<AirtelCallResult> {
    return this.call(account, { operation: 'airtel-money.collection.enquiry', method: 'GET', path: `/standard/v1/payments/${encodeURIComponent(id)}` });
  }

  /** POST /standard/v1/payments/refund (§6) of a TS collection, by Airtel's airtel_money_id. */
  refund(account: ProviderAccountContext, airtelMoneyId: string): Promise<AirtelCallResult> {
    return this.call(account, { operation: 'airtel-money.collection.refund', method: 'POST', path: '/standard/v1/payments/refund', body: toRefundBody(airtelMoneyId) });
  }

  /** GET /standard/v1/users/{msisdn} (§10): KYC of a subscriber (national msisdn). */
  getUser(account: ProviderAccountContext, msisdn: string): Promise<AirtelCallResult> {
    return this.call(account, { operation: 'airtel-money.kyc', method: 'GET', path: `/standard/v1/users/${encodeURIComponent(msisdn)}` });
  }

  /** POST /standard/v1/disbursements/ (or /standard/v2/disbursements/ with settings.disbursementVersion 'v2'). */
  disburse(account: ProviderAccountContext, body: AirtelDisbursementBody): Promise<AirtelCallResult> {
    const version = readAirtelConfig(account).settings.disbursementVersion;
    return this.call(account, {
      operation: `airtel-money.disbursement.${version}`,
      method: 'POST',
      path: `/standard/${version}/disbursements/`,
      body,
      secrets: [body.pin],
    });
  }

  /** GET /standard/v1/disbursements/{id} (v2: /standard/v2/disbursements/{id}?transactionType=B2C), by OUR id. */
  getDisbursement(account: ProviderAccountContext, id: string): Promise<AirtelCallResult> {
    const version = readAirtelConfig(account).settings.disbursementVersion;
    const query = version === 'v2' ? '?transactionType=B2C' : '';
    return this.call(account, {
      operation: `airtel-money.disbursement.${version}.enquiry`,
      method: 'GET',
      path: `/standard/${version}/disbursements/${encodeURIComponent(id)}${query}`,
    });
  }

  /** GET /standard/v1/users/balance (§10). */
  getBalance(account: ProviderAccountContext): Promise<AirtelCallResult> {
    return this.call(account, { operation: 'airtel-money.balance', method: 'GET', path: '/standard/v1/users/balance' });
  }

  /** Forget the cached token of an account (e.g. after its credentials were rotated). */
  forgetTokens(account: ProviderAccountContext): void {
    this.tokens.invalidate(readAirtelConfig(account));
  }

  /**
   * One product call with a cached token; the config is read (and checked) first, so a misconfigured
   * account throws ProviderConfigError before any HTTP call. A 401 (or a 403 `invalid_token`, which a
   * mock built from Airtel's real behaviour returns) drops the token and the call is made ONCE more with
   * a fresh one: Airtel's gateway refused it before processing, so repeating it is safe.
   */
  private async call(account: ProviderAccountContext, spec: AirtelCallSpec): Promise<AirtelCallResult> {
    const config = readAirtelConfig(account);
    const secrets = [...secretValuesOf(config), ...(spec.secrets ?? [])];
    return callWithToken({
      secrets,
      token: () => this.tokens.get(config, secrets),
      invalidate: (stale) => this.tokens.invalidate(config, stale),
      send: (token) => this.send(config, spec, token, secrets),
      tokenRejected,
    });
  }

  /** One HTTP call; a signed body went out as a JSON string, its audit copy is kept as the (redacted) object. */
  private async send(config: AirtelMoneyAccountConfig, spec: AirtelCallSpec, token: string, secrets: string[]): Promise<OperatorHttpResult> {
    const request = this.build(config, spec, token, secrets);
    const res = await this.http.request(request);
    if (typeof request.body === 'string' && spec.body !== undefined) {
      res.exchange.request.body = redactSecrets(spec.body, request.secretValues ?? []);
    }
    return res;
  }

  /**
   * The request: Bearer token, X-Country / X-Currency of the wallet, and for a POST with a body under
   * settings.signing, x-signature / x-key over the exact JSON text that is sent (the body is passed to
   * the HTTP helper as that very string, so the signed bytes and the sent bytes cannot differ).
   */
  private build(config: AirtelMoneyAccountConfig, spec: AirtelCallSpec, token: string, secrets: string[]): OperatorRequest {
    const headers: Record<string, string> = {
      Accept: '*/*',
      Authorization: `Bearer ${token}`,
      'X-Country': config.settings.country,
      'X-Currency': config.settings.currency,
    };
    let body: unknown = spec.body;
    const scrub = [...secrets, token];
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      if (config.settings.signing) {
        if (!config.publicKey) throw new ProviderConfigError(`airtel-money account ${config.accountId}: settings.signing needs credentials.publicKey`);
        const text = JSON.stringify(spec.body);
        const signature = signAirtelBody(text, config.publicKey, config.settings.pinPadding);
        headers['x-signature'] = signature['x-signature'];
        headers['x-key'] = signature['x-key'];
        scrub.push(signature['x-signature'], signature['x-key']);
        body = text;
      }
    }
    return {
      operation: spec.operation,
      method: spec.method,
      url: `${config.baseUrl}${spec.path}`,
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: config.timeoutMs,
      secretValues: scrub,
    };
  }
}

function tokenRejected(res: OperatorResponse): boolean {
  if (res.status === 401) return true;
  const body = res.body && typeof res.body === 'object' ? (res.body as Record<string, unknown>) : {};
  return res.status === 403 && body['error'] === 'invalid_token';
}

