import { ApiKeyEntity } from '../auth/api-key.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { NotificationEventEntity } from '../notifications/notification-event.entity';
import { ProviderAccountEntity } from '../providers/accounts/provider-account.entity';
import { AuditLogEntity } from '../transactions/audit-log.entity';
import { TransactionEntity } from '../transactions/transaction.entity';
import { ProviderCallbackEntity } from '../webhooks/provider-callback.entity';

export const ENTITIES = [
  ApiKeyEntity,
  IdempotencyKeyEntity,
  ProviderAccountEntity,
  AuditLogEntity,
  TransactionEntity,
  ProviderCallbackEntity,
  NotificationEventEntity,
];
