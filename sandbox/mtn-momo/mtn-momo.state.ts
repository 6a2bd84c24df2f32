// In-memory store of the MTN emulation: API users, access tokens, the recorded transactions
// (request-to-pay, transfer, refund), balances and account-holder check counts. Status moves by time:
// settleDue(now) makes every record whose final time has come final (mtn-momo.settlement.ts); handlers
// call it before reading, so answers never depend on timer precision.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { SandboxOptions } from '../options';
import { initialBalances, balanceKey } from './mtn-momo.balances';
import {
  MTN_PRODUCTS,
  type MtnCallbackAttempt,
  type MtnKind,
  type MtnOutcome,
  type MtnProduct,
  type MtnRecord,
  type MtnRefund,
  type MtnRequestToPay,
  type MtnTransfer,
} from './mtn-momo.records';
import { MtnSettlement } from './mtn-momo.settlement';

export { MTN_PRODUCTS, controlView, statusBody } from './mtn-momo.records';
export type {
  MtnCallbackAttempt,
  MtnKind,
  MtnOutcome,
  MtnParty,
  MtnProduct,
  MtnRecord,
  MtnRefund,
  MtnRequestToPay,
  MtnTransfer,
} from './mtn-momo.records';

export interface MtnApiUser {
  id: string;
  providerCallbackHost: string;
  targetEnvironment: 'sandbox';
  /** Only the latest key is valid (whether an older key keeps working is unverified). */
  apiKey: string | null;
  createdAt: number;
  preconfigured: boolean;
}

export interface MtnToken {
  accessToken: string;
  product: MtnProduct;
  apiUserId: string;
  issuedAt: number;
  expiresAt: number;
}

/** Account-holder checks of one id: how many, per product and per target environment. */
export interface MtnAccountHolderChecks {
  idType: string;
  id: string;
  count: number;
  byProduct: Record<MtnProduct, number>;
  byTargetEnvironment: Record<string, number>;
}

const MAX_RECORDS = 100_000;
const MAX_CALLBACKS_PER_RECORD = 50;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function splitKeys(value: string): string[] {
  return value
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

export class MtnMomoState {
  readonly apiUsers = new Map<string, MtnApiUser>();
  readonly tokens = new Map<string, MtnToken>();
  readonly requestsToPay = new Map<string, MtnRequestToPay>();
  readonly transfers = new Map<string, MtnTransfer>();
  /** v1 and v2 refunds share one id space (GET /v1_0/refund/{id} serves both). */
  readonly refunds = new Map<string, MtnRefund>();
  /** Minor units by `${product}:${targetEnvironment}` (balanceKey), every environment and product. */
  readonly balances: Map<string, bigint>;
  /** By `${idType}:${id}`. */
  readonly accountHolderChecks = new Map<string, MtnAccountHolderChecks>();
  readonly subscriptionKeys: Record<MtnProduct, string[]>;
  readonly tokenTtlS: number;
  private readonly settlement: MtnSettlement;
  private nextFinancialId = randomInt(100_000_000, 900_000_000);

  constructor(options: SandboxOptions) {
    this.subscriptionKeys = {
      collection: splitKeys(options.mtnSubscriptionKey),
      disbursement: splitKeys(options.mtnDisbursementSubscriptionKey),
    };
    this.tokenTtlS = options.mtnTokenTtlS;
    this.balances = initialBalances(options.mtnDisbursementBalance);
    this.settlement = new MtnSettlement(this.balances);
    if (options.mtnApiUser) {
      this.apiUsers.set(options.mtnApiUser, {
        id: options.mtnApiUser,
        providerCallbackHost: options.mtnCallbackHost,
        targetEnvironment: 'sandbox',
        apiKey: options.mtnApiKey || null,
        createdAt: Date.now(),
        preconfigured: true,
      });
    }
  }

  /** The product a subscription key belongs to, or null. */
  productOfKey(key: string): MtnProduct | null {
    return MTN_PRODUCTS.find((p) => this.subscriptionKeys[p].includes(key)) ?? null;
  }

  createApiUser(id: string, providerCallbackHost: string, now = Date.now()): MtnApiUser | null {
    if (this.apiUsers.has(id)) return null;
    const user: MtnApiUser = {
      id,
      providerCallbackHost,
      targetEnvironment: 'sandbox',
      apiKey: null,
      createdAt: now,
      preconfigured: false,
    };
    this.apiUsers.set(id, user);
    return user;
  }

  newApiKey(user: MtnApiUser): string {
    user.apiKey = randomBytes(16).toString('hex');
    return user.apiKey;
  }

  /** A JWT-looking opaque token like MTN's ({"typ":"JWT","alg":"R256"}.{clientId,expires,sessionId}.sig). */
  issueToken(product: MtnProduct, apiUserId: string, now = Date.now()): MtnToken {
    this.pruneTokens(now);
    const expiresAt = now + this.tokenTtlS * 1000;
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'R256' }));
    const payload = base64url(
      JSON.stringify({
        clientId: apiUserId,
        expires: new Date(expiresAt).toISOString().replace('Z', ''),
        sessionId: randomUUID(),
        product,
      }),
    );
    const token: MtnToken = {
      accessToken: `${header}.${payload}.${base64url(randomBytes(48))}`,
      product,
      apiUserId,
      issuedAt: now,
      expiresAt,
    };
    this.tokens.set(token.accessToken, token);
    return token;
  }

  /** Makes every issued token (of one product, or all) expired; returns how many were still valid. */
  expireAllTokens(now = Date.now(), product: MtnProduct | null = null): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (token.expiresAt > now && (product === null || token.product === product)) {
        token.expiresAt = now;
        count++;
      }
    }
    return count;
  }

  /** Forgets tokens that expired more than a day ago (they then read as unknown rather than expired). */
  private pruneTokens(now: number): void {
    for (const [key, token] of this.tokens) {
      if (token.expiresAt < now - 86_400_000) this.tokens.delete(key);
    }
  }

  recordsOf(kind: 'requesttopay'): Map<string, MtnRequestToPay>;
  recordsOf(kind: 'transfer'): Map<string, MtnTransfer>;
  recordsOf(kind: 'refund'): Map<string, MtnRefund>;
  recordsOf(kind: MtnKind): Map<string, MtnRecord>;
  recordsOf(kind: MtnKind): Map<string, MtnRecord> {
    if (kind === 'requesttopay') return this.requestsToPay;
    return kind === 'transfer' ? this.transfers : this.refunds;
  }

  /** Stores a new record (its reference id is new for its kind); the oldest go beyond MAX_RECORDS. */
  addRecord(record: MtnRecord): void {
    const records = this.recordsOf(record.kind);
    records.set(record.referenceId, record);
    this.settlement.track(record);
    while (records.size > MAX_RECORDS) {
      const oldest = records.values().next().value;
      if (!oldest) break;
      this.settlement.settle(oldest, Date.now());
      records.delete(oldest.referenceId);
      this.settlement.forget(oldest);
    }
  }

  newFinancialTransactionId(): string {
    return String(this.nextFinancialId++);
  }

  /** Makes final every record whose time has come, in the order their times came. */
  settleDue(now = Date.now()): void {
    this.settlement.settleDue(now);
  }

  /** The record's outcome, decided now if not yet (a callback running ahead of the status). */
  decide(record: MtnRecord, now = Date.now()): MtnOutcome | null {
    this.settlement.settleDue(now);
    return this.settlement.decide(record, now);
  }

  balance(product: MtnProduct, targetEnvironment: string, now = Date.now()): bigint {
    this.settleDue(now);
    return this.balances.get(balanceKey(product, targetEnvironment)) ?? 0n;
  }

  /** Sets a balance (control endpoint), after settling what is due so earlier settlements see the old one. */
  setBalance(product: MtnProduct, targetEnvironment: string, minor: bigint, now = Date.now()): void {
    this.settleDue(now);
    this.balances.set(balanceKey(product, targetEnvironment), minor);
  }

  addCallbackAttempt(record: MtnRecord, attempt: MtnCallbackAttempt): void {
    record.callbacks.push(attempt);
    if (record.callbacks.length > MAX_CALLBACKS_PER_RECORD) record.callbacks.shift();
  }

  findByExternalId(externalId: string | null): MtnRequestToPay[] {
    const all = [...this.requestsToPay.values()];
    return externalId === null ? all : all.filter((r) => r.externalId === externalId);
  }

  countAccountHolderCheck(idType: string, id: string, product: MtnProduct, targetEnvironment: string): void {
    const key = `${idType}:${id}`;
    let entry = this.accountHolderChecks.get(key);
    if (!entry) {
      entry = { idType, id, count: 0, byProduct: { collection: 0, disbursement: 0 }, byTargetEnvironment: {} };
      this.accountHolderChecks.set(key, entry);
      if (this.accountHolderChecks.size > MAX_RECORDS) {
        const oldest = this.accountHolderChecks.keys().next().value;
        if (oldest !== undefined) this.accountHolderChecks.delete(oldest);
      }
    }
    entry.count++;
    entry.byProduct[product]++;
    entry.byTargetEnvironment[targetEnvironment] = (entry.byTargetEnvironment[targetEnvironment] ?? 0) + 1;
  }
}
