import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DEFERRED_INITIATION_QUEUE } from './deferred-initiation';
import { DeferredInitiationProcessor } from './deferred-initiation.processor';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ProvidersModule } from '../providers/providers.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { PaymentInitiationService } from './payment-initiation.service';
import { PaymentsController } from './payments.controller';
import { ProviderCallerService } from './provider-caller.service';
import { RefundsController } from './refunds.controller';
import { RefundsService } from './refunds.service';
import { ReversalsController } from './reversals.controller';
import { ReversalsService } from './reversals.service';
import { RoutingService } from './routing.service';
import { TransactionsController } from './transactions.controller';

@Module({
  imports: [BullModule.registerQueue({ name: DEFERRED_INITIATION_QUEUE }), TransactionsModule, ProvidersModule, IdempotencyModule],
  controllers: [PaymentsController, RefundsController, TransactionsController, ReversalsController],
  providers: [PaymentInitiationService, RefundsService, ProviderCallerService, RoutingService, DeferredInitiationProcessor, ReversalsService],
  exports: [RoutingService, ProviderCallerService],
})
export class PaymentsModule {}
