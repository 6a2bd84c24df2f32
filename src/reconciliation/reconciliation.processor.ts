import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { RECONCILE_JOB, RECONCILIATION_QUEUE, TICK_JOB } from './reconciliation.constants';
import { ReconciliationService } from './reconciliation.service';

/** Runs the scheduler's ticks (claim due transactions) and the per-transaction reconcile jobs. */
@Processor(RECONCILIATION_QUEUE, { concurrency: 8 })
export class ReconciliationProcessor extends WorkerHost {
  private readonly logger = new Logger(ReconciliationProcessor.name);

  constructor(
    private readonly reconciliation: ReconciliationService,
    @InjectQueue(RECONCILIATION_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === TICK_JOB) {
      const due = await this.reconciliation.claimDue();
      if (due.length > 0) {
        await this.queue.addBulk(
          due.map((d) => ({
            name: RECONCILE_JOB,
            data: { transactionId: d.id },
            // One job per transaction and attempt, however many instances claimed around it.
            opts: { jobId: `reconcile-${d.id}-${d.attempt}`, removeOnComplete: 1000, removeOnFail: 1000, attempts: 1 },
          })),
        );
      }
      return { queued: due.length };
    }
    if (job.name === RECONCILE_JOB) {
      const result = await this.reconciliation.reconcile(job.data.transactionId);
      return { result };
    }
    this.logger.warn(`unknown job ${job.name}`);
    return null;
  }
}
