import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { returningRows } from '../database/returning-rows';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { ProviderCircuits } from '../providers/circuits/provider-circuits.service';
import { ProviderResult } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { ProviderCalls } from '../transactions/provider-calls';
import { OutcomeService } from '../transactions/outcome.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { TransactionStateService } from '../transactions/transaction-state.service';

export type ReconcileResult = 'settled' | 'expired' | 'still_open' | 'already_final';

/**
 * Finds out what happened to transactions the provider has not told us about: asks the provider
 * for their status and applies the answer through the one outcome path; past the maximum age, a
 * transaction the provider still calls pending (or does not know) expires.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly registry: ProviderRegistry,
    private readonly accounts: ProviderAccountsService,
    private readonly outcomes: OutcomeService,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
    private readonly calls: ProviderCalls,
    private readonly circuits: ProviderCircuits,
  ) {}

  /**
   * Claims a batch of due transactions and pushes their next check back (exponential backoff).
   * SKIP LOCKED lets several instances claim at once without ever claiming the same row.
   */
  async claimDue(): Promise<{ id: string; attempt: number }[]> {
    const result = await this.db.query(
      `WITH due AS (
         SELECT id FROM transactions
         WHERE status IN ('pending', 'processing') AND next_reconcile_at <= now()
         ORDER BY next_reconcile_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE transactions t
       SET reconcile_attempts = t.reconcile_attempts + 1,
           next_reconcile_at = now() + make_interval(secs => LEAST($2 * power(2, LEAST(t.reconcile_attempts, 16)), $3))
       FROM due WHERE t.id = due.id
       RETURNING t.id, t.reconcile_attempts`,
      [this.config.get('RECONCILE_BATCH_SIZE'), this.config.get('RECONCILE_AFTER_SECONDS'), this.config.get('RECONCILE_MAX_BACKOFF_SECONDS')],
    );
    return returningRows<{ id: string; reconcile_attempts: number }>(result).map((r) => ({ id: r.id, attempt: r.reconcile_attempts }));
  }

  async reconcile(transactionId: string, actor = 'reconciler'): Promise<ReconcileResult> {
    const transaction = await this.queries.getById(transactionId);
    if (transaction.status !== 'pending' && transaction.status !== 'processing') return 'already_final';
    const provider = this.registry.get(transaction.provider);
    if (!provider) return 'still_open';

    let result: ProviderResult;
    try {
      const account = await this.accounts.context(transaction.providerAccountId);
      const answer = await this.circuits.run(transaction.providerAccountId, () => provider.status(account, this.calls.statusQuery(transaction)));
      // The account's circuit is open: ask again later, and never expire on silence.
      if (!answer) return 'still_open';
      result = answer;
    } catch (error) {
      result = { outcome: { kind: 'unknown', reason: (error as Error).message }, exchanges: [] };
    }
    const applied = await this.outcomes.apply(transaction.id, result.outcome, { source: 'reconciliation', actor, exchanges: result.exchanges });
    if (applied.verdict === 'applied' && applied.transaction.status !== 'processing') return 'settled';

    const ageHours = (Date.now() - transaction.createdAt.getTime()) / 3_600_000;
    const kind = result.outcome.kind;
    // Expire only on a clear "not done" from the provider: an unreachable provider is no proof of anything.
    if (ageHours >= this.config.get('TRANSACTION_EXPIRY_HOURS') && (kind === 'pending' || kind === 'accepted' || kind === 'not_found')) {
      const expired = await this.state.withLock(transaction.id, (locked) =>
        locked.transition('failed', actor, {
          failureCode: 'EXPIRED',
          failureReason: `no final answer from ${provider.id} within ${this.config.get('TRANSACTION_EXPIRY_HOURS')} h (last status: ${kind})`,
        }, { source: 'reconciliation', rule: 'expiry' }),
      );
      if (expired) {
        this.logger.log(`transaction ${transaction.id} expired`);
        return 'expired';
      }
    }
    return 'still_open';
  }
}
