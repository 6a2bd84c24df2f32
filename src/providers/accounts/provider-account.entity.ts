import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ProviderId } from '../provider.port';

/** One set of credentials at one provider, for one environment, serving given countries and currencies. */
@Entity('provider_accounts')
@Check('provider_accounts_environment_check', `environment IN ('sandbox', 'production')`)
@Index('ux_provider_accounts_name', ['name'], { unique: true })
@Index('ix_provider_accounts_route', ['provider', 'active', 'priority'])
export class ProviderAccountEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 32 }) provider: ProviderId;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 16 }) environment: 'sandbox' | 'production';
  @Column({ name: 'base_url', type: 'varchar', length: 512 }) baseUrl: string;
  @Column({ type: 'varchar', length: 2, array: true }) countries: string[];
  @Column({ type: 'varchar', length: 3, array: true }) currencies: string[];
  /** Lower is preferred. */
  @Column({ type: 'int', default: 100 }) priority: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'jsonb', default: () => "'{}'" }) settings: Record<string, unknown>;
  /** AES-256-GCM under MALIPO_MASTER_KEY: never returned, never logged. */
  @Column({ name: 'credentials_enc', type: 'text' }) credentialsEnc: string;
  /** 'env' for the account seeded from environment variables, 'api' for accounts managed by the admin API. */
  @Column({ type: 'varchar', length: 8, default: 'api' }) source: 'env' | 'api';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
