import { Injectable } from '@nestjs/common';
import type { ProviderExchange, ProviderOutcome } from '../providers/provider.port';
import { isTerminal, TransactionStatus } from './transaction-status';
import { TransactionEntity } from './transaction.entity';
import { AuditEvent, TransactionStateService, TransitionPatch } from './transaction-state.service';

/** Where an outcome comes from: it decides how ambiguous answers are read. */
export type OutcomeSource = 'initiation' | 'callback' | 'reconciliation' | 'admin';

export type OutcomeVerdict = 'applied' | 'duplicate' | 'conflict' | 'no_change';

export interface AppliedOutcome {
  verdict: OutcomeVerdict;
  transaction: TransactionEntity;
}

/**
 * The one code path that decides what a provider's answer does to a transaction, whether it came
 * from the initiation call, a (confirmed) callback, reconciliation or an admin action.
 */
@Injectable()
export class OutcomeService {
  constructor(private readonly state: TransactionStateService) {}

  async apply(
    transactionId: string,
    outcome: ProviderOutcome,
    context: { source: OutcomeSource; actor: string; exchanges?: ProviderExchange[]; detail?: Record<string, unknown> },
  ): Promise<AppliedOutcome> {
    return this.state.withLock(transactionId, async (locked) => {
      for (const exchange of context.exchanges ?? []) await locked.audit(exchangeEvent(exchange, context.actor, outcome));
      const current = locked.transaction.status;
      const target = targetStatus(outcome, context.source);
      const patch = outcomePatch(outcome);
      const detail = { source: context.source, outcome: outcome.kind, ...context.detail };

      if (!target) {
        if (patch.providerReference && !locked.transaction.providerReference) await locked.patch({ providerReference: patch.providerReference });
        return { verdict: 'no_change', transaction: locked.transaction };
      }
      // Only a final answer repeated is a duplicate; "still pending" about a processing transaction is no news.
      if (target === current) return { verdict: isTerminal(current) ? 'duplicate' : 'no_change', transaction: locked.transaction };
      if (await locked.transition(target, context.actor, patch, detail)) return { verdict: 'applied', transaction: locked.transaction };
      if (isTerminal(current) && isTerminal(target)) {
        // A late or contradicting answer about a settled transaction: recorded and flagged, never applied.
        await locked.audit({ action: 'outcome.conflict', actor: context.actor, detail: { ...detail, current, claimed: target, flagged: true } });
        return { verdict: 'conflict', transaction: locked.transaction };
      }
      return { verdict: 'no_change', transaction: locked.transaction };
    });
  }
}

function targetStatus(outcome: ProviderOutcome, source: OutcomeSource): TransactionStatus | null {
  switch (outcome.kind) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'accepted':
    case 'pending':
      return 'processing';
    case 'unknown':
      // Ambiguous: the provider may have the request. At initiation that means "processing"; later it changes nothing.
      return source === 'initiation' ? 'processing' : null;
    case 'rejected_unsent':
      // Only at initiation is "never reached the provider" proof that no money can move.
      return source === 'initiation' ? 'failed' : null;
    case 'not_found':
      return null;
  }
}

function outcomePatch(outcome: ProviderOutcome): TransitionPatch {
  switch (outcome.kind) {
    case 'succeeded':
      return { providerReference: outcome.providerReference, providerTransactionId: outcome.providerTransactionId };
    case 'failed':
      return {
        failureCode: outcome.failureCode,
        failureReason: outcome.failureReason.slice(0, 512),
        providerReference: outcome.providerReference,
        providerTransactionId: outcome.providerTransactionId,
      };
    case 'accepted':
    case 'pending':
      return { providerReference: outcome.providerReference };
    case 'rejected_unsent':
      return { failureCode: 'PROVIDER_UNAVAILABLE', failureReason: outcome.reason.slice(0, 512) };
    default:
      return {};
  }
}

function exchangeEvent(exchange: ProviderExchange, actor: string, outcome: ProviderOutcome): AuditEvent {
  return {
    action: `provider.${exchange.operation}`.slice(0, 48),
    actor,
    durationMs: Math.round(exchange.durationMs),
    detail: { request: exchange.request, response: exchange.response ?? null, error: exchange.error ?? null, outcome: outcome.kind },
  };
}
