import { Injectable, Logger } from '@nestjs/common';
import { formatMinor } from '../common/money/money';
import { maskMsisdn } from '../common/phone/phone';
import { ProviderAccountEntity } from '../providers/accounts/provider-account.entity';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { ProviderCircuits } from '../providers/circuits/provider-circuits.service';
import { PaymentProvider, PaymentRequest, ProviderAccountContext, ProviderConfigError, ProviderResult } from '../providers/provider.port';
import { OutcomeService } from '../transactions/outcome.service';
import { ProviderCalls } from '../transactions/provider-calls';
import { TransactionEntity } from '../transactions/transaction.entity';

/** Browser return addresses, for providers whose customer pays on the operator's page. */
export interface RedirectUrls {
  returnUrl?: string | null;
  cancelUrl?: string | null;
}

/**
 * Calls the provider for a stored `pending` transaction and applies its answer through the one
 * outcome path. Whatever the provider module does (even throw), the transaction ends in a safe state.
 */
@Injectable()
export class ProviderCallerService {
  private readonly logger = new Logger(ProviderCallerService.name);

  constructor(
    private readonly accounts: ProviderAccountsService,
    private readonly outcomes: OutcomeService,
    private readonly calls: ProviderCalls,
    private readonly circuits: ProviderCircuits,
  ) {}

  async initiate(
    transaction: TransactionEntity,
    account: ProviderAccountEntity | string,
    provider: PaymentProvider,
    call: (account: ProviderAccountContext, request: PaymentRequest) => Promise<ProviderResult>,
    redirect: RedirectUrls = {},
  ): Promise<TransactionEntity> {
    const request: PaymentRequest = {
      transactionId: transaction.id,
      type: transaction.type,
      amount: formatMinor(transaction.amountMinor, transaction.currency),
      amountMinor: transaction.amountMinor,
      currency: transaction.currency,
      country: transaction.country,
      msisdn: transaction.msisdn,
      reference: transaction.reference,
      description: transaction.description,
      callbackUrl: this.calls.callbackUrl(transaction),
      returnUrl: redirect.returnUrl ?? null,
      cancelUrl: redirect.cancelUrl ?? null,
    };
    const accountId = typeof account === 'string' ? account : account.id;
    const result = await this.safely(async () => {
      const context = await this.accounts.context(account);
      // An account whose circuit is open is not called: the request provably never left.
      return (await this.circuits.run(accountId, () => call(context, request))) ?? circuitOpen(provider.id);
    });
    this.logger.log(`${transaction.type} ${transaction.id} to ${maskMsisdn(transaction.msisdn)} via ${provider.id}: ${result.outcome.kind}`);
    const applied = await this.outcomes.apply(transaction.id, result.outcome, { source: 'initiation', actor: 'gateway', exchanges: result.exchanges });
    return applied.transaction;
  }

  /** A provider module must never decide our fate by throwing: map surprises onto the safe outcomes. */
  private async safely(call: () => Promise<ProviderResult>): Promise<ProviderResult> {
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

function circuitOpen(provider: string): ProviderResult {
  return { outcome: { kind: 'rejected_unsent', reason: `${provider} is failing (circuit open): the request was not sent` }, exchanges: [] };
}
