// In-memory store of the Orange Money WebPay emulation: the app (client credentials, merchant key), its
// tokens, the payments (by pay_token and by order_id) and the sandbox-only settings. Payments move by
// time: settle(payment, now) applies whatever is due (PENDING → SUCCESS/FAILED after settleMs; an
// untouched INITIATED one → EXPIRED after the validity), and handlers call it before reading, so answers
// never depend on timers (the timers only send the notifications).
import { randomBytes, randomInt } from 'node:crypto';
import type { SandboxOptions } from '../options';

export type OrangeStatus = 'INITIATED' | 'PENDING' | 'SUCCESS' | 'FAILED' | 'EXPIRED';

/** §7: `{cc}` → the currency webpayment requires there. */
export const ORANGE_PATHS: Readonly<Record<string, string>> = {
  dev: 'OUV', ci: 'XOF', ml: 'XOF', gn: 'GNF', cm: 'XAF', mg: 'MGA', cd: 'CDF', sn: 'XOF',
  bf: 'XOF', ne: 'XOF', gw: 'XOF', cf: 'XAF', bw: 'BWP', lr: 'LRD', sl: 'SLE',
};

export interface OrangeToken {
  accessToken: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
}

export interface OrangeNotificationAttempt {
  at: string;
  trigger: 'scheduled' | 'manual';
  url: string;
  body: string;
  httpStatus: number | null;
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

export interface OrangePayment {
  payToken: string;
  notifToken: string;
  orderId: string;
  amount: number;
  currency: string;
  countryPath: string;
  clientId: string;
  returnUrl: string;
  cancelUrl: string;
  notifUrl: string;
  lang: string;
  reference: string | null;
  status: OrangeStatus;
  txnid: string | null;
  msisdn: string | null;
  createdAt: number;
  expiresAt: number;
  /** When the buyer clicked Confirmer (or Annuler: cancelledAt). */
  confirmedAt: number | null;
  cancelledAt: number | null;
  /** When a PENDING payment becomes `planned`. */
  finalAt: number | null;
  planned: 'SUCCESS' | 'FAILED' | null;
  /** Why it failed (wrong OTP, 'fail' action), shown in the control view only. */
  failReason: string | null;
  /** False when the test asked for no notification (approve with notify: false). */
  notify: boolean;
  history: Array<{ at: string; status: OrangeStatus }>;
  notifications: OrangeNotificationAttempt[];
}

/** Sandbox-only behaviour switches (PUT /_sandbox/orange-money/settings). */
export interface OrangeSandboxSettings {
  /**
   * What an untouched payment reads after its validity: 'EXPIRED' (default) or 'INITIATED' (the fact
   * sheet's literal reading: it "stays INITIATED if the buyer does nothing"; the gateway then applies
   * its own 10-minute rule).
   */
  afterValidity: 'EXPIRED' | 'INITIATED';
}

const MAX_RECORDS = 100_000;
const MAX_NOTIFICATIONS_PER_PAYMENT = 50;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const two = (n: number): string => String(n).padStart(2, '0');

export class OrangeMoneyState {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly merchantKey: string;
  readonly tokenTtlS: number;
  readonly validityMs: number;
  readonly settleMs: number;
  readonly tokens = new Map<string, OrangeToken>();
  readonly payments = new Map<string, OrangePayment>();
  readonly paymentsByOrderId = new Map<string, OrangePayment>();
  readonly settings: OrangeSandboxSettings = { afterValidity: 'EXPIRED' };
  private readonly txnids = new Set<string>();
  private sequence = randomInt(10_000, 90_000);

  constructor(options: SandboxOptions) {
    this.clientId = options.orangeClientId;
    this.clientSecret = options.orangeClientSecret;
    this.merchantKey = options.orangeMerchantKey;
    this.tokenTtlS = options.orangeTokenTtlS;
    this.validityMs = options.orangePaymentValidityMs;
    this.settleMs = options.settleMs;
  }

  issueToken(now = Date.now()): OrangeToken {
    for (const [key, token] of this.tokens) if (token.expiresAt < now - 86_400_000) this.tokens.delete(key);
    const token: OrangeToken = { accessToken: randomBytes(24).toString('base64url'), clientId: this.clientId, issuedAt: now, expiresAt: now + this.tokenTtlS * 1000 };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  /** Expires every valid token; returns how many. */
  expireTokens(now = Date.now()): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (token.expiresAt > now) {
        token.expiresAt = now;
        count++;
      }
    }
    return count;
  }

  newPayToken(): string {
    return randomBytes(32).toString('hex');
  }

  newNotifToken(): string {
    return randomBytes(16).toString('hex');
  }

  /** MP + yyMMdd.HHmm. + letter + 5 digits, e.g. MP150709.1341.A00073. */
  newTxnid(now = Date.now()): string {
    for (;;) {
      const d = new Date(now);
      this.sequence = this.sequence >= 99_999 ? 10_000 : this.sequence + 1;
      const id = `MP${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}.${two(d.getUTCHours())}${two(d.getUTCMinutes())}.${LETTERS[randomInt(0, 26)]}${String(this.sequence).padStart(5, '0')}`;
      if (!this.txnids.has(id)) {
        this.txnids.add(id);
        return id;
      }
    }
  }

  addPayment(payment: OrangePayment): void {
    this.payments.set(payment.payToken, payment);
    this.paymentsByOrderId.set(payment.orderId, payment);
    while (this.payments.size > MAX_RECORDS) {
      const oldest = this.payments.values().next().value;
      if (!oldest) break;
      this.payments.delete(oldest.payToken);
      this.paymentsByOrderId.delete(oldest.orderId);
    }
  }

  /** By pay_token, else by order_id. */
  find(key: string): OrangePayment | undefined {
    return this.payments.get(key) ?? this.paymentsByOrderId.get(key);
  }

  setStatus(payment: OrangePayment, status: OrangeStatus, now = Date.now()): void {
    if (payment.status === status) return;
    payment.status = status;
    payment.history.push({ at: new Date(now).toISOString(), status });
  }

  /** Applies what is due for one payment (see the header comment). */
  settle(payment: OrangePayment, now = Date.now()): OrangePayment {
    if (payment.status === 'PENDING' && payment.finalAt !== null && payment.finalAt <= now && payment.planned) {
      if (payment.planned === 'SUCCESS') payment.txnid ??= this.newTxnid(payment.finalAt);
      this.setStatus(payment, payment.planned, payment.finalAt);
    }
    if (payment.status === 'INITIATED' && now >= payment.expiresAt && this.settings.afterValidity === 'EXPIRED') {
      this.setStatus(payment, 'EXPIRED', payment.expiresAt);
    }
    return payment;
  }

  addNotification(payment: OrangePayment, attempt: OrangeNotificationAttempt): void {
    payment.notifications.push(attempt);
    if (payment.notifications.length > MAX_NOTIFICATIONS_PER_PAYMENT) payment.notifications.shift();
  }
}

/** A payment as the control endpoints show it (dates as ISO strings). */
export function controlView(p: OrangePayment): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    payToken: p.payToken,
    notifToken: p.notifToken,
    orderId: p.orderId,
    status: p.status,
    txnid: p.txnid,
    amount: p.amount,
    currency: p.currency,
    countryPath: p.countryPath,
    clientId: p.clientId,
    msisdn: p.msisdn,
    lang: p.lang,
    reference: p.reference,
    returnUrl: p.returnUrl,
    cancelUrl: p.cancelUrl,
    notifUrl: p.notifUrl,
    createdAt: iso(p.createdAt),
    expiresAt: iso(p.expiresAt),
    confirmedAt: iso(p.confirmedAt),
    cancelledAt: iso(p.cancelledAt),
    finalAt: iso(p.finalAt),
    failReason: p.failReason,
    notify: p.notify,
    history: p.history,
    notifications: p.notifications,
  };
}
