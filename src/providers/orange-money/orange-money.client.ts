// HTTP calls to Orange Money WebPay. The client only performs calls and reports what happened (answer,
// transport failure, or no token); what an answer MEANS is decided in orange-money.mapper.ts. Every URL
// is built from the account's base URL and its `{cc}` path (settings.countryPath).
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ProviderAccountContext, ProviderExchange } from '../provider.port';
import { OperatorHttp, OperatorHttpResult, REDACTED, redactSecrets } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { callWithToken, TokenCallResult } from '../shared/token-call';
import type { OrangeStatusBody, OrangeWebPaymentBody } from './orange-money.bodies';
import { OrangeMoneyAccountConfig, orangeSecretValues, readOrangeConfig } from './orange-money.config';
import { asRecord, text } from './orange-money.errors';
import { OrangeMoneyTokens } from './orange-money.tokens';

/**
 * What one WebPay call came to. `exchanges` holds the WebPay calls made (two when a 401 was retried with
 * a fresh token), redacted; token calls are never in it.
 */
export type OrangeCallResult = TokenCallResult;

export interface OrangeMoneyClientOptions {
  http?: OperatorHttp;
  tokenCache?: TokenCache;
}

/** Optional injection token to give the client its own HTTP helper or token cache (tests, tuning). */
export const ORANGE_MONEY_CLIENT_OPTIONS = Symbol('ORANGE_MONEY_CLIENT_OPTIONS');

interface OrangeCallSpec {
  operation: string;
  /** After /orange-money-webpay/{cc}/v1/ */
  endpoint: 'webpayment' | 'transactionstatus';
  body: object;
  /** Extra values to scrub from the exchange (the secret part of our callback URL). */
  secrets?: string[];
}

@Injectable()
export class OrangeMoneyClient {
  private readonly http: OperatorHttp;
  private readonly tokens: OrangeMoneyTokens;

  constructor(@Optional() @Inject(ORANGE_MONEY_CLIENT_OPTIONS) options?: OrangeMoneyClientOptions) {
    this.http = options?.http ?? new OperatorHttp();
    // WebPay tokens live ~90 days; the cache refreshes 60 s before the announced expiry.
    this.tokens = new OrangeMoneyTokens(this.http, options?.tokenCache ?? new TokenCache({ marginSeconds: 60 }));
  }

  /**
   * POST /orange-money-webpay/{cc}/v1/webpayment (§3). The answer's pay_token is known only once Orange
   * answered, so it is scrubbed from the exchanges afterwards (withPayTokenRedacted): payment_url carries it.
   */
  async initiate(account: ProviderAccountContext, body: OrangeWebPaymentBody, secrets: string[] = []): Promise<OrangeCallResult> {
    return withPayTokenRedacted(await this.call(account, { operation: 'orange-money.webpayment', endpoint: 'webpayment', body, secrets }));
  }

  /** POST /orange-money-webpay/{cc}/v1/transactionstatus (§5). */
  status(account: ProviderAccountContext, body: OrangeStatusBody): Promise<OrangeCallResult> {
    return this.call(account, { operation: 'orange-money.transactionstatus', endpoint: 'transactionstatus', body });
  }

  /** Forget the cached token of an account (e.g. after its credentials were rotated). */
  forgetTokens(account: ProviderAccountContext): void {
    this.tokens.invalidate(readOrangeConfig(account));
  }

  /**
   * One WebPay call with a cached token. A 401 (Orange's gateway: code 41 invalid / 42 expired
   * credentials, refused before WebPay sees the request) drops the token and the call is made ONCE more
   * with a fresh one.
   */
  private async call(account: ProviderAccountContext, spec: OrangeCallSpec): Promise<OrangeCallResult> {
    const config = readOrangeConfig(account);
    const secrets = [...orangeSecretValues(config), ...(spec.secrets ?? [])];
    return callWithToken({
      secrets,
      token: () => this.tokens.get(config, secrets),
      invalidate: (stale) => this.tokens.invalidate(config, stale),
      send: (token) => this.send(config, spec, token, secrets),
      tokenRejected: (res) => res.status === 401,
    });
  }

  private send(config: OrangeMoneyAccountConfig, spec: OrangeCallSpec, token: string, secrets: string[]): Promise<OperatorHttpResult> {
    return this.http.request({
      operation: spec.operation,
      method: 'POST',
      url: `${config.baseUrl}/orange-money-webpay/${encodeURIComponent(config.settings.countryPath)}/v1/${spec.endpoint}`,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: spec.body,
      timeoutMs: config.timeoutMs,
      secretValues: [...secrets, token],
    });
  }
}

/**
 * The webpayment result with the pay_token removed from its audit exchanges. The `pay_token` field is
 * already redacted by name, but `payment_url` (…/payment/pay_token/<pay_token>) carries the same value,
 * which lets anyone query or pay that order: in the exchanges it becomes …/[REDACTED]. The raw answer
 * (`response.body`) is untouched, so the outcome's nextAction keeps the real URL.
 */
export function withPayTokenRedacted(result: OrangeCallResult): OrangeCallResult {
  if (result.kind !== 'answered') return result;
  const b = asRecord(result.response.body);
  const payToken = text(b['pay_token']);
  const secrets = payToken ? [payToken] : [];
  const redact = (exchange: ProviderExchange) => redactSecrets(redactExchangePaymentUrl(exchange, payToken), secrets);
  const exchanges = result.exchanges.map(redact);
  const index = result.exchanges.indexOf(result.response.exchange);
  const exchange = index >= 0 ? (exchanges[index] as ProviderExchange) : redact(result.response.exchange);
  return { ...result, response: { ...result.response, exchange }, exchanges };
}

/** An exchange whose response body's payment_url has its pay_token part replaced by [REDACTED]. */
function redactExchangePaymentUrl(exchange: ProviderExchange, payToken: string | undefined): ProviderExchange {
  const body = exchange.response?.body;
  if (!exchange.response || !body || typeof body !== 'object' || Array.isArray(body)) return exchange;
  const url = (body as Record<string, unknown>)['payment_url'];
  if (typeof url !== 'string') return exchange;
  return { ...exchange, response: { ...exchange.response, body: { ...body, payment_url: redactPaymentUrl(url, payToken) } } };
}

/**
 * payment_url without its pay_token: the known pay_token value is scrubbed; when none is known, or the URL
 * does not show it, the last path segment and every query value are redacted (wherever the token sits).
 */
export function redactPaymentUrl(url: string, payToken?: string): string {
  if (payToken && payToken.length >= 4 && url.includes(payToken)) return url.split(payToken).join(REDACTED);
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/');
    const last = segments.map((seg, i) => (seg ? i : -1)).filter((i) => i >= 0).pop();
    if (last !== undefined) segments[last] = REDACTED;
    const query = [...parsed.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=${REDACTED}`).join('&');
    return `${parsed.origin}${segments.join('/')}${query ? `?${query}` : ''}`;
  } catch {
    return REDACTED;
  }
}

