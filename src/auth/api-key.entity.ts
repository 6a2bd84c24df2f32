import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SCOPES = ['payments:write', 'payments:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** API keys are stored as SHA-256 hashes (they are 256-bit random, so a fast hash is enough). */
@Entity('api_keys')
@Index('ux_api_keys_hash', ['keyHash'], { unique: true })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ name: 'key_hash', type: 'varchar', length: 64 }) keyHash: string;
  /** First characters of the key, to tell keys apart in lists without revealing them. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 12 }) keyPrefix: string;
  @Column({ type: 'text', array: true }) scopes: Scope[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
