import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ProvidersModule } from '../providers/providers.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { CollectionsController } from './collections.controller';
import { CollectionsService } from './collections.service';
import { RoutingService } from './routing.service';
import { TransactionsController } from './transactions.controller';

@Module({
  imports: [TransactionsModule, ProvidersModule, IdempotencyModule],
  controllers: [CollectionsController, TransactionsController],
  providers: [CollectionsService, RoutingService],
  exports: [RoutingService],
})
export class PaymentsModule {}
