import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { sha256Hex } from '../common/crypto/hashing';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { CallbackParseError, ParsedCallback, RawCallback } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { OutcomeService } from '../transactions/outcome.service';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { CallbackVerdict, ProviderCallbackEntity } from './provider-callback.entity';

export interface CallbackAnswer {
  status: number;
  verdict: CallbackVerdict;
}

const REDACTED_HEADERS = /^(authorization|cookie|x-api-key|x-signature|x-key)$/i;

/**
 * Inbound provider callbacks: store raw first, then check the per-transaction token, parse, and
 * (providers do not sign) confirm with a status query before anything moves. Duplicates are safe
 * because the state change is a row-locked compare-and-set.
 */
@Injectable()
export class CallbacksService {
  private readonly logger = new Logger(CallbacksService.name);

  constructor(
    @InjectRepository(ProviderCallbackEntity) private readonly callbacks: Repository<ProviderCallbackEntity>,
    @InjectRepository(TransactionEntity) private readonly transactions: Repository<TransactionEntity>,
    private readonly registry: ProviderRegistry,
    private readonly accounts: ProviderAccountsService,
    private readonly outcomes: OutcomeService,
    private readonly state: TransactionStateService,
  ) {}

  async receive(providerId: string, token: string, raw: RawCallback): Promise<CallbackAnswer> {
    const tokenHash = sha256Hex(token);
    const stored = await this.callbacks.save(
      this.callbacks.create({
        provider: providerId.slice(0, 32),
        method: raw.method,
        path: `/v1/webhooks/${providerId}/{token}`.slice(0, 512),
        tokenHash,
        sourceIp: raw.sourceIp.slice(0, 64),
        headers: raw.headers,
        rawBody: raw.rawBody,
        verdict: 'received',
      }),
    );
    let answer: CallbackAnswer & { detail?: string; transactionId?: string };
    try {
      answer = await this.process(providerId, tokenHash, raw);
    } catch (error) {
      // Stored already; reconciliation will settle the transaction. The provider must not see a 500.
      this.logger.error(`callback ${stored.id} processing failed: ${(error as Error).message}`);
      answer = { status: 200, verdict: 'error', detail: 'processing failed; reconciliation will settle it' };
    }
    await this.callbacks.update(
      { id: stored.id },
      { verdict: answer.verdict, verdictDetail: answer.detail?.slice(0, 512) ?? null, transactionId: answer.transactionId ?? null, processedAt: new Date() },
    );
    return { status: answer.status, verdict: answer.verdict };
  }

  private async process(providerId: string, tokenHash: string, raw: RawCallback) {
    const provider = this.registry.get(providerId);
    if (!provider) return { status: 404, verdict: 'unknown_provider' as const, detail: `no provider ${providerId}` };
    const transaction = await this.transactions.findOne({ where: { callbackTokenHash: tokenHash, provider: provider.id } });
    if (!transaction) return { status: 401, verdict: 'rejected_token' as const, detail: 'unknown callback token' };
    const transactionId = transaction.id;
    const account = await this.accounts.context(transaction.providerAccountId);

    let claim: ParsedCallback;
    try {
      if (raw.body === undefined) throw new CallbackParseError('body is not JSON');
      claim = provider.parseCallback(account, raw);
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      await this.state.recordEvent(transactionId, { action: 'callback.unparseable', actor: `provider:${provider.id}`, detail: { error: error.message } });
      return { status: 400, verdict: 'unparseable' as const, detail: error.message, transactionId };
    }
    await this.state.recordEvent(transactionId, {
      action: 'callback.received',
      actor: `provider:${provider.id}`,
      detail: { claim: claim.outcome, signed: provider.capabilities.signsCallbacks, headers: redactHeaders(raw.headers) },
    });

    // Unsigned callbacks are hints: the provider's status answer is what gets applied.
    const confirmation = await provider.status(account, {
      transactionId,
      type: transaction.type,
      providerReference: transaction.providerReference,
      createdAt: transaction.createdAt,
    });
    const applied = await this.outcomes.apply(transactionId, confirmation.outcome, {
      source: 'callback',
      actor: `provider:${provider.id}`,
      exchanges: confirmation.exchanges,
      detail: { confirmedBy: 'status-query', claimed: claim.outcome.kind },
    });
    if (applied.verdict === 'applied') return { status: 200, verdict: 'applied' as const, transactionId };
    if (applied.verdict === 'conflict') return { status: 200, verdict: 'conflict' as const, transactionId, detail: 'contradicts a settled transaction' };
    if (applied.verdict === 'duplicate') return { status: 200, verdict: 'duplicate' as const, transactionId };
    // The status query did not confirm the claim (yet): look again soon instead of waiting for the backoff.
    await this.state.withLock(transactionId, async (locked) => {
      if (locked.transaction.status === 'pending' || locked.transaction.status === 'processing') {
        await locked.patch({ nextReconcileAt: new Date(Date.now() + 2000) });
      }
    });
    return { status: 200, verdict: 'unconfirmed' as const, transactionId, detail: `status query answered ${confirmation.outcome.kind}` };
  }
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, REDACTED_HEADERS.test(k) ? '[redacted]' : v]));
}
