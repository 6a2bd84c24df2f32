// Control endpoints (not Orange APIs; plain JSON for tests and people), under /_sandbox/orange-money:
//   GET  /payments?order_id=&pay_token=&status=   records (with notification attempts)
//   GET  /payments/{pay_token | order_id}
//   POST /payments/{key}/notify   re-send the notification now; body {status?, notif_token?, txnid?, url?}
//   POST /payments/{key}/expire   make the payment's validity end now
//   POST /tokens/expire           expire every access token (the next WebPay call gets 401 code 42)
//   GET|PUT /settings             {afterValidity: 'EXPIRED' | 'INITIATED'}
import { sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import type { NotificationOverrides, OrangeNotifier } from './orange-money.notify';
import { controlView, type OrangeMoneyState, type OrangePayment } from './orange-money.state';
import { isHttpUrl } from './orange-money.validation';

const badRequest = (res: SandboxResponse, message: string): void => sendJson(res, 400, { error: 'bad_request', message });

/** The JSON object body ({} when empty), or null (answered 400). */
function objectBody(req: SandboxRequest, res: SandboxResponse): Record<string, unknown> | null {
  const body = req.json();
  if (body.kind === 'empty') return {};
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) return body.value as Record<string, unknown>;
  badRequest(res, 'Body must be a JSON object.');
  return null;
}

function overridesOf(body: Record<string, unknown>): NotificationOverrides | string {
  const out: NotificationOverrides = {};
  const { status, notif_token: notifToken, txnid, url } = body;
  if (status !== undefined) {
    if (typeof status !== 'string' || status === '') return 'status must be a non-empty string';
    out.status = status;
  }
  if (notifToken !== undefined) {
    if (typeof notifToken !== 'string') return 'notif_token must be a string';
    out.notifToken = notifToken;
  }
  if (txnid !== undefined) {
    if (txnid !== null && typeof txnid !== 'string') return 'txnid must be a string or null';
    out.txnid = txnid;
  }
  if (url !== undefined) {
    if (!isHttpUrl(url)) return 'url must be an absolute http(s) URL';
    out.url = url;
  }
  return out;
}

export function registerOrangeControl(ctx: OperatorContext, state: OrangeMoneyState, notifier: OrangeNotifier): void {
  const base = `/_sandbox/${ctx.id}`;
  const found = (req: SandboxRequest, res: SandboxResponse): OrangePayment | null => {
    const payment = state.find(req.params.key ?? '');
    if (!payment) {
      sendJson(res, 404, { error: 'not_found', message: 'No payment with this pay_token or order_id.' });
      return null;
    }
    return state.settle(payment);
  };

  ctx.route('GET', `${base}/payments`, (req, res) => {
    const q = req.query;
    const list = [...state.payments.values()]
      .map((p) => state.settle(p))
      .filter((p) => [['order_id', p.orderId], ['pay_token', p.payToken], ['status', p.status]].every(([k, v]) => q.get(k as string) === null || q.get(k as string) === v));
    sendJson(res, 200, list.map(controlView));
  });

  ctx.route('GET', `${base}/payments/:key`, (req, res) => {
    const payment = found(req, res);
    if (payment) sendJson(res, 200, controlView(payment));
  });

  ctx.route('POST', `${base}/payments/:key/notify`, async (req, res) => {
    const payment = found(req, res);
    if (!payment) return;
    const body = objectBody(req, res);
    if (!body) return;
    const overrides = overridesOf(body);
    if (typeof overrides === 'string') return badRequest(res, overrides);
    if (overrides.status === undefined && payment.status !== 'SUCCESS' && payment.status !== 'FAILED') {
      return sendJson(res, 409, { error: 'not_final', message: `Payment is ${payment.status}: Orange notifies SUCCESS/FAILED only (pass {"status": …} to send one anyway).` });
    }
    const attempt = await notifier.deliver(payment, 'manual', overrides);
    sendJson(res, 200, { delivered: attempt.error === null, ...attempt });
  });

  ctx.route('POST', `${base}/payments/:key/expire`, (req, res) => {
    const payment = found(req, res);
    if (!payment) return;
    const now = Date.now();
    if (payment.expiresAt > now) payment.expiresAt = now;
    sendJson(res, 200, controlView(state.settle(payment, now)));
  });

  ctx.route('POST', `${base}/tokens/expire`, (_req, res) => sendJson(res, 200, { expired: state.expireTokens() }));

  ctx.route('GET', `${base}/settings`, (_req, res) => sendJson(res, 200, state.settings));

  ctx.route('PUT', `${base}/settings`, (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    const after = body['afterValidity'];
    if (after !== undefined && after !== 'EXPIRED' && after !== 'INITIATED') return badRequest(res, "afterValidity must be 'EXPIRED' or 'INITIATED'.");
    if (after !== undefined) state.settings.afterValidity = after;
    sendJson(res, 200, state.settings);
  });
}
