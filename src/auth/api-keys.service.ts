import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { sha256Hex, randomToken } from '../common/crypto/hashing';
import { AppConfig } from '../config/app-config';
import { ApiKeyEntity, Scope } from './api-key.entity';
import { AuthenticatedKey } from './auth.decorators';

const CACHE_TTL_MS = 10_000;

@Injectable()
export class ApiKeysService implements OnModuleInit {
  private readonly logger = new Logger(ApiKeysService.name);
  // A short cache keeps one indexed lookup off every request; revocations apply within the TTL.
  private readonly cache = new Map<string, { key: AuthenticatedKey | null; until: number }>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const bootstrap = this.config.get('MALIPO_ADMIN_API_KEY');
    if (!bootstrap) return;
    const keyHash = sha256Hex(bootstrap);
    await this.keys
      .createQueryBuilder()
      .insert()
      .values({ name: 'bootstrap admin (MALIPO_ADMIN_API_KEY)', keyHash, keyPrefix: bootstrap.slice(0, 8), scopes: ['admin'] })
      .orIgnore()
      .execute();
    this.logger.log('admin API key from MALIPO_ADMIN_API_KEY is registered');
  }

  async authenticate(presented: string): Promise<AuthenticatedKey | null> {
    const keyHash = sha256Hex(presented);
    const cached = this.cache.get(keyHash);
    if (cached && cached.until > Date.now()) return cached.key;
    const row = await this.keys.findOne({ where: { keyHash, active: true } });
    const key = row ? { id: row.id, name: row.name, scopes: row.scopes } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(keyHash, { key, until: Date.now() + CACHE_TTL_MS });
    return key;
  }

  /** Creates a key and returns it in clear, once; only its hash is stored. */
  async create(name: string, scopes: Scope[]): Promise<{ id: string; key: string }> {
    const key = `mlp_${randomToken(24)}`;
    const row = await this.keys.save(this.keys.create({ name, keyHash: sha256Hex(key), keyPrefix: key.slice(0, 8), scopes }));
    return { id: row.id, key };
  }
}
