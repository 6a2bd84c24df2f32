// The Disbursement product (fact sheet §6): transfer, refund (v1 and v2) and their status, the account
// balance and the account-holder check. Transfers and refunds are paid from the disbursement balance
// of their target environment when they settle (mtn-momo.settlement.ts); a refund's
// referenceIdToRefund is a request-to-pay of this sandbox in the same target environment (any API
// user: a gateway may use another API user per product) or one of MTN's test ids 1–13.
import type { OperatorContext } from '../core/operator';
import type { MtnCaller } from './mtn-momo.auth';
import { registerMtnAccountRoutes } from './mtn-momo.accounts';
import type { MtnCallbackSender } from './mtn-momo.callbacks';
import {
  DEFAULT_REFUND_SCENARIO,
  UNKNOWN_REFUND_SCENARIO,
  refundTestScenario,
  resolveTransferScenario,
} from './mtn-momo.scenarios.disbursement';
import type { MtnMomoState, MtnRequestToPay } from './mtn-momo.state';
import { createHandler, statusHandler } from './mtn-momo.transactions';
import { validateRefund, validateTransfer } from './mtn-momo.validation';

const PRODUCT = 'disbursement';

export function registerMtnDisbursement(ctx: OperatorContext, state: MtnMomoState, callbacks: MtnCallbackSender): void {
  ctx.route(
    'POST',
    `/${PRODUCT}/v1_0/transfer`,
    createHandler(ctx, state, callbacks, {
      kind: 'transfer',
      product: PRODUCT,
      callbackMethod: 'POST',
      validate: validateTransfer,
      scenario: (input) => resolveTransferScenario(input.payee),
      build: (common, input) => ({ ...common, kind: 'transfer', payee: input.payee }),
    }),
  );
  ctx.route('GET', `/${PRODUCT}/v1_0/transfer/:referenceId`, statusHandler(state, PRODUCT, 'transfer'));

  /** The request-to-pay a refund refers to, if it is one of this target environment. */
  const originalOf = (referenceIdToRefund: string, caller: MtnCaller): MtnRequestToPay | null => {
    const original = state.requestsToPay.get(referenceIdToRefund);
    return original && original.targetEnvironment === caller.environmentName ? original : null;
  };

  for (const version of ['v1_0', 'v2_0'] as const) {
    ctx.route(
      'POST',
      `/${PRODUCT}/${version}/refund`,
      createHandler(ctx, state, callbacks, {
        kind: 'refund',
        product: PRODUCT,
        // Deposit-V1 callbacks are documented as POST; V2 "presumably PUT" (fact sheet §6, unverified).
        callbackMethod: version === 'v1_0' ? 'POST' : 'PUT',
        validate: validateRefund,
        scenario: (input, caller) =>
          refundTestScenario(input.referenceIdToRefund) ??
          (originalOf(input.referenceIdToRefund, caller) ? DEFAULT_REFUND_SCENARIO : UNKNOWN_REFUND_SCENARIO),
        build: (common, input, caller) => {
          const original = refundTestScenario(input.referenceIdToRefund) ? null : originalOf(input.referenceIdToRefund, caller);
          return {
            ...common,
            kind: 'refund',
            version,
            referenceIdToRefund: input.referenceIdToRefund,
            original,
            payee: original ? { ...original.payer } : null,
          };
        },
      }),
    );
  }
  // One status path for v1 and v2 refunds (fact sheet §6).
  ctx.route('GET', `/${PRODUCT}/v1_0/refund/:referenceId`, statusHandler(state, PRODUCT, 'refund'));
  registerMtnAccountRoutes(ctx, state, PRODUCT);
}
