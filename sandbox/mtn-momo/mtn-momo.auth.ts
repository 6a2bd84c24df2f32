// The checks every MTN call goes through, in the order the real stack applies them: the front end's
// Content-Length rule (411), the APIM gateway's subscription key (401), the Bearer token (401), then
// X-Target-Environment (500). Each check answers the request itself and returns null on failure.
import { sendRaw, type SandboxRequest, type SandboxResponse } from '../core/http';
import { apimInvalidKey, apimMissingKey, invalidToken, lengthRequired, loginFailed, mtnError } from './mtn-momo.errors';
import { targetEnvironment, type MtnTargetEnvironment } from './mtn-momo.environments';
import type { MtnApiUser, MtnMomoState, MtnProduct, MtnToken } from './mtn-momo.state';

export interface MtnCaller {
  product: MtnProduct;
  subscriptionKey: string;
  token: MtnToken;
  apiUser: MtnApiUser;
  environmentName: string;
  environment: MtnTargetEnvironment;
}

/** A POST with neither Content-Length nor Transfer-Encoding gets the HTML 411 page. */
export function requireBodyFraming(req: SandboxRequest, res: SandboxResponse): boolean {
  if (req.method === 'POST' && !req.hasBodyFraming) {
    lengthRequired(res);
    return false;
  }
  return true;
}

function subscriptionKeyOf(req: SandboxRequest): string | undefined {
  return req.header('ocp-apim-subscription-key') ?? req.query.get('subscription-key') ?? undefined;
}

/** Checks the subscription key for one product, or for any product when product is null. */
export function checkSubscriptionKey(
  req: SandboxRequest,
  res: SandboxResponse,
  state: MtnMomoState,
  product: MtnProduct | null,
): string | null {
  const key = subscriptionKeyOf(req);
  if (!key) {
    apimMissingKey(res);
    return null;
  }
  const valid = product === null ? state.productOfKey(key) !== null : state.subscriptionKeys[product].includes(key);
  if (!valid) {
    apimInvalidKey(res);
    return null;
  }
  return key;
}

function checkBearer(req: SandboxRequest, res: SandboxResponse, state: MtnMomoState, product: MtnProduct): MtnToken | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  if (!match?.[1]) {
    invalidToken(res, 'Authorization header is missing or is not a Bearer access token.');
    return null;
  }
  const token = state.tokens.get(match[1]);
  if (!token || token.product !== product || !state.apiUsers.has(token.apiUserId)) {
    invalidToken(res, 'Access token is invalid.');
    return null;
  }
  if (Date.now() >= token.expiresAt) {
    invalidToken(res, 'Access token expired.');
    return null;
  }
  return token;
}

/** Subscription key + Bearer token + X-Target-Environment, for every product call. */
export function authorizeProductCall(
  req: SandboxRequest,
  res: SandboxResponse,
  state: MtnMomoState,
  product: MtnProduct,
): MtnCaller | null {
  if (!requireBodyFraming(req, res)) return null;
  const subscriptionKey = checkSubscriptionKey(req, res, state, product);
  if (subscriptionKey === null) return null;
  const token = checkBearer(req, res, state, product);
  if (!token) return null;
  const apiUser = state.apiUsers.get(token.apiUserId);
  if (!apiUser) {
    invalidToken(res, 'Access token is invalid.');
    return null;
  }
  const environmentName = req.header('x-target-environment') ?? '';
  const environment = targetEnvironment(environmentName);
  if (!environment) {
    mtnError(res, 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT');
    return null;
  }
  return { product, subscriptionKey, token, apiUser, environmentName, environment };
}

function basicCredentials(req: SandboxRequest): { user: string; key: string } | null {
  const match = /^\s*Basic\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

/** POST /{product}/token/ : Basic apiUser:apiKey -> {access_token, token_type, expires_in}. */
export function tokenHandler(state: MtnMomoState, product: MtnProduct) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    if (!requireBodyFraming(req, res)) return;
    if (checkSubscriptionKey(req, res, state, product) === null) return;
    const credentials = basicCredentials(req);
    const user = credentials ? state.apiUsers.get(credentials.user) : undefined;
    // Any credential problem is the sandbox's observed 500 {"error":"login_failed"} (fact sheet §4).
    if (!credentials || !user || user.apiKey === null || user.apiKey !== credentials.key) {
      loginFailed(res);
      return;
    }
    const token = state.issueToken(product, user.id);
    const body = { access_token: token.accessToken, token_type: 'access_token', expires_in: state.tokenTtlS };
    sendRaw(res, 200, JSON.stringify(body), 'application/json;charset=utf-8', {
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
    });
  };
}
