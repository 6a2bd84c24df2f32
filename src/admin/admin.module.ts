import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ReconciliationModule } from '../reconciliation/reconciliation.module';
import { TransactionsModule } from '../transactions/transactions.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AdminController } from './admin.controller';

@Module({
  imports: [NotificationsModule, ReconciliationModule, TransactionsModule, WebhooksModule],
  controllers: [AdminController],
})
export class AdminModule {}
