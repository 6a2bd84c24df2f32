import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApiKeyEntity } from '../auth/api-key.entity';

/** A client's Idempotency-Key, scoped to its API key, with the answer it got. Kept at least 24 h. */
@Entity('idempotency_keys')
@Index('ix_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'api_key_id', type: 'uuid' }) apiKeyId: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) key: string;
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash: string;
  @Column({ type: 'varchar', length: 16 }) state: 'in_progress' | 'completed';
  @Column({ name: 'response_status', type: 'int', nullable: true }) responseStatus: number | null;
  /** The answer as JSON text, replayed byte for byte (jsonb would reorder its keys). */
  @Column({ name: 'response_body', type: 'text', nullable: true }) responseBody: string | null;
  /** An in-progress claim older than this is abandoned (its owner died) and may be taken over. */
  @Column({ name: 'locked_until', type: 'timestamptz' }) lockedUntil: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;

  @ManyToOne(() => ApiKeyEntity)
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'idempotency_keys_api_key_id_fkey' })
  private readonly apiKeyRef?: ApiKeyEntity;
}
