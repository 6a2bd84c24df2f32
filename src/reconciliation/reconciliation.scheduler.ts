import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { RECONCILIATION_QUEUE, TICK_JOB, TICK_SCHEDULER_ID } from './reconciliation.constants';

/** One scheduler in Redis, shared by every instance: each tick runs once, on whichever worker takes it. */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(RECONCILIATION_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      TICK_SCHEDULER_ID,
      { every: this.config.get('RECONCILE_EVERY_SECONDS') * 1000 },
      { name: TICK_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
