// In-memory store of the MTN emulation: API users, access tokens, request-to-pay records and balances.
// Status moves by time: settleDue(now) makes every record whose final time has come final (and credits
// the balance once); handlers call it before reading, so answers never depend on timer precision.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { SandboxOptions } from '../options';
import type { MtnScenario, MtnStatus } from './mtn-momo.scenarios';

export const MTN_PRODUCTS = ['collection', 'disbursement'] as const;
export type MtnProduct = (typeof MTN_PRODUCTS)[number];

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

export interface MtnParty {
  partyIdType: string;
  partyId: string;
}

export interface MtnCallbackAttempt {
  at: string;
  trigger: 'scheduled' | 'manual';
  method: 'POST';
  url: string;
  body: Record<string, unknown>;
  httpStatus: number | null;
  error: string | null;
  responseBody: string | null;
  durationMs: number;
}

export interface MtnRequestToPay {
  referenceId: string;
  product: MtnProduct;
  apiUserId: string;
  createdAt: number;
  scenario: MtnScenario;
  /** The JSON body exactly as received. */
  requestBody: unknown;
  /** Headers that matter, as received. */
  requestHeaders: Record<string, string | null>;
  subscriptionKey: string;
  targetEnvironment: string;
  callbackUrl: string | null;
  amount: string;
  amountMinor: bigint;
  currency: string;
  externalId?: string;
  payer: MtnParty;
  payerMessage?: string;
  payeeNote?: string;
  status: MtnStatus;
  reason: string | null;
  /** Epoch ms at which the status becomes final; null = never. */
  finalAt: number | null;
  /** Assigned at creation, shown once SUCCESSFUL (and in early callbacks). */
  financialTransactionId: string;
  /** POSTs that used this reference id, including the ones answered 409. */
  postCount: number;
  callbacks: MtnCallbackAttempt[];
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
  /** Minor units by `${product}:${targetEnvironment}`. */
  readonly balances = new Map<string, bigint>();
  readonly subscriptionKeys: Record<MtnProduct, string[]>;
  readonly tokenTtlS: number;
  private readonly pending = new Set<MtnRequestToPay>();
  private nextFinancialId = randomInt(100_000_000, 900_000_000);

  constructor(options: SandboxOptions) {
    this.subscriptionKeys = {
      collection: splitKeys(options.mtnSubscriptionKey),
      disbursement: splitKeys(options.mtnDisbursementSubscriptionKey),
    };
    this.tokenTtlS = options.mtnTokenTtlS;
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

  /** Makes every issued token expired; returns how many were still valid. */
  expireAllTokens(now = Date.now()): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (token.expiresAt > now) {
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

  addRequestToPay(record: MtnRequestToPay): void {
    this.requestsToPay.set(record.referenceId, record);
    if (record.finalAt !== null) this.pending.add(record);
    while (this.requestsToPay.size > MAX_RECORDS) {
      const oldest = this.requestsToPay.values().next().value;
      if (!oldest) break;
      this.settle(oldest, Date.now());
      this.requestsToPay.delete(oldest.referenceId);
      this.pending.delete(oldest);
    }
  }

  newFinancialTransactionId(): string {
    return String(this.nextFinancialId++);
  }

  /** Makes final every record whose time has come. */
  settleDue(now = Date.now()): void {
    for (const record of this.pending) this.settle(record, now);
  }

  settle(record: MtnRequestToPay, now = Date.now()): void {
    if (record.finalAt === null || now < record.finalAt || !this.pending.has(record)) return;
    this.pending.delete(record);
    const outcome = record.scenario.outcome;
    if (!outcome) return;
    record.status = outcome.status;
    record.reason = outcome.status === 'FAILED' ? (outcome.reason ?? null) : null;
    if (outcome.status === 'SUCCESSFUL') {
      const key = `${record.product}:${record.targetEnvironment}`;
      this.balances.set(key, (this.balances.get(key) ?? 0n) + record.amountMinor);
    }
  }

  balance(product: MtnProduct, targetEnvironment: string, now = Date.now()): bigint {
    this.settleDue(now);
    return this.balances.get(`${product}:${targetEnvironment}`) ?? 0n;
  }

  addCallbackAttempt(record: MtnRequestToPay, attempt: MtnCallbackAttempt): void {
    record.callbacks.push(attempt);
    if (record.callbacks.length > MAX_CALLBACKS_PER_RECORD) record.callbacks.shift();
  }

  findByExternalId(externalId: string | null): MtnRequestToPay[] {
    const all = [...this.requestsToPay.values()];
    return externalId === null ? all : all.filter((r) => r.externalId === externalId);
  }
}

/** The GET status body (fact sheet §5); `as` renders the record with another status (early callbacks). */
export function statusBody(record: MtnRequestToPay, as: { status: MtnStatus; reason: string | null } = record): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (as.status === 'SUCCESSFUL') body.financialTransactionId = record.financialTransactionId;
  if (record.externalId !== undefined) body.externalId = record.externalId;
  body.amount = record.amount;
  body.currency = record.currency;
  body.payer = { partyIdType: record.payer.partyIdType, partyId: record.payer.partyId };
  if (record.payerMessage !== undefined) body.payerMessage = record.payerMessage;
  if (record.payeeNote !== undefined) body.payeeNote = record.payeeNote;
  body.status = as.status;
  if (as.status === 'FAILED' && as.reason !== null) body.reason = as.reason;
  return body;
}

/** The body MTN sends when the transaction becomes final: the status body with the final outcome. */
export function finalBody(record: MtnRequestToPay): Record<string, unknown> {
  const outcome = record.scenario.outcome;
  if (!outcome) return statusBody(record);
  return statusBody(record, { status: outcome.status, reason: outcome.status === 'FAILED' ? (outcome.reason ?? null) : null });
}

/** The full internal record for the control endpoints (BigInt as string, times as ISO strings). */
export function controlView(record: MtnRequestToPay): Record<string, unknown> {
  return {
    referenceId: record.referenceId,
    product: record.product,
    apiUserId: record.apiUserId,
    createdAt: new Date(record.createdAt).toISOString(),
    scenario: record.scenario.id,
    targetEnvironment: record.targetEnvironment,
    subscriptionKey: record.subscriptionKey,
    callbackUrl: record.callbackUrl,
    requestHeaders: record.requestHeaders,
    requestBody: record.requestBody,
    amountMinor: record.amountMinor.toString(),
    postCount: record.postCount,
    status: record.status,
    reason: record.reason,
    finalAt: record.finalAt === null ? null : new Date(record.finalAt).toISOString(),
    financialTransactionId: record.financialTransactionId,
    statusBody: statusBody(record),
    callbacks: record.callbacks,
  };
}
