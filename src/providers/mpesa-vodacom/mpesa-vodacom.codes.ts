// Vodacom's INS codes (fact sheet §3.1, the full portal table; §3.2 field reports) → our vocabulary, and a
// defensive reader of the `output_*` bodies. Pure, no I/O. README "Response codes" has the same table.
import type { FailureCode } from '../provider.port';

/** Which call answered: INS-2001 means the customer's PIN on a C2B, the initiator's credential elsewhere. */
export type VodacomCallKind = 'c2b' | 'b2c' | 'reversal' | 'query';

export type VodacomCodeMeaning =
  | { kind: 'succeeded' }
  /** The outcome cannot be told from this answer: query later, never fail. */
  | { kind: 'unknown' }
  /** Only meaningful for a status query (INS-23); on an initiation it is read as unknown. */
  | { kind: 'not_found' }
  | { kind: 'failed'; failureCode: FailureCode };

export interface VodacomCodeEntry {
  /** HTTP status the portal table prints with the code. */
  http: number;
  description: string;
  meaning: VodacomCodeMeaning;
}

const ok: VodacomCodeMeaning = { kind: 'succeeded' };
const unknown: VodacomCodeMeaning = { kind: 'unknown' };
const fail = (failureCode: FailureCode): VodacomCodeMeaning => ({ kind: 'failed', failureCode });

/**
 * The MZ table. Choices (README "Response codes"):
 *  - INS-1 (internal error), INS-9 (request timeout: the customer did not answer in time, or did and the
 *    answer was late) → unknown: §3.2 says query them (insufficient funds has been reported as INS-1);
 *  - INS-10 (duplicate) → unknown: our ThirdPartyReference is unique per transaction, so a duplicate is OUR
 *    earlier attempt, which may have gone through;
 *  - INS-16 (503, temporary overloading) → unknown: an overloaded platform may still have taken the request;
 *  - INS-6 "Transaction Failed" → PAYER_DECLINED: field reports give it for a wrong PIN or a rejection;
 *  - INS-23 → not_found (status query).
 */
export const VODACOM_RESPONSE_CODES: Readonly<Record<string, VodacomCodeEntry>> = {
  'INS-0': { http: 201, description: 'Request processed successfully', meaning: ok },
  'INS-1': { http: 500, description: 'Internal Error', meaning: unknown },
  'INS-2': { http: 401, description: 'Invalid API Key', meaning: fail('PROVIDER_ERROR') },
  'INS-4': { http: 401, description: 'User is not active', meaning: fail('ACCOUNT_INACTIVE') },
  'INS-5': { http: 401, description: 'Transaction cancelled by customer', meaning: fail('PAYER_DECLINED') },
  'INS-6': { http: 401, description: 'Transaction Failed', meaning: fail('PAYER_DECLINED') },
  'INS-9': { http: 408, description: 'Request timeout', meaning: unknown },
  'INS-10': { http: 409, description: 'Duplicate Transaction', meaning: unknown },
  'INS-13': { http: 400, description: 'Invalid Shortcode Used', meaning: fail('PROVIDER_ERROR') },
  'INS-14': { http: 400, description: 'Invalid Reference Used', meaning: fail('PROVIDER_ERROR') },
  'INS-15': { http: 400, description: 'Invalid Amount Used', meaning: fail('INVALID_AMOUNT') },
  'INS-16': { http: 503, description: 'Unable to handle the request due to a temporary overloading', meaning: unknown },
  'INS-17': { http: 400, description: 'Invalid Transaction Reference. Length Should Be Between 1 and 20.', meaning: fail('PROVIDER_ERROR') },
  'INS-18': { http: 400, description: 'Invalid TransactionID Used', meaning: fail('PROVIDER_ERROR') },
  'INS-19': { http: 400, description: 'Invalid ThirdPartyReference Used', meaning: fail('PROVIDER_ERROR') },
  'INS-20': { http: 400, description: 'Not All Parameters Provided. Please try again.', meaning: fail('PROVIDER_ERROR') },
  'INS-21': { http: 400, description: 'Parameter validations failed. Please try again.', meaning: fail('PROVIDER_ERROR') },
  'INS-22': { http: 400, description: 'Invalid Operation Type', meaning: fail('PROVIDER_ERROR') },
  'INS-23': { http: 400, description: 'Unknown Status. Contact M-Pesa Support', meaning: { kind: 'not_found' } },
  'INS-24': { http: 400, description: 'Invalid InitiatorIdentifier Used', meaning: fail('PROVIDER_ERROR') },
  'INS-25': { http: 400, description: 'Invalid SecurityCredential Used', meaning: fail('PROVIDER_ERROR') },
  'INS-26': { http: 400, description: 'Not authorized', meaning: fail('PROVIDER_ERROR') },
  'INS-993': { http: 400, description: 'Direct Debit Missing', meaning: fail('PROVIDER_ERROR') },
  'INS-994': { http: 400, description: 'Direct Debit Already Exists', meaning: fail('PROVIDER_ERROR') },
  'INS-995': { http: 400, description: "Customer's Profile Has Problems", meaning: fail('ACCOUNT_INACTIVE') },
  'INS-996': { http: 400, description: 'Customer Account Status Not Active', meaning: fail('ACCOUNT_INACTIVE') },
  'INS-997': { http: 400, description: 'Linking Transaction Not Found', meaning: fail('PROVIDER_ERROR') },
  'INS-998': { http: 400, description: 'Invalid Market', meaning: fail('PROVIDER_ERROR') },
  'INS-2001': { http: 400, description: 'Initiator authentication error.', meaning: fail('PAYER_DECLINED') },
  'INS-2002': { http: 400, description: 'Receiver invalid.', meaning: fail('PAYER_NOT_FOUND') },
  'INS-2006': { http: 422, description: 'Insufficient balance', meaning: fail('INSUFFICIENT_FUNDS') },
  'INS-2051': { http: 400, description: 'MSISDN invalid.', meaning: fail('PAYER_NOT_FOUND') },
  'INS-2057': { http: 400, description: 'Language code invalid.', meaning: fail('PROVIDER_ERROR') },
};

/** An INS code in canonical form ("ins-05 " → "INS-5"); undefined when the text is not an INS code. */
export function normalizeInsCode(code: string): string | undefined {
  const match = /^\s*INS[-_ ]?0*(\d+)\s*$/i.exec(code);
  return match ? `INS-${match[1]}` : undefined;
}

/**
 * What a code means for a call of `kind`. INS-2001 is the customer's PIN on a C2B (PAYER_DECLINED), the
 * initiator's authentication on the other calls (PROVIDER_ERROR). A code outside the table → unknown,
 * whatever the HTTP status (the mapper keeps the raw code in the reason): we cannot tell a refusal from
 * anything else by a code we do not know.
 */
export function mapVodacomResponseCode(code: string, kind: VodacomCallKind = 'c2b'): VodacomCodeMeaning {
  const canonical = normalizeInsCode(code) ?? code.trim();
  if (canonical === 'INS-2001' && kind !== 'c2b') return fail('PROVIDER_ERROR');
  return VODACOM_RESPONSE_CODES[canonical]?.meaning ?? unknown;
}

/** True when `code` (any spelling normalizeInsCode accepts) is in VODACOM_RESPONSE_CODES. */
export function isKnownVodacomCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(VODACOM_RESPONSE_CODES, normalizeInsCode(code) ?? code.trim());
}

/** The `output_*` fields of an answer, each present only when a non-empty string. */
export interface VodacomAnswer {
  code?: string;
  description?: string;
  transactionId?: string;
  conversationId?: string;
  thirdPartyReference?: string;
  transactionStatus?: string;
}

/** Reads an answer body without trusting its shape (`output_ResultCode` / `output_ResultDesc` accepted too, §2.6). */
export function readVodacomAnswer(body: unknown): VodacomAnswer {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const text = (...names: string[]): string | undefined => {
    for (const name of names) {
      const value = b[name];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    }
    return undefined;
  };
  const rawCode = text('output_ResponseCode', 'output_ResultCode');
  const out: VodacomAnswer = {};
  const set = (key: keyof VodacomAnswer, value: string | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('code', rawCode === undefined ? undefined : (normalizeInsCode(rawCode) ?? rawCode));
  set('description', text('output_ResponseDesc', 'output_ResultDesc'));
  set('transactionId', text('output_TransactionID'));
  set('conversationId', text('output_ConversationID'));
  set('thirdPartyReference', text('output_ThirdPartyReference'));
  set('transactionStatus', text('output_ResponseTransactionStatus'));
  return out;
}

/** "INS-2006: Insufficient balance" (the answer's own description, else the table's). */
export function describeVodacom(answer: VodacomAnswer, status?: number): string {
  const code = answer.code ?? 'no INS code';
  const description = answer.description ?? (answer.code ? VODACOM_RESPONSE_CODES[answer.code]?.description : undefined);
  const text = description ? `${code}: ${description}` : code;
  return status === undefined ? text : `${text} (HTTP ${status})`;
}
