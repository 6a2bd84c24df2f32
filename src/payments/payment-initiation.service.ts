import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AuthenticatedKey } from '../auth/auth.decorators';
import { Problem } from '../common/problem/problem';
import { AppConfig } from '../config/app-config';
import { PaymentProvider, ProviderOperation } from '../providers/provider.port';
import { ProviderCalls } from '../transactions/provider-calls';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { DEFERRED_INITIATE_JOB, DEFERRED_INITIATION_QUEUE, DeferredInitiationJob } from './deferred-initiation';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { newTransaction } from '../transactions/new-transaction';
import { parsePaymentInput } from './payment-input';
import { ProviderCallerService } from './provider-caller.service';
import { RoutingService } from './routing.service';

/**
 * Starts a collection or a disbursement: validate, route, store `pending` BEFORE calling the
 * provider, call it, apply its answer. The stored transaction is returned whatever the provider did.
 * An operator that holds its initiating call open for minutes (deferredOperations) is called from a
 * background job instead: the client gets `processing` at once.
 */
@Injectable()
export class PaymentInitiationService {
  private readonly logger = new Logger(PaymentInitiationService.name);

  constructor(
    private readonly routing: RoutingService,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
    private readonly caller: ProviderCallerService,
    private readonly calls: ProviderCalls,
    private readonly config: AppConfig,
    @InjectQueue(DEFERRED_INITIATION_QUEUE) private readonly deferred: Queue<DeferredInitiationJob>,
  ) {}

  async start(type: 'collection' | 'disbursement', dto: CreatePaymentDto, apiKey: AuthenticatedKey, idempotencyKey?: string): Promise<TransactionEntity> {
    const input = parsePaymentInput(dto.amount, dto.currency, dto.phoneNumber, dto.country);
    const operation: ProviderOperation = type === 'collection' ? 'collect' : 'disburse';
    const { provider, account } = await this.routing.route({
      operation,
      provider: dto.provider,
      country: input.phone.country,
      currency: input.currency,
      msisdn: input.phone.msisdn,
      amountMinor: input.amountMinor,
    });
    if (type === 'collection' && provider.capabilities.redirectsCustomer) requireRedirectUrls(provider, dto);
    const { transaction } = newTransaction({
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
      callbackTokenFor: (id) => this.calls.callbackToken(id),
    });
    const stored = await this.state.create(transaction, {
      action: 'transaction.created',
      actor: `api-key:${apiKey.id}`,
      detail: { provider: provider.id, providerAccountId: account.id, reference: transaction.reference },
    });
    // The same Idempotency-Key already created a transaction (its first request died mid-way): return it.
    if (!stored) return this.queries.getByIdempotencyKey(apiKey.id, idempotencyKey as string);
    const redirect = { returnUrl: dto.returnUrl ?? null, cancelUrl: dto.cancelUrl ?? null };
    if (provider.capabilities.deferredOperations?.includes(operation)) return this.defer(transaction, redirect);
    return this.caller.initiate(
      transaction,
      account,
      provider,
      (ctx, request) => (type === 'collection' ? provider.collect(ctx, request) : provider.disburse(ctx, request)),
      redirect,
    );
  }

  /**
   * `processing` first (the client may be told so), then the job. Should the queue refuse the job, the
   * call was provably never made: the transaction fails PROVIDER_UNAVAILABLE.
   */
  private async defer(transaction: TransactionEntity, redirect: Omit<DeferredInitiationJob, 'transactionId'>): Promise<TransactionEntity> {
    // Reconciliation leaves it alone while the long call may still be running.
    const firstLook = new Date(Date.now() + this.config.get('DEFERRED_CALL_GRACE_SECONDS') * 1000);
    await this.state.withLock(transaction.id, (locked) =>
      locked.transition('processing', 'gateway', { nextReconcileAt: firstLook }, { deferred: true, reason: 'the operator holds this call open; it runs in a background job' }),
    );
    try {
      await this.deferred.add(DEFERRED_INITIATE_JOB, { transactionId: transaction.id, ...redirect }, { jobId: `initiate-${transaction.id}`, attempts: 1, removeOnComplete: 1000, removeOnFail: 1000 });
    } catch (error) {
      this.logger.error(`could not queue the provider call of ${transaction.id}: ${(error as Error).message}`);
      await this.state.withLock(transaction.id, (locked) =>
        locked.transition('failed', 'gateway', { failureCode: 'PROVIDER_UNAVAILABLE', failureReason: 'the provider call could not be queued; it was never made' }),
      );
    }
    return this.queries.getById(transaction.id);
  }
}

function requireRedirectUrls(provider: PaymentProvider, dto: CreatePaymentDto): void {
  const missing = (['returnUrl', 'cancelUrl'] as const).filter((field) => !dto[field]);
  if (missing.length === 0) return;
  // The customer pays on the operator's page and comes back to these.
  throw Problem.validation(missing.map((field) => ({ field, message: `${field} is required by ${provider.id}: the customer pays on the operator's page` })));
}
