// What the Daraja emulation records: one record per accepted request (STK push, B2C payment, C2B
// payment, Transaction Status query, Account Balance query, reversal), each with every callback it sent.
// Records are plain JSON-able data (money in cents as numbers), shown as they are by the control endpoints.
import type { DarajaCode } from './mpesa-daraja.codes';
import type { CredentialCheck } from './mpesa-daraja.crypto';

export type CallbackTarget = 'callback' | 'result' | 'queue-timeout' | 'validation' | 'confirmation';

export interface CallbackAttempt {
  at: string;
  trigger: 'scheduled' | 'manual';
  target: CallbackTarget;
  url: string;
  /** The exact JSON text sent. */
  body: string;
  httpStatus: number | null;
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

interface RecordBase {
  /** Primary id: CheckoutRequestID (stk), ConversationID (b2c, status, balance, reversal), TransID (c2b). */
  id: string;
  createdAt: number;
  path: string;
  /** Every header as received, Authorization redacted. */
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  /** POSTs that named this record (a duplicate OriginatorConversationID counts). */
  postCount: number;
  callbacks: CallbackAttempt[];
}

export interface Outcome {
  resultCode: DarajaCode;
  resultDesc: string;
  /** M-Pesa receipt of a success (null on failure). */
  receipt: string | null;
  decidedAt: number;
}

export interface Reversed {
  reversalId: string;
  receipt: string;
  at: number;
}

export interface StkRecord extends RecordBase {
  kind: 'stk';
  merchantRequestId: string;
  checkoutRequestId: string;
  shortCode: string;
  partyB: string;
  transactionType: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  amount: number;
  partyA: string;
  phoneNumber: string;
  callbackUrl: string;
  accountReference: string;
  transactionDesc: string;
  scenario: string;
  decideAt: number;
  /** When the query shows the outcome (and the subscriber lock ends). */
  shownAt: number;
  outcome: Outcome | null;
  /** Receipt the lying callback quoted (990007); not a transaction. */
  claimedReceipt: string | null;
  reversed: Reversed | null;
}

export interface B2cRecord extends RecordBase {
  kind: 'b2c';
  version: 'v1' | 'v3';
  conversationId: string;
  originatorConversationId: string;
  initiatorName: string;
  credential: CredentialCheck;
  commandId: string;
  amount: number;
  partyA: string;
  partyB: string;
  remarks: string;
  occasion: string;
  resultUrl: string;
  queueTimeOutUrl: string;
  scenario: string;
  decideAt: number;
  outcome: Outcome | null;
  /** Utility account after this payment (null when nothing moved). */
  utilityAfterCents: number | null;
}

export interface C2bValidation {
  enabled: boolean;
  url: string | null;
  /** accepted/rejected by the ValidationURL's answer, or the ResponseType fallback. */
  decision: 'accepted' | 'rejected';
  reason: 'disabled' | 'answer' | 'timeout' | 'error' | 'bad-answer';
  httpStatus: number | null;
  resultCode: unknown;
  resultDesc: unknown;
  responseBody: string | null;
}

export interface C2bRecord extends RecordBase {
  kind: 'c2b';
  transId: string;
  version: 'v1' | 'v2';
  /** The register-URL version the notifications follow (v2: masked MSISDN, v1: SHA-256). */
  notificationVersion: 'v1' | 'v2';
  originatorConversationId: string;
  shortCode: string;
  commandId: 'CustomerPayBillOnline' | 'CustomerBuyGoodsOnline';
  amount: number;
  msisdn: string;
  billRefNumber: string;
  status: 'pending' | 'completed' | 'rejected';
  validation: C2bValidation | null;
  thirdPartyTransId: string;
  orgBalanceAfterCents: number | null;
  completedAt: number | null;
  reversed: Reversed | null;
}

interface InitiatorRequest extends RecordBase {
  conversationId: string;
  originatorConversationId: string;
  initiator: string;
  credential: CredentialCheck;
  resultUrl: string;
  queueTimeOutUrl: string;
  remarks: string;
  occasion: string;
}

export interface StatusRecord extends InitiatorRequest {
  kind: 'status';
  transactionId: string;
  originalConversationId: string;
  partyA: string;
  /** The Result, computed when the query arrived, POSTed after the settle delay. */
  result: unknown;
  foundId: string | null;
}

export interface BalanceRecord extends InitiatorRequest {
  kind: 'balance';
  partyA: string;
  result: unknown;
}

export interface ReversalRecord extends InitiatorRequest {
  kind: 'reversal';
  transactionId: string;
  amount: number;
  receiverParty: string;
  decideAt: number;
  outcome: Outcome | null;
  /** The customer refunded (the original payer), once decided. */
  customerMsisdn: string | null;
  utilityAfterCents: number | null;
}

export type DarajaTransaction = StkRecord | B2cRecord | C2bRecord | ReversalRecord;
export type DarajaRecord = DarajaTransaction | StatusRecord | BalanceRecord;

/** The customer name the sandbox gives everybody. */
export const CUSTOMER_NAME = 'John Doe';
export const ORGANISATION_NAME = 'Malipo Sandbox';

/** Settled state of a record as the control endpoints summarise it. */
export function recordStatus(record: DarajaRecord, now = Date.now()): string {
  switch (record.kind) {
    case 'stk':
      if (!record.outcome || now < record.shownAt) return 'pending';
      return record.reversed ? 'reversed' : record.outcome.resultCode === 0 ? 'completed' : 'failed';
    case 'b2c':
    case 'reversal':
      if (!record.outcome) return 'pending';
      return record.outcome.resultCode === 0 ? 'completed' : 'failed';
    case 'c2b':
      return record.reversed ? 'reversed' : record.status;
    default:
      return record.callbacks.length ? 'answered' : 'pending';
  }
}

/** The control view: the record as stored, plus its status now. */
export function recordView(record: DarajaRecord, now = Date.now()): Record<string, unknown> {
  return { ...record, createdAt: new Date(record.createdAt).toISOString(), status: recordStatus(record, now) };
}
