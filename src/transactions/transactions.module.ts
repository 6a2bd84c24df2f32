import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntity } from './audit-log.entity';
import { OutcomeService } from './outcome.service';
import { ProviderCalls } from './provider-calls';
import { TransactionEntity } from './transaction.entity';
import { TransactionStateService } from './transaction-state.service';
import { TransactionsQueryService } from './transactions-query.service';

@Module({
  imports: [TypeOrmModule.forFeature([TransactionEntity, AuditLogEntity])],
  providers: [TransactionStateService, OutcomeService, TransactionsQueryService, ProviderCalls],
  exports: [TransactionStateService, OutcomeService, TransactionsQueryService, ProviderCalls],
})
export class TransactionsModule {}
