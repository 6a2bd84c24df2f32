// MTN MoMo Open API emulation (fact sheet: /work/shared/providers/mtn-momo.md). Wires the state, the
// product routes (Collection, Disbursement), provisioning, callbacks and the control endpoints into
// one SandboxOperator.
import type { SandboxOperator } from '../core/operator';
import { tokenHandler } from './mtn-momo.auth';
import { MtnCallbackSender } from './mtn-momo.callbacks';
import { registerMtnCollection } from './mtn-momo.collection';
import { registerMtnControl } from './mtn-momo.control';
import { registerMtnDisbursement } from './mtn-momo.disbursement';
import { registerMtnProvisioning } from './mtn-momo.provisioning';
import { MTN_PRODUCTS, MtnMomoState } from './mtn-momo.state';

export const mtnMomoOperator: SandboxOperator<MtnMomoState> = {
  id: 'mtn-momo',
  name: 'MTN MoMo Open API',
  create(ctx) {
    const state = new MtnMomoState(ctx.options);
    const callbacks = new MtnCallbackSender(ctx, state);
    registerMtnProvisioning(ctx, state);
    for (const product of MTN_PRODUCTS) {
      // Documented with a trailing slash; accepted without too.
      ctx.route('POST', `/${product}/token/`, tokenHandler(state, product));
      ctx.route('POST', `/${product}/token`, tokenHandler(state, product));
    }
    registerMtnCollection(ctx, state, callbacks);
    registerMtnDisbursement(ctx, state, callbacks);
    registerMtnControl(ctx, state, callbacks);
    return { state };
  },
};
