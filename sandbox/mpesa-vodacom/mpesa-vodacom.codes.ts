// Vodacom's INS codes with the HTTP status the portal table prints (fact sheet §3.1), and the writers of
// `output_*` answers. INS-0 answers 201 to a POST and 200 to a GET or PUT (§3.1: a modelling choice).
import { randomBytes } from 'node:crypto';
import { sendEmpty, sendJson, type SandboxResponse } from '../core/http';

export const VODACOM_INS: Readonly<Record<string, { http: number; description: string }>> = {
  'INS-0': { http: 201, description: 'Request processed successfully' },
  'INS-1': { http: 500, description: 'Internal Error' },
  'INS-2': { http: 401, description: 'Invalid API Key' },
  'INS-4': { http: 401, description: 'User is not active' },
  'INS-5': { http: 401, description: 'Transaction cancelled by customer' },
  'INS-6': { http: 401, description: 'Transaction Failed' },
  'INS-9': { http: 408, description: 'Request timeout' },
  'INS-10': { http: 409, description: 'Duplicate Transaction' },
  'INS-13': { http: 400, description: 'Invalid Shortcode Used' },
  'INS-14': { http: 400, description: 'Invalid Reference Used' },
  'INS-15': { http: 400, description: 'Invalid Amount Used' },
  'INS-16': { http: 503, description: 'Unable to handle the request due to a temporary overloading' },
  'INS-17': { http: 400, description: 'Invalid Transaction Reference. Length Should Be Between 1 and 20.' },
  'INS-18': { http: 400, description: 'Invalid TransactionID Used' },
  'INS-19': { http: 400, description: 'Invalid ThirdPartyReference Used' },
  'INS-20': { http: 400, description: 'Not All Parameters Provided. Please try again.' },
  'INS-21': { http: 400, description: 'Parameter validations failed. Please try again.' },
  'INS-23': { http: 400, description: 'Unknown Status. Contact M-Pesa Support' },
  'INS-24': { http: 400, description: 'Invalid InitiatorIdentifier Used' },
  'INS-25': { http: 400, description: 'Invalid SecurityCredential Used' },
  'INS-2006': { http: 422, description: 'Insufficient balance' },
  'INS-2051': { http: 400, description: 'MSISDN invalid.' },
};

export type InsCode = keyof typeof VODACOM_INS & string;

/** 32 hex digits, as sandbox conversation ids have been seen. */
export function conversationId(): string {
  return randomBytes(16).toString('hex');
}

/** 12 lowercase alphanumerics, like the sandbox's observed TransactionIDs (3cr8whltpb6m). */
export function transactionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

export interface InsExtra {
  output_TransactionID?: string;
  output_ConversationID?: string;
  output_ThirdPartyReference?: string;
  output_ResponseTransactionStatus?: string;
}

/**
 * Writes `{output_ResponseCode, output_ResponseDesc, …extra}` with the code's HTTP status (INS-0: 201, or
 * `okStatus` for GET/PUT). Every answer carries an output_ConversationID; extra fields only when set.
 */
export function sendIns(res: SandboxResponse, code: InsCode, extra: InsExtra = {}, okStatus = 201, headers?: Record<string, string>): void {
  const entry = VODACOM_INS[code] ?? VODACOM_INS['INS-1']!;
  const body: Record<string, string> = { output_ResponseCode: code, output_ResponseDesc: entry.description };
  body['output_ConversationID'] = extra.output_ConversationID ?? conversationId();
  for (const [name, value] of Object.entries(extra)) if (typeof value === 'string') body[name] = value;
  sendJson(res, code === 'INS-0' ? okStatus : entry.http, body, headers);
}

/** The "completes but answers 500 without a body" case. */
export function sendBare500(res: SandboxResponse): void {
  sendEmpty(res, 500);
}
