// Control endpoints about transactions (not Airtel APIs; plain JSON for tests and people): the
// scenario tables, full records of payments, disbursements (refused attempts included) and refunds,
// and re-sending a payment's callback (optionally with a wrong hash).
import { sendJson, type SandboxRequest } from '../core/http';
import type { OperatorContext } from '../core/operator';
import type { AirtelCallbackSender, CallbackOptions } from './airtel-money.callbacks';
import { registerAirtelAccountControl } from './airtel-money.control.accounts';
import { controlView, type AirtelDisbursement, type AirtelPayment, type AirtelRefusedDisbursement } from './airtel-money.records';
import { describeScenarios } from './airtel-money.scenarios';
import type { AirtelMoneyState } from './airtel-money.state';
import { isCallbackUrl } from './airtel-money.validation';

const notFound = (what: string) => ({ error: 'not_found', message: `No ${what} with this id.` });
const badRequest = (message: string) => ({ error: 'bad_request', message });

/** Every given filter must match: msisdn, country, clientId (and id for disbursements). */
function matches(record: { msisdn: string | null; country: string; clientId: string; id?: string | null }, req: SandboxRequest): boolean {
  const q = req.query;
  for (const [param, value] of [
    ['msisdn', record.msisdn],
    ['country', record.country],
    ['clientId', record.clientId],
    ['id', record.id ?? null],
  ] as const) {
    const wanted = q.get(param);
    if (wanted !== null && wanted !== value) return false;
  }
  return true;
}

export function registerAirtelControl(ctx: OperatorContext, state: AirtelMoneyState, callbacks: AirtelCallbackSender): void {
  const base = `/_sandbox/${ctx.id}`;

  ctx.route('GET', `${base}/scenarios`, (_req, res) => sendJson(res, 200, describeScenarios(ctx.options)));

  ctx.route('GET', `${base}/payments`, (req, res) => {
    state.settleDue();
    sendJson(res, 200, [...state.payments.values()].filter((p) => matches(p, req)).map((p) => controlView(p)));
  });

  ctx.route('GET', `${base}/payments/:id`, (req, res) => {
    state.settleDue();
    const payment = state.payments.get(req.params.id ?? '');
    if (!payment) return sendJson(res, 404, notFound('payment'));
    sendJson(res, 200, controlView(payment));
  });

  // Sends the callback again now with the status the enquiry shows. Optional body:
  // {"hash": "wrong" | "<text to send as hash>" | null, "url": "http://…"}.
  ctx.route('POST', `${base}/payments/:id/callback`, async (req, res) => {
    const payment: AirtelPayment | undefined = state.payments.get(req.params.id ?? '');
    if (!payment) return sendJson(res, 404, notFound('payment'));
    const body = req.json();
    if (body.kind === 'invalid') return sendJson(res, 400, badRequest('Body must be JSON: {"hash"?, "url"?}.'));
    const value = body.kind === 'json' ? body.value : {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return sendJson(res, 400, badRequest('Body must be a JSON object.'));
    const { hash, url } = value as Record<string, unknown>;
    const options: CallbackOptions = {};
    if (url !== undefined) {
      if (!isCallbackUrl(url)) return sendJson(res, 400, badRequest('url must be an absolute http(s) URL.'));
      options.url = url;
    }
    if (hash !== undefined) {
      if (hash !== null && typeof hash !== 'string') return sendJson(res, 400, badRequest('hash must be "wrong", a string or null.'));
      options.hash = hash;
    }
    const attempt = await callbacks.deliver(payment, 'manual', options);
    if (!attempt) {
      return sendJson(res, 409, {
        error: 'no_callback_url',
        message: `App ${payment.clientId} has no callback URL: PUT ${base}/apps/${payment.clientId} or pass {"url": "..."}.`,
      });
    }
    sendJson(res, 200, {
      url: attempt.url,
      delivered: attempt.error === null,
      httpStatus: attempt.httpStatus,
      error: attempt.error,
      responseBody: attempt.responseBody,
      sentBody: attempt.body,
      hash: attempt.hash,
      hashMode: attempt.hashMode,
    });
  });

  // Every disbursement POST that passed the token and header checks, refused ones included (recorded: false).
  ctx.route('GET', `${base}/disbursements`, (req, res) => {
    const recorded = req.query.get('recorded');
    const list = state.disbursementAttempts.filter(
      (d) => matches(d, req) && (recorded === null || String(d.kind === 'disbursement') === recorded),
    );
    sendJson(res, 200, list.map((d) => controlView(d)));
  });

  ctx.route('GET', `${base}/disbursements/:id`, (req, res) => {
    const id = req.params.id ?? '';
    let record: AirtelDisbursement | AirtelRefusedDisbursement | undefined = state.disbursements.get(id);
    record ??= [...state.disbursementAttempts].reverse().find((d) => d.id === id);
    if (!record) return sendJson(res, 404, notFound('disbursement'));
    sendJson(res, 200, controlView(record));
  });

  ctx.route('GET', `${base}/refunds`, (req, res) => {
    const paymentId = req.query.get('paymentId');
    const list = [...state.refunds.values()].filter((r) => paymentId === null || r.paymentId === paymentId);
    sendJson(res, 200, list.map((r) => controlView(r)));
  });

  ctx.route('GET', `${base}/refunds/:airtelMoneyId`, (req, res) => {
    const refund = state.refunds.get(req.params.airtelMoneyId ?? '');
    if (!refund) return sendJson(res, 404, notFound('refund'));
    sendJson(res, 200, controlView(refund));
  });

  registerAirtelAccountControl(ctx, state);
}
