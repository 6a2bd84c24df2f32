import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReconciliationModule } from '../reconciliation/reconciliation.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AdminController } from './admin.controller';
import { StatsService } from './stats.service';

@Module({
  imports: [NotificationsModule, ReconciliationModule, TransactionsModule, WebhooksModule],
  controllers: [AdminController],
  providers: [StatsService],
})
export class AdminModule {}
