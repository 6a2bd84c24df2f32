// B2C (fact sheet §6): POST /mpesa/b2c/v3/paymentrequest (OriginatorConversationID required and unique)
// and the older /mpesa/b2c/v1/paymentrequest. Answered at once; the outcome is decided after the
// scenario's delay: 2001 when the InitiatorName is unknown or the SecurityCredential does not decrypt
// (PKCS#1 v1.5) to the initiator password, then the magic number's code, then the amount limits (< 10 ->
// 2, > 250000 -> 3) and the utility account (short -> 1). The Result goes to ResultURL (or, for the
// queue-timeout number, a timeout envelope to QueueTimeOutURL while the payment still completes).
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { apiRoute, type ApiCall } from './mpesa-daraja.auth';
import type { DarajaCallbackSender } from './mpesa-daraja.callbacks';
import { badField, describeCode, RESULT_DESC, sendDarajaError, type DarajaCode } from './mpesa-daraja.codes';
import type { B2cRecord, Outcome } from './mpesa-daraja.records';
import { b2cSuccessParameters, INTERNAL_QUEUE_URL, PLACEHOLDER_TRANSACTION_ID, resultEnvelope } from './mpesa-daraja.results';
import { b2cScenario } from './mpesa-daraja.scenarios';
import type { MpesaDarajaState } from './mpesa-daraja.state';
import { Fields } from './mpesa-daraja.validation';

export const B2C_COMMANDS = ['BusinessPayment', 'SalaryPayment', 'PromotionPayment'] as const;
export const B2C_MIN_AMOUNT = 10;
export const B2C_MAX_AMOUNT = 250_000;
/** ResultCode of the QueueTimeOutURL envelope (sandbox choice: Daraja's payload is undocumented). */
export const QUEUE_TIMEOUT_CODE = 100000001;

export function decideB2c(state: MpesaDarajaState, record: B2cRecord, now = Date.now()): Outcome {
  if (record.outcome) return record.outcome;
  const scenario = b2cScenario(record.partyB);
  let code: DarajaCode = 0;
  if (record.credential !== 'ok') code = 2001;
  else if (scenario.resultCode !== null) code = scenario.resultCode;
  else if (record.amount < B2C_MIN_AMOUNT) code = 2;
  else if (record.amount > B2C_MAX_AMOUNT) code = 3;
  else {
    const after = state.debit(record.partyA, 'utility', record.amount * 100);
    if (after === null) code = 1;
    else record.utilityAfterCents = after;
  }
  const receipt = code === 0 ? state.ids.receipt(now) : null;
  if (receipt) state.alias(record, receipt);
  record.outcome = { resultCode: code, resultDesc: describeCode(RESULT_DESC, code), receipt, decidedAt: now };
  return record.outcome;
}

/** The Result envelope for ResultURL. */
export function b2cResult(state: MpesaDarajaState, record: B2cRecord): unknown {
  state.settleDue();
  state.decideNow(record);
  const outcome = decideB2c(state, record);
  const account = state.account(record.partyA);
  return resultEnvelope({
    resultCode: outcome.resultCode,
    resultDesc: outcome.resultDesc,
    originatorConversationId: record.originatorConversationId,
    conversationId: record.conversationId,
    transactionId: outcome.receipt ?? PLACEHOLDER_TRANSACTION_ID,
    ...(outcome.receipt
      ? {
          parameters: b2cSuccessParameters(
            record.amount,
            outcome.receipt,
            record.partyB,
            outcome.decidedAt,
            record.utilityAfterCents ?? account.utilityCents,
            account.workingCents,
            account.chargesCents,
          ),
        }
      : {}),
    reference: { Key: 'QueueTimeoutURL', Value: INTERNAL_QUEUE_URL.b2c },
  });
}

/** The envelope POSTed to QueueTimeOutURL by the queue-timeout number (no parameters, placeholder id). */
export function b2cQueueTimeout(record: B2cRecord): unknown {
  return resultEnvelope({
    resultType: 1,
    resultCode: QUEUE_TIMEOUT_CODE,
    originatorConversationId: record.originatorConversationId,
    conversationId: record.conversationId,
    transactionId: PLACEHOLDER_TRANSACTION_ID,
    reference: { Key: 'QueueTimeoutURL', Value: INTERNAL_QUEUE_URL.b2c },
  });
}

function payment(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender, version: 'v1' | 'v3') {
  return (call: ApiCall): void => {
    state.settleDue();
    const f = new Fields(call.body);
    const givenOriginatorId = f.text('OriginatorConversationID', 1, 100, version === 'v1');
    const initiatorName = f.text('InitiatorName', 1, 100);
    const credentialText = f.text('SecurityCredential', 1, 4096);
    const commandId = f.oneOf('CommandID', B2C_COMMANDS);
    const amount = f.amount('Amount');
    const partyA = f.shortCode('PartyA');
    if (!f.failed && partyA !== state.options.darajaB2cShortcode) f.fail('PartyA');
    const partyB = f.msisdn('PartyB');
    const remarks = f.text('Remarks', 2, 100);
    const queueTimeOutUrl = f.url('QueueTimeOutURL');
    const resultUrl = f.url('ResultURL');
    const occasionField = f.has('Occassion') ? 'Occassion' : 'Occasion';
    const occasion = f.text(occasionField, 0, 100, true);
    if (f.failed) return badField(call.res, f.failed);

    if (version === 'v3' && state.b2cOriginatorIds.has(givenOriginatorId)) {
      const earlier = state.find(givenOriginatorId);
      if (earlier) earlier.postCount++;
      return sendDarajaError(call.res, 500, '500.002.1001', 'Duplicate OriginatorConversationID');
    }
    const now = Date.now();
    const scenario = b2cScenario(partyB);
    const record: B2cRecord = {
      kind: 'b2c',
      id: state.ids.conversationId(now),
      createdAt: now,
      path: call.req.path,
      requestHeaders: call.headers,
      requestBody: call.body,
      postCount: 1,
      callbacks: [],
      version,
      conversationId: '',
      originatorConversationId: givenOriginatorId || state.ids.requestId(),
      initiatorName,
      credential: state.checkInitiator(initiatorName, credentialText),
      commandId,
      amount,
      partyA,
      partyB,
      remarks,
      occasion,
      resultUrl,
      queueTimeOutUrl,
      scenario: scenario.id,
      decideAt: now + scenario.decideAfter(ctx.options),
      outcome: null,
      utilityAfterCents: null,
    };
    record.conversationId = record.id;
    state.b2cOriginatorIds.add(record.originatorConversationId);
    state.add(record, [record.originatorConversationId]);
    state.schedule(record, record.decideAt, () => decideB2c(state, record, record.decideAt));
    for (const at of scenario.resultsAt(ctx.options)) {
      callbacks.at(record, at, () => {
        if (scenario.target === 'result') return callbacks.send(record, 'result', record.resultUrl, b2cResult(state, record));
        state.decideNow(record);
        return callbacks.send(record, 'queue-timeout', record.queueTimeOutUrl, b2cQueueTimeout(record));
      });
    }
    sendJson(call.res, 200, {
      ConversationID: record.conversationId,
      OriginatorConversationID: record.originatorConversationId,
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    });
  };
}

export function registerDarajaB2c(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender): void {
  apiRoute(ctx, state, '/mpesa/b2c/v3/paymentrequest', payment(ctx, state, callbacks, 'v3'));
  apiRoute(ctx, state, '/mpesa/b2c/v1/paymentrequest', payment(ctx, state, callbacks, 'v1'));
}
