import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TransactionEntity } from '../transactions/transaction.entity';

export type NotificationType = 'transaction.succeeded' | 'transaction.failed' | 'transaction.reversed' | 'refund.succeeded' | 'refund.failed';
export type NotificationState = 'pending' | 'delivered' | 'failed' | 'dropped';

/**
 * One merchant notification (outbox row), written in the same database transaction as the state
 * change that causes it; its id is the stable event id merchants deduplicate on.
 */
@Entity('notification_events')
@Check('notification_events_state_check', `state IN ('pending', 'delivered', 'failed', 'dropped')`)
@Index('ix_notification_events_transaction', ['transactionId'])
@Index('ix_notification_events_due', ['nextAttemptAt'], { where: "state = 'pending'" })
export class NotificationEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ name: 'transaction_id', type: 'uuid' }) transactionId: string;
  @Column({ type: 'varchar', length: 32 }) type: NotificationType;
  /** The status that caused the event: once the transaction has moved on, the event is stale. */
  @Column({ name: 'transaction_status', type: 'varchar', length: 16 }) transactionStatus: string;
  /** The exact JSON body sent (and signed), kept as text so every retry sends the same bytes. */
  @Column({ type: 'text' }) payload: string;
  @Column({ type: 'varchar', length: 2048, nullable: true }) url: string | null;
  @Column({ type: 'varchar', length: 16 }) state: NotificationState;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' }) nextAttemptAt: Date;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ name: 'last_error', type: 'varchar', length: 512, nullable: true }) lastError: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;

  @ManyToOne(() => TransactionEntity)
  @JoinColumn({ name: 'transaction_id', foreignKeyConstraintName: 'notification_events_transaction_id_fkey' })
  private readonly transactionRef?: TransactionEntity;
}
