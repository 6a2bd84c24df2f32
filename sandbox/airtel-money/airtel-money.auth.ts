// Authentication and the checks every product call goes through (fact sheet §2, §3, §8, §12): the
// OAuth token call, then per call the Bearer token (401 invalid_token), X-Country (router errors),
// X-Currency (the country's one currency), and message signing (x-signature/x-key, checked whenever
// present; required on v2 collection endpoints and everywhere when airtelRequireSigning is on).
// Each check answers the request itself and returns null on failure.
import { redactHeaders } from '../core/call-log';
import { sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import { invalidClient, invalidToken, partnerHex, refuse, routerError, unsupportedGrantType } from './airtel-money.codes';
import { airtelCountry, type AirtelCountry } from './airtel-money.countries';
import type { AirtelApp, AirtelMoneyState, AirtelToken } from './airtel-money.state';

/** Which code family a call answers with: DP008 (collection, refund), DP009 (disbursement), or none. */
export type AirtelFamily = 'collection' | 'disbursement' | 'account';

export interface AirtelCaller {
  app: AirtelApp;
  token: AirtelToken;
  country: AirtelCountry;
  /** The request carried x-signature/x-key that verified. */
  signed: boolean;
  /** Every header as received, Authorization redacted. */
  headers: Record<string, string>;
}

const SIGNATURE_MISMATCH: Record<AirtelFamily, string | undefined> = {
  collection: 'DP00800001026',
  disbursement: 'DP00900001016',
  account: undefined,
};

/** POST /auth/oauth2/token: JSON {client_id, client_secret, grant_type: "client_credentials"}. */
export function tokenHandler(state: AirtelMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    // A JSON body is required (a mock built from real behaviour refuses form posts with invalid_client).
    const contentType = (req.header('content-type') ?? '').toLowerCase();
    const body = req.json();
    if (!contentType.includes('application/json') || body.kind !== 'json') return invalidClient(res);
    const value = body.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalidClient(res);
    const { client_id: clientId, client_secret: clientSecret, grant_type: grantType } = value as Record<string, unknown>;
    const app = typeof clientId === 'string' ? state.apps.get(clientId) : undefined;
    if (!app || typeof clientSecret !== 'string' || clientSecret !== app.clientSecret) return invalidClient(res);
    if (grantType !== 'client_credentials') return unsupportedGrantType(res);
    const token = state.issueToken(app.clientId);
    // expires_in is a string in Airtel's docs.
    sendJson(res, 200, { access_token: token.accessToken, expires_in: String(state.tokenTtlS), token_type: 'bearer' });
  };
}

function bearer(req: SandboxRequest, res: SandboxResponse, state: AirtelMoneyState): { token: AirtelToken; app: AirtelApp } | null {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  const token = match?.[1] ? state.tokens.get(match[1]) : undefined;
  const app = token ? state.apps.get(token.clientId) : undefined;
  if (!token || !app || Date.now() >= token.expiresAt) {
    invalidToken(res);
    return null;
  }
  return { token, app };
}

/** X-Country then X-Currency, as Airtel's router and ESB answer them. */
function countryOf(req: SandboxRequest, res: SandboxResponse, app: AirtelApp, family: AirtelFamily): AirtelCountry | null {
  const xCountry = req.header('x-country');
  if (xCountry === undefined || xCountry.trim() === '') {
    routerError(res, 'ROUTER110', `Partner ${partnerHex(app.clientId)} not found`);
    return null;
  }
  if (!/^[A-Za-z]{2}$/.test(xCountry)) {
    refuse(res, {
      httpStatus: 400,
      resultCode: 'ESB000034',
      message: 'Invalid Country Code',
      ...(family === 'disbursement' ? { responseCode: 'DP00900001013' } : {}),
    });
    return null;
  }
  const country = airtelCountry(xCountry);
  if (!country) {
    refuse(res, { httpStatus: 400, resultCode: 'ROUTER006', message: 'Invalid country code provided.' });
    return null;
  }
  const xCurrency = req.header('x-currency');
  if (xCurrency === undefined || xCurrency.trim() === '') {
    refuse(res, { resultCode: 'ESB000008', message: "Missing request header 'x-wallet-id' for method parameter of type String" });
    return null;
  }
  if (xCurrency !== country.currency) {
    refuse(res, { httpStatus: 400, resultCode: 'ROUTER112', message: `Invalid currency provided. ${country.code} transacts in ${country.currency}.` });
    return null;
  }
  return country;
}

/** x-signature/x-key: verified when present; required when asked. Returns whether the call was signed, or null when refused. */
function signing(
  req: SandboxRequest,
  res: SandboxResponse,
  state: AirtelMoneyState,
  family: AirtelFamily,
  required: boolean,
): boolean | null {
  const signature = req.header('x-signature');
  const key = req.header('x-key');
  const responseCode = SIGNATURE_MISMATCH[family];
  const fail = (message: string): null => {
    refuse(res, { resultCode: 'ESB000008', message, ...(responseCode ? { responseCode } : {}) });
    return null;
  };
  if (signature === undefined && key === undefined) {
    return required ? fail('Forbidden: x-signature and x-key headers are required (message signing is enabled)') : false;
  }
  if (!signature || !key) return fail('Forbidden: X-signature and payload did not match (x-signature and x-key go together)');
  const verdict = state.keys.verifySignature(req.body, signature, key);
  return verdict.ok ? true : fail(`Forbidden: X-signature and payload did not match (${verdict.reason})`);
}

/**
 * Token, X-Country, X-Currency, and (for POSTs) message signing. signingRequired: the endpoint always
 * needs it (v2); otherwise airtelRequireSigning decides for POSTs.
 */
export function authorize(
  req: SandboxRequest,
  res: SandboxResponse,
  state: AirtelMoneyState,
  family: AirtelFamily,
  signingRequired = false,
): AirtelCaller | null {
  const auth = bearer(req, res, state);
  if (!auth) return null;
  const country = countryOf(req, res, auth.app, family);
  if (!country) return null;
  let signed = false;
  if (req.method === 'POST') {
    const verdict = signing(req, res, state, family, signingRequired || state.requireSigning);
    if (verdict === null) return null;
    signed = verdict;
  }
  return { app: auth.app, token: auth.token, country, signed, headers: redactHeaders(req.headers) };
}

/** The JSON object body of a POST, or null (answered with ESB000008). */
export function objectBody(req: SandboxRequest, res: SandboxResponse, responseCode?: string): Record<string, unknown> | null {
  const body = req.json();
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) {
    return body.value as Record<string, unknown>;
  }
  const message = body.kind === 'empty' ? 'Request body is missing' : body.kind === 'invalid' ? 'Malformed JSON request body' : 'Request body must be a JSON object';
  refuse(res, { resultCode: 'ESB000008', message, ...(responseCode ? { responseCode } : {}) });
  return null;
}

/** An object field of a body (or {} when absent or not an object). */
export function field(value: unknown, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
}
