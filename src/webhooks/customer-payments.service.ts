import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { sha256Hex } from '../common/crypto/hashing';
import { InvalidAmountError, parseAmount } from '../common/money/money';
import { buildIpAllowlist } from '../common/net/ip-allowlist';
import { maskMsisdn } from '../common/phone/phone';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { CallbackParseError, CustomerPayment, CustomerPaymentDecision, CustomerPaymentSupport, ProviderAccountContext } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { newTransaction } from '../transactions/new-transaction';
import { ProviderCalls } from '../transactions/provider-calls';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionStateService } from '../transactions/transaction-state.service';
import { toRawCallback } from './callback.guards';
import { CallbackStore } from './callback-store.service';
import { CallbackVerdict } from './provider-callback.entity';

export type CustomerPaymentPhase = 'validation' | 'confirmation';

export interface CustomerPaymentAnswer {
  status: number;
  body: unknown;
}

/** `settings.customerPayments` of an account: the rule validation requests are judged by. */
interface ValidationRule {
  knownReferences?: string[];
  minAmount?: string;
  maxAmount?: string;
}

/**
 * Payments the customer starts on their own phone (Daraja C2B). Stored raw first; the account is
 * named by the URL's secret token and its IP allowlist applies. Validation is answered by the account's
 * rule; a confirmation creates one `succeeded` collection per operator receipt, however often it comes.
 */
@Injectable()
export class CustomerPaymentsService {
  private readonly logger = new Logger(CustomerPaymentsService.name);

  constructor(
    private readonly accounts: ProviderAccountsService,
    private readonly registry: ProviderRegistry,
    private readonly store: CallbackStore,
    private readonly state: TransactionStateService,
    private readonly calls: ProviderCalls,
  ) {}

  async handle(token: string, phase: string, req: Request): Promise<CustomerPaymentAnswer> {
    const raw = toRawCallback(req);
    const found = await this.accounts.findByCustomerPaymentToken(token);
    const provider = found ? this.registry.get(found.account.provider) : undefined;
    const callbackId = await this.store.receive(found?.account.provider ?? 'c2b', sha256Hex(token), raw, `/v1/webhooks/c2b/{token}/${phase.slice(0, 20)}`);
    const support = provider?.customerPayments;
    if (!found || !support) return this.refuse(callbackId, 'rejected_token', 401, 'Unknown customer-payment token');
    if (phase !== 'validation' && phase !== 'confirmation') return this.refuse(callbackId, 'unparseable', 404, `No such phase ${phase.slice(0, 20)}`);
    const allowlist = found.context.settings.callbackIpAllowlist;
    const listed = Array.isArray(allowlist) && allowlist.length > 0;
    // A confirmation is money on arrival and Daraja signs nothing: in production the source address must be checked.
    if (!listed && found.context.environment === 'production') {
      return this.refuse(callbackId, 'rejected_ip', 403, 'customer payments of a production account need settings.callbackIpAllowlist');
    }
    if (listed && !buildIpAllowlist(allowlist as string[]).allows(raw.sourceIp)) {
      return this.refuse(callbackId, 'rejected_ip', 403, `source ${raw.sourceIp} is not in the allowlist`);
    }
    let payment: CustomerPayment;
    try {
      payment = support.parseCustomerPayment(found.context, raw, phase);
    } catch (error) {
      if (!(error instanceof CallbackParseError)) throw error;
      await this.store.verdict(callbackId, 'unparseable', error.message);
      return phase === 'validation' ? support.customerPaymentAnswer(phase, { accept: false, reason: 'other' }) : { status: 400, body: { status: 'unparseable body (stored)' } };
    }
    if (phase === 'validation') {
      const decision = judge(found.context, payment);
      await this.store.verdict(callbackId, 'applied', decision.accept ? 'validation: accepted' : `validation: rejected (${decision.reason})`);
      return support.customerPaymentAnswer(phase, decision);
    }
    return this.confirm(callbackId, found.context, support, payment);
  }

  private async confirm(callbackId: string, account: ProviderAccountContext, support: CustomerPaymentSupport, payment: CustomerPayment): Promise<CustomerPaymentAnswer> {
    let amountMinor: bigint;
    try {
      amountMinor = parseAmount(payment.amount, payment.currency).minor;
    } catch (error) {
      if (!(error instanceof InvalidAmountError)) throw error;
      await this.store.verdict(callbackId, 'unparseable', `amount ${payment.amount.slice(0, 20)}: ${error.message}`);
      return { status: 400, body: { status: 'unparseable body (stored)' } };
    }
    const transaction = customerCollection(account, payment, amountMinor, (id) => this.calls.callbackToken(id));
    const stored = await this.state.createSettled(transaction, {
      action: 'transaction.created',
      actor: `provider:${account.provider}`,
      detail: { channel: 'customer', receipt: payment.receipt, shortcode: payment.shortcode, accountReference: payment.accountReference },
    });
    if (stored) await this.store.link(callbackId, stored.id);
    await this.store.verdict(callbackId, stored ? 'applied' : 'duplicate', stored ? undefined : `receipt ${payment.receipt} already recorded`);
    if (stored) this.logger.log(`customer payment ${payment.receipt} recorded as ${stored.id}`);
    return support.customerPaymentAnswer('confirmation', { accept: true });
  }

  private async refuse(callbackId: string, verdict: CallbackVerdict, status: number, detail: string): Promise<CustomerPaymentAnswer> {
    await this.store.verdict(callbackId, verdict, detail);
    return { status, body: { status: 'rejected', detail } };
  }
}

function judge(account: ProviderAccountContext, payment: CustomerPayment): CustomerPaymentDecision {
  const rule = (account.settings.customerPayments ?? {}) as ValidationRule;
  if (Array.isArray(rule.knownReferences) && rule.knownReferences.length > 0) {
    const reference = (payment.accountReference ?? '').trim().toUpperCase();
    if (!rule.knownReferences.some((known) => String(known).trim().toUpperCase() === reference)) return { accept: false, reason: 'account_reference' };
  }
  try {
    const amount = parseAmount(payment.amount, payment.currency).minor;
    if (rule.minAmount && amount < parseAmount(rule.minAmount, payment.currency).minor) return { accept: false, reason: 'amount' };
    if (rule.maxAmount && amount > parseAmount(rule.maxAmount, payment.currency).minor) return { accept: false, reason: 'amount' };
  } catch {
    return { accept: false, reason: 'amount' };
  }
  return { accept: true };
}

/** A collection the customer made: stored `succeeded` at once, with the operator's receipt. */
function customerCollection(account: ProviderAccountContext, payment: CustomerPayment, amountMinor: bigint, callbackTokenFor: (id: string) => string): TransactionEntity {
  const { transaction } = newTransaction({
    type: 'collection',
    amountMinor,
    currency: payment.currency,
    country: account.settings.country ? String(account.settings.country) : 'KE',
    // The operator masks or hashes the payer's number: keep only a short, masked form.
    msisdn: payerNumber(payment.msisdn),
    provider: account.provider,
    providerAccountId: account.id,
    reference: payment.accountReference?.slice(0, 64) ?? null,
    metadata: { channel: 'customer', shortcode: payment.shortcode, accountReference: payment.accountReference },
    apiKeyId: null,
    reconcileAfterSeconds: 0,
    // Its own secret callback URL, for later requests about it (a reversal's result).
    callbackTokenFor,
  });
  const now = new Date();
  return Object.assign(transaction, {
    status: 'succeeded',
    channel: 'customer',
    providerTransactionId: payment.receipt,
    nextReconcileAt: null,
    createdAt: payment.occurredAt ?? now,
    completedAt: now,
  } satisfies Partial<TransactionEntity>);
}

function payerNumber(msisdn: string | null): string {
  const compact = (msisdn ?? '').replace(/\s+/g, '');
  if (/^\d{9,15}$/.test(compact)) return maskMsisdn(compact).slice(0, 20);
  return /^[\d*]{6,20}$/.test(compact) ? compact : '';
}
