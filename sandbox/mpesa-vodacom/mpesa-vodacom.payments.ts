// C2B single stage and B2C (fact sheet §2.1, §2.2, §4). C2B is synchronous: the call is held open for
// vodacomC2bDelayMs (the customer reading the USSD prompt) and answered with the final outcome; the magic
// numbers (mpesa-vodacom.scenarios.ts) script the awkward cases. B2C answers at once and moves the balance.
import type { SandboxRequest, SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { sendBare500, sendIns, type InsCode } from './mpesa-vodacom.codes';
import { C2B_OUTCOMES, scenarioFor, type VodacomScenarioName } from './mpesa-vodacom.scenarios';
import type { MpesaVodacomState, VodacomTransaction, VodacomTxStatus } from './mpesa-vodacom.state';
import { PAYMENT_FIELDS, authorized, checkPayment, objectBody, readFields, refuse, type PaymentInput } from './mpesa-vodacom.validation';

/** The "hang" numbers give up on the client after this long (then the socket is dropped). */
const HANG_CAP_MS = 10 * 60_000;

export function registerVodacomPayments(ctx: OperatorContext, state: MpesaVodacomState): void {
  const opts = ctx.options;

  /** Validated payment input, or null when the call was refused (answered). */
  function accept(req: SandboxRequest, res: SandboxResponse, countC2b: boolean): PaymentInput | null {
    if (!authorized(req, res, state)) return null;
    const body = objectBody(req, res);
    if (!body) return null;
    const tpr = body['input_ThirdPartyReference'];
    if (countC2b && typeof tpr === 'string' && tpr !== '') state.countC2bCall(tpr);
    const fields = readFields(body, PAYMENT_FIELDS, res);
    const input = fields && checkPayment(fields, res, state);
    if (!input) return null;
    if (state.usedReferences.has(input.thirdPartyReference)) return refuse(res, 'INS-10', { output_ThirdPartyReference: input.thirdPartyReference });
    return input;
  }

  function record(type: 'c2b' | 'b2c', input: PaymentInput, scenario: VodacomScenarioName | 'shortcode-balance', finalStatus: VodacomTxStatus, settleInMs: number): VodacomTransaction {
    return state.record({
      type,
      thirdPartyReference: input.thirdPartyReference,
      transactionReference: input.transactionReference,
      msisdn: input.msisdn,
      amountMinor: input.amountMinor,
      serviceProviderCode: input.serviceProviderCode,
      scenario,
      finalStatus,
      settlesAt: Date.now() + settleInMs,
      originalTransactionId: null,
    });
  }

  /** Answers for a recorded transaction: INS-0 with its ids, a failure code with its ConversationID, or a bare 500. */
  function answer(res: SandboxResponse, tx: VodacomTransaction, code: string | null): void {
    if (res.headersSent || res.destroyed) return;
    tx.answer = { httpStatus: 0, code, at: Date.now() };
    const ids = { output_ConversationID: tx.conversationId, output_ThirdPartyReference: tx.thirdPartyReference };
    if (code === null) sendBare500(res);
    else if (code === 'INS-0') sendIns(res, 'INS-0', { ...ids, output_TransactionID: tx.transactionId }, 201);
    else sendIns(res, code as InsCode, ids);
    tx.answer.httpStatus = res.statusCode;
  }

  /** Holds the call `ms` then answers (settling first); marks the client as gone if it hangs up before. */
  function hold(res: SandboxResponse, tx: VodacomTransaction, ms: number, code: string | null | 'never'): void {
    const timer = ctx.timers.after(code === 'never' ? HANG_CAP_MS : ms, () => {
      state.settleDue();
      if (code === 'never') res.destroy();
      else answer(res, tx, code);
    });
    res.on('close', () => {
      if (res.headersSent) return;
      tx.clientGaveUp = true;
      ctx.timers.cancel(timer);
    });
  }

  function c2b(req: SandboxRequest, res: SandboxResponse): unknown {
    const input = accept(req, res, true);
    if (!input) return;
    const scenario = scenarioFor(input.msisdn);
    const outcome = C2B_OUTCOMES[scenario];
    if (scenario === 'invalid-msisdn' || scenario === 'overloaded') return refuse(res, outcome.code as InsCode, { output_ThirdPartyReference: input.thirdPartyReference });
    if (scenario === 'duplicate') return answer(res, record('c2b', input, scenario, 'Completed', 0), 'INS-10');
    const heldMs = scenario === 'slow' ? opts.vodacomSlowMs : opts.vodacomC2bDelayMs;
    const tx = record('c2b', input, scenario, outcome.status, heldMs);
    return hold(res, tx, heldMs, scenario === 'hang' ? 'never' : outcome.code);
  }

  function b2c(req: SandboxRequest, res: SandboxResponse): unknown {
    const input = accept(req, res, false);
    if (!input) return;
    const scenario = scenarioFor(input.msisdn);
    const refs = { output_ThirdPartyReference: input.thirdPartyReference };
    if (scenario === 'invalid-msisdn') return refuse(res, 'INS-2051', refs);
    if (scenario === 'overloaded') return refuse(res, 'INS-16', refs);
    if (scenario === 'insufficient') return answer(res, record('b2c', input, scenario, 'Failed', 0), 'INS-2006');
    if (scenario === 'internal-error') return answer(res, record('b2c', input, scenario, 'Failed', 0), 'INS-1');
    // Every other number moves money: the shortcode must have it.
    if (state.balanceMinor < input.amountMinor) return answer(res, record('b2c', input, 'shortcode-balance', 'Failed', 0), 'INS-2006');
    state.balanceMinor -= input.amountMinor;
    const tx = record('b2c', input, scenario, 'Completed', 0);
    if (scenario === 'duplicate') return answer(res, tx, 'INS-10');
    if (scenario === 'empty-500') return answer(res, tx, null);
    if (scenario === 'hang') return hold(res, tx, 0, 'never');
    if (scenario === 'slow') return hold(res, tx, opts.vodacomSlowMs, 'INS-0');
    return answer(res, tx, 'INS-0');
  }

  ctx.route('POST', '/ipg/v1x/c2bPayment/singleStage/', (req, res) => void c2b(req, res));
  ctx.route('POST', '/ipg/v1x/b2cPayment/', (req, res) => void b2c(req, res));
}
