// OAuth (fact sheet §1) and what every API call goes through: the Bearer token, the JSON body and the
// HTTP method. Order of checks on an API path: method (405.001), Authorization header (404.001.04 when
// it is not "Bearer <token>"), token (404.001.03 unknown or expired), then the body: without
// `Content-Type: application/json` Daraja does not read the body, so the first required field is
// reported missing (400.002.02 "Invalid BusinessShortCode" on STK); a JSON body that is not an object
// is 400.002.05.
import { redactHeaders } from '../core/call-log';
import { sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { invalidPayload, methodNotAllowed, sendDarajaError } from './mpesa-daraja.codes';
import type { MpesaDarajaState } from './mpesa-daraja.state';

export const OAUTH_PATH = '/oauth/v1/generate';

/** GET /oauth/v1/generate?grant_type=client_credentials with Basic base64(key:secret). */
export function oauthHandler(state: MpesaDarajaState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    const match = /^\s*Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(req.header('authorization') ?? '');
    const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return sendDarajaError(res, 400, '400.008.01', 'Invalid Authentication passed');
    if (req.query.get('grant_type') !== 'client_credentials') return sendDarajaError(res, 400, '400.008.02', 'Invalid grant type passed');
    const key = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    // Sandbox choice: wrong key or secret is 400 with the same code and a message naming the problem.
    if (key !== state.options.darajaConsumerKey || secret !== state.options.darajaConsumerSecret) {
      return sendDarajaError(res, 400, '400.008.01', 'Invalid client id passed');
    }
    const token = state.issueToken();
    // expires_in is a string, as observed from Daraja.
    sendJson(res, 200, { access_token: token.accessToken, expires_in: String(state.options.darajaTokenTtlS) });
  };
}

/** The Bearer check; answers the refusal itself and returns false. */
export function bearerOk(req: SandboxRequest, res: SandboxResponse, state: MpesaDarajaState): boolean {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  if (!match?.[1]) {
    sendDarajaError(res, 404, '404.001.04', 'Invalid Authentication Header');
    return false;
  }
  if (!state.tokenValid(match[1])) {
    sendDarajaError(res, 404, '404.001.03', 'Invalid Access Token');
    return false;
  }
  return true;
}

/** The body as Daraja reads it: {} without a JSON content type; null (answered 400.002.05) when not an object. */
export function darajaBody(req: SandboxRequest, res: SandboxResponse): Record<string, unknown> | null {
  if (!(req.header('content-type') ?? '').toLowerCase().includes('application/json')) return {};
  const body = req.json();
  if (body.kind === 'empty') return {};
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) {
    return body.value as Record<string, unknown>;
  }
  invalidPayload(res);
  return null;
}

export interface ApiCall {
  req: SandboxRequest;
  res: SandboxResponse;
  body: Record<string, unknown>;
  /** Request headers, Authorization redacted (kept on records). */
  headers: Record<string, string>;
}

export type ApiHandler = (call: ApiCall) => void | Promise<void>;

/** Registers a Daraja POST API: token and body checks, then the handler; other methods get 405.001. */
export function apiRoute(ctx: OperatorContext, state: MpesaDarajaState, path: string, handler: ApiHandler): void {
  ctx.route('POST', path, (req, res) => {
    if (!bearerOk(req, res, state)) return;
    const body = darajaBody(req, res);
    if (!body) return;
    return handler({ req, res, body, headers: redactHeaders(req.headers) });
  });
  for (const method of ['GET', 'PUT', 'DELETE'] as const) ctx.route(method, path, (_req, res) => methodNotAllowed(res));
}

export function registerOauth(ctx: OperatorContext, state: MpesaDarajaState): void {
  ctx.route('GET', OAUTH_PATH, oauthHandler(state));
  for (const method of ['POST', 'PUT', 'DELETE'] as const) ctx.route(method, OAUTH_PATH, (_req, res) => methodNotAllowed(res));
}
