// Collection callbacks as Airtel sends them (fact sheet §7): POST to the URL configured for the app in
// the portal (read when sending, so a changed URL applies), JSON {"transaction":{id, message,
// status_code, airtel_money_id}} and, when the app has a callback secret, "hash":
//   message = JSON.stringify({ transaction: { id, message, status_code, airtel_money_id } })
//             (compact, keys in that order, airtel_money_id only for TS)
//   hash    = Base64( HMAC-SHA256( key = secret as UTF-8, message as UTF-8 ) )
//   body    = JSON.stringify({ transaction: {…same…}, hash })  i.e. message with ,"hash":"…" before the last }
// Sent once per scheduled time, never retried; every delivery is kept on the payment.
import type { OperatorContext } from '../core/operator';
import { callbackHash } from './airtel-money.crypto';
import { callbackTransaction, shownCode, type AirtelCallbackAttempt, type AirtelPayment } from './airtel-money.records';
import type { AirtelMoneyState } from './airtel-money.state';

export const AIRTEL_CALLBACK_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json',
  Accept: '*/*',
});

export interface CallbackOptions {
  /** Replaces the app's URL for this delivery. */
  url?: string;
  /** 'wrong': an HMAC made with another key; a string: sent as is; null: no hash; undefined: the real one. */
  hash?: string | null;
}

/** The callback text and its hash for a payment shown as given (see the header comment). */
export function buildCallback(
  transaction: Record<string, string>,
  secret: string | null,
  hashOption?: string | null,
): { body: string; hash: string | null; hashMode: AirtelCallbackAttempt['hashMode']; hashedMessage: string | null } {
  const message = JSON.stringify({ transaction });
  let hash: string | null = null;
  let hashMode: AirtelCallbackAttempt['hashMode'] = 'none';
  if (hashOption === 'wrong') {
    hash = callbackHash(`${secret ?? ''}-not-the-callback-secret`, message);
    hashMode = 'wrong';
  } else if (typeof hashOption === 'string') {
    hash = hashOption;
    hashMode = 'given';
  } else if (hashOption === undefined && secret) {
    hash = callbackHash(secret, message);
    hashMode = 'hmac';
  }
  return { body: hash === null ? message : JSON.stringify({ transaction, hash }), hash, hashMode, hashedMessage: hash === null ? null : message };
}

export class AirtelCallbackSender {
  constructor(
    private readonly ctx: OperatorContext,
    private readonly state: AirtelMoneyState,
  ) {}

  /** Schedules the scenario's callbacks for a new payment. */
  schedule(payment: AirtelPayment): void {
    for (const at of payment.scenario.callbacksAt(this.ctx.options)) {
      this.ctx.timers.after(payment.createdAt + at - Date.now(), () => this.deliver(payment, 'scheduled').then(() => undefined));
    }
  }

  /**
   * Sends one callback now. Scheduled ones carry the decided outcome (deciding it now when the enquiry has
   * not caught up yet: 990005); manual ones the status the enquiry shows. Null when there is no URL.
   */
  async deliver(payment: AirtelPayment, trigger: 'scheduled' | 'manual', options: CallbackOptions = {}): Promise<AirtelCallbackAttempt | null> {
    const app = this.state.apps.get(payment.clientId);
    const url = options.url ?? app?.callbackUrl ?? null;
    if (!url) {
      this.ctx.log(`airtel-money callback for ${payment.id} not sent: no callback URL configured for app ${payment.clientId}`);
      return null;
    }
    this.state.settleDue();
    const shown =
      trigger === 'scheduled' ? (payment.decided ?? this.state.decide(payment)) : shownCode(payment);
    const transaction = callbackTransaction(payment, shown.status, shown.message);
    const built = buildCallback(transaction, app?.callbackSecret ?? null, options.hash);
    const at = new Date().toISOString();
    const result = await this.ctx.outbound.send({
      method: 'POST',
      url,
      headers: { ...AIRTEL_CALLBACK_HEADERS },
      body: built.body,
      operator: this.ctx.id,
    });
    const attempt: AirtelCallbackAttempt = {
      at,
      trigger,
      url,
      body: built.body,
      hash: built.hash,
      hashMode: built.hashMode,
      hashedMessage: built.hashedMessage,
      httpStatus: result.status,
      error: result.error ?? (result.status !== null && (result.status < 200 || result.status > 299) ? `HTTP ${result.status}` : null),
      responseBody: result.body,
      durationMs: result.durationMs,
    };
    this.state.addCallbackAttempt(payment, attempt);
    if (attempt.error) this.ctx.log(`airtel-money callback for ${payment.id} to ${url} failed: ${attempt.error} (not retried)`);
    return attempt;
  }
}
