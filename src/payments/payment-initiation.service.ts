import { Injectable } from '@nestjs/common';
import { AuthenticatedKey } from '../auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { newTransaction } from './new-transaction';
import { parsePaymentInput } from './payment-input';
import { ProviderCallerService } from './provider-caller.service';
import { RoutingService } from './routing.service';

/**
 * Starts a collection or a disbursement: validate, route, store `pending` BEFORE calling the
 * provider, call it, apply its answer. The stored transaction is returned whatever the provider did.
 */
@Injectable()
export class PaymentInitiationService {
  constructor(
    private readonly routing: RoutingService,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
    private readonly caller: ProviderCallerService,
    private readonly config: AppConfig,
  ) {}

  async start(type: 'collection' | 'disbursement', dto: CreatePaymentDto, apiKey: AuthenticatedKey, idempotencyKey?: string): Promise<TransactionEntity> {
    const input = parsePaymentInput(dto.amount, dto.currency, dto.phoneNumber, dto.country);
    const { provider, account } = await this.routing.route({
      operation: type === 'collection' ? 'collect' : 'disburse',
      provider: dto.provider,
      country: input.phone.country,
      currency: input.currency,
      msisdn: input.phone.msisdn,
      amountMinor: input.amountMinor,
    });
    const { transaction, callbackToken } = newTransaction({
      type,
      amountMinor: input.amountMinor,
      currency: input.currency,
      country: input.phone.country,
      msisdn: input.phone.msisdn,
      provider: provider.id,
      providerAccountId: account.id,
      reference: dto.reference,
      description: dto.description,
      metadata: dto.metadata,
      callbackUrl: dto.callbackUrl,
      apiKeyId: apiKey.id,
      idempotencyKey,
      reconcileAfterSeconds: this.config.get('RECONCILE_AFTER_SECONDS'),
    });
    const stored = await this.state.create(transaction, {
      action: 'transaction.created',
      actor: `api-key:${apiKey.id}`,
      detail: { provider: provider.id, providerAccountId: account.id, reference: transaction.reference },
    });
    // The same Idempotency-Key already created a transaction (its first request died mid-way): return it.
    if (!stored) return this.queries.getByIdempotencyKey(apiKey.id, idempotencyKey as string);
    return this.caller.initiate(transaction, account, callbackToken, provider, (ctx, request) =>
      type === 'collection' ? provider.collect(ctx, request) : provider.disburse(ctx, request),
    );
  }
}
