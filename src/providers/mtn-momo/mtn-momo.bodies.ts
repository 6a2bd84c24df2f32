// Our payment requests as MTN request bodies. Pure functions, no I/O. Amounts travel as the decimal
// string we received (MTN's schema types them as strings): never a number, never a float.
import type { PaymentRequest } from '../provider.port';

export const MTN_MESSAGE_MAX_LENGTH = 160;
/** MTN publishes no limit for externalId; our own reference is at most 64 characters. */
export const MTN_EXTERNAL_ID_MAX_LENGTH = 64;

export interface MtnParty {
  partyIdType: 'MSISDN' | 'EMAIL' | 'PARTY_CODE';
  partyId: string;
}

/** What every MTN money body has (request-to-pay, transfer, refund). */
interface MtnMoneyFields {
  /** Decimal string in major units. */
  amount: string;
  currency: string;
  externalId: string;
  payerMessage?: string;
  payeeNote?: string;
}

/** POST /collection/v1_0/requesttopay */
export interface MtnRequestToPayBody extends MtnMoneyFields {
  payer: MtnParty;
}

/** POST /disbursement/v1_0/transfer */
export interface MtnTransferBody extends MtnMoneyFields {
  payee: MtnParty;
}

/** POST /disbursement/v1_0/refund and /v2_0/refund */
export interface MtnRefundBody extends MtnMoneyFields {
  /** The X-Reference-Id of the request-to-pay being refunded. */
  referenceIdToRefund: string;
}

/** Our payment request as an MTN RequestToPay body (the customer pays). */
export function toRequestToPayBody(request: PaymentRequest): MtnRequestToPayBody {
  const { amount, currency, externalId, ...notes } = moneyFields(request);
  return { amount, currency, externalId, payer: { partyIdType: 'MSISDN', partyId: request.msisdn }, ...notes };
}

/** Our disbursement as an MTN Transfer body (the customer is paid). */
export function toTransferBody(request: PaymentRequest): MtnTransferBody {
  const { amount, currency, externalId, ...notes } = moneyFields(request);
  return { amount, currency, externalId, payee: { partyIdType: 'MSISDN', partyId: request.msisdn }, ...notes };
}

/** Our refund as an MTN Refund body; `referenceIdToRefund` is the original request-to-pay's reference. */
export function toRefundBody(request: PaymentRequest, referenceIdToRefund: string): MtnRefundBody {
  return { ...moneyFields(request), referenceIdToRefund };
}

/**
 * amount and currency as received; externalId = our reference (else our transaction id), at most 64
 * characters; payerMessage = payeeNote = description (else reference), sanitized, omitted when empty.
 */
function moneyFields(request: PaymentRequest): MtnMoneyFields {
  const externalId = cutText((request.reference ?? '').trim() || request.transactionId, MTN_EXTERNAL_ID_MAX_LENGTH);
  const note = sanitizeMtnNote(request.description ?? request.reference ?? '');
  return {
    amount: request.amount,
    currency: request.currency,
    externalId,
    ...(note ? { payerMessage: note, payeeNote: note } : {}),
  };
}

/** payerMessage/payeeNote: no `'` or `&` (MTN answers 400), single line, at most 160 characters. */
export function sanitizeMtnNote(text: string): string {
  const cleaned = text
    .replace(/['&]/g, '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cutText(cleaned, MTN_MESSAGE_MAX_LENGTH).trim();
}

/** Cut to at most `max` characters without splitting a surrogate pair. */
export function cutText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
