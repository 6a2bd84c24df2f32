import { Injectable, Logger } from '@nestjs/common';
import { Problem } from '../common/problem/problem';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { ProviderConfigError, ProviderResult } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { OutcomeService } from '../transactions/outcome.service';
import { ProviderCalls } from '../transactions/provider-calls';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { TransactionsQueryService } from '../transactions/transactions-query.service';

const REVERSAL_ACTIONS = ['reversal.requested', 'reversal.accepted', 'reversal.failed', 'reversal.unsettled'];
const IN_FLIGHT = ['reversal.requested', 'reversal.accepted'];
/** After this, an unanswered reversal may be asked for again (the operator reports "already reversed" as such). */
const IN_FLIGHT_MS = 10 * 60 * 1000;

/**
 * Asks the operator to reverse a succeeded transaction (the whole amount). Operators that answer at
 * once (Vodacom) make it `reversed` now; Daraja answers by callback to the transaction's secret URL.
 * A lost answer leaves the transaction `succeeded`: asking again is safe, since an operator reports an
 * already reversed transaction as such, which counts as reversed.
 */
@Injectable()
export class ReversalsService {
  private readonly logger = new Logger(ReversalsService.name);

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly accounts: ProviderAccountsService,
    private readonly state: TransactionStateService,
    private readonly queries: TransactionsQueryService,
    private readonly calls: ProviderCalls,
    private readonly outcomes: OutcomeService,
  ) {}

  async reverse(id: string, actor: string, reason: string | null): Promise<TransactionEntity> {
    const transaction = await this.queries.getById(id);
    const provider = this.registry.get(transaction.provider);
    if (!provider?.reverse || !provider.capabilities.operations.includes('reverse')) {
      throw new Problem(422, 'UNSUPPORTED_OPERATION', `${transaction.provider} does not support reversals`);
    }
    if (transaction.status !== 'succeeded' || transaction.type === 'refund') {
      throw new Problem(409, 'INVALID_STATE', `Only a succeeded collection or disbursement can be reversed; this is a ${transaction.status} ${transaction.type}`);
    }
    if (transaction.refundedAmountMinor > 0n || (await this.queries.hasLiveRefunds(transaction.id))) {
      throw new Problem(409, 'INVALID_STATE', 'This collection has refunds: reversing it too would return the money twice');
    }
    // One reversal request at a time: a second admin click while the operator has not answered gets 409.
    await this.state.withLock(id, async (locked) => {
      if (locked.transaction.status !== 'succeeded') throw new Problem(409, 'INVALID_STATE', `This transaction is ${locked.transaction.status}`);
      const last = await this.queries.lastEvent(id, REVERSAL_ACTIONS);
      if (last && IN_FLIGHT.includes(last.action) && Date.now() - last.createdAt.getTime() < IN_FLIGHT_MS) {
        throw new Problem(409, 'INVALID_STATE', 'A reversal of this transaction is already in progress; its result is awaited');
      }
      await locked.audit({ action: 'reversal.requested', actor, detail: { reason } });
    });
    const query = this.calls.statusQuery(transaction);
    const request = { ...query, amount: query.amount as string, amountMinor: transaction.amountMinor, currency: transaction.currency, msisdn: transaction.msisdn, reason };
    let result: ProviderResult;
    try {
      result = await provider.reverse(await this.accounts.context(transaction.providerAccountId), request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ProviderConfigError)) this.logger.error(`reversal of ${id} threw: ${message}`);
      result = { outcome: { kind: 'unknown', reason: message }, exchanges: [] };
    }
    await this.outcomes.applyReversal(id, result.outcome, { actor, exchanges: result.exchanges, detail: { source: 'admin' } });
    return this.queries.getById(id);
  }
}
