import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { ProviderRegistry } from '../providers/provider.registry';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { DEFERRED_INITIATION_QUEUE, DeferredInitiationJob } from './deferred-initiation';
import { ProviderCallerService } from './provider-caller.service';

/**
 * Makes the long initiating calls (deferredOperations) outside the client's request. At most once per
 * transaction: the first run marks it under the row lock, so a job that BullMQ re-runs after a crash
 * finds the mark and leaves the transaction to reconciliation (the call may have reached the operator).
 */
@Processor(DEFERRED_INITIATION_QUEUE, { concurrency: 50 })
export class DeferredInitiationProcessor extends WorkerHost {
  private readonly logger = new Logger(DeferredInitiationProcessor.name);

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
    private readonly caller: ProviderCallerService,
  ) {
    super();
  }

  async process(job: Job<DeferredInitiationJob>): Promise<unknown> {
    const { transactionId } = job.data;
    const claimed = await this.state.withLock(transactionId, async (locked) => {
      if (locked.transaction.status !== 'processing') return false;
      if (await this.queries.hasEvent(transactionId, 'initiation.started')) return false;
      await locked.audit({ action: 'initiation.started', actor: 'gateway', detail: { deferred: true, job: job.id ?? null } });
      return true;
    });
    if (!claimed) {
      this.logger.warn(`deferred call of ${transactionId} already made or no longer due: left to reconciliation`);
      return { skipped: true };
    }
    const transaction = await this.queries.getById(transactionId);
    const provider = this.registry.get(transaction.provider);
    if (!provider) return { skipped: true };
    const call = transaction.type === 'collection' ? provider.collect.bind(provider) : provider.disburse.bind(provider);
    const after = await this.caller.initiate(transaction, transaction.providerAccountId, provider, call, job.data);
    return { status: after.status };
  }
}
