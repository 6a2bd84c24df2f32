import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { RECONCILIATION_QUEUE } from './reconciliation.constants';
import { ReconciliationProcessor } from './reconciliation.processor';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { ReconciliationService } from './reconciliation.service';

@Module({
  imports: [BullModule.registerQueue({ name: RECONCILIATION_QUEUE }), ProvidersModule, TransactionsModule],
  providers: [ReconciliationService, ReconciliationProcessor, ReconciliationScheduler],
  exports: [ReconciliationService],
})
export class ReconciliationModule {}
