// One operator call with a cached OAuth token, the same for every operator that uses one: the token is
// fetched (or reused), the call made, and when the operator says the token is no good (a 401, or the
// operator's own invalid-token code) the token is dropped and the call made ONCE more with a fresh one.
// Operators refuse such a call before processing it, so repeating it is safe.
import { ProviderConfigError, ProviderExchange } from '../provider.port';
import type { OperatorHttpResult, OperatorResponse, OperatorTransportFailure } from './operator-http';
import { redactSecrets } from './redact-secrets';

/** No token could be had from the operator; `problem` is secret-free. */
export class OperatorTokenError extends Error {
  constructor(
    readonly problem: string,
    /** The redacted token exchange, for logs (not part of a transaction's audit). */
    readonly exchange?: ProviderExchange,
  ) {
    super(problem);
    this.name = 'OperatorTokenError';
  }
}

export type TokenCallResult =
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

export interface TokenCall {
  /** Values to redact from every exchange and problem text. */
  secrets: string[];
  token(): Promise<string>;
  /** Drops exactly this token (a concurrent caller may already have replaced it). */
  invalidate(staleToken: string): void;
  send(token: string): Promise<OperatorHttpResult>;
  tokenRejected(response: OperatorResponse): boolean;
}

export async function callWithToken(call: TokenCall): Promise<TokenCallResult> {
  const exchanges: ProviderExchange[] = [];
  let token: string;
  try {
    token = await call.token();
  } catch (err) {
    return tokenFailure(err, call.secrets, exchanges);
  }
  let res = await call.send(token);
  exchanges.push(res.exchange);
  if (res.kind === 'response' && call.tokenRejected(res)) {
    call.invalidate(token);
    try {
      token = await call.token();
    } catch (err) {
      // No fresh token: the refused answer stands, with why no token could be had.
      return { kind: 'answered', response: res, exchanges, tokenRefreshProblem: tokenFailure(err, call.secrets, exchanges).problem };
    }
    res = await call.send(token);
    exchanges.push(res.exchange);
  }
  return res.kind === 'response' ? { kind: 'answered', response: res, exchanges } : { kind: 'transport_failure', failure: res, exchanges };
}

/** A misconfigured account is the caller's problem (thrown); anything else is a token failure. */
export function tokenFailure(err: unknown, secrets: string[], exchanges: ProviderExchange[]): Extract<TokenCallResult, { kind: 'token_failure' }> {
  if (err instanceof ProviderConfigError) throw err;
  if (err instanceof OperatorTokenError) {
    return { kind: 'token_failure', problem: redactSecrets(err.problem, secrets), ...(err.exchange ? { tokenExchange: err.exchange } : {}), exchanges };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'token_failure', problem: redactSecrets(`token error (${message})`, secrets), exchanges };
}
