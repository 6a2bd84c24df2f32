import { Injectable } from '@nestjs/common';
import { AuthenticatedKey } from '../auth/auth.decorators';
import { InvalidAmountError, parseAmount } from '../common/money/money';
import { Problem } from '../common/problem/problem';
import { AppConfig } from '../config/app-config';
import { ProviderRegistry } from '../providers/provider.registry';
import { ProviderCalls } from '../transactions/provider-calls';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { CreateRefundDto } from './dto/create-refund.dto';
import { newTransaction } from '../transactions/new-transaction';
import { ProviderCallerService } from './provider-caller.service';

/** Refunds all or part of a succeeded collection, through the same account that collected it. */
@Injectable()
export class RefundsService {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
    private readonly caller: ProviderCallerService,
    private readonly config: AppConfig,
    private readonly calls: ProviderCalls,
  ) {}

  async start(originalId: string, dto: CreateRefundDto, apiKey: AuthenticatedKey, idempotencyKey?: string): Promise<TransactionEntity> {
    const original = await this.queries.getById(originalId);
    const provider = this.registry.get(original.provider);
    if (!provider || !provider.capabilities.operations.includes('refund')) {
      throw new Problem(422, 'UNSUPPORTED_OPERATION', `${original.provider} does not support refunds`);
    }
    let amountMinor = original.amountMinor - original.refundedAmountMinor; // checked again under lock
    if (dto.amount !== undefined) {
      try {
        amountMinor = parseAmount(dto.amount, original.currency).minor;
      } catch (error) {
        if (error instanceof InvalidAmountError) throw Problem.field('amount', error.message);
        throw error;
      }
    }
    if (amountMinor <= 0n) throw new Problem(422, 'REFUND_EXCEEDS_AMOUNT', 'Nothing of this collection is left to refund');
    if (provider.capabilities.partialRefunds === false && amountMinor !== original.amountMinor) {
      throw new Problem(422, 'UNSUPPORTED_OPERATION', `${provider.id} refunds only the whole amount of a collection, once`);
    }
    const { transaction } = newTransaction({
      type: 'refund',
      amountMinor,
      currency: original.currency,
      country: original.country,
      msisdn: original.msisdn,
      provider: original.provider,
      providerAccountId: original.providerAccountId,
      reference: dto.reference ?? original.reference,
      description: dto.description,
      metadata: dto.metadata,
      callbackUrl: dto.callbackUrl ?? original.callbackUrl,
      parentId: original.id,
      apiKeyId: apiKey.id,
      idempotencyKey,
      reconcileAfterSeconds: this.config.get('RECONCILE_AFTER_SECONDS'),
      callbackTokenFor: (id) => this.calls.callbackToken(id),
    });
    const stored = await this.state.createRefund(transaction, {
      action: 'transaction.created',
      actor: `api-key:${apiKey.id}`,
      detail: { refundOf: original.id, provider: provider.id },
    });
    if (!stored) return this.queries.getByIdempotencyKey(apiKey.id, idempotencyKey as string);
    const originalQuery = this.calls.statusQuery(original);
    return this.caller.initiate(transaction, original.providerAccountId, provider, (ctx, request) => provider.refund(ctx, request, originalQuery));
  }
}
