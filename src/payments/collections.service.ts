import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthenticatedKey } from '../auth/auth.decorators';
import { randomToken, sha256Hex } from '../common/crypto/hashing';
import { formatMinor } from '../common/money/money';
import { maskMsisdn } from '../common/phone/phone';
import { AppConfig } from '../config/app-config';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { PaymentRequest, ProviderConfigError, ProviderResult } from '../providers/provider.port';
import { OutcomeService } from '../transactions/outcome.service';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { parsePaymentInput } from './payment-input';
import { RoutingService } from './routing.service';

/**
 * Starts a collection: validate, route, store `pending` BEFORE calling the provider, call it, and
 * apply its answer through the one outcome path. The transaction is returned whatever the provider did.
 */
@Injectable()
export class CollectionsService {
  private readonly logger = new Logger(CollectionsService.name);

  constructor(
    private readonly routing: RoutingService,
    private readonly accounts: ProviderAccountsService,
    private readonly state: TransactionStateService,
    private readonly outcomes: OutcomeService,
    private readonly queries: TransactionsQueryService,
    private readonly config: AppConfig,
  ) {}

  async start(dto: CreatePaymentDto, apiKey: AuthenticatedKey, idempotencyKey?: string): Promise<TransactionEntity> {
    const input = parsePaymentInput(dto.amount, dto.currency, dto.phoneNumber, dto.country);
    const { provider, account } = await this.routing.route({
      operation: 'collect',
      provider: dto.provider,
      country: input.phone.country,
      currency: input.currency,
      msisdn: input.phone.msisdn,
    });

    const callbackToken = randomToken();
    const now = new Date();
    const transaction = Object.assign(new TransactionEntity(), {
      id: randomUUID(),
      type: 'collection',
      status: 'pending',
      amountMinor: input.amountMinor,
      currency: input.currency,
      country: input.phone.country,
      msisdn: input.phone.msisdn,
      provider: provider.id,
      providerAccountId: account.id,
      providerReference: null,
      providerTransactionId: null,
      reference: dto.reference ?? null,
      description: dto.description ?? null,
      metadata: dto.metadata ?? {},
      callbackUrl: dto.callbackUrl ?? null,
      callbackTokenHash: sha256Hex(callbackToken),
      failureCode: null,
      failureReason: null,
      refundedAmountMinor: 0n,
      parentId: null,
      nextAction: null,
      apiKeyId: apiKey.id,
      idempotencyKey: idempotencyKey ?? null,
      reconcileAttempts: 0,
      nextReconcileAt: new Date(now.getTime() + this.config.get('RECONCILE_AFTER_SECONDS') * 1000),
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      version: 1,
    } satisfies Partial<TransactionEntity>);

    const stored = await this.state.create(transaction, {
      action: 'transaction.created',
      actor: `api-key:${apiKey.id}`,
      detail: { provider: provider.id, providerAccountId: account.id, reference: transaction.reference },
    });
    if (!stored) {
      // The same Idempotency-Key already created a transaction (its first request died mid-way): return it.
      return this.queries.getByIdempotencyKey(apiKey.id, idempotencyKey as string);
    }

    const request: PaymentRequest = {
      transactionId: transaction.id,
      type: 'collection',
      amount: formatMinor(input.amountMinor, input.currency),
      amountMinor: input.amountMinor,
      currency: input.currency,
      country: transaction.country,
      msisdn: transaction.msisdn,
      reference: transaction.reference,
      description: transaction.description,
      callbackUrl: `${this.config.publicBaseUrl}/v1/webhooks/${provider.id}/${callbackToken}`,
    };
    const result = await this.callProvider(() => this.accounts.context(account).then((ctx) => provider.collect(ctx, request)));
    this.logger.log(`collection ${transaction.id} to ${maskMsisdn(transaction.msisdn)} via ${provider.id}: ${result.outcome.kind}`);
    const applied = await this.outcomes.apply(transaction.id, result.outcome, {
      source: 'initiation',
      actor: 'gateway',
      exchanges: result.exchanges,
    });
    return applied.transaction;
  }

  /** A provider module must never decide our fate by throwing: map surprises onto the safe outcomes. */
  private async callProvider(call: () => Promise<ProviderResult>): Promise<ProviderResult> {
    try {
      return await call();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ProviderConfigError) {
        return { outcome: { kind: 'rejected_unsent', reason: `provider account misconfigured: ${message}` }, exchanges: [] };
      }
      this.logger.error(`provider call threw: ${message}`);
      return { outcome: { kind: 'unknown', reason: `unexpected error: ${message}` }, exchanges: [] };
    }
  }
}
