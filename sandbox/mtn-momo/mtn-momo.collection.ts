// The Collection product (fact sheet §5): request-to-pay and its status, the account balance and the
// account-holder check. Outcomes come from the magic-number table (mtn-momo.scenarios.ts).
import type { OperatorContext } from '../core/operator';
import { registerMtnAccountRoutes } from './mtn-momo.accounts';
import type { MtnCallbackSender } from './mtn-momo.callbacks';
import { resolveMtnScenario } from './mtn-momo.scenarios';
import type { MtnMomoState } from './mtn-momo.state';
import { createHandler, statusHandler } from './mtn-momo.transactions';
import { validateRequestToPay } from './mtn-momo.validation';

const PRODUCT = 'collection';

export function registerMtnCollection(ctx: OperatorContext, state: MtnMomoState, callbacks: MtnCallbackSender): void {
  ctx.route(
    'POST',
    `/${PRODUCT}/v1_0/requesttopay`,
    createHandler(ctx, state, callbacks, {
      kind: 'requesttopay',
      product: PRODUCT,
      callbackMethod: 'POST',
      validate: validateRequestToPay,
      scenario: (input) => resolveMtnScenario(input.payer),
      build: (common, input) => ({ ...common, kind: 'requesttopay', payer: input.payer, refundedMinor: 0n }),
    }),
  );
  ctx.route('GET', `/${PRODUCT}/v1_0/requesttopay/:referenceId`, statusHandler(state, PRODUCT, 'requesttopay'));
  registerMtnAccountRoutes(ctx, state, PRODUCT);
}
