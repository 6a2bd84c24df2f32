// Daraja's error envelope (fact sheet §8) and the result-code texts of STK, B2C, reversal and the other
// asynchronous results (§4, §6, §7). Synchronous refusals are always the envelope
// {requestId, errorCode, errorMessage}; results are numbers in callbacks except the string codes
// (SFC_IC0003, R000001...).
import { randomInt } from 'node:crypto';
import { sendJson, type SandboxResponse } from '../core/http';

/** A result code as Daraja sends it: a number, or a string for the non-numeric ones. */
export type DarajaCode = number | string;

function requestId(): string {
  return `${randomInt(1000, 99_999)}-${randomInt(1_000_000, 99_999_999)}-${randomInt(1, 4)}`;
}

export function sendDarajaError(res: SandboxResponse, status: number, errorCode: string, errorMessage: string, id = requestId()): void {
  sendJson(res, status, { requestId: id, errorCode, errorMessage });
}

/** 400.002.02 "Bad Request - Invalid <Field>": a missing or malformed field. */
export function badField(res: SandboxResponse, field: string): void {
  sendDarajaError(res, 400, '400.002.02', `Bad Request - Invalid ${field}`);
}

/** 400.002.05: the body is not a JSON object. */
export function invalidPayload(res: SandboxResponse): void {
  sendDarajaError(res, 400, '400.002.05', 'Invalid request payload');
}

export function methodNotAllowed(res: SandboxResponse): void {
  sendDarajaError(res, 405, '405.001', 'Method Not Allowed');
}

export const RESULT_OK_DESC = 'The service request is processed successfully.';

/** STK callback texts (§4). */
export const STK_RESULT_DESC: Readonly<Record<string, string>> = {
  '0': RESULT_OK_DESC,
  '1': 'The balance is insufficient for the transaction.',
  '2': 'Declined due to limit rule: less than the minimum transaction amount.',
  '3': 'Declined due to limit rule: greater than the maximum transaction amount.',
  '4': 'Declined due to limit rule: would exceed daily transfer limit.',
  '8': 'Declined due to limit rule: would exceed the maximum balance.',
  '17': 'Rule limited.',
  '26': 'System busy. The service request is rejected.',
  '1001': 'Unable to lock subscriber, a transaction is already in process for the current subscriber',
  '1019': 'Transaction has expired',
  '1025': 'An error occurred while sending a push request',
  '1032': 'Request cancelled by user',
  '1036': 'SMSC ACK timeout.',
  '1037': 'DS timeout user cannot be reached',
  '2001': 'The initiator information is invalid.',
  '2028': 'The request is not permitted according to product assignment.',
  '8006': 'The security credential is locked.',
  '9999': 'An error occurred while sending a push request.',
  SFC_IC0003: 'Operator does not exist.',
};

/** B2C, reversal and other Result texts (§6, §7). */
export const RESULT_DESC: Readonly<Record<string, string>> = {
  '0': RESULT_OK_DESC,
  '1': 'The balance is insufficient for the transaction.',
  '2': 'Declined due to limit rule: less than the minimum transaction amount.',
  '3': 'Declined due to limit rule: greater than the maximum transaction amount.',
  '4': 'Declined due to limit rule: would exceed daily transfer limit.',
  '8': 'Declined due to limit rule: would exceed the maximum balance.',
  '11': 'The DebitParty is in an invalid state.',
  '21': 'The initiator is not allowed to initiate this request.',
  '25': 'Invalid parameters: a reversal must be for the whole amount of the original transaction.',
  '2001': 'The initiator information is invalid.',
  '2006': 'Declined due to account rule: The account status does not allow this transaction.',
  '2028': 'The request is not permitted according to product assignment.',
  '2032': 'The transaction could not be found: no transaction has this TransactionID or OriginalConversationID.',
  '2040': 'Credit Party customer type (Unregistered or Registered Customer) cant be supported by the service.',
  '8006': 'The security credential is locked.',
  '100000001': 'The request timed out in the queue before a result was known.',
  SFC_IC0003: 'The MSISDN is invalid or the operator does not exist.',
  R000001: 'The transaction has already been reversed.',
  R000002: 'The OriginalTransactionID is invalid.',
};

export function describeCode(table: Readonly<Record<string, string>>, code: DarajaCode): string {
  return table[String(code)] ?? `Unknown result code ${String(code)} (sandbox: not in Daraja's documented list).`;
}
