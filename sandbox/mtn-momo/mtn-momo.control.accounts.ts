// Control endpoints about accounts rather than transactions: balances (read all, set one),
// account-holder check counts and token expiry. Plain JSON in our own shapes.
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { normalizeAccountHolderId } from './mtn-momo.accountholder';
import { allBalanceViews, balanceView, parseDecimal } from './mtn-momo.balances';
import { targetEnvironment } from './mtn-momo.environments';
import { MTN_PRODUCTS, type MtnMomoState, type MtnProduct } from './mtn-momo.state';

function isProduct(value: unknown): value is MtnProduct {
  return typeof value === 'string' && (MTN_PRODUCTS as readonly string[]).includes(value);
}

export function registerMtnAccountControl(ctx: OperatorContext, state: MtnMomoState): void {
  const base = `/_sandbox/${ctx.id}`;
  const badRequest = (message: string) => ({ error: 'bad_request', message });

  // Every (target environment, product) balance; ?targetEnvironment= and ?product= filter.
  ctx.route('GET', `${base}/balances`, (req, res) => {
    state.settleDue();
    const env = req.query.get('targetEnvironment');
    const product = req.query.get('product');
    const views = allBalanceViews(state.balances).filter(
      (v) => (env === null || v.targetEnvironment === env) && (product === null || v.product === product),
    );
    sendJson(res, 200, views);
  });

  // {targetEnvironment, product, available: "<major units>"} sets one balance.
  ctx.route('PUT', `${base}/balances`, (req, res) => {
    const body = req.json();
    if (body.kind !== 'json' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
      return sendJson(res, 400, badRequest('Body must be JSON: {"targetEnvironment","product","available"}.'));
    }
    const { targetEnvironment: envName, product, available, currency } = body.value as Record<string, unknown>;
    const env = typeof envName === 'string' ? targetEnvironment(envName) : null;
    if (typeof envName !== 'string' || !env) return sendJson(res, 400, badRequest('targetEnvironment must be a known MTN target environment.'));
    if (!isProduct(product)) return sendJson(res, 400, badRequest(`product must be one of ${MTN_PRODUCTS.join(', ')}.`));
    if (currency !== undefined && currency !== env.currency) {
      return sendJson(res, 400, badRequest(`${envName} settles in ${env.currency}.`));
    }
    if (typeof available !== 'string') return sendJson(res, 400, badRequest('available must be a decimal string, e.g. "100.50".'));
    const parsed = parseDecimal(available, env.exponent, 'reject', true);
    if (!parsed.ok) return sendJson(res, 400, badRequest(`available ${parsed.message}`));
    state.setBalance(product, envName, parsed.minor);
    sendJson(res, 200, balanceView(state.balances, product, envName));
  });

  // How many account-holder checks an id got: ?msisdn= (or ?email=, ?party_code=); no query: all of them.
  ctx.route('GET', `${base}/accountholder-checks`, (req, res) => {
    for (const idType of ['msisdn', 'email', 'party_code']) {
      const id = req.query.get(idType);
      if (id === null) continue;
      const normalized = normalizeAccountHolderId(idType, id);
      const found = state.accountHolderChecks.get(`${idType}:${normalized}`);
      return sendJson(
        res,
        200,
        found ?? { idType, id: normalized, count: 0, byProduct: { collection: 0, disbursement: 0 }, byTargetEnvironment: {} },
      );
    }
    sendJson(res, 200, [...state.accountHolderChecks.values()]);
  });

  // Every issued token (?product=collection|disbursement: that product's only) expires now.
  ctx.route('POST', `${base}/tokens/expire`, (req, res) => {
    const product = req.query.get('product');
    if (product !== null && !isProduct(product)) return sendJson(res, 400, badRequest(`product must be one of ${MTN_PRODUCTS.join(', ')}.`));
    sendJson(res, 200, { expired: state.expireAllTokens(Date.now(), product) });
  });
}
