import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntity } from './audit-log.entity';
import { OutcomeService } from './outcome.service';
import { TransactionEntity } from './transaction.entity';
import { TransactionStateService } from './transaction-state.service';
import { TransactionsQueryService } from './transactions-query.service';

@Module({
  imports: [TypeOrmModule.forFeature([TransactionEntity, AuditLogEntity])],
  providers: [TransactionStateService, OutcomeService, TransactionsQueryService],
  exports: [TransactionStateService, OutcomeService, TransactionsQueryService],
})
export class TransactionsModule {}
