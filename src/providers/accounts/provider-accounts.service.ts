import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { constantTimeEqual, randomToken, sha256Hex } from '../../common/crypto/hashing';
import { decryptSecret, encryptSecret } from '../../common/crypto/secret-box';
import { AppConfig } from '../../config/app-config';
import { PROVIDER_REGISTRATIONS } from '../provider.registry';
import { ProviderAccountContext, ProviderConfigError, ProviderId } from '../provider.port';
import { AccountSeed } from './account-seed';
import { ProviderAccountEntity } from './provider-account.entity';

/** Provider accounts: rows with encrypted credentials, decrypted only in memory for a call. */
/** Credential field holding an account's callback token (internal: never set by admins, never listed). */
export const CALLBACK_TOKEN = '_callbackToken';

@Injectable()
export class ProviderAccountsService implements OnModuleInit {
  private readonly logger = new Logger(ProviderAccountsService.name);
  private readonly contexts = new Map<string, { updatedAt: number; context: ProviderAccountContext }>();

  constructor(
    @InjectRepository(ProviderAccountEntity) private readonly accounts: Repository<ProviderAccountEntity>,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const registration of PROVIDER_REGISTRATIONS) {
      const seed = registration.seed(this.config.env);
      if (seed) await this.upsertSeed(seed);
    }
  }

  /** The env-seeded account mirrors the environment: created on first start, updated when the variables change. */
  async upsertSeed(seed: AccountSeed): Promise<ProviderAccountEntity> {
    const existing = await this.accounts.findOne({ where: { name: seed.name } });
    // Keep the account's callback token across restarts: it is part of URLs registered in operators' portals.
    const token = existing ? this.storedCredentials(existing)[CALLBACK_TOKEN] : undefined;
    const credentials = { ...seed.credentials, [CALLBACK_TOKEN]: token ?? randomToken() };
    const values = {
      provider: seed.provider,
      name: seed.name,
      environment: seed.environment,
      baseUrl: seed.baseUrl,
      countries: seed.countries,
      currencies: seed.currencies,
      settings: seed.settings,
      credentialsEnc: encryptSecret(JSON.stringify(credentials), this.config.masterKey),
      source: 'env' as const,
    };
    if (existing) {
      await this.accounts.update({ id: existing.id }, values as QueryDeepPartialEntity<ProviderAccountEntity>);
      this.logger.log(`provider account "${seed.name}" updated from the environment`);
      return { ...existing, ...values };
    }
    this.logger.log(`provider account "${seed.name}" created from the environment`);
    return this.accounts.save(this.accounts.create(values));
  }

  /** Active accounts able to serve a route, best priority first. */
  async candidates(provider: ProviderId, country: string, currency: string): Promise<ProviderAccountEntity[]> {
    return this.accounts
      .createQueryBuilder('a')
      .where('a.provider = :provider AND a.active = true', { provider })
      .andWhere(':country = ANY(a.countries) AND :currency = ANY(a.currencies)', { country, currency })
      .orderBy('a.priority', 'ASC')
      .addOrderBy('a.created_at', 'ASC')
      .getMany();
  }

  async all(): Promise<ProviderAccountEntity[]> {
    return this.accounts.find({ order: { provider: 'ASC', priority: 'ASC', createdAt: 'ASC' } });
  }

  async findById(id: string): Promise<ProviderAccountEntity | null> {
    return this.accounts.findOne({ where: { id } });
  }

  async context(accountOrId: ProviderAccountEntity | string): Promise<ProviderAccountContext> {
    const account = typeof accountOrId === 'string' ? await this.findById(accountOrId) : accountOrId;
    if (!account) throw new Error(`provider account ${String(accountOrId)} does not exist`);
    const cached = this.contexts.get(account.id);
    if (cached && cached.updatedAt === account.updatedAt.getTime()) return cached.context;
    const context: ProviderAccountContext = {
      id: account.id,
      provider: account.provider,
      environment: account.environment,
      baseUrl: account.baseUrl,
      settings: account.settings,
      credentials: this.decryptCredentials(account),
      timeoutMs: Number(account.settings.timeoutMs ?? this.config.get('PROVIDER_TIMEOUT_MS')),
    };
    this.contexts.set(account.id, { updatedAt: account.updatedAt.getTime(), context });
    return context;
  }

  private decryptCredentials(account: ProviderAccountEntity): Record<string, string> {
    try {
      return JSON.parse(decryptSecret(account.credentialsEnc, this.config.masterKey));
    } catch {
      // Never include the ciphertext or the key in the message.
      throw new ProviderConfigError(`credentials of account "${account.name}" cannot be decrypted with MALIPO_MASTER_KEY`);
    }
  }

  /** Creates an account (used by tests; admins use the admin API). */
  async create(input: AccountSeed & { priority?: number; active?: boolean; source?: 'env' | 'api' }): Promise<ProviderAccountEntity> {
    const { credentials, ...rest } = input;
    return this.accounts.save(
      this.accounts.create({
        ...rest,
        source: input.source ?? 'api',
        credentialsEnc: encryptSecret(JSON.stringify({ ...credentials, [CALLBACK_TOKEN]: randomToken() }), this.config.masterKey),
      }),
    );
  }

  /**
   * The account behind an account-level callback token: for operators whose callback URL is set once
   * in their portal (Airtel) instead of per request. Compared in constant time.
   */
  async findByCallbackToken(provider: ProviderId, token: string): Promise<{ account: ProviderAccountEntity; context: ProviderAccountContext } | null> {
    for (const account of await this.accounts.find({ where: { provider } })) {
      const context = await this.context(account);
      const expected = context.credentials[CALLBACK_TOKEN];
      if (expected && constantTimeEqual(expected, token)) return { account, context };
    }
    return null;
  }

  /**
   * The account behind a customer-payment token (Daraja C2B URLs). That token is a hex digest of the
   * account's callback token: hex cannot spell the words Daraja refuses in URLs ("mpesa", "exe", "sql"...).
   */
  async findByCustomerPaymentToken(token: string): Promise<{ account: ProviderAccountEntity; context: ProviderAccountContext } | null> {
    if (!/^[0-9a-f]{64}$/.test(token)) return null;
    for (const account of await this.accounts.find()) {
      const expected = this.storedCredentials(account)[CALLBACK_TOKEN];
      if (expected && constantTimeEqual(customerPaymentToken(expected), token)) return { account, context: await this.context(account) };
    }
    return null;
  }

  /** Where the operator sends this account's customer-initiated payments (to register with it). */
  customerPaymentUrls(account: ProviderAccountEntity): { validationUrl: string; confirmationUrl: string } | null {
    const token = this.storedCredentials(account)[CALLBACK_TOKEN];
    if (!token) return null;
    const base = `${this.config.publicBaseUrl}/v1/webhooks/c2b/${customerPaymentToken(token)}`;
    return { validationUrl: `${base}/validation`, confirmationUrl: `${base}/confirmation` };
  }

  /** The URL to register in the operator's portal for this account. */
  accountCallbackUrl(account: ProviderAccountEntity): string | null {
    const token = this.storedCredentials(account)[CALLBACK_TOKEN];
    return token ? `${this.config.publicBaseUrl}/v1/webhooks/${account.provider}/${token}` : null;
  }

  private storedCredentials(account: ProviderAccountEntity): Record<string, string> {
    try {
      return this.decryptCredentials(account);
    } catch {
      return {};
    }
  }
}

function customerPaymentToken(callbackToken: string): string {
  return sha256Hex(`customer-payments:${callbackToken}`);
}
