// In-memory store of the Airtel emulation: apps (client credentials, portal callback settings), tokens,
// the recorded transactions, the wallets (per country: collection and disbursement) and KYC check counts.
// Collections become final by time: settleDue(now) decides every payment whose time has come (a TS
// credits the collection wallet); handlers call it before reading, so answers never depend on timers.
import { randomBytes, randomInt } from 'node:crypto';
import type { SandboxOptions } from '../options';
import { codeMessage } from './airtel-money.codes';
import { AIRTEL_COUNTRIES, parseMajor } from './airtel-money.countries';
import { AirtelKeys } from './airtel-money.crypto';
import type {
  AirtelCallbackAttempt,
  AirtelDisbursement,
  AirtelOutcome,
  AirtelPayment,
  AirtelRefund,
  AirtelRefusedDisbursement,
} from './airtel-money.records';
import type { KycCase } from './airtel-money.scenarios';

export interface AirtelApp {
  clientId: string;
  clientSecret: string;
  /** The portal's callback URL; null = no callbacks. */
  callbackUrl: string | null;
  /** The portal's callback authentication key; null = callbacks without `hash`. */
  callbackSecret: string | null;
  preconfigured: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface AirtelToken {
  accessToken: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
}

export type AirtelWallet = 'collection' | 'disbursement';
export const AIRTEL_WALLETS: readonly AirtelWallet[] = ['collection', 'disbursement'];

export interface AirtelKycChecks {
  msisdn: string;
  count: number;
  byCountry: Record<string, number>;
  lastAnswer: KycCase | null;
}

const MAX_RECORDS = 100_000;
const MAX_CALLBACKS_PER_PAYMENT = 50;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function trim<K, V>(map: Map<K, V>): void {
  while (map.size > MAX_RECORDS) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

export function walletKey(wallet: AirtelWallet, country: string): string {
  return `${wallet}:${country}`;
}

export class AirtelMoneyState {
  readonly apps = new Map<string, AirtelApp>();
  readonly tokens = new Map<string, AirtelToken>();
  /** By the merchant's transaction.id (one id space for every app and country). */
  readonly payments = new Map<string, AirtelPayment>();
  readonly paymentsByAirtelId = new Map<string, AirtelPayment>();
  readonly disbursements = new Map<string, AirtelDisbursement>();
  /** Every disbursement POST that got past the token and headers, recorded or refused, oldest first. */
  readonly disbursementAttempts: Array<AirtelDisbursement | AirtelRefusedDisbursement> = [];
  /** By the refund's airtel_money_id. */
  readonly refunds = new Map<string, AirtelRefund>();
  /** Minor units by walletKey(wallet, country). */
  readonly balances = new Map<string, bigint>();
  readonly kycChecks = new Map<string, AirtelKycChecks>();
  readonly keys: AirtelKeys;
  /** The sandbox's RSA public key (PEM): encrypt the disbursement PIN and the signing x-key with it. */
  readonly publicKeyPem: string;
  readonly tokenTtlS: number;
  readonly pin: string;
  readonly requireSigning: boolean;
  private readonly undecided = new Set<AirtelPayment>();
  private sequence = randomInt(10_000, 90_000);

  constructor(options: SandboxOptions) {
    this.keys = new AirtelKeys();
    this.publicKeyPem = this.keys.publicKeyPem;
    this.tokenTtlS = options.airtelTokenTtlS;
    this.pin = options.airtelPin;
    this.requireSigning = options.airtelRequireSigning;
    for (const c of Object.values(AIRTEL_COUNTRIES)) {
      const start = parseMajor(String(options.airtelBalance), c.exponent, 'truncate', false);
      if (start === null) throw new Error(`airtelBalance must be a non-negative decimal string, got "${String(options.airtelBalance)}"`);
      this.balances.set(walletKey('collection', c.code), 0n);
      this.balances.set(walletKey('disbursement', c.code), start);
    }
    if (options.airtelClientId) {
      this.putApp(options.airtelClientId, {
        clientSecret: options.airtelClientSecret,
        callbackUrl: options.airtelCallbackUrl || null,
        callbackSecret: options.airtelCallbackSecret || null,
      }).preconfigured = true;
    }
  }

  /** Creates or updates an app; a new app without a secret gets a random one. */
  putApp(clientId: string, changes: Partial<Pick<AirtelApp, 'clientSecret' | 'callbackUrl' | 'callbackSecret'>>, now = Date.now()): AirtelApp {
    let app = this.apps.get(clientId);
    if (!app) {
      app = { clientId, clientSecret: randomBytes(16).toString('hex'), callbackUrl: null, callbackSecret: null, preconfigured: false, createdAt: now, updatedAt: now };
      this.apps.set(clientId, app);
    }
    if (changes.clientSecret !== undefined) app.clientSecret = changes.clientSecret;
    if (changes.callbackUrl !== undefined) app.callbackUrl = changes.callbackUrl;
    if (changes.callbackSecret !== undefined) app.callbackSecret = changes.callbackSecret;
    app.updatedAt = now;
    return app;
  }

  issueToken(clientId: string, now = Date.now()): AirtelToken {
    for (const [key, token] of this.tokens) if (token.expiresAt < now - 86_400_000) this.tokens.delete(key);
    const token: AirtelToken = {
      accessToken: randomBytes(24).toString('base64url'),
      clientId,
      issuedAt: now,
      expiresAt: now + this.tokenTtlS * 1000,
    };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  /** Expires every valid token (of one app, or all); returns how many. */
  expireTokens(clientId: string | null, now = Date.now()): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (token.expiresAt > now && (clientId === null || token.clientId === clientId)) {
        token.expiresAt = now;
        count++;
      }
    }
    return count;
  }

  private nextSequence(): number {
    this.sequence = this.sequence >= 99_999 ? 10_000 : this.sequence + 1;
    return this.sequence;
  }

  /** Airtel-looking ids: MP210603.1234.L06941 (collections), CI… (refunds, disbursement TIDs). */
  newAirtelId(prefix: 'MP' | 'CI', now = Date.now()): string {
    for (;;) {
      const d = new Date(now);
      const letter = ALNUM[randomInt(0, 26)] ?? 'A';
      const id = `${prefix}${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}.${two(d.getUTCHours())}${two(d.getUTCMinutes())}.${letter}${String(this.nextSequence()).padStart(5, '0')}`;
      if (!this.paymentsByAirtelId.has(id) && !this.refunds.has(id)) return id;
    }
  }

  newDisbursementIds(id: string): { airtelMoneyId: string; referenceId: string; tid: string } {
    let code = '';
    for (let i = 0; i < 10; i++) code += ALNUM[randomInt(0, ALNUM.length)] ?? 'X';
    return { airtelMoneyId: `disbursement-${code}-${id}`, referenceId: `1334${String(randomInt(0, 100_000_000)).padStart(8, '0')}`, tid: this.newAirtelId('CI') };
  }

  addPayment(payment: AirtelPayment): void {
    this.payments.set(payment.id, payment);
    this.paymentsByAirtelId.set(payment.airtelMoneyId, payment);
    this.undecided.add(payment);
    while (this.payments.size > MAX_RECORDS) {
      const oldest = this.payments.values().next().value;
      if (!oldest) break;
      this.decide(oldest);
      this.payments.delete(oldest.id);
      this.paymentsByAirtelId.delete(oldest.airtelMoneyId);
      this.undecided.delete(oldest);
    }
  }

  addDisbursementAttempt(record: AirtelDisbursement | AirtelRefusedDisbursement): void {
    if (record.kind === 'disbursement') {
      this.disbursements.set(record.id, record);
      trim(this.disbursements);
    }
    this.disbursementAttempts.push(record);
    if (this.disbursementAttempts.length > MAX_RECORDS) this.disbursementAttempts.shift();
  }

  addRefund(refund: AirtelRefund): void {
    this.refunds.set(refund.airtelMoneyId, refund);
    trim(this.refunds);
  }

  /** Decides every payment whose final time has come, in the order their times came. */
  settleDue(now = Date.now()): void {
    const due = [...this.undecided].filter((p) => p.finalAt <= now).sort((a, b) => a.finalAt - b.finalAt);
    for (const payment of due) this.decide(payment);
  }

  /** A payment's outcome, decided (and the collection wallet credited on TS) the first time. */
  decide(payment: AirtelPayment): AirtelOutcome {
    if (payment.decided) return payment.decided;
    this.undecided.delete(payment);
    const s = payment.scenario;
    let outcome: AirtelOutcome;
    if (s.outcome === 'TS') {
      this.credit('collection', payment.country, payment.amountMinor);
      outcome = { status: 'TS', responseCode: 'DP00800001001', message: codeMessage('DP00800001001') };
    } else {
      const code = s.failCode ?? 'DP00800001009';
      outcome = { status: 'TF', responseCode: code, message: s.failMessage ?? codeMessage(code) };
    }
    payment.decided = outcome;
    return outcome;
  }

  balance(wallet: AirtelWallet, country: string): bigint {
    return this.balances.get(walletKey(wallet, country)) ?? 0n;
  }

  credit(wallet: AirtelWallet, country: string, minor: bigint): void {
    this.balances.set(walletKey(wallet, country), this.balance(wallet, country) + minor);
  }

  /** Takes the amount if the wallet covers it; false (nothing moved) if not. */
  debit(wallet: AirtelWallet, country: string, minor: bigint): boolean {
    const available = this.balance(wallet, country);
    if (minor > available) return false;
    this.balances.set(walletKey(wallet, country), available - minor);
    return true;
  }

  setBalance(wallet: AirtelWallet, country: string, minor: bigint, now = Date.now()): void {
    this.settleDue(now);
    this.balances.set(walletKey(wallet, country), minor);
  }

  addCallbackAttempt(payment: AirtelPayment, attempt: AirtelCallbackAttempt): void {
    payment.callbacks.push(attempt);
    if (payment.callbacks.length > MAX_CALLBACKS_PER_PAYMENT) payment.callbacks.shift();
  }

  countKyc(msisdn: string, country: string, answer: KycCase): void {
    let entry = this.kycChecks.get(msisdn);
    if (!entry) {
      entry = { msisdn, count: 0, byCountry: {}, lastAnswer: null };
      this.kycChecks.set(msisdn, entry);
      trim(this.kycChecks);
    }
    entry.count++;
    entry.byCountry[country] = (entry.byCountry[country] ?? 0) + 1;
    entry.lastAnswer = answer;
  }
}
