// M-Pesa Express (fact sheet §2-§4): STK Push POST /mpesa/stkpush/v1/processrequest and its query POST
// /mpesa/stkpushquery/v1/query. A push is accepted at once; its outcome is decided after the scenario's
// delay (money moves into the shortcode's utility account on success), the callback is POSTed to
// CallBackURL at the scenario's times, and the query answers "being processed" (HTTP 500) until the
// scenario shows the outcome. PartyB must be the shortcode or its till; the wrong one for the
// TransactionType is accepted and fails with 2028 (not permitted by product assignment).
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { apiRoute, type ApiCall } from './mpesa-daraja.auth';
import type { DarajaCallbackSender } from './mpesa-daraja.callbacks';
import { badField, describeCode, sendDarajaError, STK_RESULT_DESC } from './mpesa-daraja.codes';
import { stkPassword } from './mpesa-daraja.crypto';
import type { Outcome, StkRecord } from './mpesa-daraja.records';
import { stkCallbackBody, stkQueryBody } from './mpesa-daraja.results';
import { stkScenario } from './mpesa-daraja.scenarios';
import type { MpesaDarajaState } from './mpesa-daraja.state';
import { Fields } from './mpesa-daraja.validation';

const STK_TYPES = ['CustomerPayBillOnline', 'CustomerBuyGoodsOnline'] as const;
export const STK_MAX_AMOUNT = 250_000;

/** Shortcode and Password of a push or query; answers the refusal and returns false. */
function credentialsOk(call: ApiCall, state: MpesaDarajaState, shortCode: string, password: string, timestamp: string): boolean {
  if (shortCode !== state.options.darajaShortcode) {
    sendDarajaError(call.res, 500, '500.001.1001', 'Merchant does not exist');
    return false;
  }
  if (password !== stkPassword(shortCode, state.options.darajaPasskey, timestamp)) {
    sendDarajaError(call.res, 500, '500.001.1001', 'Wrong credentials');
    return false;
  }
  return true;
}

/** Decides a push: the scenario's code (2028 for a PartyB of the wrong kind); success credits the shortcode. */
export function decideStk(state: MpesaDarajaState, record: StkRecord, now = Date.now()): Outcome {
  if (record.outcome) return record.outcome;
  const scenario = stkScenario(record.phoneNumber);
  const wrongPartyB = record.transactionType === 'CustomerPayBillOnline' ? record.partyB !== record.shortCode : record.partyB !== state.options.darajaTillNumber;
  const resultCode = wrongPartyB ? 2028 : scenario.resultCode;
  const receipt = resultCode === 0 ? state.ids.receipt(now) : null;
  if (receipt) {
    state.credit(record.shortCode, 'utility', record.amount * 100);
    state.alias(record, receipt);
  }
  if (scenario.lying && !wrongPartyB) record.claimedReceipt = state.ids.receipt(now);
  record.outcome = { resultCode, resultDesc: describeCode(STK_RESULT_DESC, resultCode), receipt, decidedAt: now };
  return record.outcome;
}

/** The callback body as the scenario sends it (the lying one claims success). */
export function stkCallbackFor(state: MpesaDarajaState, record: StkRecord): unknown {
  state.settleDue();
  state.decideNow(record);
  const outcome = decideStk(state, record);
  if (record.claimedReceipt) {
    return stkCallbackBody(record, { resultCode: 0, resultDesc: describeCode(STK_RESULT_DESC, 0), receipt: record.claimedReceipt, decidedAt: outcome.decidedAt });
  }
  return stkCallbackBody(record, outcome);
}

function push(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender) {
  return (call: ApiCall): void => {
    state.settleDue();
    const f = new Fields(call.body);
    const shortCode = f.shortCode('BusinessShortCode');
    const password = f.text('Password', 1, 1024);
    const timestamp = f.timestamp('Timestamp');
    const transactionType = f.oneOf('TransactionType', STK_TYPES);
    const amount = f.amount('Amount', 1, STK_MAX_AMOUNT);
    const partyA = f.msisdn('PartyA');
    const partyB = f.shortCode('PartyB');
    const phoneNumber = f.msisdn('PhoneNumber');
    const callbackUrl = f.url('CallBackURL');
    const accountReference = f.text('AccountReference', 1, 12);
    const transactionDesc = f.text('TransactionDesc', 0, 13, true);
    if (f.failed) return badField(call.res, f.failed);
    if (!credentialsOk(call, state, shortCode, password, timestamp)) return;
    if (partyB !== shortCode && partyB !== state.options.darajaTillNumber) return badField(call.res, 'PartyB');

    const now = Date.now();
    const open = state.openPushes.get(phoneNumber);
    if (open && now < open.shownAt) {
      return sendDarajaError(call.res, 500, '500.001.1001', 'Unable to lock subscriber, a transaction is already in process for the current subscriber');
    }
    const scenario = stkScenario(phoneNumber);
    const o = ctx.options;
    const checkoutRequestId = state.ids.checkoutRequestId(phoneNumber, now);
    const record: StkRecord = {
      kind: 'stk',
      id: checkoutRequestId,
      createdAt: now,
      path: call.req.path,
      requestHeaders: call.headers,
      requestBody: call.body,
      postCount: 1,
      callbacks: [],
      merchantRequestId: state.ids.merchantRequestId(),
      checkoutRequestId,
      shortCode,
      partyB,
      transactionType,
      amount,
      partyA,
      phoneNumber,
      callbackUrl,
      accountReference,
      transactionDesc,
      scenario: scenario.id,
      decideAt: now + scenario.decideAfter(o),
      shownAt: now + Math.max(scenario.decideAfter(o), scenario.shownAfter(o)),
      outcome: null,
      claimedReceipt: null,
      reversed: null,
    };
    state.add(record, [record.merchantRequestId]);
    state.openPushes.set(phoneNumber, record);
    state.schedule(record, record.decideAt, () => decideStk(state, record, record.decideAt));
    for (const at of scenario.callbacksAt(o)) {
      callbacks.at(record, at, () => callbacks.send(record, 'callback', record.callbackUrl, stkCallbackFor(state, record)));
    }
    const accepted = 'Success. Request accepted for processing';
    sendJson(call.res, 200, {
      MerchantRequestID: record.merchantRequestId,
      CheckoutRequestID: checkoutRequestId,
      ResponseCode: '0',
      ResponseDescription: accepted,
      CustomerMessage: accepted,
    });
  };
}

function query(state: MpesaDarajaState) {
  return (call: ApiCall): void => {
    state.settleDue();
    const f = new Fields(call.body);
    const shortCode = f.shortCode('BusinessShortCode');
    const password = f.text('Password', 1, 1024);
    const timestamp = f.timestamp('Timestamp');
    const checkoutRequestId = f.text('CheckoutRequestID', 1, 100);
    if (f.failed) return badField(call.res, f.failed);
    if (!credentialsOk(call, state, shortCode, password, timestamp)) return;
    const record = state.records.get(checkoutRequestId);
    if (!record || record.kind !== 'stk' || record.shortCode !== shortCode) return badField(call.res, 'CheckoutRequestID');
    if (!record.outcome || Date.now() < record.shownAt) {
      // As reported in 2018: requestId is the CheckoutRequestID.
      return sendDarajaError(call.res, 500, '500.001.1001', 'The transaction is being processed', checkoutRequestId);
    }
    sendJson(call.res, 200, stkQueryBody(record, record.outcome));
  };
}

export function registerDarajaStk(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender): void {
  apiRoute(ctx, state, '/mpesa/stkpush/v1/processrequest', push(ctx, state, callbacks));
  apiRoute(ctx, state, '/mpesa/stkpushquery/v1/query', query(state));
}
