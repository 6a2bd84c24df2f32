// The account routes every product has (fact sheet §5, §6): the balance (`/account/balance` and
// `/account/balance/{currency}`) of this product in the caller's target environment, and the
// account-holder check.
import { sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { registerAccountHolderRoute } from './mtn-momo.accountholder';
import { authorizeProductCall } from './mtn-momo.auth';
import { formatMinor } from './mtn-momo.environments';
import { mtnError } from './mtn-momo.errors';
import type { MtnMomoState, MtnProduct } from './mtn-momo.state';

export function registerMtnAccountRoutes(ctx: OperatorContext, state: MtnMomoState, product: MtnProduct): void {
  const balance = (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorizeProductCall(req, res, state, product);
    if (!caller) return;
    const { currency, exponent } = caller.environment;
    if (req.params.currency !== undefined && req.params.currency !== currency) return mtnError(res, 500, 'INVALID_CURRENCY');
    const minor = state.balance(product, caller.environmentName);
    sendJson(res, 200, { availableBalance: formatMinor(minor, exponent), currency });
  };
  ctx.route('GET', `/${product}/v1_0/account/balance`, balance);
  ctx.route('GET', `/${product}/v1_0/account/balance/:currency`, balance);
  registerAccountHolderRoute(ctx, state, product);
}
