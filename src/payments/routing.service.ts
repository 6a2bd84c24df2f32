import { Injectable } from '@nestjs/common';
import { resolveOperator } from '../common/phone/operator-resolver';
import { Problem } from '../common/problem/problem';
import { limitViolation } from '../providers/accounts/account-limits';
import { ProviderAccountEntity } from '../providers/accounts/provider-account.entity';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { ProviderCircuits } from '../providers/circuits/provider-circuits.service';
import { PaymentProvider, ProviderId, ProviderOperation } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';

export interface RouteRequest {
  operation: ProviderOperation;
  provider?: ProviderId;
  country: string;
  currency: string;
  msisdn: string;
  /** When given, accounts whose limits exclude it are passed over. */
  amountMinor?: bigint;
}

export interface Route {
  provider: PaymentProvider;
  account: ProviderAccountEntity;
}

/** Picks the provider (explicit, or from the number's operator prefix) and the account that serves the route. */
@Injectable()
export class RoutingService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly accounts: ProviderAccountsService,
    private readonly circuits: ProviderCircuits,
  ) {}

  async route(request: RouteRequest): Promise<Route> {
    const providerId = request.provider ?? this.providerForNumber(request.msisdn, request.country);
    const provider = this.registry.get(providerId);
    if (!provider) throw new Problem(422, 'UNSUPPORTED_ROUTE', `Provider ${providerId} is not available in this gateway yet`);
    if (!provider.capabilities.operations.includes(request.operation)) {
      throw new Problem(422, 'UNSUPPORTED_OPERATION', `${providerId} does not support ${request.operation}`);
    }
    const candidates = await this.accounts.candidates(providerId, request.country, request.currency);
    if (candidates.length === 0) {
      throw new Problem(422, 'UNSUPPORTED_ROUTE', `No active ${providerId} account serves ${request.country} in ${request.currency}`);
    }
    const amount = request.amountMinor;
    const withinLimits = amount === undefined ? candidates : candidates.filter((a) => limitViolation(a.settings, request.currency, amount) === null);
    // A degraded account (open circuit) is passed over while another can serve; alone, it is tried (and not called).
    const account = withinLimits.find((a) => this.circuits.state(a.id) !== 'open') ?? withinLimits[0];
    if (!account) throw Problem.field('amount', limitViolation(candidates[0].settings, request.currency, amount as bigint) as string);
    return { provider, account };
  }

  private providerForNumber(msisdn: string, country: string): ProviderId {
    const resolution = resolveOperator(msisdn);
    if (resolution.provider) return resolution.provider;
    const operator = resolution.operator ? ` (${resolution.operator})` : '';
    throw new Problem(
      422,
      'UNSUPPORTED_ROUTE',
      resolution.confidence === 'unverified'
        ? `The operator of this ${country} number${operator} is not confirmed: name the provider explicitly`
        : `No supported provider for this ${country} number${operator}: name the provider explicitly or use another number`,
    );
  }
}
