// Daraja callbacks (fact sheet §4, §6, §7): the STK callback `{"Body":{"stkCallback":{…}}}` POSTed to the
// CallBackURL, and the `{"Result":{…}}` envelope POSTed to the ResultURL / QueueTimeOutURL we gave each
// request. Which request a Result answers is told by the `?op=` we put on its URLs (DARAJA_OPS). Nothing
// is signed (§8): every claim here is a hint the gateway confirms. Numbers may come as strings and
// strings as numbers; item lists may be an object or an array.
import { CallbackParseError, ParsedCallback, ProviderOutcome, RawCallback, WalletBalance } from '../provider.port';
import { DARAJA_OPS } from './mpesa-daraja.bodies';
import { DARAJA_PENDING_RESULT_CODES, asRecord, mapDarajaResultCode, text } from './mpesa-daraja.codes';

/** What Daraja expects in answer to any callback. */
export const DARAJA_CALLBACK_ACK = { ResultCode: 0, ResultDesc: 'Accepted' } as const;

/** Reversal result codes that mean "reversed" (R000001: already reversed). */
const REVERSED_CODES: ReadonlySet<string> = new Set(['0', 'R000001']);
/** Transaction Status results that mean "no such transaction". */
const NOT_FOUND_DESC = /not found|does not exist|no such|invalid\s+(original\s*)?(transaction|receipt|conversation)/i;

/** Parses (never trusts) a callback body. Throws CallbackParseError when it is unusable. */
export function parseDarajaCallback(callback: Pick<RawCallback, 'body' | 'query'>): ParsedCallback {
  const body = callback.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CallbackParseError('Daraja callback body is not a JSON object');
  const record = body as Record<string, unknown>;
  const stk = asRecord(asRecord(record['Body'])['stkCallback']);
  if (Object.keys(stk).length > 0) return parseStkCallback(stk);
  const result = record['Result'];
  if (result && typeof result === 'object' && !Array.isArray(result)) return parseResult(asRecord(result), callback.query?.['op']);
  throw new CallbackParseError('Daraja callback has neither Body.stkCallback nor Result');
}

/** `Name`/`Value` (CallbackMetadata.Item) or `Key`/`Value` (ResultParameter, ReferenceItem) pairs, object or array. */
export function itemsOf(container: unknown, listKey: string, nameKey: 'Name' | 'Key'): Map<string, unknown> {
  const list = asRecord(container)[listKey];
  const items = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
  const out = new Map<string, unknown>();
  for (const item of items) {
    const name = text(asRecord(item)[nameKey]);
    if (name !== undefined && !out.has(name)) out.set(name, asRecord(item)['Value']);
  }
  return out;
}

/**
 * `AccountBalance` (§7): accounts separated by `&`, each `Name|Currency|n1|n2|n3|n4`; available = n1 as
 * the decimal text Daraja sent (never a float). Malformed entries are skipped.
 */
export function parseAccountBalance(value: string): WalletBalance[] {
  const balances: WalletBalance[] = [];
  for (const entry of value.split('&')) {
    const [name, currency, available] = entry.split('|').map((part) => part.trim());
    if (!name || !currency || !/^[A-Za-z]{3}$/.test(currency) || !available || !/^-?\d+(\.\d+)?$/.test(available)) continue;
    balances.push({ wallet: name, currency: currency.toUpperCase(), available });
  }
  return balances;
}

function parseStkCallback(stk: Record<string, unknown>): ParsedCallback {
  const checkoutRequestId = text(stk['CheckoutRequestID']);
  const resultCode = text(stk['ResultCode']);
  if (!checkoutRequestId) throw new CallbackParseError('STK callback has no CheckoutRequestID');
  if (resultCode === undefined) throw new CallbackParseError('STK callback has no ResultCode');
  const merchantRequestId = text(stk['MerchantRequestID']);
  const ref = { providerReference: checkoutRequestId };
  let outcome: ProviderOutcome;
  if (resultCode === '0') {
    const receipt = text(itemsOf(stk['CallbackMetadata'], 'Item', 'Name').get('MpesaReceiptNumber'));
    outcome = { kind: 'succeeded', ...ref, ...(receipt ? { providerTransactionId: receipt } : {}), providerStatus: '0' };
  } else if (DARAJA_PENDING_RESULT_CODES.has(resultCode)) {
    outcome = { kind: 'pending', ...ref, providerStatus: resultCode };
  } else {
    outcome = { kind: 'failed', ...mapDarajaResultCode(resultCode, text(stk['ResultDesc']), 'stk'), ...ref };
  }
  return {
    outcome,
    providerReference: checkoutRequestId,
    ...(merchantRequestId ? { externalId: merchantRequestId } : {}),
    subject: 'payment',
    acknowledgement: DARAJA_CALLBACK_ACK,
  };
}

function parseResult(r: Record<string, unknown>, op: string | undefined): ParsedCallback {
  const conversationId = text(r['ConversationID']);
  const originatorConversationId = text(r['OriginatorConversationID']);
  const ids = {
    ...(conversationId ? { providerReference: conversationId } : {}),
    ...(originatorConversationId ? { externalId: originatorConversationId } : {}),
    acknowledgement: DARAJA_CALLBACK_ACK,
  };
  const ref = conversationId ? { providerReference: conversationId } : {};
  const code = (): string => {
    const value = text(r['ResultCode']);
    if (value === undefined) throw new CallbackParseError(`Daraja Result (op=${op}) has no ResultCode`);
    return value;
  };
  const desc = text(r['ResultDesc']);
  const params = (): Map<string, unknown> => itemsOf(r['ResultParameters'], 'ResultParameter', 'Key');

  switch (op) {
    case DARAJA_OPS.b2c: {
      const c = code();
      if (c !== '0') return { ...ids, subject: 'payment', outcome: { kind: 'failed', ...mapDarajaResultCode(c, desc, 'result'), ...ref } };
      const receipt = text(params().get('TransactionReceipt')) ?? text(r['TransactionID']);
      return { ...ids, subject: 'payment', outcome: { kind: 'succeeded', ...ref, ...(receipt ? { providerTransactionId: receipt } : {}), providerStatus: '0' } };
    }
    case DARAJA_OPS.timeout:
      // A queue timeout says Daraja did not process it in time: not a failure, the status query decides.
      return { ...ids, subject: 'payment', outcome: { kind: 'pending', ...ref, providerStatus: `queue timeout${desc ? `: ${desc}` : ''}` } };
    case DARAJA_OPS.status:
      return parseStatusResult(r, code(), desc, params());
    case DARAJA_OPS.statusTimeout:
      return { ...ids, subject: 'status-answer', outcome: { kind: 'unknown', reason: `Transaction Status query timed out at Daraja${desc ? `: ${desc}` : ''}` } };
    case DARAJA_OPS.reversal:
    case DARAJA_OPS.refundReversal: {
      const c = code();
      const subject = op === DARAJA_OPS.reversal ? 'reversal' : 'payment';
      if (!REVERSED_CODES.has(c.toUpperCase())) return { ...ids, subject, outcome: { kind: 'failed', ...mapDarajaResultCode(c, desc, 'result'), ...ref } };
      // op=reversal reports on the ORIGINAL transaction: its receipt must not be replaced by the reversal's id.
      const reversalId = subject === 'payment' ? text(r['TransactionID']) : undefined;
      return { ...ids, subject, outcome: { kind: 'succeeded', ...ref, ...(reversalId ? { providerTransactionId: reversalId } : {}), providerStatus: c.toUpperCase() } };
    }
    case DARAJA_OPS.reversalTimeout:
      return { ...ids, subject: 'reversal', outcome: { kind: 'pending', ...ref, providerStatus: `queue timeout${desc ? `: ${desc}` : ''}` } };
    case DARAJA_OPS.balance:
    case DARAJA_OPS.balanceTimeout: {
      if (!originatorConversationId) throw new CallbackParseError('Daraja balance result has no OriginatorConversationID');
      const base = { ...ids, subject: 'balance' as const, requestId: originatorConversationId };
      if (op === DARAJA_OPS.balanceTimeout) return { ...base, balances: [], outcome: { kind: 'pending', providerStatus: 'queue timeout' } };
      const c = code();
      if (c !== '0') return { ...base, balances: [], outcome: { kind: 'failed', ...mapDarajaResultCode(c, desc, 'result') } };
      const raw = text(params().get('AccountBalance'));
      if (raw === undefined) throw new CallbackParseError('Daraja balance result has no AccountBalance');
      return { ...base, balances: parseAccountBalance(raw), outcome: { kind: 'succeeded', providerStatus: '0' } };
    }
    default:
      throw new CallbackParseError(`Daraja Result with unknown op ${JSON.stringify(op ?? null)}`);
  }
}

/**
 * Transaction Status result: ResultCode 0 → TransactionStatus decides ("Completed" → succeeded with
 * ReceiptNo). A non-zero ResultCode is the QUERY's failure, not the transaction's: not_found when it says
 * the transaction is unknown, else unknown (never failed).
 */
function parseStatusResult(r: Record<string, unknown>, code: string, desc: string | undefined, params: Map<string, unknown>): ParsedCallback {
  const originalConversationId = text(params.get('ConversationID'));
  const originator = text(params.get('OriginatorConversationID'));
  const base = {
    subject: 'status-answer' as const,
    acknowledgement: DARAJA_CALLBACK_ACK,
    ...(originalConversationId ? { providerReference: originalConversationId } : {}),
    ...(originator ? { externalId: originator } : {}),
  };
  if (code !== '0') {
    const said = mapDarajaResultCode(code, desc, 'result').failureReason;
    if (code.toUpperCase() === 'R000002' || NOT_FOUND_DESC.test(desc ?? '')) return { ...base, outcome: { kind: 'not_found', reason: said } };
    return { ...base, outcome: { kind: 'unknown', reason: `Transaction Status query failed: ${said}` } };
  }
  const status = text(params.get('TransactionStatus'));
  const receipt = text(params.get('ReceiptNo'));
  const reason = [status, text(params.get('ReasonType')), text(params.get('TransactionReason'))].filter(Boolean).join(': ');
  let outcome: ProviderOutcome;
  if (!status) outcome = { kind: 'unknown', reason: `Transaction Status result without TransactionStatus${desc ? ` (${desc})` : ''}` };
  else if (/^completed?$/i.test(status)) outcome = { kind: 'succeeded', ...(receipt ? { providerTransactionId: receipt } : {}), providerStatus: status };
  else if (/revers/i.test(status)) outcome = { kind: 'unknown', reason: `TransactionStatus ${reason}: completed then reversed, needs a person` };
  else if (/pending|process|initiat|progress|submit|authori[sz]/i.test(status)) outcome = { kind: 'pending', providerStatus: status };
  else if (/expire/i.test(status)) outcome = { kind: 'failed', failureCode: 'EXPIRED', failureReason: `TransactionStatus ${reason}`, ...(receipt ? { providerTransactionId: receipt } : {}) };
  else if (/fail|cancel|declin|reject/i.test(status)) outcome = { kind: 'failed', failureCode: 'UNKNOWN', failureReason: `TransactionStatus ${reason}`, ...(receipt ? { providerTransactionId: receipt } : {}) };
  else outcome = { kind: 'unknown', reason: `unrecognised TransactionStatus ${reason}` };
  return { ...base, outcome };
}
