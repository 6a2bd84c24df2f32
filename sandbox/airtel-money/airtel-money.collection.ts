// Collection (fact sheet §4–§6): USSD push POST /merchant/v1/payments/ (v2 the same with signing),
// enquiry GET /standard/v1/payments/{id}, refund POST /standard/v1/payments/refund (v2 with signing)
// and the refund's enquiry GET /standard/v1/payments/refund/{airtel_money_id} (a sandbox addition).
// A refund is decided and final at its POST.
import { type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { authorize, field, objectBody, type AirtelCaller } from './airtel-money.auth';
import type { AirtelCallbackSender } from './airtel-money.callbacks';
import { refuse, sendGatewayError, sendSuccess } from './airtel-money.codes';
import { parseAmount } from './airtel-money.countries';
import { enquiryTransaction, shownCode, shownStatus, type AirtelPayment, type AirtelRefund } from './airtel-money.records';
import { collectionScenario } from './airtel-money.scenarios';
import type { AirtelMoneyState } from './airtel-money.state';
import { checkAmountField, checkCountryFields, checkMsisdnField, checkReference, checkTransactionId } from './airtel-money.validation';

const NOT_FOUND = { resultCode: 'ESB000045', responseCode: 'DP00800001025', message: 'No Transaction Found With Provided Transaction Id.' };

function visibleTo(record: { clientId: string; country: string }, caller: AirtelCaller): boolean {
  return record.clientId === caller.app.clientId && record.country === caller.country.code;
}

function pushHandler(ctx: OperatorContext, state: AirtelMoneyState, callbacks: AirtelCallbackSender, signingRequired: boolean) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorize(req, res, state, 'collection', signingRequired);
    if (!caller) return;
    const body = objectBody(req, res);
    if (!body) return;
    const subscriber = field(body, 'subscriber');
    const transaction = field(body, 'transaction');
    const reference = checkReference(body.reference);
    if (!reference.ok) return refuse(res, reference.refusal);
    const msisdn = checkMsisdnField(subscriber.msisdn, caller.country);
    if (!msisdn.ok) return refuse(res, msisdn.refusal);
    const mismatch = checkCountryFields(subscriber, caller.country, 'subscriber') ?? checkCountryFields(transaction, caller.country, 'transaction');
    if (mismatch) return refuse(res, mismatch);
    const amount = checkAmountField(transaction.amount, caller.country, 'DP00800001004');
    if (!amount.ok) return refuse(res, amount.refusal);
    const id = checkTransactionId(transaction.id);
    if (!id.ok) return refuse(res, id.refusal);

    const existing = state.payments.get(id.value);
    if (existing) {
      existing.postCount++;
      return refuse(res, { resultCode: 'ESB000041' });
    }

    const scenario = collectionScenario(msisdn.value);
    const createdAt = Date.now();
    const payment: AirtelPayment = {
      kind: 'payment',
      id: id.value,
      clientId: caller.app.clientId,
      country: caller.country.code,
      currency: caller.country.currency,
      createdAt,
      requestHeaders: caller.headers,
      requestBody: body,
      path: req.path,
      signed: caller.signed,
      msisdn: msisdn.value,
      amount: transaction.amount,
      amountMinor: amount.value,
      reference: reference.value,
      scenario,
      initialStatus: scenario.initialStatus,
      finalAt: createdAt + scenario.finalAfter(ctx.options),
      decided: null,
      airtelMoneyId: state.newAirtelId('MP', createdAt),
      postCount: 1,
      callbacks: [],
      refundedMinor: 0n,
      refunds: [],
    };
    state.addPayment(payment);
    callbacks.schedule(payment);

    const answer = (): void => sendSuccess(res, { transaction: { id: payment.id, status: 'SUCCESS' } }, 'DP00800001006');
    if (scenario.html500) return sendGatewayError(res);
    if (scenario.hang) {
      const timer = ctx.timers.after(ctx.options.hangMs, answer);
      res.on('close', () => ctx.timers.cancel(timer));
      return;
    }
    answer();
  };
}

function enquiryHandler(state: AirtelMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorize(req, res, state, 'collection');
    if (!caller) return;
    const payment = state.payments.get(req.params.id ?? '');
    if (!payment || !visibleTo(payment, caller)) return refuse(res, NOT_FOUND);
    sendSuccess(res, { transaction: enquiryTransaction(payment) }, shownCode(payment).responseCode);
  };
}

function refundHandler(state: AirtelMoneyState, signingRequired: boolean) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorize(req, res, state, 'collection', signingRequired);
    if (!caller) return;
    const body = objectBody(req, res);
    if (!body) return;
    const transaction = field(body, 'transaction');
    const airtelMoneyId = transaction.airtel_money_id;
    if (typeof airtelMoneyId !== 'string' || airtelMoneyId.trim() === '') {
      return refuse(res, { resultCode: 'ESB000008', message: 'transaction.airtel_money_id is mandatory' });
    }
    const payment = state.paymentsByAirtelId.get(airtelMoneyId);
    if (!payment || !visibleTo(payment, caller)) return refuse(res, NOT_FOUND);
    if (shownStatus(payment) !== 'TS') {
      return refuse(res, { resultCode: 'ESB000011', responseCode: 'DP00800001008', message: `Refund refused: the transaction is ${shownStatus(payment)}, only a TS collection can be refunded` });
    }
    if (transaction.amount !== undefined) {
      const asked = parseAmount(transaction.amount, caller.country.exponent);
      if (!asked.ok || asked.minor !== payment.amountMinor) {
        return refuse(res, { resultCode: 'ESB000008', responseCode: 'DP00800001004', message: 'Refund refused: only full refunds are supported (amount must be the collected amount)' });
      }
    }
    // Full refunds only: after one, nothing of the amount is left to refund.
    if (payment.refundedMinor > 0n) {
      return refuse(res, { resultCode: 'ESB000011', responseCode: 'DP00800001008', message: 'Refund refused: the transaction has already been refunded' });
    }
    if (!state.debit('collection', payment.country, payment.amountMinor)) {
      return refuse(res, { resultCode: 'ESB000011', responseCode: 'DP00800001007', message: 'Refund refused: not enough balance in the collection wallet' });
    }
    payment.refundedMinor += payment.amountMinor;
    const createdAt = Date.now();
    const refund: AirtelRefund = {
      kind: 'refund',
      airtelMoneyId: state.newAirtelId('CI', createdAt),
      clientId: caller.app.clientId,
      country: caller.country.code,
      currency: caller.country.currency,
      createdAt,
      requestHeaders: caller.headers,
      requestBody: body,
      path: req.path,
      signed: caller.signed,
      paymentId: payment.id,
      paymentAirtelMoneyId: payment.airtelMoneyId,
      amountMinor: payment.amountMinor,
      initialStatus: 'TIP',
      finalAt: createdAt,
      decided: { status: 'TS', responseCode: 'DP00800001001', message: 'Refund processed successfully' },
    };
    payment.refunds.push(refund.airtelMoneyId);
    state.addRefund(refund);
    // The documented answer: SUCCESS + ESB000010 and no response_code. The refund is final here (a fixture
    // shows DP00800001006 "in process", which would send a client to an enquiry Airtel does not document).
    sendSuccess(res, { transaction: { airtel_money_id: refund.airtelMoneyId, status: 'SUCCESS' } }, undefined);
  };
}

function refundEnquiryHandler(state: AirtelMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    const caller = authorize(req, res, state, 'collection');
    if (!caller) return;
    const refund = state.refunds.get(req.params.airtelMoneyId ?? '');
    if (!refund || !visibleTo(refund, caller)) return refuse(res, NOT_FOUND);
    sendSuccess(res, { transaction: enquiryTransaction(refund) }, shownCode(refund).responseCode);
  };
}

export function registerAirtelCollection(ctx: OperatorContext, state: AirtelMoneyState, callbacks: AirtelCallbackSender): void {
  // Documented with the trailing slash; accepted without too. v2 needs x-signature/x-key.
  ctx.route('POST', '/merchant/v1/payments/', pushHandler(ctx, state, callbacks, false));
  ctx.route('POST', '/merchant/v1/payments', pushHandler(ctx, state, callbacks, false));
  ctx.route('POST', '/merchant/v2/payments/', pushHandler(ctx, state, callbacks, true));
  ctx.route('POST', '/merchant/v2/payments', pushHandler(ctx, state, callbacks, true));
  ctx.route('POST', '/standard/v1/payments/refund', refundHandler(state, false));
  ctx.route('POST', '/standard/v2/payments/refund', refundHandler(state, true));
  ctx.route('GET', '/standard/v1/payments/refund/:airtelMoneyId', refundEnquiryHandler(state));
  ctx.route('GET', '/standard/v1/payments/:id', enquiryHandler(state));
}
