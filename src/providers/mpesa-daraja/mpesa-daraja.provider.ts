// Safaricom M-Pesa Daraja (Kenya) behind the PaymentProvider port: wires the body builders, the client
// (HTTP) and the mapper (meaning). See README.md for every rule.
import { Injectable, Optional } from '@nestjs/common';
import { guardOutcome } from '../shared/guard-outcome';
import {
  BalanceResult,
  CustomerPaymentSupport,
  ParsedCallback,
  PaymentProvider,
  PaymentRequest,
  ProviderAccountContext,
  ProviderCapabilities,
  ProviderConfigError,
  ProviderId,
  ProviderOutcome,
  ProviderResult,
  RawCallback,
  ReversalRequest,
  StatusQuery,
} from '../provider.port';
import {
  BuildResult,
  DARAJA_CURRENCY,
  DARAJA_OPS,
  checkPayment,
  remarksFor,
  toAccountBalanceBody,
  toB2cBody,
  toReversalBody,
  toStkPushBody,
  toStkQueryBody,
  toTransactionStatusBody,
  usableCallbackUrl,
  wholeAmount,
  withOp,
} from './mpesa-daraja.bodies';
import { DarajaCustomerPayments } from './mpesa-daraja.c2b';
import { parseDarajaCallback } from './mpesa-daraja.callbacks';
import { DARAJA_PATHS, DarajaCallResult, MpesaDarajaClient } from './mpesa-daraja.client';
import { DARAJA_CREDENTIAL_FIELDS, DarajaAccountConfig, readDarajaConfig, requireB2cShortcode, requireInitiator } from './mpesa-daraja.config';
import { darajaTimestamp } from './mpesa-daraja.crypto';
import { mapAsyncRequestResult, mapStatusRequestResult, mapStkPushResult, mapStkQueryResult, readBalanceRequestId } from './mpesa-daraja.mapper';

@Injectable()
export class MpesaDarajaProvider implements PaymentProvider {
  readonly id = 'mpesa-daraja' as const satisfies ProviderId;
  readonly displayName = 'M-Pesa (Safaricom Kenya)';
  /**
   * partialRefunds reflects the default refundMethod 'b2c' (a B2C payment of any amount). An account on
   * refundMethod 'reversal' refunds the whole amount only: a partial refund then fails INVALID_AMOUNT.
   */
  readonly capabilities: ProviderCapabilities = {
    operations: ['collect', 'disburse', 'refund', 'status', 'balance', 'reverse'],
    callbackMethods: ['POST'],
    signsCallbacks: false,
    partialRefunds: true,
    customerPayments: true,
  };
  readonly credentialFields: readonly string[] = DARAJA_CREDENTIAL_FIELDS;
  readonly customerPayments: CustomerPaymentSupport;

  private readonly client: MpesaDarajaClient;

  constructor(@Optional() client?: MpesaDarajaClient) {
    this.client = client ?? new MpesaDarajaClient();
    this.customerPayments = new DarajaCustomerPayments(this.client);
  }

  /** STK Push. A request M-Pesa cannot take (currency, fractional amount, number) fails without a call. */
  async collect(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readDarajaConfig(account);
    return guardOutcome(async () => {
      const built = toStkPushBody(config, request, darajaTimestamp());
      if (!built.ok) return notBuilt(built);
      const result = await this.client.post(account, { operation: 'mpesa-daraja.stkpush', path: DARAJA_PATHS.stkPush, body: built.body, callbackUrls: [request.callbackUrl] });
      return { outcome: mapStkPushResult(result), exchanges: result.exchanges };
    });
  }

  /** B2C v3 to the request's number; OriginatorConversationID = our transaction id. */
  async disburse(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readDarajaConfig(account);
    return guardOutcome(() => this.b2c(account, config, request, request.msisdn, 'Payment', undefined));
  }

  /** refundMethod 'b2c' (default): a B2C payment to the original number; 'reversal': reverse the receipt. */
  async refund(account: ProviderAccountContext, request: PaymentRequest, original: StatusQuery): Promise<ProviderResult> {
    const config = readDarajaConfig(account);
    if (config.settings.refundMethod === 'b2c') {
      return guardOutcome(() => this.b2c(account, config, request, original.msisdn ?? request.msisdn, 'Refund', 'b2c'));
    }
    const initiator = requireInitiator(config, 'refund by reversal');
    return guardOutcome(async () => {
      const whole = wholeAmount(request.amount);
      const originalWhole = original.amount !== undefined ? wholeAmount(original.amount) : undefined;
      if (request.currency.toUpperCase() !== DARAJA_CURRENCY) return failed('PROVIDER_ERROR', `CURRENCY_MISMATCH: M-Pesa Kenya moves KES only, not ${request.currency}`);
      if (!whole) return failed('INVALID_AMOUNT', `AMOUNT_NOT_WHOLE: M-Pesa takes whole KES of at least 1 (got ${request.amount})`);
      // Same currency, so minor units compare directly; else the whole-shilling texts.
      const partial = original.amountMinor !== undefined ? request.amountMinor !== original.amountMinor : originalWhole !== undefined ? whole !== originalWhole : undefined;
      if (partial === undefined) return failed('PROVIDER_ERROR', 'ORIGINAL_AMOUNT_UNKNOWN: a Daraja reversal returns the whole original amount, which is not known here');
      if (partial) {
        return failed('INVALID_AMOUNT', `PARTIAL_REFUND_UNSUPPORTED: refundMethod 'reversal' returns the whole ${original.amount} KES, not ${request.amount}; use refundMethod 'b2c' for partial refunds`);
      }
      const receipt = original.providerTransactionId?.trim();
      if (!receipt) return failed('PROVIDER_ERROR', 'NO_RECEIPT: no M-Pesa receipt to reverse');
      if (!usableCallbackUrl(request.callbackUrl)) return failed('PROVIDER_ERROR', 'NO_CALLBACK_URL: a reversal result is posted to a ResultURL');
      const body = toReversalBody(initiator, {
        receipt,
        amount: whole,
        receiverParty: config.settings.shortcode,
        remarks: remarksFor(request.description ?? request.reference, 'Refund'),
        resultUrl: withOp(request.callbackUrl, DARAJA_OPS.refundReversal),
        queueTimeoutUrl: withOp(request.callbackUrl, DARAJA_OPS.timeout),
      });
      const result = await this.client.post(account, { operation: 'mpesa-daraja.reversal.refund', path: DARAJA_PATHS.reversal, body, callbackUrls: [request.callbackUrl] });
      return { outcome: withProviderData(mapAsyncRequestResult(result, 'Reversal'), { refundMethod: 'reversal' }), exchanges: result.exchanges };
    });
  }

  /**
   * Collections: STK Push Query by CheckoutRequestID (synchronous); without a CheckoutRequestID nothing can
   * be asked → unknown (never not_found: it would let reconciliation expire a push whose acceptance we may
   * have missed). Disbursements and refunds: Transaction Status, whose answer is POSTed to
   * `query.callbackUrl?op=status`: an accepted query is `unknown` until that answer arrives.
   */
  async status(account: ProviderAccountContext, query: StatusQuery): Promise<ProviderResult> {
    const config = readDarajaConfig(account);
    if (query.type === 'collection') {
      const checkoutRequestId = query.providerReference?.trim();
      if (!checkoutRequestId) return unknown('no CheckoutRequestID to query the STK Push by');
      return guardOutcome(async () => {
        const body = toStkQueryBody(config, checkoutRequestId, darajaTimestamp());
        const result = await this.client.post(account, { operation: 'mpesa-daraja.stkpushquery', path: DARAJA_PATHS.stkQuery, body });
        return { outcome: mapStkQueryResult(result, checkoutRequestId), exchanges: result.exchanges };
      });
    }
    const initiator = requireInitiator(config, 'status of a disbursement or refund');
    const byReversal = query.type === 'refund' && (query.providerData?.['refundMethod'] ?? config.settings.refundMethod) === 'reversal';
    const partyA = byReversal ? config.settings.shortcode : requireB2cShortcode(config, 'status of a B2C payment');
    const receipt = query.providerTransactionId?.trim() || undefined;
    const conversationId = query.providerReference?.trim() || undefined;
    if (!usableCallbackUrl(query.callbackUrl)) return unknown('Daraja Transaction Status answers by callback, and no callbackUrl was given');
    if (!receipt && !conversationId) return unknown('no M-Pesa receipt or ConversationID to query Transaction Status by');
    const callbackUrl = query.callbackUrl;
    return guardOutcome(async () => {
      const body = toTransactionStatusBody(initiator, {
        ...(receipt ? { receipt } : { conversationId }),
        partyA,
        resultUrl: withOp(callbackUrl, DARAJA_OPS.status),
        queueTimeoutUrl: withOp(callbackUrl, DARAJA_OPS.statusTimeout),
      });
      const result = await this.client.post(account, { operation: 'mpesa-daraja.transactionstatus', path: DARAJA_PATHS.transactionStatus, body, callbackUrls: [callbackUrl] });
      return { outcome: mapStatusRequestResult(result), exchanges: result.exchanges };
    });
  }

  /** Account Balance: the result is POSTed to `callbackUrl?op=balance`; balances are [] here. */
  async balance(account: ProviderAccountContext, callbackUrl?: string): Promise<BalanceResult> {
    const config = readDarajaConfig(account);
    if (!usableCallbackUrl(callbackUrl)) throw new ProviderConfigError(`mpesa-daraja account ${account.id}: Daraja posts balances to a callback URL; balance() needs one`);
    const initiator = requireInitiator(config, 'balance');
    const partyA = requireB2cShortcode(config, 'balance');
    const body = toAccountBalanceBody(initiator, partyA, withOp(callbackUrl, DARAJA_OPS.balance), withOp(callbackUrl, DARAJA_OPS.balanceTimeout));
    const result = await this.client.post(account, { operation: 'mpesa-daraja.accountbalance', path: DARAJA_PATHS.accountBalance, body, callbackUrls: [callbackUrl] });
    const pendingRequestId = readBalanceRequestId(result, result.exchanges);
    return { balances: [], exchanges: result.exchanges, pendingRequestId };
  }

  /** Reversal of a receipt (whole amount); the result is POSTed to `callbackUrl?op=reversal`. */
  async reverse(account: ProviderAccountContext, request: ReversalRequest): Promise<ProviderResult> {
    const config = readDarajaConfig(account);
    const initiator = requireInitiator(config, 'reverse');
    const receiverParty = request.type === 'collection' ? config.settings.shortcode : requireB2cShortcode(config, 'reversal of a B2C payment');
    return guardOutcome(async () => {
      const receipt = request.providerTransactionId?.trim();
      if (!receipt) return failed('PROVIDER_ERROR', 'NO_RECEIPT: no M-Pesa receipt to reverse');
      const amount = wholeAmount(request.amount);
      if (!amount) return failed('INVALID_AMOUNT', `AMOUNT_NOT_WHOLE: M-Pesa takes whole KES of at least 1 (got ${request.amount})`);
      if (!usableCallbackUrl(request.callbackUrl)) return failed('PROVIDER_ERROR', 'NO_CALLBACK_URL: a reversal result is posted to a ResultURL');
      const body = toReversalBody(initiator, {
        receipt,
        amount,
        receiverParty,
        remarks: remarksFor(request.reason, 'Reversal'),
        resultUrl: withOp(request.callbackUrl, DARAJA_OPS.reversal),
        queueTimeoutUrl: withOp(request.callbackUrl, DARAJA_OPS.reversalTimeout),
      });
      const result = await this.client.post(account, { operation: 'mpesa-daraja.reversal', path: DARAJA_PATHS.reversal, body, callbackUrls: [request.callbackUrl] });
      return { outcome: mapAsyncRequestResult(result, 'Reversal'), exchanges: result.exchanges };
    });
  }

  /** Checked when an admin saves an account: names every missing or malformed setting and credential. */
  validateAccount(account: ProviderAccountContext): void {
    readDarajaConfig(account);
  }

  parseCallback(_account: ProviderAccountContext, callback: RawCallback): ParsedCallback {
    return parseDarajaCallback(callback);
  }

  /** One B2C v3 payment (disbursement, or refund by B2C). Config problems throw before any call. */
  private async b2c(
    account: ProviderAccountContext,
    config: DarajaAccountConfig,
    request: PaymentRequest,
    msisdn: string,
    fallbackRemarks: string,
    refundMethod: 'b2c' | undefined,
  ): Promise<ProviderResult> {
    const initiator = requireInitiator(config, request.type === 'refund' ? 'refund by B2C' : 'disburse');
    const partyA = requireB2cShortcode(config, request.type === 'refund' ? 'refund by B2C' : 'disburse');
    const checked = checkPayment({ ...request, msisdn });
    if (!checked.ok) return notBuilt(checked);
    if (!usableCallbackUrl(request.callbackUrl)) return failed('PROVIDER_ERROR', 'NO_CALLBACK_URL: a B2C result is posted to a ResultURL');
    const body = toB2cBody(config, initiator, partyA, {
      originatorConversationId: request.transactionId,
      amount: checked.body.amount,
      msisdn: checked.body.msisdn,
      remarks: remarksFor(request.description ?? request.reference, fallbackRemarks),
      occasion: remarksFor(request.reference, ''),
      resultUrl: withOp(request.callbackUrl, DARAJA_OPS.b2c),
      queueTimeoutUrl: withOp(request.callbackUrl, DARAJA_OPS.timeout),
    });
    const operation = refundMethod ? 'mpesa-daraja.b2c.refund' : 'mpesa-daraja.b2c';
    const result: DarajaCallResult = await this.client.post(account, { operation, path: DARAJA_PATHS.b2c, body, callbackUrls: [request.callbackUrl] });
    const outcome = mapAsyncRequestResult(result, 'B2C');
    return { outcome: refundMethod ? withProviderData(outcome, { refundMethod }) : outcome, exchanges: result.exchanges };
  }
}

function failed(failureCode: Extract<ProviderOutcome, { kind: 'failed' }>['failureCode'], failureReason: string): ProviderResult {
  return { outcome: { kind: 'failed', failureCode, failureReason }, exchanges: [] };
}

function unknown(reason: string): ProviderResult {
  return { outcome: { kind: 'unknown', reason }, exchanges: [] };
}

function notBuilt(built: Extract<BuildResult<unknown>, { ok: false }>): ProviderResult {
  return failed(built.failureCode, built.reason);
}

/** Adds values to keep (refundMethod) to an accepted outcome. */
function withProviderData(outcome: ProviderOutcome, data: Record<string, string>): ProviderOutcome {
  return outcome.kind === 'accepted' ? { ...outcome, providerData: { ...(outcome.providerData ?? {}), ...data } } : outcome;
}

