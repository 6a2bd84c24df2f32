import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProvidersModule } from '../providers/providers.module';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionsModule } from '../transactions/transactions.module';
import { CallbacksQueryService } from './callbacks-query.service';
import { CallbackStore } from './callback-store.service';
import { CallbackAuthGuard, CallbackIntakeGuard, CallbackIpAllowlistGuard } from './callback.guards';
import { CallbacksService } from './callbacks.service';
import { ProviderCallbackEntity } from './provider-callback.entity';
import { CustomerPaymentsController } from './customer-payments.controller';
import { CustomerPaymentsService } from './customer-payments.service';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderCallbackEntity, TransactionEntity]), ProvidersModule, TransactionsModule],
  controllers: [CustomerPaymentsController, WebhooksController],
  providers: [CallbacksService, CallbacksQueryService, CallbackStore, CallbackIntakeGuard, CallbackIpAllowlistGuard, CallbackAuthGuard, CustomerPaymentsService],
  exports: [CallbacksQueryService],
})
export class WebhooksModule {}
