// The transactions the MTN emulation records: request-to-pay (Collection), transfer and refund
// (Disbursement), and how they are shown: MTN's GET status bodies (fact sheet §5, §6) and the full
// internal view of the control endpoints. Amounts are BigInt minor units inside, strings outside.
import type { MtnScenario, MtnStatus } from './mtn-momo.scenarios';

export const MTN_PRODUCTS = ['collection', 'disbursement'] as const;
export type MtnProduct = (typeof MTN_PRODUCTS)[number];

export type MtnKind = 'requesttopay' | 'transfer' | 'refund';

export interface MtnParty {
  partyIdType: string;
  partyId: string;
}

/** A final outcome (status SUCCESSFUL or FAILED; reason only when FAILED). */
export interface MtnOutcome {
  status: MtnStatus;
  reason: string | null;
}

export interface MtnCallbackAttempt {
  at: string;
  trigger: 'scheduled' | 'manual';
  method: 'POST' | 'PUT';
  url: string;
  body: Record<string, unknown>;
  httpStatus: number | null;
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

/** The fields every recorded transaction has. */
export interface MtnRecordBase {
  referenceId: string;
  product: MtnProduct;
  apiUserId: string;
  createdAt: number;
  scenario: MtnScenario;
  /** The JSON body exactly as received. */
  requestBody: unknown;
  /** Headers that matter, as received. */
  requestHeaders: Record<string, string | null>;
  subscriptionKey: string;
  targetEnvironment: string;
  callbackUrl: string | null;
  /** POST, except v2 refunds (PUT, unverified). */
  callbackMethod: 'POST' | 'PUT';
  amount: string;
  amountMinor: bigint;
  currency: string;
  externalId?: string;
  payerMessage?: string;
  payeeNote?: string;
  /** What GET shows. */
  status: MtnStatus;
  reason: string | null;
  /** Epoch ms at which GET shows the final status; null = never. */
  finalAt: number | null;
  /**
   * The outcome once decided (balances move at that moment): at finalAt, or earlier when a callback
   * runs ahead of the status (990005). Null while undecided or forever (CREATED scenarios).
   */
  decided: MtnOutcome | null;
  /** Assigned at creation, shown once SUCCESSFUL (and in early callbacks). */
  financialTransactionId: string;
  /** POSTs that used this reference id, including the ones answered 409. */
  postCount: number;
  callbacks: MtnCallbackAttempt[];
}

export interface MtnRequestToPay extends MtnRecordBase {
  kind: 'requesttopay';
  payer: MtnParty;
  /** Sum of the SUCCESSFUL refunds of this payment, minor units. */
  refundedMinor: bigint;
}

export interface MtnTransfer extends MtnRecordBase {
  kind: 'transfer';
  payee: MtnParty;
}

export interface MtnRefund extends MtnRecordBase {
  kind: 'refund';
  version: 'v1_0' | 'v2_0';
  referenceIdToRefund: string;
  /** The request-to-pay refunded (same target environment); null for unknown ids and test ids 1–13. */
  original: MtnRequestToPay | null;
  /** The original payer; null when there is no original. */
  payee: MtnParty | null;
}

export type MtnRecord = MtnRequestToPay | MtnTransfer | MtnRefund;

function party(p: MtnParty): MtnParty {
  return { partyIdType: p.partyIdType, partyId: p.partyId };
}

/**
 * The GET status body (fact sheet §5, §6), fields in MTN's order per resource; `as` renders the record
 * with another outcome (early callbacks). financialTransactionId only when SUCCESSFUL, reason only when FAILED.
 */
export function statusBody(record: MtnRecord, as: MtnOutcome = record): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    if (value !== undefined && value !== null) body[key] = value;
  };
  const financialTransactionId = as.status === 'SUCCESSFUL' ? record.financialTransactionId : undefined;
  if (record.kind === 'transfer') {
    put('amount', record.amount);
    put('currency', record.currency);
    put('financialTransactionId', financialTransactionId);
    put('externalId', record.externalId);
    put('payee', party(record.payee));
  } else {
    put('financialTransactionId', financialTransactionId);
    put('externalId', record.externalId);
    put('amount', record.amount);
    put('currency', record.currency);
    if (record.kind === 'requesttopay') put('payer', party(record.payer));
    else put('payee', record.payee ? party(record.payee) : null);
  }
  put('payerMessage', record.payerMessage);
  put('payeeNote', record.payeeNote);
  body.status = as.status;
  if (as.status === 'FAILED' && as.reason !== null && as.reason !== '') body.reason = as.reason;
  return body;
}

/** The full internal record for the control endpoints (BigInt as string, times as ISO strings). */
export function controlView(record: MtnRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    kind: record.kind,
    referenceId: record.referenceId,
    product: record.product,
    apiUserId: record.apiUserId,
    createdAt: new Date(record.createdAt).toISOString(),
    scenario: record.scenario.id,
    targetEnvironment: record.targetEnvironment,
    subscriptionKey: record.subscriptionKey,
    callbackUrl: record.callbackUrl,
    callbackMethod: record.callbackMethod,
    requestHeaders: record.requestHeaders,
    requestBody: record.requestBody,
    amountMinor: record.amountMinor.toString(),
    postCount: record.postCount,
    status: record.status,
    reason: record.reason,
    finalAt: record.finalAt === null ? null : new Date(record.finalAt).toISOString(),
    decided: record.decided,
    financialTransactionId: record.financialTransactionId,
  };
  if (record.kind === 'requesttopay') view.refundedMinor = record.refundedMinor.toString();
  if (record.kind === 'refund') {
    view.version = record.version;
    view.referenceIdToRefund = record.referenceIdToRefund;
    view.originalFound = record.original !== null;
  }
  view.statusBody = statusBody(record);
  view.callbacks = record.callbacks;
  return view;
}

/** The party a record is about: the payer of a request-to-pay, the payee of a transfer or refund. */
export function partyOf(record: MtnRecord): MtnParty | null {
  return record.kind === 'requesttopay' ? record.payer : record.payee;
}
