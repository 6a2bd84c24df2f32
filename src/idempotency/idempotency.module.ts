import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { IDEMPOTENCY_PURGE_QUEUE, IdempotencyPurgeProcessor, IdempotencyPurgeScheduler } from './idempotency-purge.processor';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';

@Module({
  imports: [BullModule.registerQueue({ name: IDEMPOTENCY_PURGE_QUEUE })],
  providers: [IdempotencyService, IdempotencyInterceptor, IdempotencyPurgeProcessor, IdempotencyPurgeScheduler],
  exports: [IdempotencyService, IdempotencyInterceptor],
})
export class IdempotencyModule {}
