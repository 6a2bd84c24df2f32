import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ProvidersModule } from '../providers/providers.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { PaymentInitiationService } from './payment-initiation.service';
import { PaymentsController } from './payments.controller';
import { ProviderCallerService } from './provider-caller.service';
import { RefundsController } from './refunds.controller';
import { RefundsService } from './refunds.service';
import { RoutingService } from './routing.service';
import { TransactionsController } from './transactions.controller';

@Module({
  imports: [TransactionsModule, ProvidersModule, IdempotencyModule],
  controllers: [PaymentsController, RefundsController, TransactionsController],
  providers: [PaymentInitiationService, RefundsService, ProviderCallerService, RoutingService],
  exports: [RoutingService],
})
export class PaymentsModule {}
