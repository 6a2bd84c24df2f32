// Daraja's result codes (fact sheet §4, §6, §7) in our vocabulary, and defensive readers for the shapes
// Daraja answers with (synchronous answers, the error envelope of §8). Pure data and functions.
import type { FailureCode } from '../provider.port';

/**
 * Which API reported a code: 'stk' (STK callback / STK Query ResultCode) or 'result' (the `Result`
 * envelope of B2C, Transaction Status, Account Balance and Reversal). A few codes mean different
 * things in the two (2001: customer's wrong PIN vs our bad initiator credential; 17: rule limited vs
 * internal failure; SFC_IC0003: wrong PartyB vs invalid MSISDN).
 */
export type DarajaResultApi = 'stk' | 'result';

export interface DarajaResultCodeEntry {
  code: string;
  /** Meaning, used as the reason when Daraja sends no description. */
  meaning: string;
  stk: FailureCode;
  result: FailureCode;
}

const same = (code: string, failure: FailureCode, meaning: string): DarajaResultCodeEntry => ({ code, meaning, stk: failure, result: failure });

/** Every code we map (ResultCode 0 is success and 4999 pending: neither is a failure, neither is here). */
export const DARAJA_RESULT_CODES: readonly DarajaResultCodeEntry[] = [
  same('1', 'INSUFFICIENT_FUNDS', 'Insufficient balance'),
  same('2', 'INVALID_AMOUNT', 'Less than the minimum transaction value'),
  same('3', 'INVALID_AMOUNT', 'More than the maximum transaction value'),
  same('4', 'LIMIT_EXCEEDED', 'Would exceed the daily transfer limit'),
  same('8', 'LIMIT_EXCEEDED', 'Would exceed the maximum balance'),
  same('11', 'ACCOUNT_INACTIVE', 'Debit party in an invalid state'),
  same('15', 'DUPLICATE', 'Duplicate detected'),
  { code: '17', meaning: 'Rule limited (same amount to the same customer within 2 minutes) / internal failure', stk: 'DUPLICATE', result: 'PROVIDER_ERROR' },
  same('18', 'PROVIDER_ERROR', 'Initiator credential check failure'),
  same('20', 'PROVIDER_ERROR', 'Unresolved initiator'),
  same('21', 'PROVIDER_ERROR', 'Initiator lacks the permission'),
  same('22', 'PROVIDER_ERROR', 'Initiator permission failure'),
  same('24', 'PROVIDER_ERROR', 'Missing mandatory fields'),
  same('25', 'PROVIDER_ERROR', 'Invalid parameters'),
  same('26', 'PROVIDER_UNAVAILABLE', 'System busy / traffic blocking'),
  same('29', 'PROVIDER_ERROR', 'Invalid command'),
  same('1001', 'PROVIDER_ERROR', 'Unable to lock subscriber, a transaction is already in process'),
  same('1019', 'EXPIRED', 'Transaction has expired'),
  same('1025', 'PROVIDER_ERROR', 'An error occurred while sending the push request'),
  same('1032', 'PAYER_DECLINED', 'Request cancelled by user'),
  same('1036', 'EXPIRED', 'SMSC ACK timeout'),
  same('1037', 'EXPIRED', 'DS timeout user cannot be reached'),
  { code: '2001', meaning: 'The initiator information is invalid', stk: 'PAYER_DECLINED', result: 'PROVIDER_ERROR' },
  same('2006', 'ACCOUNT_INACTIVE', 'Account status does not allow this transaction'),
  same('2028', 'PROVIDER_ERROR', 'Not permitted by product assignment'),
  same('2040', 'PAYER_NOT_FOUND', 'Unregistered customer not supported'),
  { code: '8006', meaning: 'The security credential is locked', stk: 'ACCOUNT_INACTIVE', result: 'PROVIDER_ERROR' },
  same('9999', 'PROVIDER_ERROR', 'An error occurred while sending the push request'),
  { code: 'SFC_IC0003', meaning: 'Operator does not exist / MSISDN invalid', stk: 'PROVIDER_ERROR', result: 'PAYER_NOT_FOUND' },
  same('R000001', 'DUPLICATE', 'The transaction has already been reversed'),
  same('R000002', 'PROVIDER_ERROR', 'The OriginalTransactionID is invalid'),
  // Gateway overload / throttling (100000000–100000011).
  ...Array.from({ length: 12 }, (_, i) => same(String(100000000 + i), 'PROVIDER_UNAVAILABLE', 'Gateway overload / throttling')),
];

const BY_CODE: ReadonlyMap<string, DarajaResultCodeEntry> = new Map(DARAJA_RESULT_CODES.map((e) => [e.code, e]));


/** Codes of "not finished yet" (STK Query 4999). */
export const DARAJA_PENDING_RESULT_CODES: ReadonlySet<string> = new Set(['4999']);

/**
 * A non-zero result code → our FailureCode and a failureReason keeping Daraja's words as
 * `"<code>: <desc>"` (the table's meaning when Daraja sent none). Unknown codes → UNKNOWN, code kept.
 */
export function mapDarajaResultCode(code: string, desc?: string | null, api: DarajaResultApi = 'stk'): { failureCode: FailureCode; failureReason: string } {
  const key = code.trim().toUpperCase();
  const entry = BY_CODE.get(key);
  const text = desc?.trim() || entry?.meaning || 'no description';
  return { failureCode: entry ? entry[api] : 'UNKNOWN', failureReason: `${code.trim()}: ${text}`.slice(0, 500) };
}

/** The error envelope (§8) and the usual synchronous fields, read defensively. */
export interface DarajaAnswer {
  requestId?: string;
  errorCode?: string;
  errorMessage?: string;
  responseCode?: string;
  responseDescription?: string;
  resultCode?: string;
  resultDesc?: string;
  merchantRequestId?: string;
  checkoutRequestId?: string;
  conversationId?: string;
  originatorConversationId?: string;
}

export function readDarajaAnswer(body: unknown): DarajaAnswer {
  const b = asRecord(body);
  const out: DarajaAnswer = {};
  const set = (key: keyof DarajaAnswer, ...names: string[]) => {
    for (const name of names) {
      const v = text(b[name]);
      if (v !== undefined) {
        out[key] = v;
        return;
      }
    }
  };
  set('requestId', 'requestId');
  set('errorCode', 'errorCode');
  set('errorMessage', 'errorMessage');
  set('responseCode', 'ResponseCode');
  set('responseDescription', 'ResponseDescription');
  set('resultCode', 'ResultCode');
  set('resultDesc', 'ResultDesc');
  set('merchantRequestId', 'MerchantRequestID');
  set('checkoutRequestId', 'CheckoutRequestID');
  set('conversationId', 'ConversationID');
  // C2B register answers spell it OriginatorCoversationID (sic).
  set('originatorConversationId', 'OriginatorConversationID', 'OriginatorCoversationID');
  return out;
}

/** "400.002.02: Bad Request - Invalid Amount (HTTP 400)", whatever Daraja sent. */
export function describeDaraja(answer: DarajaAnswer, status?: number): string {
  const code = answer.errorCode ?? answer.resultCode ?? answer.responseCode;
  const message = answer.errorMessage ?? answer.resultDesc ?? answer.responseDescription;
  const http = status !== undefined ? ` (HTTP ${status})` : '';
  if (code && message) return `${code}: ${message}${http}`;
  if (code || message) return `${code ?? message}${http}`;
  return `no Daraja code${http}`;
}

/** errorCodes meaning the access token is invalid (their code differs by API page). */
export const DARAJA_INVALID_TOKEN_CODES: ReadonlySet<string> = new Set(['404.001.03', '400.003.01', '401.002.01']);

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A string or a finite number as trimmed text; undefined for anything else or empty. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
