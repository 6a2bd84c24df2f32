// Orange's OAuth token endpoint and the API gateway's credential checks (fact sheet §2, §6).
//   POST /oauth/v3/token  Authorization: Basic base64(client_id:client_secret)
//                         Content-Type: application/x-www-form-urlencoded, body grant_type=client_credentials
//   → 200 {"token_type":"Bearer","access_token":"…","expires_in":"7776000"} (expires_in a string)
// Credential errors use the gateway's shape {"code", "message", "description"}: 40 missing, 41 invalid,
// 42 expired (HTTP 401). Request errors use OAuth's {"error", "error_description"} (HTTP 400).
import { sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OrangeMoneyState, OrangeToken } from './orange-money.state';

const GATEWAY_ERRORS = {
  40: ['Missing credentials', 'The requested service needs credentials, but none were provided.'],
  41: ['Invalid credentials', 'The requested service needs credentials, but the ones provided were invalid.'],
  42: ['Expired credentials', 'The requested service needs credentials, and the ones provided were out-of-date.'],
} as const;

export function gatewayError(res: SandboxResponse, code: keyof typeof GATEWAY_ERRORS): void {
  const [message, description] = GATEWAY_ERRORS[code];
  sendJson(res, 401, { code, message, description }, { 'WWW-Authenticate': 'Bearer realm="api.orange.com"' });
}

/** The gateway's 404 for a path it does not route (wrong `{cc}`, offer not subscribed). */
export function resourceNotFound(res: SandboxResponse): void {
  sendJson(res, 404, { code: 60, message: 'Resource not found', description: 'The requested URI or the requested resource does not exist.' });
}

/** POST /oauth/v3/token */
export function tokenHandler(state: OrangeMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    const authorization = req.header('authorization') ?? '';
    if (authorization.trim() === '') return gatewayError(res, 40);
    const match = /^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
    const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0 || decoded.slice(0, colon) !== state.clientId || decoded.slice(colon + 1) !== state.clientSecret || state.clientId === '') {
      return gatewayError(res, 41);
    }
    const contentType = (req.header('content-type') ?? '').toLowerCase();
    if (!contentType.startsWith('application/x-www-form-urlencoded')) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    }
    const grantType = new URLSearchParams(req.body.toString('utf8')).get('grant_type');
    if (grantType === null) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Missing grant_type parameter' });
    if (grantType !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: `Unsupported grant_type ${grantType}` });
    const token = state.issueToken();
    sendJson(res, 200, { token_type: 'Bearer', access_token: token.accessToken, expires_in: String(state.tokenTtlS) });
  };
}

/** The Bearer token of a WebPay call, or null (answered with 401 code 40/41/42). */
export function bearer(req: SandboxRequest, res: SandboxResponse, state: OrangeMoneyState): OrangeToken | null {
  const authorization = req.header('authorization') ?? '';
  if (authorization.trim() === '') {
    gatewayError(res, 40);
    return null;
  }
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1] ? state.tokens.get(match[1]) : undefined;
  if (!token) {
    gatewayError(res, 41);
    return null;
  }
  if (Date.now() >= token.expiresAt) {
    gatewayError(res, 42);
    return null;
  }
  return token;
}
