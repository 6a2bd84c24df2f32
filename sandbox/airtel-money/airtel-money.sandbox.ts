// Airtel Money Africa Open API emulation (fact sheet: /work/shared/providers/airtel-money.md). Wires the
// state (apps, tokens, wallets, the RSA key pair generated at start), the product routes (token,
// collection, refund, disbursement, KYC, balance, encryption key), callbacks and the control endpoints.
import type { SandboxOperator } from '../core/operator';
import { registerAirtelAccount } from './airtel-money.account';
import { tokenHandler } from './airtel-money.auth';
import { AirtelCallbackSender } from './airtel-money.callbacks';
import { registerAirtelCollection } from './airtel-money.collection';
import { registerAirtelControl } from './airtel-money.control';
import { registerAirtelDisbursement } from './airtel-money.disbursement';
import { AirtelMoneyState } from './airtel-money.state';

export const airtelMoneyOperator: SandboxOperator<AirtelMoneyState> = {
  id: 'airtel-money',
  name: 'Airtel Money Africa Open API',
  create(ctx) {
    const state = new AirtelMoneyState(ctx.options);
    const callbacks = new AirtelCallbackSender(ctx, state);
    ctx.route('POST', '/auth/oauth2/token', tokenHandler(state));
    registerAirtelCollection(ctx, state, callbacks);
    registerAirtelDisbursement(ctx, state);
    registerAirtelAccount(ctx, state);
    registerAirtelControl(ctx, state, callbacks);
    return { state };
  },
};
