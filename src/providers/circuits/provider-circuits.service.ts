import { Injectable, Logger } from '@nestjs/common';
import { circuitBreaker, CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, handleWhenResult, isBrokenCircuitError } from 'cockatiel';
import { AppConfig } from '../../config/app-config';
import type { ProviderResult } from '../provider.port';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * One circuit breaker per provider account (cockatiel), in this instance's memory. After
 * CIRCUIT_FAILURE_THRESHOLD consecutive outages (no answer, or a 5xx, with an ambiguous outcome) the
 * account's circuit opens: routing passes it over, initiation does not call it (the request provably
 * never left: failed PROVIDER_UNAVAILABLE), reconciliation waits. After CIRCUIT_HALF_OPEN_AFTER_SECONDS
 * one call is let through; its answer closes or re-opens the circuit.
 */
@Injectable()
export class ProviderCircuits {
  private readonly logger = new Logger(ProviderCircuits.name);
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(private readonly config: AppConfig) {}

  /** The call's result, or null when the circuit is open and the call was not made. */
  async run(accountId: string, call: () => Promise<ProviderResult>): Promise<ProviderResult | null> {
    try {
      return await this.breaker(accountId).execute(call);
    } catch (error) {
      if (isBrokenCircuitError(error)) return null;
      throw error;
    }
  }

  state(accountId: string): CircuitStateName {
    const breaker = this.breakers.get(accountId);
    return breaker ? STATE_NAMES[breaker.state] : 'closed';
  }

  private breaker(accountId: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(accountId);
    if (!breaker) {
      breaker = circuitBreaker(handleWhenResult((result) => isOutage(result as ProviderResult)), {
        halfOpenAfter: this.config.get('CIRCUIT_HALF_OPEN_AFTER_SECONDS') * 1000,
        breaker: new ConsecutiveBreaker(this.config.get('CIRCUIT_FAILURE_THRESHOLD')),
      });
      breaker.onStateChange((state) => this.logger.warn(`circuit of provider account ${accountId}: ${STATE_NAMES[state]}`));
      this.breakers.set(accountId, breaker);
    }
    return breaker;
  }
}

/**
 * The operator did not answer, or answered 5xx, and the outcome is ambiguous. A clear answer (even a
 * business refusal, a 404 "not found", or Daraja's "being processed" sent as a 500 but read as pending)
 * shows the operator is up.
 */
export function isOutage(result: ProviderResult): boolean {
  const kind = result.outcome.kind;
  if (kind !== 'unknown' && kind !== 'rejected_unsent') return false;
  const last = result.exchanges[result.exchanges.length - 1];
  if (!last) return kind === 'rejected_unsent' && !result.outcome.reason.startsWith('provider account misconfigured');
  return last.error !== undefined || (last.response?.status ?? 0) >= 500;
}
