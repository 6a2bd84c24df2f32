import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { NotificationEventEntity, NotificationType } from '../notifications/notification-event.entity';
import { TransactionStatus } from './transaction-status';
import { TransactionEntity } from './transaction.entity';
import { presentTransaction } from './transaction.presenter';

/** The merchant event a terminal status gives rise to, if any. */
export function notificationType(transaction: TransactionEntity, status: TransactionStatus): NotificationType | null {
  if (transaction.type === 'refund') return status === 'succeeded' ? 'refund.succeeded' : status === 'failed' ? 'refund.failed' : null;
  if (status === 'succeeded') return 'transaction.succeeded';
  if (status === 'failed') return 'transaction.failed';
  if (status === 'reversed') return 'transaction.reversed';
  return null;
}

/**
 * Writes the outbox row of a state change inside the same database transaction (so a crash between the
 * two cannot lose a notification). The body is fixed now: every retry sends and signs the same bytes.
 */
export async function writeNotification(em: EntityManager, transaction: TransactionEntity, defaultUrl: string | undefined): Promise<string | null> {
  const type = notificationType(transaction, transaction.status);
  if (!type) return null;
  const id = `evt_${randomUUID().replace(/-/g, '')}`;
  const createdAt = new Date();
  const payload = JSON.stringify({ id, type, createdAt: createdAt.toISOString(), data: presentTransaction(transaction) });
  await em.insert(NotificationEventEntity, {
    id,
    transactionId: transaction.id,
    type,
    transactionStatus: transaction.status,
    payload,
    url: transaction.callbackUrl ?? defaultUrl ?? null,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: createdAt,
    createdAt,
  } as QueryDeepPartialEntity<NotificationEventEntity>);
  return id;
}
