// Control endpoints about accounts rather than transactions: wallets (read all, set one), apps (the
// portal's client credentials and callback settings), the public key, KYC check counts, token expiry.
import { sendJson, sendRaw } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { AIRTEL_COUNTRIES, airtelCountry, formatMinor, parseMajor } from './airtel-money.countries';
import { AIRTEL_WALLETS, type AirtelApp, type AirtelMoneyState, type AirtelWallet } from './airtel-money.state';
import { isCallbackUrl } from './airtel-money.validation';

const badRequest = (message: string) => ({ error: 'bad_request', message });

function isWallet(value: unknown): value is AirtelWallet {
  return typeof value === 'string' && (AIRTEL_WALLETS as readonly string[]).includes(value);
}

function appView(app: AirtelApp): Record<string, unknown> {
  return {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    callbackUrl: app.callbackUrl,
    callbackSecret: app.callbackSecret,
    preconfigured: app.preconfigured,
    createdAt: new Date(app.createdAt).toISOString(),
    updatedAt: new Date(app.updatedAt).toISOString(),
  };
}

function balanceView(state: AirtelMoneyState, wallet: AirtelWallet, country: string): Record<string, unknown> | null {
  const c = airtelCountry(country);
  if (!c) return null;
  const minor = state.balance(wallet, country);
  return { country, wallet, currency: c.currency, available: formatMinor(minor, c.exponent), availableMinor: minor.toString() };
}

export function registerAirtelAccountControl(ctx: OperatorContext, state: AirtelMoneyState): void {
  const base = `/_sandbox/${ctx.id}`;

  ctx.route('GET', `${base}/balances`, (req, res) => {
    state.settleDue();
    const country = req.query.get('country');
    const wallet = req.query.get('wallet');
    const views: Array<Record<string, unknown>> = [];
    for (const code of Object.keys(AIRTEL_COUNTRIES)) {
      for (const w of AIRTEL_WALLETS) {
        if ((country === null || country === code) && (wallet === null || wallet === w)) {
          const view = balanceView(state, w, code);
          if (view) views.push(view);
        }
      }
    }
    sendJson(res, 200, views);
  });

  // {"country": "UG", "wallet": "collection" | "disbursement", "available": "<major units>"} sets one wallet.
  ctx.route('PUT', `${base}/balances`, (req, res) => {
    const body = req.json();
    if (body.kind !== 'json' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return sendJson(res, 400, badRequest('Body must be JSON: {"country","wallet","available"}.'));
    }
    const { country, wallet, available } = body.value as Record<string, unknown>;
    const c = typeof country === 'string' ? airtelCountry(country) : null;
    if (!c) return sendJson(res, 400, badRequest(`country must be one of ${Object.keys(AIRTEL_COUNTRIES).join(', ')}.`));
    if (!isWallet(wallet)) return sendJson(res, 400, badRequest(`wallet must be one of ${AIRTEL_WALLETS.join(', ')}.`));
    const minor = typeof available === 'string' ? parseMajor(available, c.exponent, 'reject', true) : null;
    if (minor === null) {
      return sendJson(res, 400, badRequest(`available must be a decimal string with at most ${c.exponent} decimals, e.g. "1000".`));
    }
    state.setBalance(wallet, c.code, minor);
    sendJson(res, 200, balanceView(state, wallet, c.code));
  });

  ctx.route('GET', `${base}/apps`, (_req, res) => sendJson(res, 200, [...state.apps.values()].map(appView)));

  ctx.route('GET', `${base}/apps/:clientId`, (req, res) => {
    const app = state.apps.get(req.params.clientId ?? '');
    if (!app) return sendJson(res, 404, { error: 'not_found', message: 'No app with this client id.' });
    sendJson(res, 200, appView(app));
  });

  // Creates or updates an app: {"clientSecret"?, "callbackUrl"?: url | null, "callbackSecret"?: string | null}.
  ctx.route('PUT', `${base}/apps/:clientId`, (req, res) => {
    const clientId = req.params.clientId ?? '';
    if (clientId.trim() === '' || clientId.length > 200) return sendJson(res, 400, badRequest('clientId must be 1 to 200 characters.'));
    const body = req.json();
    const value = body.kind === 'empty' ? {} : body.kind === 'json' ? body.value : null;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return sendJson(res, 400, badRequest('Body must be JSON: {"clientSecret"?, "callbackUrl"?, "callbackSecret"?}.'));
    }
    const { clientSecret, callbackUrl, callbackSecret } = value as Record<string, unknown>;
    const changes: Parameters<AirtelMoneyState['putApp']>[1] = {};
    if (clientSecret !== undefined) {
      if (typeof clientSecret !== 'string' || clientSecret === '') return sendJson(res, 400, badRequest('clientSecret must be a non-empty string.'));
      changes.clientSecret = clientSecret;
    }
    if (callbackUrl !== undefined) {
      if (callbackUrl !== null && callbackUrl !== '' && !isCallbackUrl(callbackUrl)) {
        return sendJson(res, 400, badRequest('callbackUrl must be an absolute http(s) URL, or null to remove it.'));
      }
      changes.callbackUrl = callbackUrl === '' || callbackUrl === null ? null : callbackUrl;
    }
    if (callbackSecret !== undefined) {
      if (callbackSecret !== null && typeof callbackSecret !== 'string') return sendJson(res, 400, badRequest('callbackSecret must be a string or null.'));
      changes.callbackSecret = callbackSecret === '' || callbackSecret === null ? null : callbackSecret;
    }
    const created = !state.apps.has(clientId);
    sendJson(res, created ? 201 : 200, appView(state.putApp(clientId, changes)));
  });

  // The sandbox's RSA public key: JSON, or the bare PEM with ?format=pem.
  ctx.route('GET', `${base}/public-key`, (req, res) => {
    if (req.query.get('format') === 'pem') return sendRaw(res, 200, state.publicKeyPem, 'application/x-pem-file');
    sendJson(res, 200, {
      publicKey: state.publicKeyPem,
      publicKeyBase64: state.keys.publicKeyBase64,
      keyId: state.keys.keyId,
      bits: state.keys.modulusBytes * 8,
      validUpto: state.keys.validUpto.toISOString(),
      paddings: ['pkcs1', 'oaep-sha1', 'oaep-sha256'],
    });
  });

  ctx.route('GET', `${base}/kyc-checks`, (req, res) => {
    const msisdn = req.query.get('msisdn');
    if (msisdn === null) return sendJson(res, 200, [...state.kycChecks.values()]);
    sendJson(res, 200, state.kycChecks.get(msisdn) ?? { msisdn, count: 0, byCountry: {}, lastAnswer: null });
  });

  // Every valid token (?clientId= one app's only) expires now.
  ctx.route('POST', `${base}/tokens/expire`, (req, res) => {
    sendJson(res, 200, { expired: state.expireTokens(req.query.get('clientId')) });
  });
}
