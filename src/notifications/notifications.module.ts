import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TransactionsModule } from '../transactions/transactions.module';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NOTIFICATIONS_QUEUE } from './notifications.constants';
import { NotificationsProcessor, NotificationsScheduler } from './notifications.processor';

@Module({
  imports: [BullModule.registerQueue({ name: NOTIFICATIONS_QUEUE }), TransactionsModule],
  providers: [NotificationDeliveryService, NotificationsProcessor, NotificationsScheduler],
  exports: [NotificationDeliveryService],
})
export class NotificationsModule {}
