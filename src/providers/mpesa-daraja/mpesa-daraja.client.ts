// HTTP calls to Safaricom Daraja. The client only performs calls and reports what happened (answer,
// transport failure, or no token); what an answer MEANS is decided in mpesa-daraja.mapper.ts. Every URL
// is built from the account's base URL (sandbox, production or a stand-in are configuration).
import { Inject, Injectable, Optional } from '@nestjs/common';
import { ProviderAccountContext } from '../provider.port';
import { OperatorHttp, OperatorResponse } from '../shared/operator-http';
import { TokenCache } from '../shared/token-cache';
import { callWithToken, TokenCallResult } from '../shared/token-call';
import { DARAJA_INVALID_TOKEN_CODES, readDarajaAnswer } from './mpesa-daraja.codes';
import { readDarajaConfig, secretValuesOf } from './mpesa-daraja.config';
import { MpesaDarajaTokens } from './mpesa-daraja.tokens';

/**
 * What one product call came to. `exchanges` holds the product calls made (two when an invalid-token
 * answer was retried with a fresh token), redacted; token calls are never in it.
 */
export type DarajaCallResult = TokenCallResult;

export interface MpesaDarajaClientOptions {
  http?: OperatorHttp;
  tokenCache?: TokenCache;
}

/** Optional injection token to give the client its own HTTP helper or token cache (tests, tuning). */
export const MPESA_DARAJA_CLIENT_OPTIONS = Symbol('MPESA_DARAJA_CLIENT_OPTIONS');

/** Daraja's paths (fact sheet §1–§7). */
export const DARAJA_PATHS = {
  token: '/oauth/v1/generate',
  stkPush: '/mpesa/stkpush/v1/processrequest',
  stkQuery: '/mpesa/stkpushquery/v1/query',
  b2c: '/mpesa/b2c/v3/paymentrequest',
  transactionStatus: '/mpesa/transactionstatus/v1/query',
  accountBalance: '/mpesa/accountbalance/v1/query',
  reversal: '/mpesa/reversal/v1/request',
  registerUrl: '/mpesa/c2b/v1/registerurl',
} as const;

export interface DarajaCallSpec {
  /** Audit name, e.g. 'mpesa-daraja.stkpush'. */
  operation: string;
  path: string;
  body: object;
  /** Callback URLs in the body: their secret token is scrubbed from the exchange. */
  callbackUrls?: (string | null | undefined)[];
}

@Injectable()
export class MpesaDarajaClient {
  private readonly http: OperatorHttp;
  private readonly tokens: MpesaDarajaTokens;

  constructor(@Optional() @Inject(MPESA_DARAJA_CLIENT_OPTIONS) options?: MpesaDarajaClientOptions) {
    this.http = options?.http ?? new OperatorHttp();
    // Tokens live 3600 s: refresh 60 s early (fact sheet §1).
    this.tokens = new MpesaDarajaTokens(this.http, options?.tokenCache ?? new TokenCache({ marginSeconds: 60 }));
  }

  /** Forget the cached token of an account's app (e.g. after its credentials were rotated). */
  forgetTokens(account: ProviderAccountContext): void {
    this.tokens.invalidate(readDarajaConfig(account));
  }

  /**
   * One POST with a cached token; the config is read (and checked) first, so a misconfigured account
   * throws ProviderConfigError before any HTTP call. An invalid-token answer (HTTP 401, or errorCode
   * 404.001.03 / 400.003.01 / 401.002.01) drops the token and the call is made ONCE more with a fresh
   * one: Daraja's gateway refused it before processing, so repeating it is safe.
   */
  async post(account: ProviderAccountContext, spec: DarajaCallSpec): Promise<DarajaCallResult> {
    const config = readDarajaConfig(account);
    const secrets = [...secretValuesOf(config), ...callbackSecrets(spec.callbackUrls ?? [])];
    return callWithToken({
      secrets,
      token: () => this.tokens.get(config, secrets),
      invalidate: (stale) => this.tokens.invalidate(config, stale),
      send: (bearer) =>
        this.http.request({
          operation: spec.operation,
          method: 'POST',
          url: `${config.baseUrl}${spec.path}`,
          headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: spec.body,
          timeoutMs: config.timeoutMs,
          secretValues: [...secrets, bearer],
        }),
      tokenRejected,
    });
  }
}

/** True when Daraja says the bearer token is invalid (the code differs by API page, §8). */
export function tokenRejected(res: Pick<OperatorResponse, 'status' | 'body'>): boolean {
  if (res.status === 401) return true;
  const code = readDarajaAnswer(res.body).errorCode;
  return code !== undefined && DARAJA_INVALID_TOKEN_CODES.has(code);
}

/**
 * The secret part of our callback URLs: the last path segment (the per-transaction token), or the whole
 * path when that segment is short.
 */
export function callbackSecrets(urls: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const url of urls) {
    if (!url) continue;
    try {
      const path = new URL(url).pathname;
      const last = path.split('/').filter(Boolean).pop() ?? '';
      out.push(last.length >= 8 ? last : path);
    } catch {
      out.push(url);
    }
  }
  return out;
}

