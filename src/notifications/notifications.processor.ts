import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { NotificationDeliveryService } from './notification-delivery.service';
import { DELIVER_JOB, NOTIFICATIONS_QUEUE, SWEEP_JOB, SWEEP_SCHEDULER_ID } from './notifications.constants';

/** Sweeps the outbox on a schedule and delivers each due event as its own job. */
@Processor(NOTIFICATIONS_QUEUE, { concurrency: 16 })
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly delivery: NotificationDeliveryService,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === SWEEP_JOB) {
      const due = await this.delivery.claimDue();
      if (due.length > 0) {
        await this.queue.addBulk(
          due.map((d) => ({
            name: DELIVER_JOB,
            data: { eventId: d.id },
            opts: { jobId: `deliver-${d.id}-${d.attempts}-${Date.now()}`, removeOnComplete: 1000, removeOnFail: 1000, attempts: 1 },
          })),
        );
      }
      return { queued: due.length };
    }
    if (job.name === DELIVER_JOB) return { state: await this.delivery.deliver(job.data.eventId) };
    return null;
  }
}

@Injectable()
export class NotificationsScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_SCHEDULER_ID,
      { every: this.config.get('NOTIFY_SWEEP_EVERY_SECONDS') * 1000 },
      { name: SWEEP_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
}
