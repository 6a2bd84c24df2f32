import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import axios from 'axios';
import { DataSource } from 'typeorm';
import { Problem } from '../common/problem/problem';
import { AppConfig } from '../config/app-config';
import { returningRows } from '../database/returning-rows';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { MAX_ATTEMPTS, RETRY_MULTIPLIERS } from './notifications.constants';
import { NotificationEventEntity } from './notification-event.entity';
import { signNotification } from './signature';

const BATCH = 100;

/**
 * Delivers the outbox to merchants: at least once, each event under a lease so that two instances
 * never send it at the same time, retried on a schedule kept in the row (it survives restarts).
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly state: TransactionStateService,
    private readonly config: AppConfig,
  ) {}

  /** Leases due events (a crashed sender's lease runs out and the event is due again). */
  async claimDue(): Promise<{ id: string; attempts: number }[]> {
    const leaseSeconds = (this.config.get('NOTIFY_TIMEOUT_MS') * 2) / 1000 + 5;
    const result = await this.db.query(
      `UPDATE notification_events SET locked_until = now() + make_interval(secs => $2)
       WHERE id IN (
         SELECT id FROM notification_events
         WHERE state = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, attempts`,
      [BATCH, leaseSeconds],
    );
    return returningRows<{ id: string; attempts: number }>(result);
  }

  async deliver(eventId: string): Promise<NotificationEventEntity['state']> {
    const event = await this.db.getRepository(NotificationEventEntity).findOne({ where: { id: eventId } });
    if (!event || event.state !== 'pending') return event?.state ?? 'dropped';
    const [current] = await this.db.query('SELECT status FROM transactions WHERE id = $1', [event.transactionId]);
    if (current?.status !== event.transactionStatus) {
      // The transaction has moved on (e.g. succeeded -> reversed): its newer event tells the truth.
      await this.finish(event, 'dropped', `stale: the transaction is now ${current?.status}`);
      return 'dropped';
    }
    if (!event.url) {
      await this.finish(event, 'failed', 'no callbackUrl on the transaction and no MERCHANT_WEBHOOK_URL');
      return 'failed';
    }
    const attempt = event.attempts + 1;
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await axios.post(event.url, event.payload, {
        timeout: this.config.get('NOTIFY_TIMEOUT_MS'),
        maxRedirects: 0,
        validateStatus: () => true,
        transformRequest: [(data) => data],
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Malipo-Webhooks/1',
          'malipo-event-id': event.id,
          'malipo-signature': signNotification(event.payload, this.config.get('MALIPO_WEBHOOK_SECRET')),
        },
      });
      statusCode = response.status;
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (e) {
      error = (e as { code?: string }).code ?? (e as Error).message;
    }
    const durationMs = Date.now() - started;
    await this.state.recordEvent(event.transactionId, {
      action: 'notification.attempt',
      actor: 'notifier',
      durationMs,
      detail: { eventId: event.id, type: event.type, attempt, url: event.url, statusCode, error },
    });
    if (!error) {
      await this.db.query(`UPDATE notification_events SET state = 'delivered', attempts = $2, delivered_at = now(), locked_until = NULL, last_error = NULL WHERE id = $1`, [event.id, attempt]);
      return 'delivered';
    }
    if (attempt >= MAX_ATTEMPTS) {
      await this.finish(event, 'failed', error, attempt);
      this.logger.warn(`notification ${event.id} given up after ${attempt} attempts: ${error}`);
      return 'failed';
    }
    const delaySeconds = RETRY_MULTIPLIERS[attempt - 1] * this.config.get('NOTIFY_RETRY_BASE_SECONDS');
    await this.db.query(
      `UPDATE notification_events SET attempts = $2, last_error = $3, locked_until = NULL, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1`,
      [event.id, attempt, error.slice(0, 512), delaySeconds],
    );
    return 'pending';
  }

  /** Sends the transaction's latest event again (same event id: merchants deduplicate on it). */
  async resend(transactionId: string): Promise<{ eventId: string; type: string; state: string }> {
    const [event] = await this.db.query(
      `SELECT id, type FROM notification_events WHERE transaction_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [transactionId],
    );
    if (!event) {
      const [tx] = await this.db.query('SELECT status FROM transactions WHERE id = $1', [transactionId]);
      if (!tx) throw Problem.notFound('Transaction');
      throw new Problem(409, 'INVALID_STATE', `The transaction is ${tx.status}: there is no notification to send until it is final`);
    }
    await this.db.query(
      `UPDATE notification_events SET state = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL WHERE id = $1`,
      [event.id],
    );
    await this.state.recordEvent(transactionId, { action: 'notification.resend', actor: 'admin', detail: { eventId: event.id } });
    return { eventId: event.id, type: event.type, state: 'pending' };
  }

  private async finish(event: NotificationEventEntity, state: 'failed' | 'dropped', reason: string, attempts = event.attempts): Promise<void> {
    await this.db.query(`UPDATE notification_events SET state = $2, attempts = $3, last_error = $4, locked_until = NULL WHERE id = $1`, [event.id, state, attempts, reason.slice(0, 512)]);
    if (state === 'dropped' || !event.url) {
      await this.state.recordEvent(event.transactionId, { action: `notification.${state}`, actor: 'notifier', detail: { eventId: event.id, type: event.type, reason } });
    }
  }
}
