// Notifications as Orange sends them (fact sheet §4): POST to the payment's notif_url, JSON
//   {"status":"SUCCESS","notif_token":"…","txnid":"MP…"}   or   {"status":"FAILED","notif_token":"…"}
// once, when a confirmed payment ends SUCCESS or FAILED (never for INITIATED or EXPIRED ones); not
// retried. The control endpoint re-sends one on demand (a duplicate, or a forged one with overrides).
import type { OperatorContext } from '../core/operator';
import type { OrangeMoneyState, OrangeNotificationAttempt, OrangePayment } from './orange-money.state';

export interface NotificationOverrides {
  url?: string;
  status?: string;
  notifToken?: string;
  txnid?: string | null;
}

export function notificationBody(status: string, notifToken: string, txnid: string | null): string {
  return JSON.stringify({ status, notif_token: notifToken, ...(txnid ? { txnid } : {}) });
}

export class OrangeNotifier {
  constructor(
    private readonly ctx: OperatorContext,
    private readonly state: OrangeMoneyState,
  ) {}

  /** After a confirmation: the notification goes out when the payment becomes final (once). */
  schedule(payment: OrangePayment): void {
    if (!payment.notify || payment.finalAt === null) return;
    const finalAt = payment.finalAt;
    this.ctx.timers.after(finalAt - Date.now(), async () => {
      // A timer may fire a millisecond early by Date.now(): settle as of the planned time at least.
      this.state.settle(payment, Math.max(Date.now(), finalAt));
      if (payment.status === 'SUCCESS' || payment.status === 'FAILED') await this.deliver(payment, 'scheduled');
    });
  }

  /** Sends one notification now with the payment's current status (or the overrides). */
  async deliver(payment: OrangePayment, trigger: 'scheduled' | 'manual', overrides: NotificationOverrides = {}): Promise<OrangeNotificationAttempt> {
    const url = overrides.url ?? payment.notifUrl;
    const status = overrides.status ?? payment.status;
    const txnid = overrides.txnid !== undefined ? overrides.txnid : status === 'SUCCESS' ? payment.txnid : null;
    const body = notificationBody(status, overrides.notifToken ?? payment.notifToken, txnid);
    const at = new Date().toISOString();
    const result = await this.ctx.outbound.send({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
      operator: this.ctx.id,
    });
    const attempt: OrangeNotificationAttempt = {
      at,
      trigger,
      url,
      body,
      httpStatus: result.status,
      error: result.error ?? (result.status !== null && (result.status < 200 || result.status > 299) ? `HTTP ${result.status}` : null),
      responseBody: result.body,
      durationMs: result.durationMs,
    };
    this.state.addNotification(payment, attempt);
    if (attempt.error) this.ctx.log(`orange-money notification for ${payment.orderId} to ${url} failed: ${attempt.error} (not retried)`);
    return attempt;
  }
}
