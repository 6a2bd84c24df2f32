// MTN's three error shapes (fact sheet §10): API errors {code, message}, the Azure APIM gateway's
// {statusCode, message}, and the token endpoint's {error}. Plus the HTML 411 page of the front end.
import { sendJson, sendRaw, type SandboxResponse } from '../core/http';

export const MTN_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  RESOURCE_ALREADY_EXIST: 'Duplicated reference id. Creation of resource failed.',
  RESOURCE_NOT_FOUND: 'Requested resource was not found.',
  NOT_ALLOWED: 'Authorization failed. Insufficient permissions.',
  NOT_ALLOWED_TARGET_ENVIRONMENT: 'Access to target environment is forbidden.',
  INVALID_CALLBACK_URL_HOST: 'Callback URL with different host than the one configured for the API user.',
  INVALID_CURRENCY: 'Currency not supported.',
  INTERNAL_PROCESSING_ERROR: 'An internal error occurred while processing.',
  SERVICE_UNAVAILABLE: 'Service is unavailable.',
});

/** {"code","message"}; the message defaults to MTN_MESSAGES[code]. */
export function mtnError(res: SandboxResponse, status: number, code: string, message?: string): void {
  sendJson(res, status, { code, message: message ?? MTN_MESSAGES[code] ?? code });
}

/** 400 for malformed requests. The exact body of MTN's 400s is unverified; the code is our choice. */
export function mtnBadRequest(res: SandboxResponse, message: string): void {
  mtnError(res, 400, 'BAD_REQUEST', message);
}

export function apimMissingKey(res: SandboxResponse): void {
  sendJson(res, 401, {
    statusCode: 401,
    message: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
  });
}

export function apimInvalidKey(res: SandboxResponse): void {
  sendJson(res, 401, {
    statusCode: 401,
    message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
  });
}

/** Bearer token missing, unknown, for another product, or expired. Body shape unverified (fact sheet §10). */
export function invalidToken(res: SandboxResponse, message: string): void {
  mtnError(res, 401, 'UNAUTHORIZED', message);
}

/** Observed sandbox answer to bad token credentials (fact sheet §4): HTTP 500, not the spec's 401. */
export function loginFailed(res: SandboxResponse): void {
  sendJson(res, 500, { error: 'login_failed' });
}

export const LENGTH_REQUIRED_HTML =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN""http://www.w3.org/TR/html4/strict.dtd">\r\n' +
  '<HTML><HEAD><TITLE>Length Required</TITLE>\r\n' +
  '<META HTTP-EQUIV="Content-Type" Content-Type="text/html; charset=us-ascii"></HEAD>\r\n' +
  '<BODY><h2>Length Required</h2>\r\n' +
  '<hr><p>HTTP Error 411. The request must be chunked or have a content length.</p>\r\n' +
  '</BODY></HTML>\r\n';

export function lengthRequired(res: SandboxResponse): void {
  sendRaw(res, 411, LENGTH_REQUIRED_HTML, 'text/html; charset=us-ascii');
}

/** What 990004 answers after recording the payment: a proxy error page, not JSON. */
export const GATEWAY_ERROR_HTML =
  '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';
