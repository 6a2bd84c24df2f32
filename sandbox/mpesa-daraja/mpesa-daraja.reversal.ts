// Reversal (fact sheet §7): POST /mpesa/reversal/v1/request. The receiver's identifier type is spelled
// `RecieverIdentifierType` (sic) and must be "11"; the correct spelling alone is refused like Daraja
// refuses it (400.002.02 "Invalid RecieverIdentifierType"). Answered at once; decided after the settle
// delay, in order with everything else: 2001 (bad initiator/credential), R000002 (not a completed STK or
// C2B receipt of the ReceiverParty), R000001 (already reversed), 25 (not the whole amount: sandbox
// choice), 1 (the shortcode's utility account cannot cover it), else 0: money back to the customer.
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { apiRoute, type ApiCall } from './mpesa-daraja.auth';
import type { DarajaCallbackSender } from './mpesa-daraja.callbacks';
import { badField, describeCode, RESULT_DESC, type DarajaCode } from './mpesa-daraja.codes';
import { centsNumber, eatTimestamp, formatCents } from './mpesa-daraja.format';
import { acceptedAnswer, initiatorFields, initiatorRecord } from './mpesa-daraja.queries';
import { CUSTOMER_NAME, ORGANISATION_NAME, type C2bRecord, type Outcome, type ReversalRecord, type StkRecord } from './mpesa-daraja.records';
import { INTERNAL_QUEUE_URL, PLACEHOLDER_TRANSACTION_ID, resultEnvelope } from './mpesa-daraja.results';
import type { MpesaDarajaState } from './mpesa-daraja.state';
import { Fields } from './mpesa-daraja.validation';

/** A completed STK push or C2B payment with this receipt, or undefined. */
function reversible(state: MpesaDarajaState, receipt: string): StkRecord | C2bRecord | undefined {
  const record = state.findTransaction(receipt);
  if (record?.kind === 'stk' && record.outcome?.resultCode === 0 && record.outcome.receipt === receipt) return record;
  if (record?.kind === 'c2b' && record.status === 'completed' && record.transId === receipt) return record;
  return undefined;
}

export function decideReversal(state: MpesaDarajaState, record: ReversalRecord, now = Date.now()): Outcome {
  if (record.outcome) return record.outcome;
  const original = reversible(state, record.transactionId);
  const shortCode = original?.shortCode;
  const parties = original?.kind === 'stk' ? [original.shortCode, original.partyB] : [shortCode];
  let code: DarajaCode = 0;
  if (record.credential !== 'ok') code = 2001;
  else if (!original || !shortCode || !parties.includes(record.receiverParty)) code = 'R000002';
  else if (original.reversed) code = 'R000001';
  else if (record.amount !== original.amount) code = 25;
  else {
    const after = state.debit(shortCode, 'utility', original.amount * 100);
    if (after === null) code = 1;
    else record.utilityAfterCents = after;
  }
  const receipt = code === 0 ? state.ids.receipt(now) : null;
  if (receipt && original) {
    original.reversed = { reversalId: record.id, receipt, at: now };
    record.customerMsisdn = original.kind === 'stk' ? original.phoneNumber : original.msisdn;
    state.alias(record, receipt);
  }
  record.outcome = { resultCode: code, resultDesc: describeCode(RESULT_DESC, code), receipt, decidedAt: now };
  return record.outcome;
}

export function reversalResult(state: MpesaDarajaState, record: ReversalRecord): unknown {
  state.settleDue();
  state.decideNow(record);
  const outcome = decideReversal(state, record);
  const parameters =
    outcome.receipt && record.utilityAfterCents !== null
      ? [
          { Key: 'DebitAccountBalance', Value: `Utility Account|KES|${formatCents(record.utilityAfterCents)}|${formatCents(record.utilityAfterCents)}|0.00|0.00` },
          { Key: 'Amount', Value: record.amount },
          { Key: 'TransCompletedTime', Value: Number(eatTimestamp(outcome.decidedAt)) },
          { Key: 'OriginalTransactionID', Value: record.transactionId },
          { Key: 'Charge', Value: centsNumber(0) },
          { Key: 'CreditPartyPublicName', Value: `${record.customerMsisdn ?? ''} - ${CUSTOMER_NAME}` },
          { Key: 'DebitPartyPublicName', Value: `${record.receiverParty} - ${ORGANISATION_NAME}` },
        ]
      : undefined;
  return resultEnvelope({
    resultCode: outcome.resultCode,
    resultDesc: outcome.resultDesc,
    originatorConversationId: record.originatorConversationId,
    conversationId: record.conversationId,
    transactionId: outcome.receipt ?? PLACEHOLDER_TRANSACTION_ID,
    ...(parameters ? { parameters } : {}),
    reference: { Key: 'QueueTimeoutURL', Value: INTERNAL_QUEUE_URL.reversal },
  });
}

function reversal(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender) {
  return (call: ApiCall): void => {
    state.settleDue();
    const f = new Fields(call.body);
    const who = initiatorFields(f, 'TransactionReversal');
    const transactionId = f.text('TransactionID', 1, 100);
    const amount = f.amount('Amount');
    const receiverParty = f.shortCode('ReceiverParty');
    f.oneOf('RecieverIdentifierType', ['11']);
    const resultUrl = f.url('ResultURL');
    const queueTimeOutUrl = f.url('QueueTimeOutURL');
    const remarks = f.text('Remarks', 1, 100);
    const occasion = f.text(f.has('Occassion') ? 'Occassion' : 'Occasion', 0, 100, true);
    if (f.failed) return badField(call.res, f.failed);
    const base = initiatorRecord(state, call, { ...who, resultUrl, queueTimeOutUrl, remarks, occasion });
    const record: ReversalRecord = {
      kind: 'reversal',
      ...base,
      transactionId,
      amount,
      receiverParty,
      decideAt: base.createdAt + ctx.options.settleMs,
      outcome: null,
      customerMsisdn: null,
      utilityAfterCents: null,
    };
    state.add(record, [record.originatorConversationId]);
    state.schedule(record, record.decideAt, () => decideReversal(state, record, record.decideAt));
    callbacks.at(record, ctx.options.settleMs, () => callbacks.send(record, 'result', record.resultUrl, reversalResult(state, record)));
    sendJson(call.res, 200, acceptedAnswer(record));
  };
}

export function registerDarajaReversal(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender): void {
  apiRoute(ctx, state, '/mpesa/reversal/v1/request', reversal(ctx, state, callbacks));
}
