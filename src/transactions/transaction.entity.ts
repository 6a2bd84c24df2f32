import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { ProviderAccountEntity } from '../providers/accounts/provider-account.entity';
import { bigintTransformer } from '../database/bigint.transformer';
import type { FailureCode, ProviderId, TransactionType } from '../providers/provider.port';
import type { TransactionStatus } from './transaction-status';

export interface NextAction {
  type: 'redirect';
  url: string;
}

@Entity('transactions')
@Check('transactions_type_check', `type IN ('collection', 'disbursement', 'refund')`)
@Check('transactions_status_check', `status IN ('pending', 'processing', 'succeeded', 'failed', 'reversed')`)
@Check('transactions_amount_minor_check', 'amount_minor > 0')
@Check('transactions_channel_check', `channel IN ('api', 'customer')`)
@Check('transactions_check', 'refunded_amount_minor >= 0 AND refunded_amount_minor <= amount_minor')
@Index('ix_transactions_created_id', ['createdAt', 'id'])
@Index('ix_transactions_status_created', ['status', 'createdAt'])
@Index('ix_transactions_msisdn_created', ['msisdn', 'createdAt'])
@Index('ix_transactions_provider_created', ['provider', 'createdAt'])
@Index('ix_transactions_reference', ['reference'], { where: 'reference IS NOT NULL' })
@Index('ix_transactions_parent', ['parentId'], { where: 'parent_id IS NOT NULL' })
@Index('ix_transactions_reconcile_due', ['nextReconcileAt'], { where: "status IN ('pending', 'processing')" })
@Index('ux_transactions_callback_token', ['callbackTokenHash'], { unique: true, where: 'callback_token_hash IS NOT NULL' })
@Index('ux_transactions_customer_receipt', ['providerAccountId', 'providerTransactionId'], { unique: true, where: "channel = 'customer'" })
@Index('ux_transactions_idempotency', ['apiKeyId', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
export class TransactionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 16 }) type: TransactionType;
  @Column({ type: 'varchar', length: 16 }) status: TransactionStatus;
  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintTransformer }) amountMinor: bigint;
  @Column({ type: 'varchar', length: 3 }) currency: string;
  @Column({ type: 'varchar', length: 2 }) country: string;
  @Column({ type: 'varchar', length: 20 }) msisdn: string;
  @Column({ type: 'varchar', length: 32 }) provider: ProviderId;
  @Column({ name: 'provider_account_id', type: 'uuid' }) providerAccountId: string;
  @Column({ name: 'provider_reference', type: 'varchar', length: 128, nullable: true }) providerReference: string | null;
  @Column({ name: 'provider_transaction_id', type: 'varchar', length: 128, nullable: true }) providerTransactionId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) reference: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) description: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) metadata: Record<string, unknown>;
  @Column({ name: 'callback_url', type: 'varchar', length: 2048, nullable: true }) callbackUrl: string | null;
  @Column({ name: 'callback_token_hash', type: 'varchar', length: 64, nullable: true }) callbackTokenHash: string | null;
  @Column({ name: 'failure_code', type: 'varchar', length: 32, nullable: true }) failureCode: FailureCode | null;
  @Column({ name: 'failure_reason', type: 'varchar', length: 512, nullable: true }) failureReason: string | null;
  @Column({ name: 'refunded_amount_minor', type: 'bigint', default: 0, transformer: bigintTransformer }) refundedAmountMinor: bigint;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ name: 'next_action', type: 'jsonb', nullable: true }) nextAction: NextAction | null;
  /** What the provider asked to keep (ProviderOutcome.providerData): handed back in its status queries. */
  @Column({ name: 'provider_data', type: 'jsonb', default: () => "'{}'" }) providerData: Record<string, string>;
  /** api: a client asked us; customer: the customer paid from their phone (Daraja C2B). */
  @Column({ type: 'varchar', length: 16, default: 'api' }) channel: 'api' | 'customer';
  @Column({ name: 'api_key_id', type: 'uuid', nullable: true }) apiKeyId: string | null;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'reconcile_attempts', type: 'int', default: 0 }) reconcileAttempts: number;
  @Column({ name: 'next_reconcile_at', type: 'timestamptz', nullable: true }) nextReconcileAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @VersionColumn() version: number;

  // Relations only declare the foreign keys (so migration:generate sees the schema as it is); never loaded.
  @ManyToOne(() => ProviderAccountEntity, { createForeignKeyConstraints: true })
  @JoinColumn({ name: 'provider_account_id', foreignKeyConstraintName: 'transactions_provider_account_id_fkey' })
  private readonly providerAccountRef?: ProviderAccountEntity;
  @ManyToOne(() => TransactionEntity)
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'transactions_parent_id_fkey' })
  private readonly parentRef?: TransactionEntity;
  @ManyToOne(() => ApiKeyEntity)
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'transactions_api_key_id_fkey' })
  private readonly apiKeyRef?: ApiKeyEntity;
}
