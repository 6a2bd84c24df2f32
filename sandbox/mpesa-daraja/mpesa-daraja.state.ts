// In-memory store of the Daraja emulation: OAuth tokens, the organisation accounts (per shortcode:
// working, utility and charges-paid, in cents), the records with their alternative ids (receipts,
// OriginatorConversationIDs, MerchantRequestIDs), C2B URL registrations and validation switches, and the
// RSA key pair + certificate made at start. Outcomes are decided by time: settleDue(now) runs every
// decision whose time has come, in order, and handlers call it before reading, so answers never depend
// on timers firing.
import { randomBytes } from 'node:crypto';
import type { SandboxOptions } from '../options';
import { DarajaKeys, type CredentialCheck } from './mpesa-daraja.crypto';
import { DarajaIds, parseCents } from './mpesa-daraja.format';
import type { CallbackAttempt, DarajaRecord, DarajaTransaction, StkRecord } from './mpesa-daraja.records';

export interface DarajaToken {
  accessToken: string;
  issuedAt: number;
  expiresAt: number;
}

export interface DarajaAccount {
  shortCode: string;
  workingCents: number;
  utilityCents: number;
  chargesCents: number;
}

export interface C2bRegistration {
  shortCode: string;
  responseType: 'Completed' | 'Cancelled';
  confirmationUrl: string;
  validationUrl: string;
  version: 'v1' | 'v2';
  originatorConversationId: string;
  registeredAt: string;
  /** How many times URLs were registered for this shortcode (the sandbox allows re-registration). */
  registrations: number;
}

export interface C2bValidationSetting {
  shortCode: string;
  enabled: boolean;
  /** How long the sandbox waits for the ValidationURL before falling back to ResponseType. */
  timeoutMs: number;
}

const MAX_RECORDS = 100_000;
const MAX_CALLBACKS_PER_RECORD = 50;
/** Daraja waits about 8 s for the ValidationURL (fact sheet §5). */
export const C2B_VALIDATION_TIMEOUT_MS = 8000;

export type AccountName = 'working' | 'utility' | 'charges';

export class MpesaDarajaState {
  readonly keys = new DarajaKeys();
  /** Self-signed X.509 certificate (PEM) whose key encrypts the SecurityCredential. */
  readonly certificatePem = this.keys.certificatePem;
  readonly publicKeyPem = this.keys.publicKeyPem;
  readonly ids = new DarajaIds();
  readonly tokens = new Map<string, DarajaToken>();
  readonly accounts = new Map<string, DarajaAccount>();
  /** By primary id, oldest first. */
  readonly records = new Map<string, DarajaRecord>();
  /** Receipts, MerchantRequestIDs, OriginatorConversationIDs... -> record. */
  private readonly aliases = new Map<string, DarajaRecord>();
  /** Every OriginatorConversationID a B2C ever used (the v3 uniqueness rule). */
  readonly b2cOriginatorIds = new Set<string>();
  readonly c2bRegistrations = new Map<string, C2bRegistration>();
  private readonly c2bValidation = new Map<string, C2bValidationSetting>();
  /** STK pushes by PhoneNumber, for the subscriber lock. */
  readonly openPushes = new Map<string, StkRecord>();
  private readonly decisions = new Map<DarajaRecord, { at: number; run: () => void }>();
  readonly defaultValidationTimeoutMs: number;

  constructor(readonly options: SandboxOptions) {
    const utility = parseCents(String(options.darajaBalance));
    if (utility === null || utility < 0) throw new Error(`darajaBalance must be a non-negative decimal string, got "${String(options.darajaBalance)}"`);
    this.account(options.darajaB2cShortcode).utilityCents = utility;
    this.account(options.darajaShortcode);
    this.defaultValidationTimeoutMs = Math.min(C2B_VALIDATION_TIMEOUT_MS, Math.max(1, options.callbackTimeoutMs));
  }

  issueToken(now = Date.now()): DarajaToken {
    for (const [key, token] of this.tokens) if (token.expiresAt < now - 86_400_000) this.tokens.delete(key);
    const token = { accessToken: randomBytes(21).toString('base64url'), issuedAt: now, expiresAt: now + this.options.darajaTokenTtlS * 1000 };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  tokenValid(accessToken: string, now = Date.now()): boolean {
    const token = this.tokens.get(accessToken);
    return token !== undefined && now < token.expiresAt;
  }

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

  /** The initiator rule of B2C, status, balance and reversal: the known name and its encrypted password. */
  checkInitiator(name: string, credential: string): CredentialCheck {
    if (name !== this.options.darajaInitiatorName) return 'unknown-initiator';
    return this.keys.checkCredential(credential, this.options.darajaInitiatorPassword);
  }

  /** The account of a shortcode, created with zero balances when create is true (the default). */
  account(shortCode: string): DarajaAccount;
  account(shortCode: string, create: false): DarajaAccount | undefined;
  account(shortCode: string, create = true): DarajaAccount | undefined {
    let account = this.accounts.get(shortCode);
    if (!account && create) {
      account = { shortCode, workingCents: 0, utilityCents: 0, chargesCents: 0 };
      this.accounts.set(shortCode, account);
    }
    return account;
  }

  /** Shortcodes the initiator may query: the STK and B2C ones, the till, and any C2B-registered one. */
  knownShortCode(shortCode: string): boolean {
    return this.accounts.has(shortCode) || shortCode === this.options.darajaTillNumber;
  }

  add(record: DarajaRecord, aliases: Array<string | null> = []): void {
    this.records.set(record.id, record);
    for (const alias of aliases) if (alias) this.aliases.set(alias, record);
    while (this.records.size > MAX_RECORDS) {
      const oldest = this.records.values().next().value;
      if (!oldest) break;
      this.decideNow(oldest);
      this.records.delete(oldest.id);
      for (const [alias, target] of this.aliases) if (target === oldest) this.aliases.delete(alias);
    }
  }

  alias(record: DarajaRecord, alias: string): void {
    this.aliases.set(alias, record);
  }

  /** A record by any of its ids. */
  find(id: string): DarajaRecord | undefined {
    return this.records.get(id) ?? this.aliases.get(id);
  }

  /** A money-moving record (STK, B2C, C2B, reversal) by any of its ids. */
  findTransaction(id: string): DarajaTransaction | undefined {
    const record = this.find(id);
    return record && record.kind !== 'status' && record.kind !== 'balance' ? record : undefined;
  }

  validationSetting(shortCode: string): C2bValidationSetting {
    return this.c2bValidation.get(shortCode) ?? { shortCode, enabled: true, timeoutMs: this.defaultValidationTimeoutMs };
  }

  setValidation(shortCode: string, enabled: boolean, timeoutMs?: number): C2bValidationSetting {
    const setting = { ...this.validationSetting(shortCode), enabled, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
    this.c2bValidation.set(shortCode, setting);
    return setting;
  }

  /** Registers the decision that settles a record at `at` (ms epoch). */
  schedule(record: DarajaRecord, at: number, run: () => void): void {
    this.decisions.set(record, { at, run });
  }

  /** Runs the record's decision now if it has not run yet. */
  decideNow(record: DarajaRecord): void {
    const decision = this.decisions.get(record);
    if (!decision) return;
    this.decisions.delete(record);
    decision.run();
  }

  /** Runs every decision whose time has come, in the order their times came. */
  settleDue(now = Date.now()): void {
    const due = [...this.decisions].filter(([, d]) => d.at <= now).sort((a, b) => a[1].at - b[1].at);
    for (const [record] of due) this.decideNow(record);
  }

  addCallback(record: DarajaRecord, attempt: CallbackAttempt): void {
    record.callbacks.push(attempt);
    if (record.callbacks.length > MAX_CALLBACKS_PER_RECORD) record.callbacks.shift();
  }

  credit(shortCode: string, account: AccountName, cents: number): number {
    const target = this.account(shortCode);
    const key = `${account}Cents` as const;
    target[key] += cents;
    return target[key];
  }

  /** Takes the amount from an account if it covers it: the balance after, or null (nothing moved). */
  debit(shortCode: string, account: AccountName, cents: number): number | null {
    const target = this.account(shortCode);
    const key = `${account}Cents` as const;
    if (target[key] < cents) return null;
    target[key] -= cents;
    return target[key];
  }
}
