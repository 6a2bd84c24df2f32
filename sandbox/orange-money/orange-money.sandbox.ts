// Orange Money WebPay emulation (fact sheet: /work/shared/providers/orange-money.md §1–§8). Wires the
// state (app, tokens, payments), the OAuth token route, the WebPay routes (webpayment,
// transactionstatus), the payment page standing in for Orange's, notifications and control endpoints.
// Orange Cameroon (omcoreapis) and Sonatel are not emulated.
import type { SandboxOperator } from '../core/operator';
import { tokenHandler } from './orange-money.auth';
import { registerOrangeControl } from './orange-money.control';
import { OrangeNotifier } from './orange-money.notify';
import { registerOrangePage } from './orange-money.page';
import { OrangeMoneyState } from './orange-money.state';
import { registerOrangeWebpay } from './orange-money.webpay';

export const orangeMoneyOperator: SandboxOperator<OrangeMoneyState> = {
  id: 'orange-money',
  name: 'Orange Money WebPay',
  create(ctx) {
    const state = new OrangeMoneyState(ctx.options);
    const notifier = new OrangeNotifier(ctx, state);
    ctx.route('POST', '/oauth/v3/token', tokenHandler(state));
    registerOrangeWebpay(ctx, state);
    registerOrangePage(ctx, state, notifier);
    registerOrangeControl(ctx, state, notifier);
    return { state };
  },
};
