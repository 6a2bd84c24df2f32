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

  /** The answer to a reversal we asked for: succeeded = reversed; anything else leaves an audit row. */
  applyReversal(
    transactionId: string,
    outcome: ProviderOutcome,
    context: { actor: string; exchanges?: ProviderExchange[]; detail?: Record<string, unknown> },
  ): Promise<AppliedOutcome> {
    return applyReversalOutcome(this.state, transactionId, outcome, context);
  }

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

      if (!target || (target === current && !isTerminal(current))) {
        // No status news, but what the answer tells (references, the payment page) is kept.
        const news = informationalPatch(locked.transaction, patch);
        if (Object.keys(news).length > 0) await locked.patch(news);
        return { verdict: 'no_change', transaction: locked.transaction };
      }
      // Only a final answer repeated is a duplicate.
      if (target === current) return { verdict: 'duplicate', transaction: locked.transaction };
      if (isTerminal(target)) patch.nextAction = null;
      // Success confirmed without the operator's receipt: the one an earlier callback claimed (see CallbacksService).
      if (target === 'succeeded' && !patch.providerTransactionId) patch.providerTransactionId = locked.transaction.providerData?.claimedReceipt;
      if (patch.providerData) patch.providerData = { ...locked.transaction.providerData, ...patch.providerData };
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

/** Applies the answer to a reversal of a succeeded transaction: succeeded means reversed. */
async function applyReversalOutcome(
  state: TransactionStateService,
  transactionId: string,
  outcome: ProviderOutcome,
  context: { actor: string; exchanges?: ProviderExchange[]; detail?: Record<string, unknown> },
): Promise<AppliedOutcome> {
  return state.withLock(transactionId, async (locked) => {
    for (const exchange of context.exchanges ?? []) await locked.audit(exchangeEvent(exchange, context.actor, outcome));
    const detail = { outcome: outcome.kind, ...context.detail };
    if (outcome.kind === 'succeeded') {
      if (locked.transaction.status === 'reversed') return { verdict: 'duplicate', transaction: locked.transaction };
      if (await locked.transition('reversed', context.actor, {}, { ...detail, reversalId: outcome.providerTransactionId ?? null })) {
        return { verdict: 'applied', transaction: locked.transaction };
      }
      await locked.audit({ action: 'outcome.conflict', actor: context.actor, detail: { ...detail, current: locked.transaction.status, claimed: 'reversed', flagged: true } });
      return { verdict: 'conflict', transaction: locked.transaction };
    }
    const action = outcome.kind === 'failed' ? 'reversal.failed' : outcome.kind === 'accepted' ? 'reversal.accepted' : 'reversal.unsettled';
    const reason = outcome.kind === 'failed' ? { failureCode: outcome.failureCode, failureReason: outcome.failureReason } : 'reason' in outcome ? { reason: outcome.reason } : {};
    await locked.audit({ action, actor: context.actor, detail: { ...detail, ...reason } });
    return { verdict: 'no_change', transaction: locked.transaction };
  });
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
      return { providerReference: outcome.providerReference, nextAction: outcome.nextAction, providerData: outcome.providerData };
    case 'pending':
      return { providerReference: outcome.providerReference };
    case 'rejected_unsent':
      return { failureCode: 'PROVIDER_UNAVAILABLE', failureReason: outcome.reason.slice(0, 512) };
    default:
      return {};
  }
}

/** The non-status fields of an answer that add to what the transaction already knows. */
function informationalPatch(transaction: TransactionEntity, patch: TransitionPatch): TransitionPatch {
  const news: TransitionPatch = {};
  if (patch.providerReference && !transaction.providerReference) news.providerReference = patch.providerReference;
  if (patch.providerTransactionId && !transaction.providerTransactionId) news.providerTransactionId = patch.providerTransactionId;
  if (patch.nextAction && !isTerminal(transaction.status)) news.nextAction = patch.nextAction;
  if (patch.providerData && Object.keys(patch.providerData).length > 0) news.providerData = { ...transaction.providerData, ...patch.providerData };
  return news;
}

function exchangeEvent(exchange: ProviderExchange, actor: string, outcome: ProviderOutcome): AuditEvent {
  return {
    action: `provider.${exchange.operation}`.slice(0, 48),
    actor,
    durationMs: Math.round(exchange.durationMs),
    detail: { request: exchange.request, response: exchange.response ?? null, error: exchange.error ?? null, outcome: outcome.kind },
  };
}
