// Validation of MTN request bodies and identifiers (fact sheet §2, §5). Problems come back as values;
// the caller turns them into MTN's answers.
import type { MtnParty } from './mtn-momo.records';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuidV4(value: string | undefined | null): value is string {
  return typeof value === 'string' && UUID_V4.test(value);
}

export const PARTY_ID_TYPES = ['MSISDN', 'EMAIL', 'PARTY_CODE'] as const;
const MAX_NOTE_CHARS = 160;

export interface RequestToPayInput {
  amount: string;
  currency: string;
  externalId?: string;
  payer: MtnParty;
  payerMessage?: string;
  payeeNote?: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; httpStatus: 400 | 500; code: string; message: string };

function bad(message: string): { ok: false; httpStatus: 400; code: string; message: string } {
  return { ok: false, httpStatus: 400, code: 'BAD_REQUEST', message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function note(body: Record<string, unknown>, field: 'payerMessage' | 'payeeNote'): string | undefined | Error {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return new Error(`${field} must be a string`);
  if (value.length > MAX_NOTE_CHARS) return new Error(`${field} must be at most ${MAX_NOTE_CHARS} characters`);
  if (/['&]/.test(value)) return new Error(`${field} must not contain ' or &`);
  return value;
}

/** The fields every money body has (amount, currency, externalId, payerMessage, payeeNote). */
export interface MoneyInput {
  amount: string;
  currency: string;
  externalId?: string;
  payerMessage?: string;
  payeeNote?: string;
}

/** amount, currency, externalId (checked first), then the notes (checked last). */
function checkBasics(body: Record<string, unknown>): { ok: false; httpStatus: 400; code: string; message: string } | null {
  const { amount, currency, externalId } = body;
  if (typeof amount !== 'string') return bad('amount is required and must be a string, e.g. "100".');
  if (typeof currency !== 'string' || currency.trim() === '') return bad('currency is required.');
  if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') return bad('externalId must be a string.');
  return null;
}

function moneyWithNotes(body: Record<string, unknown>): Validation<MoneyInput> {
  const payerMessage = note(body, 'payerMessage');
  if (payerMessage instanceof Error) return bad(payerMessage.message);
  const payeeNote = note(body, 'payeeNote');
  if (payeeNote instanceof Error) return bad(payeeNote.message);
  const value: MoneyInput = { amount: body.amount as string, currency: body.currency as string };
  if (typeof body.externalId === 'string') value.externalId = body.externalId;
  if (payerMessage !== undefined) value.payerMessage = payerMessage;
  if (payeeNote !== undefined) value.payeeNote = payeeNote;
  return { ok: true, value };
}

function validateParty(body: Record<string, unknown>, field: 'payer' | 'payee'): Validation<MtnParty> {
  const party = body[field];
  if (!isObject(party)) return bad(`${field} is required: {"partyIdType","partyId"}.`);
  const { partyIdType, partyId } = party;
  if (typeof partyIdType !== 'string' || typeof partyId !== 'string') {
    return bad(`${field}.partyIdType and ${field}.partyId must be strings.`);
  }
  if (partyIdType === '' || partyId === '') {
    // Observed: a payer with empty fields is a 500, not a 400 (fact sheet §5); the same assumed for a
    // payee. The code is our choice.
    return { ok: false, httpStatus: 500, code: 'INTERNAL_PROCESSING_ERROR', message: 'An internal error occurred while processing.' };
  }
  if (!(PARTY_ID_TYPES as readonly string[]).includes(partyIdType)) {
    return bad(`${field}.partyIdType must be one of ${PARTY_ID_TYPES.join(', ')}.`);
  }
  if (partyIdType === 'MSISDN' && !/^\d{4,15}$/.test(partyId)) {
    return bad(`${field}.partyId must be an MSISDN: E.164 digits with country code, without "+".`);
  }
  return { ok: true, value: { partyIdType, partyId } };
}

/** Money fields plus one party (payer or payee), in the order request-to-pay always checked them. */
function validateWithParty(body: unknown, field: 'payer' | 'payee'): Validation<MoneyInput & { party: MtnParty }> {
  if (!isObject(body)) return bad('Request body must be a JSON object.');
  const basics = checkBasics(body);
  if (basics) return basics;
  const party = validateParty(body, field);
  if (!party.ok) return party;
  const money = moneyWithNotes(body);
  if (!money.ok) return money;
  return { ok: true, value: { ...money.value, party: party.value } };
}

/** A parsed RequestToPay body (the JSON must already be parsed and non-empty). */
export function validateRequestToPay(body: unknown): Validation<RequestToPayInput> {
  const result = validateWithParty(body, 'payer');
  if (!result.ok) return result;
  const { party, ...money } = result.value;
  return { ok: true, value: { ...money, payer: party } };
}

export interface TransferInput extends MoneyInput {
  payee: MtnParty;
}

/** A parsed Transfer body: like RequestToPay with a payee. */
export function validateTransfer(body: unknown): Validation<TransferInput> {
  const result = validateWithParty(body, 'payee');
  if (!result.ok) return result;
  const { party, ...money } = result.value;
  return { ok: true, value: { ...money, payee: party } };
}

export interface RefundInput extends MoneyInput {
  referenceIdToRefund: string;
}

/** MTN's sandbox refund test ids (fact sheet §11). */
export const REFUND_TEST_ID = /^(?:[1-9]|1[0-3])$/;

/** A parsed Refund body: money fields and referenceIdToRefund (a request-to-pay's X-Reference-Id, or a test id 1–13). */
export function validateRefund(body: unknown): Validation<RefundInput> {
  if (!isObject(body)) return bad('Request body must be a JSON object.');
  const basics = checkBasics(body);
  if (basics) return basics;
  const money = moneyWithNotes(body);
  if (!money.ok) return money;
  const ref = body.referenceIdToRefund;
  if (typeof ref !== 'string' || ref.trim() === '') return bad('referenceIdToRefund is required: the X-Reference-Id of the request-to-pay.');
  if (!isUuidV4(ref) && !REFUND_TEST_ID.test(ref)) {
    return bad('referenceIdToRefund must be the X-Reference-Id (UUID version 4) of a request-to-pay.');
  }
  return { ok: true, value: { ...money.value, referenceIdToRefund: ref } };
}

/** The host part of a providerCallbackHost ("example.com", or a URL someone stored instead). */
export function normalizeHost(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed === '') return '';
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed)) return new URL(trimmed).hostname;
  } catch {
    // fall through
  }
  return trimmed.replace(/\/.*$/, '').replace(/:\d+$/, '');
}

/** X-Callback-Url: an absolute http(s) URL; returns its host or an error message. */
export function callbackUrlHost(url: string): { host: string } | { error: string } {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { error: 'X-Callback-Url must be an http(s) URL.' };
    return { host: parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '') };
  } catch {
    return { error: 'X-Callback-Url is not a valid absolute URL.' };
  }
}
