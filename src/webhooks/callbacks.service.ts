import { Injectable, Logger } from '@nestjs/common';
import { CallbackParseError, ParsedCallback, ProviderAccountContext, ProviderOutcome } from '../providers/provider.port';
import { redactHeaders } from '../providers/shared/redact-secrets';
import { OutcomeService } from '../transactions/outcome.service';
import { ProviderCalls } from '../transactions/provider-calls';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { CallbackContext } from './callback-context';
import { CallbackStore } from './callback-store.service';
import { CallbackVerdict } from './provider-callback.entity';

export interface CallbackAnswer {
  status: number;
  verdict: CallbackVerdict;
  /** The body the operator expects (ParsedCallback.acknowledgement), if it expects one. */
  acknowledgement?: unknown;
}

type Processed = CallbackAnswer & { detail?: string };

/**
 * A callback that passed the guards (stored, token matched, address and signature checked): parse
 * it, confirm it with a status query (providers' callbacks are hints), and apply the confirmed answer.
 * Answers to our own requests (a status query's or a reversal's result, posted to the secret URL we
 * gave that request) are applied as such. Duplicates are safe: every change is a row-locked compare-and-set.
 */
@Injectable()
export class CallbacksService {
  private readonly logger = new Logger(CallbacksService.name);

  constructor(
    private readonly store: CallbackStore,
    private readonly outcomes: OutcomeService,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
    private readonly calls: ProviderCalls,
  ) {}

  async process(context: CallbackContext): Promise<CallbackAnswer> {
    let answer: Processed;
    try {
      answer = await this.confirmAndApply(context);
    } catch (error) {
      // Stored already; reconciliation will settle the transaction. The provider must not see a 500.
      this.logger.error(`callback ${context.callbackId} processing failed: ${(error as Error).message}`);
      answer = { status: 200, verdict: 'error', detail: 'processing failed; reconciliation will settle it' };
    }
    await this.store.verdict(context.callbackId, answer.verdict, answer.detail);
    return { status: answer.status, verdict: answer.verdict, acknowledgement: answer.acknowledgement };
  }

  private async confirmAndApply({ callbackId, provider, account, transaction: byToken, raw }: CallbackContext): Promise<Processed> {
    if (!account) throw new Error('callback reached processing without an account');
    const actor = `provider:${provider.id}`;
    let claim: ParsedCallback;
    try {
      if (raw.body === undefined) throw new CallbackParseError('body is not JSON');
      claim = provider.parseCallback(account, raw);
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      if (byToken) await this.state.recordEvent(byToken.id, { action: 'callback.unparseable', actor, detail: { error: error.message } });
      return { status: 400, verdict: 'unparseable', detail: error.message };
    }
    const ack = claim.acknowledgement;
    // A balance answer belongs to the account, not to a transaction; GET .../balance reads it from here.
    if (claim.subject === 'balance') return { status: 200, verdict: 'balance', detail: claim.requestId ?? '', acknowledgement: ack };
    const subject = claim.subject ?? 'payment';
    // Answers to our own requests are trusted only on the secret URL given to that request.
    if (!byToken && (subject === 'status-answer' || subject === 'reversal')) {
      return { status: 200, verdict: 'unmatched', detail: `a ${subject} is accepted only on its transaction's own URL`, acknowledgement: ack };
    }
    // An account-level URL: the body names the transaction, which must belong to that account.
    const transaction = byToken ?? (await this.queries.findForAccount(account.id, [claim.providerReference, claim.externalId]));
    if (!transaction) return { status: 200, verdict: 'unmatched', detail: 'no transaction of this account matches the callback', acknowledgement: ack };
    if (!byToken) await this.store.link(callbackId, transaction.id);
    await this.state.recordEvent(transaction.id, {
      action: 'callback.received',
      actor,
      detail: { subject, claim: claim.outcome, signed: Boolean(provider.verifyCallbackSignature), headers: redactHeaders(raw.headers) },
    });

    if (subject === 'reversal') {
      const applied = await this.outcomes.applyReversal(transaction.id, claim.outcome, { actor, detail: { source: 'callback', subject } });
      return { status: 200, verdict: verdictOf(applied.verdict, claim.outcome), acknowledgement: ack };
    }
    if (subject === 'status-answer') {
      // The operator's answer to a status query we made, posted to that query's secret URL.
      const applied = await this.outcomes.apply(transaction.id, claim.outcome, { source: 'reconciliation', actor, detail: { confirmedBy: 'status-answer' } });
      return { status: 200, verdict: verdictOf(applied.verdict, claim.outcome), acknowledgement: ack };
    }
    return { ...(await this.confirmPayment(account, provider.status.bind(provider), transaction, claim, actor, Boolean(byToken))), acknowledgement: ack };
  }

  /** A payment claim is a hint: ask the operator, apply what it says. */
  private async confirmPayment(
    account: ProviderAccountContext,
    status: CallbackContext['provider']['status'],
    transaction: TransactionEntity,
    claim: ParsedCallback,
    actor: string,
    onOwnUrl: boolean,
  ): Promise<Processed> {
    const query = this.calls.statusQuery(transaction);
    // The initiating call's answer was lost (timeout): the operator's reference the callback carries, on
    // the transaction's own secret URL, is what the status query needs to find it.
    if (onOwnUrl && !query.providerReference && claim.providerReference) {
      query.providerReference = claim.providerReference;
      await this.state.withLock(transaction.id, (locked) => (locked.transaction.providerReference ? Promise.resolve() : locked.patch({ providerReference: claim.providerReference })));
    }
    const confirmation = await status(account, query);
    const confirmed = withClaimedReceipt(confirmation.outcome, claim.outcome);
    const applied = await this.outcomes.apply(transaction.id, confirmed, {
      source: 'callback',
      actor,
      exchanges: confirmation.exchanges,
      detail: { confirmedBy: 'status-query', claimed: claim.outcome.kind },
    });
    if (applied.verdict === 'applied') return { status: 200, verdict: 'applied' };
    if (applied.verdict === 'conflict') return { status: 200, verdict: 'conflict', detail: 'contradicts a settled transaction' };
    if (applied.verdict === 'duplicate') return { status: 200, verdict: 'duplicate' };
    // The status query did not confirm the claim (yet): look again soon instead of waiting for the backoff.
    // A claimed receipt is kept aside, for a later query that confirms success without one (Daraja's STK query).
    const receipt = claim.outcome.kind === 'succeeded' ? claim.outcome.providerTransactionId : undefined;
    await this.state.withLock(transaction.id, async (locked) => {
      if (locked.transaction.status === 'pending' || locked.transaction.status === 'processing') {
        const providerData = receipt ? { ...locked.transaction.providerData, claimedReceipt: receipt } : undefined;
        await locked.patch({ nextReconcileAt: new Date(Date.now() + 2000), providerData });
      }
    });
    return { status: 200, verdict: 'unconfirmed', detail: `status query answered ${confirmation.outcome.kind}` };
  }
}

/**
 * Some status queries confirm success without the operator's receipt (Daraja's STK query): the
 * receipt the callback carried is kept, since the query agrees the payment succeeded.
 */
function withClaimedReceipt(confirmed: ProviderOutcome, claimed: ProviderOutcome): ProviderOutcome {
  if (confirmed.kind === 'succeeded' && claimed.kind === 'succeeded' && !confirmed.providerTransactionId && claimed.providerTransactionId) {
    return { ...confirmed, providerTransactionId: claimed.providerTransactionId };
  }
  return confirmed;
}

function verdictOf(applied: 'applied' | 'duplicate' | 'conflict' | 'no_change', outcome: ProviderOutcome): CallbackVerdict {
  if (applied === 'no_change') return outcome.kind === 'failed' ? 'applied' : 'unconfirmed';
  return applied;
}
