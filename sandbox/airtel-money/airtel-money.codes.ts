// Airtel's codes (fact sheet §11) and answer shapes (§2, §3, §13): the product envelope
// {data, status:{code, message, result_code, response_code, success}}, the OAuth errors
// {error, error_description}, the router's {status_message, status_code}, and a proxy's HTML 500.
import { createHash } from 'node:crypto';
import { sendJson, sendRaw, type SandboxResponse } from '../core/http';

/** Collection `response_code`s (DP008…) with the sandbox's messages. */
export const COLLECTION_CODES: Readonly<Record<string, string>> = Object.freeze({
  DP00800001000: 'Transaction is ambiguous, still processing',
  DP00800001001: 'Your transaction has been successfully processed',
  DP00800001002: 'Transaction failed: incorrect PIN entered',
  DP00800001003: 'Transaction failed: exceeds withdrawal/transaction limit',
  DP00800001004: 'Transaction failed: invalid amount (below the minimum)',
  DP00800001005: 'Transaction failed: user did not enter the PIN',
  DP00800001006: 'Transaction in process',
  DP00800001007: 'Transaction failed: not enough balance',
  DP00800001008: 'Transaction failed: refused by the user',
  DP00800001009: 'Transaction failed: do not honour',
  DP00800001010: 'Transaction failed: not permitted (barred, churned or unregistered)',
  DP00800001024: 'Transaction failed: timed out',
  DP00800001025: 'Transaction not found',
  DP00800001026: 'Forbidden: X-signature and payload did not match',
  DP00800001029: 'Transaction failed: transaction expired',
});

/** Disbursement `response_code`s (DP009…). */
export const DISBURSEMENT_CODES: Readonly<Record<string, string>> = Object.freeze({
  DP00900001000: 'Transaction is ambiguous',
  DP00900001001: 'Transaction is successful',
  DP00900001003: 'Daily maximum transaction limit reached',
  DP00900001004: 'Invalid amount',
  DP00900001005: 'Transaction failed',
  DP00900001006: 'Transaction in process',
  DP00900001007: 'Insufficient funds',
  DP00900001009: 'Invalid initiatee',
  DP00900001010: 'Payer is not allowed to transact',
  DP00900001011: 'A duplicate or similar transaction exists',
  DP00900001012: 'Invalid mobile number',
  DP00900001013: 'Transaction refused',
  DP00900001014: 'Transaction timed out',
  DP00900001015: 'Transaction not found',
  DP00900001016: 'Forbidden: X-signature and payload did not match',
  DP00900001017: 'Duplicate transaction id',
});

/** ESB `result_code`s (messages as in Airtel's code table). */
export const ESB_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  ESB000001: 'Something went wrong.',
  ESB000004: 'An error occurred while initiating the payment.',
  ESB000008: 'Field validation error.',
  ESB000010: 'Success.',
  ESB000011: 'Failed.',
  ESB000014: 'An error occurred while fetching the transaction status.',
  ESB000033: 'Invalid MSISDN Length.',
  ESB000034: 'Invalid Country Name.',
  ESB000035: 'Invalid Currency Code.',
  ESB000036: 'Invalid MSISDN Length or does not start with 0.',
  ESB000039: 'Vendor is not configured to do transaction in the country.',
  ESB000041: 'External Transaction ID already exists.',
  ESB000045: 'No Transaction Found With Provided Transaction Id.',
});

export function codeMessage(code: string): string {
  return COLLECTION_CODES[code] ?? DISBURSEMENT_CODES[code] ?? ESB_MESSAGES[code] ?? code;
}

export interface AirtelStatusBlock {
  code: string;
  message: string;
  result_code: string;
  response_code?: string;
  success: boolean;
}

/** The product envelope, `status` fields in the order of Airtel's samples. */
export function envelope(data: Record<string, unknown>, status: AirtelStatusBlock): Record<string, unknown> {
  const block: Record<string, unknown> = { code: status.code, message: status.message, result_code: status.result_code };
  if (status.response_code !== undefined) block.response_code = status.response_code;
  block.success = status.success;
  return { data, status: block };
}

export function sendEnvelope(res: SandboxResponse, httpStatus: number, data: Record<string, unknown>, status: AirtelStatusBlock): void {
  sendJson(res, httpStatus, envelope(data, status));
}

/** 200 answer of a call that worked. */
export function sendSuccess(res: SandboxResponse, data: Record<string, unknown>, responseCode: string | undefined, message = 'SUCCESS'): void {
  const status: AirtelStatusBlock = { code: '200', message, result_code: 'ESB000010', success: true };
  if (responseCode !== undefined) status.response_code = responseCode;
  sendEnvelope(res, 200, data, status);
}

export interface Refusal {
  /** HTTP status: 200 for business and validation refusals (§13), 400 for router errors. */
  httpStatus?: number;
  resultCode: string;
  responseCode?: string;
  message?: string;
  data?: Record<string, unknown>;
}

/** The normal failure shape: HTTP 200 (unless told), status.code "400", success false, empty data. */
export function refuse(res: SandboxResponse, refusal: Refusal): void {
  const status: AirtelStatusBlock = {
    code: '400',
    message: refusal.message ?? codeMessage(refusal.responseCode ?? refusal.resultCode),
    result_code: refusal.resultCode,
    success: false,
  };
  if (refusal.responseCode !== undefined) status.response_code = refusal.responseCode;
  sendEnvelope(res, refusal.httpStatus ?? 200, refusal.data ?? {}, status);
}

/** The router's own shape, e.g. X-Country missing: HTTP 400 {"status_message":"Partner … not found","status_code":"ROUTER110"}. */
export function routerError(res: SandboxResponse, statusCode: string, message: string, httpStatus = 400): void {
  sendJson(res, httpStatus, { status_message: message, status_code: statusCode });
}

/** "Partner <hex> not found": the partner id is a stable hex derived from the client id. */
export function partnerHex(clientId: string): string {
  return createHash('sha256').update(clientId).digest('hex').slice(0, 32);
}

export function invalidToken(res: SandboxResponse): void {
  sendJson(res, 401, { error_description: 'The access token is invalid or has expired', error: 'invalid_token' });
}

export function invalidClient(res: SandboxResponse): void {
  sendJson(res, 401, { error_description: 'Invalid client authentication', error: 'invalid_client' });
}

export function unsupportedGrantType(res: SandboxResponse): void {
  sendJson(res, 400, { error_description: 'Unsupported grant type', error: 'unsupported_grant_type' });
}

/** What 990004 answers after recording the transaction: a proxy error page, not JSON. */
export const GATEWAY_ERROR_HTML =
  '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';

export function sendGatewayError(res: SandboxResponse): void {
  sendRaw(res, 500, GATEWAY_ERROR_HTML, 'text/html');
}
