import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countriesForProvider, resolveOperator } from '../../common/phone/operator-resolver';
import { InvalidPhoneNumberError, normalizeMsisdn } from '../../common/phone/phone';
import { Problem } from '../../common/problem/problem';
import { accountLimits } from '../accounts/account-limits';
import { ProviderAccountsService } from '../accounts/provider-accounts.service';
import { ProviderAccountEntity } from '../accounts/provider-account.entity';
import { PaymentProvider, ProviderAccountContext, ProviderConfigError, WalletBalance } from '../provider.port';
import { AppConfig } from '../../config/app-config';
import { ProviderRegistry } from '../provider.registry';
import { CircuitStateName, ProviderCircuits } from '../circuits/provider-circuits.service';

const HEALTH_WINDOW_MINUTES = 15;

/** What the gateway can do with each provider, what is configured, and how the operators behave lately. */
@Injectable()
export class ProvidersCatalogService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly accounts: ProviderAccountsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly circuits: ProviderCircuits,
  ) {}

  async list() {
    const [accounts, health] = await Promise.all([this.accounts.all(), this.recentHealth()]);
    return this.registry.all().map((provider) => {
      const own = accounts.filter((a) => a.provider === provider.id);
      const active = own.filter((a) => a.active);
      return {
        id: provider.id,
        name: provider.displayName,
        operations: provider.capabilities.operations,
        countries: unique([...countriesForProvider(provider.id), ...own.flatMap((a) => a.countries)]),
        currencies: unique(active.flatMap((a) => a.currencies)),
        configured: active.length > 0,
        callbacks: { methods: provider.capabilities.callbackMethods, signed: provider.capabilities.signsCallbacks },
        accounts: own.map((a) => ({ ...presentAccount(a), circuit: this.circuits.state(a.id) })),
        health: {
          circuit: circuitSummary(active.map((a) => this.circuits.state(a.id))),
          ...(health.get(provider.id) ?? { windowMinutes: HEALTH_WINDOW_MINUTES, calls: 0, successRate: null, latencyMs: null }),
        },
      };
    });
  }

  resolve(phoneNumber: string, country?: string) {
    try {
      const phone = normalizeMsisdn(phoneNumber, country);
      const resolution = resolveOperator(phone.msisdn);
      const available = resolution.provider ? this.registry.get(resolution.provider) !== undefined : false;
      return { phoneNumber: phone.msisdn, country: phone.country, operator: resolution.operator, provider: resolution.provider, available, confidence: resolution.confidence, portability: resolution.portability };
    } catch (error) {
      if (error instanceof InvalidPhoneNumberError) throw Problem.field('phoneNumber', error.message);
      throw error;
    }
  }

  async balance(providerId: string) {
    const provider = this.registry.get(providerId);
    if (!provider) throw Problem.notFound(`Provider ${providerId}`);
    if (!provider.capabilities.operations.includes('balance')) throw new Problem(422, 'UNSUPPORTED_OPERATION', `${providerId} does not report balances`);
    const own = (await this.accounts.all()).filter((a) => a.provider === provider.id && a.active);
    const data = await Promise.all(
      own.map(async (account) => {
        try {
          const context = await this.accounts.context(account);
          const result = await provider.balance(context, this.accounts.accountCallbackUrl(account) ?? undefined);
          if (!result.pendingRequestId) return { account: presentAccount(account), balances: result.balances, error: null };
          // The operator answers by callback (Daraja): wait a little for it.
          const balances = await this.awaitBalanceAnswer(provider, context, result.pendingRequestId);
          if (balances) return { account: presentAccount(account), balances, error: null };
          return { account: presentAccount(account), balances: [], pendingRequestId: result.pendingRequestId, error: 'the operator has not answered yet; ask again shortly' };
        } catch (error) {
          const message = error instanceof ProviderConfigError ? `account misconfigured: ${error.message}` : (error as Error).message;
          return { account: presentAccount(account), balances: [], error: message.slice(0, 300) };
        }
      }),
    );
    return { provider: provider.id, data };
  }

  /** The balance answer stored by the callback intake (verdict 'balance', detail = request id), parsed again. */
  private async awaitBalanceAnswer(provider: PaymentProvider, account: ProviderAccountContext, requestId: string): Promise<WalletBalance[] | null> {
    const deadline = Date.now() + this.config.get('BALANCE_WAIT_MS');
    do {
      const rows: { method: string; path: string; headers: Record<string, string>; raw_body: Buffer; source_ip: string }[] = await this.db.query(
        `SELECT method, path, headers, raw_body, source_ip FROM provider_callbacks
         WHERE provider = $1 AND verdict = 'balance' AND verdict_detail = $2 ORDER BY received_at DESC LIMIT 1`,
        [provider.id, requestId],
      );
      if (rows[0]) {
        const row = rows[0];
        const query = Object.fromEntries(new URLSearchParams(row.path.split('?')[1] ?? ''));
        let body: unknown;
        try {
          body = JSON.parse(row.raw_body.toString('utf8'));
        } catch {
          return null;
        }
        const parsed = provider.parseCallback(account, { method: row.method, headers: row.headers, rawBody: row.raw_body, body, sourceIp: row.source_ip, query });
        return parsed.balances ?? [];
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < deadline);
    return null;
  }

  /** Success rate and latency of the provider calls recorded in the audit trail over the last minutes. */
  private async recentHealth() {
    const rows: { provider: string; calls: string; ok: string; p50: number | null; p95: number | null }[] = await this.db.query(
      `SELECT t.provider, count(*) AS calls,
              count(*) FILTER (WHERE a.detail->'error' = 'null'::jsonb AND (a.detail->'response'->>'status')::int < 500) AS ok,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY a.duration_ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY a.duration_ms) AS p95
       FROM audit_logs a JOIN transactions t ON t.id = a.transaction_id
       WHERE a.action LIKE 'provider.%' AND a.created_at > now() - make_interval(mins => $1)
       GROUP BY t.provider`,
      [HEALTH_WINDOW_MINUTES],
    );
    return new Map(
      rows.map((r) => [
        r.provider,
        {
          windowMinutes: HEALTH_WINDOW_MINUTES,
          calls: Number(r.calls),
          successRate: Number(r.calls) > 0 ? Number(r.ok) / Number(r.calls) : null,
          latencyMs: r.p50 === null ? null : { p50: Math.round(r.p50), p95: Math.round(r.p95 ?? r.p50) },
        },
      ]),
    );
  }
}

/** closed: every active account's circuit is closed; open: all are open; degraded: some are open; half-open: one is on trial. */
function circuitSummary(states: CircuitStateName[]): CircuitStateName | 'degraded' {
  if (states.length > 0 && states.every((s) => s === 'open')) return 'open';
  if (states.includes('half-open')) return 'half-open';
  return states.includes('open') ? 'degraded' : 'closed';
}

function presentAccount(a: ProviderAccountEntity) {
  return {
    id: a.id,
    name: a.name,
    environment: a.environment,
    countries: a.countries,
    currencies: a.currencies,
    priority: a.priority,
    active: a.active,
    limits: accountLimits(a.settings),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
