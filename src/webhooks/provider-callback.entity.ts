import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TransactionEntity } from '../transactions/transaction.entity';

export type CallbackVerdict =
  | 'received' // stored, not processed yet
  | 'applied' // moved the transaction
  | 'duplicate' // matched, confirmed, nothing left to do
  | 'unconfirmed' // matched, but the provider's status query did not confirm it (yet)
  | 'conflict' // contradicts a terminal state: recorded and flagged, never applied
  | 'unmatched' // a valid account-level callback naming no transaction of that account
  | 'balance' // an operator's balance answer (Daraja); verdict_detail holds the request id
  | 'rejected_token' // unknown or wrong per-transaction token
  | 'rejected_ip' // source address outside the allowlist
  | 'rejected_signature'
  | 'unknown_provider'
  | 'unparseable'
  | 'error';

/** Every inbound provider callback, stored raw before anything else is done with it. */
@Entity('provider_callbacks')
@Index('ix_provider_callbacks_transaction', ['transactionId'], { where: 'transaction_id IS NOT NULL' })
@Index('ix_provider_callbacks_verdict_received', ['verdict', 'receivedAt'])
export class ProviderCallbackEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 32 }) provider: string;
  @Column({ name: 'transaction_id', type: 'uuid', nullable: true }) transactionId: string | null;
  @Column({ type: 'varchar', length: 8 }) method: string;
  /** The request path with the secret token replaced by {token}. */
  @Column({ type: 'varchar', length: 512 }) path: string;
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true }) tokenHash: string | null;
  @Column({ name: 'source_ip', type: 'varchar', length: 64 }) sourceIp: string;
  @Column({ type: 'jsonb' }) headers: Record<string, string>;
  @Column({ name: 'raw_body', type: 'bytea' }) rawBody: Buffer;
  @Column({ type: 'varchar', length: 24 }) verdict: CallbackVerdict;
  @Column({ name: 'verdict_detail', type: 'varchar', length: 512, nullable: true }) verdictDetail: string | null;
  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt: Date | null;

  @ManyToOne(() => TransactionEntity)
  @JoinColumn({ name: 'transaction_id', foreignKeyConstraintName: 'provider_callbacks_transaction_id_fkey' })
  private readonly transactionRef?: TransactionEntity;
}
