// Safaricom M-Pesa Daraja (Kenya) emulation (fact sheet: /work/shared/providers/mpesa-daraja.md). Wires the
// state (tokens, organisation accounts, records, the RSA key pair and self-signed certificate made at
// start), OAuth, M-Pesa Express (STK Push and query), B2C, Transaction Status, Account Balance,
// reversal, C2B (register URL, simulate, validation and confirmation) and the control endpoints.
import type { SandboxOperator } from '../core/operator';
import { registerOauth } from './mpesa-daraja.auth';
import { registerDarajaB2c } from './mpesa-daraja.b2c';
import { registerDarajaC2b } from './mpesa-daraja.c2b';
import { DarajaCallbackSender } from './mpesa-daraja.callbacks';
import { registerDarajaControl } from './mpesa-daraja.control';
import { registerDarajaQueries } from './mpesa-daraja.queries';
import { registerDarajaReversal } from './mpesa-daraja.reversal';
import { MpesaDarajaState } from './mpesa-daraja.state';
import { registerDarajaStk } from './mpesa-daraja.stk';

export { MPESA_DARAJA_MAGIC, darajaMsisdn } from './mpesa-daraja.scenarios';
export type { MpesaDarajaState } from './mpesa-daraja.state';

export const mpesaDarajaOperator: SandboxOperator<MpesaDarajaState> = {
  id: 'mpesa-daraja',
  name: 'Safaricom M-Pesa Daraja (Kenya)',
  create(ctx) {
    const state = new MpesaDarajaState(ctx.options);
    const callbacks = new DarajaCallbackSender(ctx, state);
    registerOauth(ctx, state);
    registerDarajaStk(ctx, state, callbacks);
    registerDarajaB2c(ctx, state, callbacks);
    registerDarajaQueries(ctx, state, callbacks);
    registerDarajaReversal(ctx, state, callbacks);
    registerDarajaC2b(ctx, state, callbacks);
    registerDarajaControl(ctx, state, callbacks);
    return { state };
  },
};
