// HTTP calls to the MTN MoMo Open API. The client only performs calls and reports what happened
// (answer, transport failure, or no token); what an answer MEANS is decided in mtn-momo.mapper.ts.
// Every URL is built from the account's base URL: sandbox, production and stand-ins are configuration.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { PaymentRequest, ProviderAccountContext } from '../provider.port';
import { OperatorHttp, OperatorRequest } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { callWithToken, TokenCallResult } from '../shared/token-call';
import { toRefundBody, toRequestToPayBody, toTransferBody } from './mtn-momo.bodies';
import { MtnMomoAccountConfig, MtnProduct, productCredentials, readMtnMomoConfig, secretValuesOf } from './mtn-momo.config';
import { MtnMomoTokens } from './mtn-momo.tokens';

/**
 * What one product call came to. `exchanges` holds the product calls made (two when a 401 was
 * retried with a fresh token), redacted; token calls are never in it.
 */
export type MtnCallResult = TokenCallResult;

export interface MtnMomoClientOptions {
  http?: OperatorHttp;
  tokenCache?: TokenCache;
}

/** Optional injection token to give the client its own HTTP helper or token cache (tests, tuning). */
export const MTN_MOMO_CLIENT_OPTIONS = Symbol('MTN_MOMO_CLIENT_OPTIONS');

/** One product call, before the token and product headers are added. */
interface MtnCallSpec {
  operation: string;
  method: 'GET' | 'POST';
  /** Path from the account's base URL, e.g. '/disbursement/v1_0/transfer'. */
  path: string;
  /** X-Reference-Id of a creating POST: our transaction id. */
  referenceId?: string;
  /** Our callback URL for a creating POST (sent as X-Callback-Url when allowed). */
  callbackUrl?: string | null;
  body?: unknown;
}

@Injectable()
export class MtnMomoClient {
  private readonly http: OperatorHttp;
  private readonly tokens: MtnMomoTokens;

  constructor(@Optional() @Inject(MTN_MOMO_CLIENT_OPTIONS) options?: MtnMomoClientOptions) {
    this.http = options?.http ?? new OperatorHttp();
    this.tokens = new MtnMomoTokens(this.http, options?.tokenCache ?? new TokenCache({ marginSeconds: 60 }));
  }

  // ---------------------------------------------------------------- collection

  /** POST /collection/v1_0/requesttopay with X-Reference-Id = our transaction id. */
  async requestToPay(account: ProviderAccountContext, request: PaymentRequest): Promise<MtnCallResult> {
    return this.call(account, 'collection', {
      operation: 'mtn-momo.collection.requesttopay',
      method: 'POST',
      path: '/collection/v1_0/requesttopay',
      referenceId: request.transactionId,
      callbackUrl: request.callbackUrl,
      body: toRequestToPayBody(request),
    });
  }

  /** GET /collection/v1_0/requesttopay/{referenceId}. */
  async getRequestToPayStatus(account: ProviderAccountContext, referenceId: string): Promise<MtnCallResult> {
    return this.call(account, 'collection', {
      operation: 'mtn-momo.collection.requesttopay.status',
      method: 'GET',
      path: `/collection/v1_0/requesttopay/${encodeURIComponent(referenceId)}`,
    });
  }

  // ---------------------------------------------------------------- disbursement

  /** GET /{product}/v1_0/accountholder/msisdn/{msisdn}/active: is the wallet registered and active. */
  async getAccountHolderActive(account: ProviderAccountContext, msisdn: string, product: MtnProduct = 'disbursement'): Promise<MtnCallResult> {
    return this.call(account, product, {
      operation: `mtn-momo.${product}.accountholder.active`,
      method: 'GET',
      path: `/${product}/v1_0/accountholder/msisdn/${encodeURIComponent(msisdn)}/active`,
    });
  }

  /** POST /disbursement/v1_0/transfer with X-Reference-Id = our transaction id. */
  async transfer(account: ProviderAccountContext, request: PaymentRequest): Promise<MtnCallResult> {
    return this.call(account, 'disbursement', {
      operation: 'mtn-momo.disbursement.transfer',
      method: 'POST',
      path: '/disbursement/v1_0/transfer',
      referenceId: request.transactionId,
      callbackUrl: request.callbackUrl,
      body: toTransferBody(request),
    });
  }

  /** GET /disbursement/v1_0/transfer/{referenceId}. */
  async getTransferStatus(account: ProviderAccountContext, referenceId: string): Promise<MtnCallResult> {
    return this.call(account, 'disbursement', {
      operation: 'mtn-momo.disbursement.transfer.status',
      method: 'GET',
      path: `/disbursement/v1_0/transfer/${encodeURIComponent(referenceId)}`,
    });
  }

  /**
   * POST /disbursement/v1_0/refund (or /v2_0/refund with settings.refundVersion 'v2'), with the
   * disbursement product's credentials and X-Reference-Id = the refund's own transaction id.
   */
  async refund(account: ProviderAccountContext, request: PaymentRequest, referenceIdToRefund: string): Promise<MtnCallResult> {
    const version = readMtnMomoConfig(account).settings.refundVersion === 'v2' ? 'v2_0' : 'v1_0';
    return this.call(account, 'disbursement', {
      operation: `mtn-momo.disbursement.refund.${version}`,
      method: 'POST',
      path: `/disbursement/${version}/refund`,
      referenceId: request.transactionId,
      callbackUrl: request.callbackUrl,
      body: toRefundBody(request, referenceIdToRefund),
    });
  }

  /** GET /disbursement/v1_0/refund/{referenceId} (for v1 and v2 refunds alike). */
  async getRefundStatus(account: ProviderAccountContext, referenceId: string): Promise<MtnCallResult> {
    return this.call(account, 'disbursement', {
      operation: 'mtn-momo.disbursement.refund.status',
      method: 'GET',
      path: `/disbursement/v1_0/refund/${encodeURIComponent(referenceId)}`,
    });
  }

  // ---------------------------------------------------------------- both

  /** GET /{product}/v1_0/account/balance. */
  async getBalance(account: ProviderAccountContext, product: MtnProduct = 'collection'): Promise<MtnCallResult> {
    return this.call(account, product, {
      operation: `mtn-momo.${product}.balance`,
      method: 'GET',
      path: `/${product}/v1_0/account/balance`,
    });
  }

  /** Forget the cached tokens of an account (e.g. after its credentials were rotated). */
  forgetTokens(account: ProviderAccountContext): void {
    this.tokens.forget(readMtnMomoConfig(account));
  }

  /**
   * One product call: reads and checks the account (ProviderConfigError, before any HTTP call, for a
   * misconfigured one or a product without credentials), adds the product headers, and the
   * X-Reference-Id / X-Callback-Url of a creating POST.
   */
  private async call(account: ProviderAccountContext, product: MtnProduct, spec: MtnCallSpec): Promise<MtnCallResult> {
    const config = readMtnMomoConfig(account);
    productCredentials(config, product);
    const callbackUrl = spec.callbackUrl !== undefined ? this.callbackUrlFor(config, spec.callbackUrl) : undefined;
    const extraSecrets = callbackUrl ? [callbackSecretPart(callbackUrl)] : [];
    return this.productCall(config, product, extraSecrets, (token) => ({
      operation: spec.operation,
      method: spec.method,
      url: `${config.baseUrl}${spec.path}`,
      headers: {
        ...this.productHeaders(config, product, token),
        ...(spec.referenceId !== undefined ? { 'X-Reference-Id': spec.referenceId } : {}),
        ...(callbackUrl ? { 'X-Callback-Url': callbackUrl } : {}),
      },
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      timeoutMs: config.timeoutMs,
    }));
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
    const secrets = [...secretValuesOf(config), ...extraSecrets];
    return callWithToken({
      secrets,
      token: () => this.tokens.get(config, product, secrets),
      invalidate: (stale) => this.tokens.invalidate(config, product, stale),
      send: (token) => this.http.request({ ...build(token), secretValues: [...secrets, token] }),
      tokenRejected: (res) => res.status === 401,
    });
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
}

/** The part of our callback URL that carries its secret token (path and query). */
function callbackSecretPart(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  return `${url.pathname}${url.search}`;
}

