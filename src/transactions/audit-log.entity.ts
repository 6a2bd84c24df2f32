import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TransactionEntity } from './transaction.entity';
import type { TransactionStatus } from './transaction-status';

/** One row per thing that happened to a transaction; never updated, never deleted. Secrets redacted. */
@Entity('audit_logs')
@Index('ix_audit_logs_transaction', ['transactionId', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'transaction_id', type: 'uuid' }) transactionId: string;
  @Column({ type: 'varchar', length: 48 }) action: string;
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true }) fromStatus: TransactionStatus | null;
  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true }) toStatus: TransactionStatus | null;
  @Column({ type: 'varchar', length: 64 }) actor: string;
  @Column({ type: 'jsonb', nullable: true }) detail: Record<string, unknown> | null;
  @Column({ name: 'duration_ms', type: 'int', nullable: true }) durationMs: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  @ManyToOne(() => TransactionEntity)
  @JoinColumn({ name: 'transaction_id', foreignKeyConstraintName: 'audit_logs_transaction_id_fkey' })
  private readonly transactionRef?: TransactionEntity;
}
