// Transaction Status (POST /mpesa/transactionstatus/v1/query) and Account Balance (POST
// /mpesa/accountbalance/v1/query), fact sheet §7. Both answer at once with
// {OriginatorConversationID, ConversationID, ResponseCode "0", ResponseDescription} and POST a Result
// envelope to ResultURL after the settle delay. The Result is worked out when the query arrives (so a
// query made while a push is pending says "Pending"), and is 2001 when the Initiator is unknown or the
// SecurityCredential is wrong. Sandbox choices: an unknown id gives ResultCode 2032; a balance of a
// shortcode the initiator has nothing to do with gives 21; Account Balance sends ResultType/ResultCode
// as strings, like the docs sample.
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { apiRoute, type ApiCall } from './mpesa-daraja.auth';
import type { DarajaCallbackSender } from './mpesa-daraja.callbacks';
import { badField, describeCode, RESULT_DESC, type DarajaCode } from './mpesa-daraja.codes';
import { eatTimestamp } from './mpesa-daraja.format';
import type { BalanceRecord, CallbackAttempt, StatusRecord } from './mpesa-daraja.records';
import { accountBalanceString, INTERNAL_QUEUE_URL, PLACEHOLDER_TRANSACTION_ID, resultEnvelope, statusParameters } from './mpesa-daraja.results';
import type { MpesaDarajaState } from './mpesa-daraja.state';
import { Fields, parseMsisdn, parseShortCode } from './mpesa-daraja.validation';

/** Unknown TransactionID / OriginalConversationID (sandbox choice). */
export const STATUS_NOT_FOUND_CODE = 2032;
/** Account Balance of a shortcode the sandbox does not know (sandbox choice). */
export const BALANCE_UNKNOWN_SHORTCODE_CODE = 21;

/** The fields every initiator request (status, balance, reversal) shares, read in Daraja's order. */
export function initiatorFields(f: Fields, commandId: string): { initiator: string; credentialText: string } {
  const initiator = f.text('Initiator', 1, 100);
  const credentialText = f.text('SecurityCredential', 1, 4096);
  f.oneOf('CommandID', [commandId]);
  return { initiator, credentialText };
}

/** The common part of an initiator request record (ids, URLs, credential verdict). */
export function initiatorRecord(state: MpesaDarajaState, call: ApiCall, fields: { initiator: string; credentialText: string; resultUrl: string; queueTimeOutUrl: string; remarks: string; occasion: string }) {
  const now = Date.now();
  const conversationId = state.ids.conversationId(now);
  return {
    id: conversationId,
    createdAt: now,
    path: call.req.path,
    requestHeaders: call.headers,
    requestBody: call.body,
    postCount: 1,
    callbacks: [] as CallbackAttempt[],
    conversationId,
    originatorConversationId: state.ids.requestId(),
    initiator: fields.initiator,
    credential: state.checkInitiator(fields.initiator, fields.credentialText),
    resultUrl: fields.resultUrl,
    queueTimeOutUrl: fields.queueTimeOutUrl,
    remarks: fields.remarks,
    occasion: fields.occasion,
  };
}

export function acceptedAnswer(record: { originatorConversationId: string; conversationId: string }): Record<string, string> {
  return {
    OriginatorConversationID: record.originatorConversationId,
    ConversationID: record.conversationId,
    ResponseCode: '0',
    ResponseDescription: 'Accept the service request successfully.',
  };
}

function tail(f: Fields): { resultUrl: string; queueTimeOutUrl: string; remarks: string; occasion: string } {
  const resultUrl = f.url('ResultURL');
  const queueTimeOutUrl = f.url('QueueTimeOutURL');
  const remarks = f.text('Remarks', 1, 100);
  const occasion = f.text(f.has('Occassion') ? 'Occassion' : 'Occasion', 0, 100, true);
  return { resultUrl, queueTimeOutUrl, remarks, occasion };
}

function statusResult(state: MpesaDarajaState, record: StatusRecord): unknown {
  const common = {
    originatorConversationId: record.originatorConversationId,
    conversationId: record.conversationId,
    reference: record.occasion ? { Key: 'Occasion', Value: record.occasion } : { Key: 'Occasion' },
  };
  if (record.credential !== 'ok') return resultEnvelope({ ...common, resultCode: 2001, transactionId: PLACEHOLDER_TRANSACTION_ID });
  const found = (record.transactionId && state.findTransaction(record.transactionId)) || (record.originalConversationId && state.findTransaction(record.originalConversationId)) || null;
  if (!found) return resultEnvelope({ ...common, resultCode: STATUS_NOT_FOUND_CODE, transactionId: record.transactionId || PLACEHOLDER_TRANSACTION_ID });
  record.foundId = found.id;
  const { receipt, parameters } = statusParameters(found);
  return resultEnvelope({
    ...common,
    resultCode: 0,
    resultDesc: 'The service request has been accepted successfully.',
    transactionId: receipt ?? PLACEHOLDER_TRANSACTION_ID,
    parameters,
  });
}

function status(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender) {
  return (call: ApiCall): void => {
    state.settleDue();
    const f = new Fields(call.body);
    const who = initiatorFields(f, 'TransactionStatusQuery');
    const transactionId = f.text('TransactionID', 1, 100, true);
    const originalConversationId = f.text('OriginalConversationID', 1, 100, true);
    if (!f.failed && !transactionId && !originalConversationId) f.fail('TransactionID');
    const identifierType = f.oneOf('IdentifierType', ['1', '2', '4']);
    const partyA = f.check('PartyA', '', identifierType === '1' ? parseMsisdn : parseShortCode);
    const rest = tail(f);
    if (f.failed) return badField(call.res, f.failed);
    const record: StatusRecord = {
      kind: 'status',
      ...initiatorRecord(state, call, { ...who, ...rest }),
      transactionId,
      originalConversationId,
      partyA,
      result: null,
      foundId: null,
    };
    record.result = statusResult(state, record);
    state.add(record, [record.originatorConversationId]);
    callbacks.at(record, ctx.options.settleMs, () => callbacks.send(record, 'result', record.resultUrl, record.result));
    sendJson(call.res, 200, acceptedAnswer(record));
  };
}

function balanceResult(state: MpesaDarajaState, record: BalanceRecord): unknown {
  const account = state.knownShortCode(record.partyA) ? state.account(record.partyA) : null;
  const code: DarajaCode = record.credential !== 'ok' ? 2001 : account ? 0 : BALANCE_UNKNOWN_SHORTCODE_CODE;
  const now = Date.now();
  return resultEnvelope({
    resultType: '0',
    resultCode: String(code),
    resultDesc: code === 0 ? 'The service request has been accepted successfully.' : describeCode(RESULT_DESC, code),
    originatorConversationId: record.originatorConversationId,
    conversationId: record.conversationId,
    transactionId: code === 0 ? state.ids.receipt(now) : PLACEHOLDER_TRANSACTION_ID,
    ...(code === 0 && account
      ? {
          parameters: [
            { Key: 'AccountBalance', Value: accountBalanceString(account) },
            { Key: 'BOCompletedTime', Value: Number(eatTimestamp(now)) },
          ],
        }
      : {}),
    reference: { Key: 'QueueTimeoutURL', Value: INTERNAL_QUEUE_URL.balance },
  });
}

function balance(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender) {
  return (call: ApiCall): void => {
    state.settleDue();
    const f = new Fields(call.body);
    const who = initiatorFields(f, 'AccountBalance');
    const partyA = f.shortCode('PartyA');
    f.oneOf('IdentifierType', ['4', '2']);
    const rest = tail(f);
    if (f.failed) return badField(call.res, f.failed);
    const record: BalanceRecord = { kind: 'balance', ...initiatorRecord(state, call, { ...who, ...rest }), partyA, result: null };
    record.result = balanceResult(state, record);
    state.add(record, [record.originatorConversationId]);
    callbacks.at(record, ctx.options.settleMs, () => callbacks.send(record, 'result', record.resultUrl, record.result));
    sendJson(call.res, 200, acceptedAnswer(record));
  };
}

export function registerDarajaQueries(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender): void {
  apiRoute(ctx, state, '/mpesa/transactionstatus/v1/query', status(ctx, state, callbacks));
  apiRoute(ctx, state, '/mpesa/accountbalance/v1/query', balance(ctx, state, callbacks));
}
