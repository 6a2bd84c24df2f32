// The WebPay product routes (fact sheet §3, §5):
//   POST /orange-money-webpay/{cc}/v1/webpayment        → 201 {status, message, pay_token, payment_url, notif_token}
//   POST /orange-money-webpay/{cc}/v1/transactionstatus → 201 {status, order_id, txnid?}
// Both need a valid Bearer token; `{cc}` is 'dev' or a §7 country code (case-insensitive here).
import { sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { bearer, resourceNotFound } from './orange-money.auth';
import { ORANGE_PATHS, type OrangeMoneyState, type OrangePayment } from './orange-money.state';
import { readAmount, validateWebPayment } from './orange-money.validation';

const PREFIX = '/orange-money-webpay/:cc/v1';

function badRequest(res: SandboxResponse, message: string, description: string, status = 400): void {
  sendJson(res, status, { status, message, description });
}

/** The JSON object body, or null (answered 400). */
function objectBody(req: SandboxRequest, res: SandboxResponse): Record<string, unknown> | null {
  const body = req.json();
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) {
    return body.value as Record<string, unknown>;
  }
  const why = body.kind === 'empty' ? 'Request body is missing' : body.kind === 'invalid' ? 'Malformed JSON body' : 'Request body must be a JSON object';
  badRequest(res, 'Bad Request', why);
  return null;
}

/** The sandbox's own payment page for a pay_token, on the host the caller used. */
export function paymentUrl(req: SandboxRequest, operatorId: string, payToken: string): string {
  const forwarded = (req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim().toLowerCase();
  const proto = forwarded === 'https' ? 'https' : 'http';
  const socket = req.raw.socket;
  const fallback = `${socket.localAddress?.includes(':') ? `[${socket.localAddress}]` : (socket.localAddress ?? '127.0.0.1')}:${socket.localPort ?? 80}`;
  const host = /^[A-Za-z0-9.\-:[\]]+$/.test(req.header('host') ?? '') ? (req.header('host') as string) : fallback;
  return `${proto}://${host}/_sandbox/${operatorId}/pay/${payToken}`;
}

/** `{cc}` normalised, or null (answered with the gateway's 404). */
function countryPath(req: SandboxRequest, res: SandboxResponse): string | null {
  const cc = (req.params.cc ?? '').toLowerCase();
  if (!Object.prototype.hasOwnProperty.call(ORANGE_PATHS, cc)) {
    resourceNotFound(res);
    return null;
  }
  return cc;
}

export function registerOrangeWebpay(ctx: OperatorContext, state: OrangeMoneyState): void {
  ctx.route('POST', `${PREFIX}/webpayment`, (req, res) => {
    const cc = countryPath(req, res);
    if (cc === null) return;
    const token = bearer(req, res, state);
    if (!token) return;
    const body = objectBody(req, res);
    if (!body) return;
    const fields = validateWebPayment(body, cc, state.merchantKey);
    if ('message' in fields) return badRequest(res, fields.message, fields.description);
    if (state.paymentsByOrderId.has(fields.orderId)) {
      return badRequest(res, 'Duplicate order_id', `order_id ${fields.orderId} has already been used`);
    }
    const now = Date.now();
    const payment: OrangePayment = {
      payToken: state.newPayToken(),
      notifToken: state.newNotifToken(),
      orderId: fields.orderId,
      amount: fields.amount,
      currency: fields.currency,
      countryPath: cc,
      clientId: token.clientId,
      returnUrl: fields.returnUrl,
      cancelUrl: fields.cancelUrl,
      notifUrl: fields.notifUrl,
      lang: fields.lang,
      reference: fields.reference,
      status: 'INITIATED',
      txnid: null,
      msisdn: null,
      createdAt: now,
      expiresAt: now + state.validityMs,
      confirmedAt: null,
      cancelledAt: null,
      finalAt: null,
      planned: null,
      failReason: null,
      notify: true,
      history: [{ at: new Date(now).toISOString(), status: 'INITIATED' }],
      notifications: [],
    };
    state.addPayment(payment);
    sendJson(res, 201, {
      status: 201,
      message: 'OK',
      pay_token: payment.payToken,
      payment_url: paymentUrl(req, ctx.id, payment.payToken),
      notif_token: payment.notifToken,
    });
  });

  ctx.route('POST', `${PREFIX}/transactionstatus`, (req, res) => {
    const cc = countryPath(req, res);
    if (cc === null) return;
    const token = bearer(req, res, state);
    if (!token) return;
    const body = objectBody(req, res);
    if (!body) return;
    const { order_id: orderId, amount: rawAmount, pay_token: payToken } = body;
    if (typeof orderId !== 'string' || orderId === '' || typeof payToken !== 'string' || payToken === '' || rawAmount === undefined || rawAmount === null) {
      return badRequest(res, 'Bad Request', 'order_id, amount and pay_token are mandatory');
    }
    const payment = state.payments.get(payToken);
    if (!payment || payment.clientId !== token.clientId || payment.countryPath !== cc) {
      return badRequest(res, 'Not Found', 'No transaction with this pay_token', 404);
    }
    if (payment.orderId !== orderId || readAmount(rawAmount) !== payment.amount) {
      return badRequest(res, 'Bad Request', 'order_id, amount and pay_token do not match the payment');
    }
    state.settle(payment);
    sendJson(res, 201, { status: payment.status, order_id: payment.orderId, ...(payment.txnid ? { txnid: payment.txnid } : {}) });
  });
}
