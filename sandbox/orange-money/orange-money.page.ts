// The sandbox's stand-in for Orange's payment page (payment_url):
//   GET  /_sandbox/orange-money/pay/{pay_token}  a minimal HTML page: amount, merchant, MSISDN + OTP, Confirmer / Annuler
//   POST /_sandbox/orange-money/pay/{pay_token}  form or JSON {action: 'approve'|'cancel'|'fail', msisdn?, otp?, notify?}
// approve → PENDING, then SUCCESS after settleMs and one notification; answers 302 to return_url.
// fail, or OTP '0000' (a wrong OTP) → PENDING, then FAILED and one notification; 302 to return_url.
// cancel → stays INITIATED (the buyer went back to the shop; no notification); 302 to cancel_url.
// Confirming after the validity → EXPIRED (no notification); answers 410.
import { sendJson, sendRaw, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import type { OrangeNotifier } from './orange-money.notify';
import type { OrangeMoneyState, OrangePayment } from './orange-money.state';

export const WRONG_OTP = '0000';
const DEFAULT_MSISDN = '7701100100';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, inner: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>Orange Money</h1>${inner}</body></html>`;
}

function paymentPage(p: OrangePayment, action: string): string {
  const merchant = escapeHtml(p.reference ?? 'Marchand');
  const amount = `${p.amount.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')} ${escapeHtml(p.currency)}`;
  if (p.status !== 'INITIATED') {
    return page('Paiement', `<p>Paiement ${escapeHtml(p.orderId)} : ${escapeHtml(p.status)}</p>`);
  }
  return page(
    'Paiement Orange Money',
    `<p>Payer <strong id="amount">${amount}</strong> à <strong id="merchant">${merchant}</strong></p>` +
      `<p>Commande ${escapeHtml(p.orderId)}</p>` +
      `<form method="post" action="${escapeHtml(action)}">` +
      `<label>Numéro Orange Money <input name="msisdn" inputmode="numeric" value="${DEFAULT_MSISDN}"></label>` +
      `<label>Code OTP <input name="otp" inputmode="numeric" autocomplete="one-time-code"></label>` +
      `<button type="submit" name="action" value="approve">Confirmer</button>` +
      `<button type="submit" name="action" value="cancel">Annuler</button>` +
      `</form>`,
  );
}

/** Form or JSON fields of the POST; null when unreadable. */
function readForm(req: SandboxRequest): Record<string, unknown> | null {
  const contentType = (req.header('content-type') ?? '').toLowerCase();
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
  }
  const body = req.json();
  if (body.kind === 'empty') return {};
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) return body.value as Record<string, unknown>;
  return null;
}

/** An error as HTML for a browser's form post, JSON otherwise. */
function refuse(req: SandboxRequest, res: SandboxResponse, status: number, error: string, message: string): void {
  if ((req.header('content-type') ?? '').toLowerCase().includes('application/x-www-form-urlencoded') || req.method === 'GET') {
    sendRaw(res, status, page('Erreur', `<p class="error">${escapeHtml(message)}</p>`), 'text/html; charset=utf-8');
    return;
  }
  sendJson(res, status, { error, message });
}

const redirect = (res: SandboxResponse, location: string): void => sendRaw(res, 302, '', null, { Location: location });

export function registerOrangePage(ctx: OperatorContext, state: OrangeMoneyState, notifier: OrangeNotifier): void {
  const base = `/_sandbox/${ctx.id}/pay/:payToken`;

  ctx.route('GET', base, (req, res) => {
    const payment = state.payments.get(req.params.payToken ?? '');
    if (!payment) return refuse(req, res, 404, 'not_found', 'Paiement introuvable.');
    state.settle(payment);
    sendRaw(res, 200, paymentPage(payment, req.path), 'text/html; charset=utf-8');
  });

  ctx.route('POST', base, (req, res) => {
    const payment = state.payments.get(req.params.payToken ?? '');
    if (!payment) return refuse(req, res, 404, 'not_found', 'Paiement introuvable.');
    const form = readForm(req);
    if (!form) return refuse(req, res, 400, 'bad_request', 'Body must be a form or a JSON object: {action, msisdn?, otp?}.');
    const action = form['action'];
    if (action !== 'approve' && action !== 'cancel' && action !== 'fail') {
      return refuse(req, res, 400, 'bad_request', "action must be 'approve', 'cancel' or 'fail'.");
    }
    const now = Date.now();
    state.settle(payment, now);
    if (action === 'cancel') {
      if (payment.status === 'INITIATED') payment.cancelledAt = now;
      return redirect(res, payment.cancelUrl);
    }
    if (payment.status !== 'INITIATED') {
      if (payment.status === 'EXPIRED') return refuse(req, res, 410, 'expired', 'Ce paiement a expiré.');
      return refuse(req, res, 409, 'already_confirmed', `Ce paiement est déjà ${payment.status}.`);
    }
    if (now >= payment.expiresAt) {
      payment.confirmedAt = now;
      state.setStatus(payment, 'EXPIRED', now);
      return refuse(req, res, 410, 'expired', 'Ce paiement a expiré.');
    }
    const msisdn = form['msisdn'] === undefined || form['msisdn'] === '' ? DEFAULT_MSISDN : form['msisdn'];
    const otp = form['otp'] === undefined || form['otp'] === '' ? null : form['otp'];
    if (typeof msisdn !== 'string' || !/^\d{8,12}$/.test(msisdn)) return refuse(req, res, 400, 'bad_msisdn', 'Numéro Orange Money invalide (8 à 12 chiffres).');
    if (otp !== null && (typeof otp !== 'string' || !/^\d{4,6}$/.test(otp))) return refuse(req, res, 400, 'bad_otp', 'Code OTP invalide (4 à 6 chiffres).');
    payment.msisdn = msisdn;
    payment.confirmedAt = now;
    payment.finalAt = now + state.settleMs;
    payment.planned = action === 'fail' || otp === WRONG_OTP ? 'FAILED' : 'SUCCESS';
    payment.failReason = payment.planned === 'FAILED' ? (otp === WRONG_OTP ? 'wrong OTP' : "action 'fail'") : null;
    payment.notify = form['notify'] !== false && form['notify'] !== 'false';
    state.setStatus(payment, 'PENDING', now);
    notifier.schedule(payment);
    redirect(res, payment.returnUrl);
  });
}
