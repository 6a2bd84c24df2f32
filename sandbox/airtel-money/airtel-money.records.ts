// What the Airtel emulation records (collections, refunds, disbursements, refused disbursement
// attempts) and how it shows them: the enquiry `data.transaction` (§5, §9), the callback body (§7) and
// the full control view. Money is BigInt minor units inside; sendJson writes BigInt as strings.
import { COLLECTION_CODES, DISBURSEMENT_CODES } from './airtel-money.codes';
import { AIRTEL_COUNTRIES, formatMoney } from './airtel-money.countries';
import type { RsaPadding } from './airtel-money.crypto';
import type { AirtelScenario } from './airtel-money.scenarios';

export type AirtelStatus = 'TIP' | 'TA' | 'TS' | 'TF';

export interface AirtelOutcome {
  status: 'TS' | 'TF';
  responseCode: string;
  message: string;
}

export interface AirtelCallbackAttempt {
  at: string;
  trigger: 'scheduled' | 'manual';
  url: string;
  /** The exact JSON text POSTed. */
  body: string;
  /** The `hash` sent (null: none), and how it was made. */
  hash: string | null;
  hashMode: 'hmac' | 'wrong' | 'given' | 'none';
  /** The text the HMAC was computed over (the body without `hash`), null without a hash. */
  hashedMessage: string | null;
  httpStatus: number | null;
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

interface AirtelRecordBase {
  clientId: string;
  country: string;
  currency: string;
  createdAt: number;
  /** Every header as received (Authorization redacted). */
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  path: string;
  /** Whether the request carried valid x-signature/x-key. */
  signed: boolean;
}

interface AirtelTransactionBase extends AirtelRecordBase {
  /** The merchant's transaction.id. */
  id: string;
  msisdn: string;
  /** transaction.amount as sent. */
  amount: unknown;
  amountMinor: bigint;
  reference: string | null;
  scenario: AirtelScenario;
  initialStatus: 'TIP' | 'TA';
  /** When the enquiry shows the decided outcome (epoch ms). */
  finalAt: number;
  /** Decided once; balances move at that moment. Null until then (collections decide at finalAt). */
  decided: AirtelOutcome | null;
  airtelMoneyId: string;
  /** POSTs that used this id, the duplicates included. */
  postCount: number;
}

export interface AirtelPayment extends AirtelTransactionBase {
  kind: 'payment';
  callbacks: AirtelCallbackAttempt[];
  refundedMinor: bigint;
  /** airtel_money_id of its refunds. */
  refunds: string[];
}

export interface AirtelDisbursement extends AirtelTransactionBase {
  kind: 'disbursement';
  version: 'v1' | 'v2';
  /** transaction.type (v2: B2C / B2B). */
  type: string | null;
  /** Airtel's numeric reference_id. */
  referenceId: string;
  /** The TID quoted in the message. */
  tid: string;
  pinPadding: RsaPadding;
  /** Disbursement wallet after this one (null when nothing moved). */
  balanceAfterMinor: bigint | null;
}

export interface AirtelRefund extends AirtelRecordBase {
  kind: 'refund';
  airtelMoneyId: string;
  paymentId: string;
  paymentAirtelMoneyId: string;
  amountMinor: bigint;
  initialStatus: 'TIP';
  /** The refund is final at its POST (finalAt = createdAt). */
  finalAt: number;
  decided: AirtelOutcome;
}

/** A disbursement POST refused before anything was recorded (bad PIN, validation, duplicate id...). */
export interface AirtelRefusedDisbursement extends AirtelRecordBase {
  kind: 'refused-disbursement';
  id: string | null;
  msisdn: string | null;
  refusal: { httpStatus: number; resultCode: string; responseCode: string | null; message: string };
}

export type AirtelTransaction = AirtelPayment | AirtelDisbursement;

/** What the enquiry shows now. */
export function shownStatus(record: AirtelTransaction | AirtelRefund, now = Date.now()): AirtelStatus {
  return record.decided && now >= record.finalAt ? record.decided.status : record.initialStatus;
}

function pendingCode(kind: 'payment' | 'disbursement' | 'refund', status: 'TIP' | 'TA'): string {
  const prefix = kind === 'disbursement' ? 'DP009' : 'DP008';
  return `${prefix}0000${status === 'TA' ? '1000' : '1006'}`;
}

/** response_code and message of a record as the enquiry shows it now. */
export function shownCode(record: AirtelTransaction | AirtelRefund, now = Date.now()): { status: AirtelStatus; responseCode: string; message: string } {
  const status = shownStatus(record, now);
  if ((status === 'TS' || status === 'TF') && record.decided) {
    return { status, responseCode: record.decided.responseCode, message: record.decided.message };
  }
  const pending = status === 'TA' ? 'TA' : 'TIP';
  const answer = record.kind === 'disbursement' ? record.scenario.answerCode : undefined;
  const responseCode = pending === 'TA' && answer ? answer : pendingCode(record.kind, pending);
  return { status, responseCode, message: COLLECTION_CODES[responseCode] ?? DISBURSEMENT_CODES[responseCode] ?? responseCode };
}

/** Enquiry `data.transaction` (§5, §9): airtel_money_id only once TS. */
export function enquiryTransaction(record: AirtelTransaction | AirtelRefund, now = Date.now()): Record<string, unknown> {
  const { status, message } = shownCode(record, now);
  const transaction: Record<string, unknown> = {};
  if (status === 'TS') transaction.airtel_money_id = record.airtelMoneyId;
  transaction.id = record.kind === 'refund' ? record.airtelMoneyId : record.id;
  transaction.message = message;
  transaction.status = status;
  return transaction;
}

export const MERCHANT_NAME = 'MALIPO SANDBOX MERCHANT';

/** The callback `transaction` (§7), keys in the order id, message, status_code, airtel_money_id (TS only). */
export function callbackTransaction(payment: AirtelPayment, status: AirtelStatus, message: string): Record<string, string> {
  const country = AIRTEL_COUNTRIES[payment.country];
  const text =
    status === 'TS' && country
      ? `Paid ${formatMoney(payment.amountMinor, country)} to ${MERCHANT_NAME}, Trans ID ${payment.airtelMoneyId}.`
      : message;
  const transaction: Record<string, string> = { id: payment.id, message: text, status_code: status };
  if (status === 'TS') transaction.airtel_money_id = payment.airtelMoneyId;
  return transaction;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The full record for the control endpoints. */
export function controlView(
  record: AirtelPayment | AirtelDisbursement | AirtelRefund | AirtelRefusedDisbursement,
  now = Date.now(),
): Record<string, unknown> {
  const common = {
    kind: record.kind,
    clientId: record.clientId,
    country: record.country,
    currency: record.currency,
    xCountry: record.requestHeaders['x-country'] ?? null,
    xCurrency: record.requestHeaders['x-currency'] ?? null,
    createdAt: iso(record.createdAt),
    path: record.path,
    signed: record.signed,
    requestHeaders: record.requestHeaders,
    requestBody: record.requestBody,
  };
  if (record.kind === 'refused-disbursement') {
    return { ...common, id: record.id, msisdn: record.msisdn, recorded: false, refusal: record.refusal };
  }
  const shown = shownCode(record, now);
  const view: Record<string, unknown> = {
    ...common,
    recorded: true,
    status: shown.status,
    responseCode: shown.responseCode,
    message: shown.message,
    finalAt: iso(record.finalAt),
    decided: record.decided,
    airtelMoneyId: record.airtelMoneyId,
    amountMinor: record.amountMinor,
  };
  if (record.kind === 'refund') {
    return { ...view, paymentId: record.paymentId, paymentAirtelMoneyId: record.paymentAirtelMoneyId };
  }
  Object.assign(view, {
    id: record.id,
    msisdn: record.msisdn,
    amount: record.amount,
    reference: record.reference,
    scenario: record.scenario.id,
    postCount: record.postCount,
    enquiry: enquiryTransaction(record, now),
  });
  if (record.kind === 'payment') {
    return { ...view, refundedMinor: record.refundedMinor, refunds: record.refunds, callbacks: record.callbacks };
  }
  return {
    ...view,
    version: record.version,
    type: record.type,
    referenceId: record.referenceId,
    tid: record.tid,
    pinPadding: record.pinPadding,
    balanceAfterMinor: record.balanceAfterMinor,
  };
}
