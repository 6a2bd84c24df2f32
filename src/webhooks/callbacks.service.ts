import { Injectable, Logger } from '@nestjs/common';
import { CallbackParseError, ParsedCallback } from '../providers/provider.port';
import { redactHeaders } from '../providers/shared/redact-secrets';
import { OutcomeService } from '../transactions/outcome.service';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { CallbackContext } from './callback-context';
import { CallbackStore } from './callback-store.service';
import { CallbackVerdict } from './provider-callback.entity';

export interface CallbackAnswer {
  status: number;
  verdict: CallbackVerdict;
}

/**
 * A callback that passed the guards (stored, token matched, address and signature checked): parse
 * it, confirm it with a status query (providers' callbacks are hints), and apply the confirmed answer.
 * Duplicates are safe because the state change is a row-locked compare-and-set.
 */
@Injectable()
export class CallbacksService {
  private readonly logger = new Logger(CallbacksService.name);

  constructor(
    private readonly store: CallbackStore,
    private readonly outcomes: OutcomeService,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
  ) {}

  async process(context: CallbackContext): Promise<CallbackAnswer> {
    let answer: CallbackAnswer & { detail?: string };
    try {
      answer = await this.confirmAndApply(context);
    } catch (error) {
      // Stored already; reconciliation will settle the transaction. The provider must not see a 500.
      this.logger.error(`callback ${context.callbackId} processing failed: ${(error as Error).message}`);
      answer = { status: 200, verdict: 'error', detail: 'processing failed; reconciliation will settle it' };
    }
    await this.store.verdict(context.callbackId, answer.verdict, answer.detail);
    return { status: answer.status, verdict: answer.verdict };
  }

  private async confirmAndApply({ callbackId, provider, account, transaction: byToken, raw }: CallbackContext) {
    if (!account) throw new Error('callback reached processing without an account');
    const actor = `provider:${provider.id}`;
    let claim: ParsedCallback;
    try {
      if (raw.body === undefined) throw new CallbackParseError('body is not JSON');
      claim = provider.parseCallback(account, raw);
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      if (byToken) await this.state.recordEvent(byToken.id, { action: 'callback.unparseable', actor, detail: { error: error.message } });
      return { status: 400, verdict: 'unparseable' as const, detail: error.message };
    }
    // An account-level URL: the body names the transaction, which must belong to that account.
    const transaction = byToken ?? (await this.queries.findForAccount(account.id, [claim.providerReference, claim.externalId]));
    if (!transaction) return { status: 200, verdict: 'unmatched' as const, detail: 'no transaction of this account matches the callback' };
    if (!byToken) await this.store.link(callbackId, transaction.id);
    const transactionId = transaction.id;
    await this.state.recordEvent(transactionId, {
      action: 'callback.received',
      actor,
      detail: { claim: claim.outcome, signed: Boolean(provider.verifyCallbackSignature), headers: redactHeaders(raw.headers) },
    });

    const confirmation = await provider.status(account, {
      transactionId,
      type: transaction.type,
      providerReference: transaction.providerReference,
      providerTransactionId: transaction.providerTransactionId,
      createdAt: transaction.createdAt,
    });
    const applied = await this.outcomes.apply(transactionId, confirmation.outcome, {
      source: 'callback',
      actor,
      exchanges: confirmation.exchanges,
      detail: { confirmedBy: 'status-query', claimed: claim.outcome.kind },
    });
    if (applied.verdict === 'applied') return { status: 200, verdict: 'applied' as const };
    if (applied.verdict === 'conflict') return { status: 200, verdict: 'conflict' as const, detail: 'contradicts a settled transaction' };
    if (applied.verdict === 'duplicate') return { status: 200, verdict: 'duplicate' as const };
    // The status query did not confirm the claim (yet): look again soon instead of waiting for the backoff.
    await this.state.withLock(transactionId, async (locked) => {
      if (locked.transaction.status === 'pending' || locked.transaction.status === 'processing') {
        await locked.patch({ nextReconcileAt: new Date(Date.now() + 2000) });
      }
    });
    return { status: 200, verdict: 'unconfirmed' as const, detail: `status query answered ${confirmation.outcome.kind}` };
  }
}
