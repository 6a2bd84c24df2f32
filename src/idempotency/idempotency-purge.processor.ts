import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_PURGE_QUEUE = 'idempotency-purge';
const PURGE_SCHEDULER_ID = 'idempotency-purge-hourly';

/** Keys are kept 48 h (the contract promises 24); expired ones are deleted hourly, once across instances. */
@Processor(IDEMPOTENCY_PURGE_QUEUE)
export class IdempotencyPurgeProcessor extends WorkerHost {
  constructor(private readonly idempotency: IdempotencyService) {
    super();
  }

  async process(): Promise<{ deleted: number }> {
    return { deleted: await this.idempotency.purgeExpired() };
  }
}

@Injectable()
export class IdempotencyPurgeScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(IDEMPOTENCY_PURGE_QUEUE) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(PURGE_SCHEDULER_ID, { every: 3_600_000 }, { name: 'purge', opts: { removeOnComplete: 10, removeOnFail: 10 } });
  }
}
