import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { isSupportedCurrency } from '../../common/money/currencies';
import { buildIpAllowlist } from '../../common/net/ip-allowlist';
import { randomToken } from '../../common/crypto/hashing';
import { decryptSecret, encryptSecret } from '../../common/crypto/secret-box';
import { Problem } from '../../common/problem/problem';
import { AppConfig } from '../../config/app-config';
import { ProviderConfigError, ProviderResult } from '../provider.port';
import { ProviderRegistry } from '../provider.registry';
import { CreateProviderAccountDto, ProviderAccountDto, UpdateProviderAccountDto } from './dto/provider-account.dto';
import { limitsProblem } from './account-limits';
import { ProviderAccountEntity } from './provider-account.entity';
import { CALLBACK_TOKEN, ProviderAccountsService } from './provider-accounts.service';

const MAX_SETTINGS_BYTES = 8 * 1024;

/** Provider accounts as data: created and changed by admins, effective at once, secrets write-only. */
@Injectable()
export class ProviderAccountsAdminService {
  private readonly logger = new Logger(ProviderAccountsAdminService.name);

  constructor(
    @InjectRepository(ProviderAccountEntity) private readonly repository: Repository<ProviderAccountEntity>,
    private readonly accounts: ProviderAccountsService,
    private readonly registry: ProviderRegistry,
    private readonly config: AppConfig,
  ) {}

  async list(): Promise<ProviderAccountDto[]> {
    const rows = await this.repository.find({ order: { provider: 'ASC', priority: 'ASC', createdAt: 'ASC' } });
    return rows.map((row) => this.present(row));
  }

  async get(id: string): Promise<ProviderAccountDto> {
    return this.present(await this.find(id));
  }

  async create(dto: CreateProviderAccountDto): Promise<ProviderAccountDto> {
    const credentials = { ...cleanCredentials(dto.credentials), [CALLBACK_TOKEN]: randomToken() };
    this.validate({ ...dto, credentials, settings: dto.settings ?? {} });
    if (await this.repository.findOne({ where: { name: dto.name } })) throw Problem.field('name', `an account named "${dto.name}" exists already`);
    const row = await this.repository.save(
      this.repository.create({
        provider: dto.provider,
        name: dto.name,
        environment: dto.environment,
        baseUrl: dto.baseUrl.replace(/\/+$/, ''),
        countries: dto.countries,
        currencies: dto.currencies,
        priority: dto.priority ?? 100,
        active: dto.active ?? true,
        settings: dto.settings ?? {},
        credentialsEnc: encryptSecret(JSON.stringify(credentials), this.config.masterKey),
        source: 'api',
      }),
    );
    this.logger.log(`provider account ${row.id} (${row.provider}, "${row.name}") created`);
    return this.present(row);
  }

  async update(id: string, dto: UpdateProviderAccountDto): Promise<ProviderAccountDto> {
    const row = await this.find(id);
    if (dto.provider && dto.provider !== row.provider) throw Problem.field('provider', 'the provider of an account cannot change: create another account');
    const stored: Record<string, string> = JSON.parse(decryptSecret(row.credentialsEnc, this.config.masterKey));
    const patch = dto.credentials ?? {};
    if (Object.keys(patch).some((k) => k.startsWith('_'))) throw Problem.field('credentials', 'credential names may not start with "_"');
    const credentials = dto.credentials ? mergeCredentials(stored, patch) : stored;
    const next = {
      provider: row.provider,
      name: dto.name ?? row.name,
      environment: dto.environment ?? row.environment,
      baseUrl: (dto.baseUrl ?? row.baseUrl).replace(/\/+$/, ''),
      countries: dto.countries ?? row.countries,
      currencies: dto.currencies ?? row.currencies,
      priority: dto.priority ?? row.priority,
      active: dto.active ?? row.active,
      settings: dto.settings ?? row.settings,
    };
    this.validate({ ...next, credentials });
    const values = { ...next, credentialsEnc: dto.credentials ? encryptSecret(JSON.stringify(credentials), this.config.masterKey) : row.credentialsEnc, updatedAt: new Date() };
    await this.repository.update({ id }, values as QueryDeepPartialEntity<ProviderAccountEntity>);
    this.logger.log(`provider account ${id} updated (${Object.keys(dto).filter((k) => k !== 'credentials').join(', ') || 'credentials'})`);
    return this.present({ ...row, ...values });
  }

  /** Registers this account's validation and confirmation URLs with the operator (Daraja C2B). */
  async registerCustomerPaymentUrls(id: string) {
    const row = await this.find(id);
    const support = this.registry.get(row.provider)?.customerPayments;
    if (!support) throw new Problem(422, 'UNSUPPORTED_OPERATION', `${row.provider} has no customer-initiated payments to register`);
    const urls = this.accounts.customerPaymentUrls(row);
    if (!urls) throw new Problem(409, 'INVALID_STATE', 'This account has no callback token; rotate its credentials to create one');
    let result: ProviderResult;
    try {
      result = await support.registerCustomerPaymentUrls(await this.accounts.context(row), urls);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { outcome: { kind: error instanceof ProviderConfigError ? 'rejected_unsent' : 'unknown', reason: message.slice(0, 300) }, exchanges: [] };
    }
    const outcome = result.outcome;
    const registered = outcome.kind === 'succeeded' || outcome.kind === 'accepted';
    this.logger.log(`customer-payment URLs of account ${row.id}: ${outcome.kind}`);
    const reason = outcome.kind === 'failed' ? outcome.failureReason : 'reason' in outcome ? outcome.reason : null;
    return { registered, outcome: outcome.kind, reason: reason ?? null, ...urls };
  }

  private async find(id: string): Promise<ProviderAccountEntity> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.repository.findOne({ where: { id } }) : null;
    if (!row) throw Problem.notFound('Provider account');
    return row;
  }

  private validate(account: Omit<CreateProviderAccountDto, 'priority' | 'active'> & { settings: Record<string, unknown> }): void {
    const provider = this.registry.get(account.provider);
    if (!provider) throw Problem.field('provider', `provider ${account.provider} is not available in this gateway yet`);
    const unknownCurrency = account.currencies.find((c) => !isSupportedCurrency(c));
    if (unknownCurrency) throw Problem.field('currencies', `currency ${unknownCurrency} is not supported`);
    if (Buffer.byteLength(JSON.stringify(account.settings)) > MAX_SETTINGS_BYTES) throw Problem.field('settings', 'settings must be at most 8 KB of JSON');
    const allowlist = account.settings.callbackIpAllowlist;
    if (allowlist !== undefined) {
      if (!Array.isArray(allowlist)) throw Problem.field('settings', 'settings.callbackIpAllowlist must be a list of IP addresses or CIDR ranges');
      try {
        buildIpAllowlist(allowlist.map(String));
      } catch (error) {
        throw Problem.field('settings', `settings.callbackIpAllowlist: ${(error as Error).message}`);
      }
    }
    const badLimits = limitsProblem(account.settings);
    if (badLimits) throw Problem.field('settings', badLimits);
    const notString = Object.entries(account.credentials).find(([, v]) => typeof v !== 'string');
    if (Object.keys(account.credentials).some((k) => k.startsWith('_') && k !== CALLBACK_TOKEN)) throw Problem.field('credentials', 'credential names may not start with "_"');
    if (notString) throw Problem.field('credentials', `credential ${notString[0]} must be a string`);
    try {
      provider.validateAccount?.({
        id: 'validation',
        provider: provider.id,
        environment: account.environment,
        baseUrl: account.baseUrl,
        settings: account.settings,
        credentials: account.credentials,
        timeoutMs: this.config.get('PROVIDER_TIMEOUT_MS'),
      });
    } catch (error) {
      if (error instanceof ProviderConfigError) throw Problem.field('credentials', error.message);
      throw error;
    }
  }

  private present(row: ProviderAccountEntity): ProviderAccountDto {
    let credentialsSet: string[] = [];
    try {
      credentialsSet = Object.keys(JSON.parse(decryptSecret(row.credentialsEnc, this.config.masterKey)))
        .filter((k) => !k.startsWith('_'))
        .sort();
    } catch {
      credentialsSet = ['<cannot be decrypted with MALIPO_MASTER_KEY>'];
    }
    return {
      id: row.id,
      provider: row.provider,
      name: row.name,
      environment: row.environment,
      baseUrl: row.baseUrl,
      countries: row.countries,
      currencies: row.currencies,
      priority: row.priority,
      active: row.active,
      settings: row.settings,
      credentialsSet,
      source: row.source,
      callbackUrl: this.accounts.accountCallbackUrl(row),
      ...(this.registry.get(row.provider)?.customerPayments ? { customerPaymentUrls: this.accounts.customerPaymentUrls(row) } : {}),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function cleanCredentials(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as Record<string, string>;
}

function mergeCredentials(stored: Record<string, string>, patch: Record<string, unknown>): Record<string, string> {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === '' || value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged as Record<string, string>;
}
