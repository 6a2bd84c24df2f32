// Airtel's code tables (fact sheet §11) in our vocabulary, and a reader for Airtel's answer envelopes.
// Pure data and functions: the outcome rules that use them are in airtel-money.mapper.ts.
import type { FailureCode } from '../provider.port';
import { cutText } from './airtel-money.bodies';

/** Failure codes of final failures: `response_code` (DP…), `result_code` (ESB…, 5210xx) and router codes. */
export const AIRTEL_CODE_TO_FAILURE_CODE: Readonly<Record<string, FailureCode>> = {
  // Collection (DP008…)
  DP00800001002: 'PAYER_DECLINED', // incorrect PIN
  DP00800001003: 'LIMIT_EXCEEDED',
  DP00800001004: 'INVALID_AMOUNT',
  DP00800001005: 'EXPIRED', // user did not enter the PIN
  DP00800001007: 'INSUFFICIENT_FUNDS',
  DP00800001008: 'PAYER_DECLINED', // refused
  DP00800001009: 'PAYER_DECLINED', // do not honour
  DP00800001010: 'ACCOUNT_INACTIVE', // barred / churned / unregistered
  DP00800001024: 'EXPIRED', // timed out
  DP00800001026: 'PROVIDER_ERROR', // x-signature mismatch
  DP00800001029: 'EXPIRED',
  // Disbursement (DP009…)
  DP00900001003: 'LIMIT_EXCEEDED',
  DP00900001004: 'INVALID_AMOUNT',
  DP00900001005: 'PROVIDER_ERROR', // failed
  DP00900001007: 'INSUFFICIENT_FUNDS', // our disbursement wallet
  DP00900001009: 'PROVIDER_ERROR', // invalid initiatee
  DP00900001010: 'ACCOUNT_INACTIVE', // payer not allowed
  DP00900001011: 'DUPLICATE',
  DP00900001012: 'PAYER_NOT_FOUND', // invalid mobile number
  DP00900001013: 'PROVIDER_ERROR', // refused / generic validation
  DP00900001014: 'EXPIRED',
  DP00900001016: 'PROVIDER_ERROR', // signature mismatch
  DP00900001017: 'DUPLICATE',
  DP00900001018: 'PROVIDER_ERROR',
  DP00900001019: 'PROVIDER_ERROR', // sender barred (our wallet)
  // ESB (result_code)
  ESB000008: 'PROVIDER_ERROR', // field validation
  ESB000011: 'PROVIDER_ERROR', // failed
  ESB000033: 'PAYER_NOT_FOUND', // invalid MSISDN length
  ESB000034: 'PROVIDER_ERROR', // invalid country
  ESB000035: 'PROVIDER_ERROR', // invalid currency
  ESB000036: 'PAYER_NOT_FOUND', // MSISDN length / must start with 0
  ESB000039: 'PROVIDER_ERROR', // vendor not configured for country
  '521002': 'PAYER_NOT_FOUND', // "Invalid Msisdn Length" on disbursement
  // Router
  ROUTER001: 'PROVIDER_ERROR',
  ROUTER003: 'PROVIDER_ERROR',
  ROUTER005: 'PROVIDER_ERROR',
  ROUTER006: 'PROVIDER_ERROR',
  ROUTER007: 'PROVIDER_ERROR',
  ROUTER110: 'PROVIDER_ERROR',
  ROUTER112: 'PROVIDER_ERROR',
  ROUTER114: 'PROVIDER_ERROR',
  ROUTER115: 'PROVIDER_ERROR', // our disbursement PIN is wrong
  ROUTER116: 'PROVIDER_ERROR', // our PIN encryption is wrong
  ROUTER119: 'PROVIDER_ERROR',
};

/**
 * Codes that say "NOT processed" when they answer a creating POST: the request was refused, nothing
 * was created, so the transaction may fail at once. (Timeouts and duplicates are not in it.)
 */
export const AIRTEL_NOT_PROCESSED_CODES: ReadonlySet<string> = new Set(
  Object.keys(AIRTEL_CODE_TO_FAILURE_CODE).filter(
    (c) => !['DP00800001024', 'DP00900001014', 'DP00900001011', 'DP00900001017'].includes(c),
  ),
);

/** Codes that mean "the outcome is not known: enquire" (never a failure at initiation). */
export const AIRTEL_ENQUIRE_CODES: ReadonlySet<string> = new Set([
  'DP00800001000', // ambiguous
  'DP00800001024', // timed out (enquire to be sure)
  'DP00900001000', // ambiguous
  'DP00900001011', // duplicate / similar exists: enquire, do not resend
  'DP00900001014', // timed out
  'DP00900001017', // duplicate transaction id
  'ESB000001', // something went wrong
  'ESB000004', // error initiating payment
  'ESB000014', // error fetching status
  'ROUTER117', // timeout generating response
]);

/** Codes that mean "in process": accepted, outcome later. */
export const AIRTEL_IN_PROCESS_CODES: ReadonlySet<string> = new Set(['DP00800001006', 'DP00900001006']);

/** "No such transaction" answers to an enquiry. */
export const AIRTEL_NOT_FOUND_CODES: ReadonlySet<string> = new Set(['DP00800001025', 'DP00900001015', 'ESB000045']);

export const AIRTEL_COLLECTION_SUCCESS = 'DP00800001001';
export const AIRTEL_DISBURSEMENT_SUCCESS = 'DP00900001001';
/** Collection: our transaction id already exists at Airtel (an earlier attempt of this very request). */
export const AIRTEL_DUPLICATE_ID = 'ESB000041';

/** What an Airtel answer body says, read defensively from every envelope shape seen (§2, §13). */
export interface AirtelEnvelope {
  /** data.transaction.status, upper-cased (SUCCESS, TS, TF, TA, TIP, TE…). */
  transactionStatus?: string;
  airtelMoneyId?: string;
  transactionId?: string;
  /** status.response_code (DP…). */
  responseCode?: string;
  /** status.result_code (ESB…, 5210xx), or a router / token error code. */
  resultCode?: string;
  /** status.code: the HTTP-like code inside the body ("200", "400"). */
  statusCode?: string;
  success?: boolean;
  /** data.transaction.message, else status.message, else a gateway error text. */
  message?: string;
  data?: Record<string, unknown>;
}

export function readEnvelope(body: unknown): AirtelEnvelope {
  const b = asRecord(body);
  const data = asRecord(b['data']);
  const tx = asRecord(data['transaction']);
  const status = asRecord(b['status']);
  const routerCode = text(b['status_code']) ?? text(b['error']);
  const success = status['success'];
  const envelope: AirtelEnvelope = {
    transactionStatus: text(tx['status'])?.toUpperCase(),
    airtelMoneyId: text(tx['airtel_money_id']),
    transactionId: text(tx['id']),
    responseCode: text(status['response_code']),
    resultCode: text(status['result_code']) ?? routerCode,
    statusCode: text(status['code']),
    success: typeof success === 'boolean' ? success : success === 'true' ? true : success === 'false' ? false : undefined,
    message: text(tx['message']) ?? text(status['message']) ?? text(b['status_message']) ?? text(b['error_description']) ?? text(b['message']),
    data,
  };
  return Object.fromEntries(Object.entries(envelope).filter(([, v]) => v !== undefined)) as AirtelEnvelope;
}

/** The envelope's codes, response_code first. */
export function codesOf(e: AirtelEnvelope): string[] {
  return [e.responseCode, e.resultCode].filter((c): c is string => c !== undefined);
}

/**
 * Our failure code for an answer's codes: the most specific one known (a generic PROVIDER_ERROR from
 * response_code gives way to a specific result_code, e.g. DP00900001013 + 521002 → PAYER_NOT_FOUND).
 */
export function failureCodeOf(e: AirtelEnvelope, fallback: FailureCode = 'UNKNOWN'): FailureCode {
  const mapped = codesOf(e)
    .map((c) => AIRTEL_CODE_TO_FAILURE_CODE[c.toUpperCase()])
    .filter((f): f is FailureCode => f !== undefined);
  return mapped.find((f) => f !== 'PROVIDER_ERROR') ?? mapped[0] ?? fallback;
}

/** Airtel's own code and message: `DP00800001002: Incorrect PIN`, `DP00900001013 (521002): …`. */
export function describeAirtel(e: AirtelEnvelope, httpStatus?: number): string {
  const extra = e.responseCode && e.resultCode && e.resultCode !== 'ESB000010' ? ` (${e.resultCode})` : '';
  const head = e.responseCode ?? e.resultCode ?? e.transactionStatus ?? (httpStatus !== undefined ? `HTTP ${httpStatus}` : 'AIRTEL');
  // The envelope's "SUCCESS" describes the API call: noise next to a failure code.
  const message = e.message && e.message.toUpperCase() !== 'SUCCESS' ? e.message : undefined;
  return cutText(message ? `${head}${extra}: ${message}` : `${head}${extra}`, 255);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A non-empty trimmed string, or a number as its string; undefined otherwise. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t === '' ? undefined : t;
}
