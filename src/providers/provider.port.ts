// The contract every operator module implements. Providers know their operator's HTTP API and these
// types, nothing else: no controllers, repositories or queues. Everything an operation needs (the
// account's URL, settings and decrypted credentials) comes in as arguments.

export const PROVIDER_IDS = ['mtn-momo', 'mpesa-daraja', 'mpesa-vodacom', 'airtel-money', 'orange-money'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type TransactionType = 'collection' | 'disbursement' | 'refund';

/** The contract's normalized failure codes (api-contract.md, "Normalized failure codes"). */
export const FAILURE_CODES = [
  'PAYER_NOT_FOUND',
  'INSUFFICIENT_FUNDS',
  'PAYER_DECLINED',
  'EXPIRED',
  'LIMIT_EXCEEDED',
  'INVALID_AMOUNT',
  'ACCOUNT_INACTIVE',
  'DUPLICATE',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_ERROR',
  'UNKNOWN',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export type ProviderOperation = 'collect' | 'disburse' | 'refund' | 'status' | 'balance' | 'reverse';

export interface ProviderCapabilities {
  /** Operations this module implements; any other throws UnsupportedOperationError. */
  operations: readonly ProviderOperation[];
  /** HTTP methods the operator uses for callbacks. */
  callbackMethods: readonly ('POST' | 'PUT')[];
  /** True when callbacks carry a verifiable signature; false means confirm by status query. */
  signsCallbacks: boolean;
  /** False when the operator refunds only the whole amount (one refund per collection). Default true. */
  partialRefunds?: boolean;
  /**
   * Operations whose initiating call is held open by the operator for a long time (e.g. Vodacom's
   * synchronous C2B waits for the customer's PIN, 90 s and more). The gateway answers its client at once
   * (`processing`) and makes such a call in a background job instead of inside the HTTP request.
   */
  deferredOperations?: readonly ProviderOperation[];
  /**
   * True when the customer pays on the operator's web page (Orange Money Web Payment): collections then
   * need the merchant's returnUrl and cancelUrl, and answer with a redirect nextAction.
   */
  redirectsCustomer?: boolean;
  /** True when the operator sends customer-initiated payments (e.g. Daraja C2B): see CustomerPaymentSupport. */
  customerPayments?: boolean;
}

/** One provider account as the provider sees it: settings are plain, credentials decrypted in memory. */
export interface ProviderAccountContext {
  id: string;
  provider: ProviderId;
  environment: 'sandbox' | 'production';
  baseUrl: string;
  /** Non-secret, provider-specific settings (e.g. MTN targetEnvironment). */
  settings: Record<string, unknown>;
  /** Secret, provider-specific credentials (e.g. MTN subscriptionKey, apiUser, apiKey). */
  credentials: Record<string, string>;
  /** Timeout for one HTTP call to the operator, ms. */
  timeoutMs: number;
}

/** A money movement as a provider receives it. */
export interface PaymentRequest {
  /** Our transaction id (UUID v4); providers use it as their idempotency/reference id where they can. */
  transactionId: string;
  type: TransactionType;
  /** Decimal string in major units, exactly as the operator expects it (no float ever). */
  amount: string;
  amountMinor: bigint;
  currency: string;
  country: string;
  /** E.164 digits without '+', e.g. 256772123456. */
  msisdn: string;
  reference: string | null;
  description: string | null;
  /** Our callback URL for this transaction (carries its secret token), when callbacks are wanted. */
  callbackUrl: string | null;
  /** Where the customer's browser returns after paying on the operator's page (redirect flows only). */
  returnUrl?: string | null;
  /** Where the customer's browser returns after cancelling on the operator's page (redirect flows only). */
  cancelUrl?: string | null;
}

/** What a status query needs to find a transaction at the operator. */
export interface StatusQuery {
  transactionId: string;
  type: TransactionType;
  providerReference: string | null;
  /** The operator's own id of the transaction, when known (e.g. Airtel's airtel_money_id, needed to refund). */
  providerTransactionId?: string | null;
  createdAt: Date;
  /** What the provider asked to keep at initiation (ProviderOutcome.providerData), e.g. Orange's pay_token. */
  providerData?: Record<string, string>;
  /** Decimal string in major units (Orange's status query must repeat the amount). */
  amount?: string;
  amountMinor?: bigint;
  currency?: string;
  msisdn?: string;
  /**
   * This transaction's callback URL (with its secret token). Operators whose status query answers
   * asynchronously (Daraja's Transaction Status posts its result) send the answer there.
   */
  callbackUrl?: string | null;
}

/** A reversal of a succeeded transaction (the whole amount), asked for by an admin. */
export interface ReversalRequest extends StatusQuery {
  amount: string;
  amountMinor: bigint;
  currency: string;
  msisdn: string;
  reason: string | null;
}

/**
 * The normalized answer of an operator about one transaction.
 * - accepted: the operator took the request; the outcome comes later (-> processing).
 * - pending: asked for status; not final yet.
 * - succeeded / failed: final, from the operator.
 * - unknown: ambiguous (timeout, 5xx, connection reset after sending): never treat as failed.
 * - not_found: the operator does not know this reference (may be "not visible yet").
 * - rejected_unsent: the request certainly never reached the operator (connection refused, DNS):
 *   the only case that may become failed/PROVIDER_UNAVAILABLE at initiation.
 */
export type ProviderOutcome =
  | {
      kind: 'accepted';
      providerReference?: string;
      providerStatus?: string;
      /** Something the customer must do outside the PIN prompt (open the operator's payment page). */
      nextAction?: { type: 'redirect'; url: string };
      /**
       * Values to keep with the transaction and give back in StatusQuery.providerData (e.g. Orange's
       * pay_token, a hash of its notif_token). Not secret credentials: they are stored in clear.
       */
      providerData?: Record<string, string>;
    }
  | { kind: 'pending'; providerReference?: string; providerStatus?: string }
  | { kind: 'succeeded'; providerReference?: string; providerTransactionId?: string; providerStatus?: string }
  | { kind: 'failed'; failureCode: FailureCode; failureReason: string; providerReference?: string; providerTransactionId?: string }
  | { kind: 'unknown'; reason: string }
  | { kind: 'not_found'; reason?: string }
  | { kind: 'rejected_unsent'; reason: string };

/** One HTTP exchange with the operator, already redacted, for the audit log. */
export interface ProviderExchange {
  operation: string;
  request: { method: string; url: string; headers: Record<string, string>; body?: unknown };
  response?: { status: number; headers?: Record<string, string>; body?: unknown };
  error?: string;
  durationMs: number;
}

export interface ProviderResult {
  outcome: ProviderOutcome;
  /** Every HTTP call made for this operation (token calls excluded), redacted. */
  exchanges: ProviderExchange[];
}

export interface WalletBalance {
  wallet: string;
  currency: string;
  /** Decimal string in major units. */
  available: string;
}

export interface BalanceResult {
  /** One entry per wallet the account has at the operator (e.g. MTN's collection and disbursement products). */
  balances: WalletBalance[];
  exchanges: ProviderExchange[];
  /**
   * Set when the operator answers later, by callback (Daraja's Account Balance posts its result to the
   * account-level callback URL): the balances then arrive in a ParsedCallback with subject 'balance' and
   * this requestId. `balances` is empty.
   */
  pendingRequestId?: string;
}

/** A callback exactly as received, before any trust is given to it. */
export interface RawCallback {
  method: string;
  headers: Record<string, string>;
  rawBody: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
  sourceIp: string;
  /** Query string parameters of the callback URL (a provider may add e.g. `?op=reversal` to URLs it gives out). */
  query: Record<string, string>;
}

/**
 * What a callback claims. Unsigned callbacks are hints: the caller confirms them with `status`
 * before money is considered moved.
 */
export interface ParsedCallback {
  /** The claim, in the same vocabulary as status answers. */
  outcome: ProviderOutcome;
  /** Identifiers found in the body that help match it to a transaction. */
  providerReference?: string;
  externalId?: string;
  /**
   * What the callback reports on (default 'payment'):
   * - payment: the transaction's own outcome; a hint, confirmed with `status` before it is applied.
   * - status-answer: the operator's answer to a status query we made (Daraja Transaction Status result,
   *   posted to the URL we gave that query): applied as a status answer, not queried again.
   * - reversal: the result of a reversal we asked for (outcome succeeded = reversed, failed = not reversed).
   * - balance: the result of a balance request (BalanceResult.pendingRequestId); see `balances`.
   */
  subject?: 'payment' | 'status-answer' | 'reversal' | 'balance';
  /** subject 'balance': the balances and the request they answer. */
  balances?: WalletBalance[];
  requestId?: string;
  /**
   * The body the operator expects in answer (Daraja: `{"ResultCode":0,"ResultDesc":"Accepted"}`).
   * Absent: the gateway's default JSON acknowledgement.
   */
  acknowledgement?: unknown;
}

/** A payment the customer started on their own phone (Daraja C2B), as the operator reports it. */
export interface CustomerPayment {
  /** validation: the operator asks whether to accept it; confirmation: it has happened. */
  phase: 'validation' | 'confirmation';
  /** The operator's receipt (M-Pesa TransID): unique, used to deduplicate. */
  receipt: string;
  /** Decimal string in major units, as the operator sent it. */
  amount: string;
  currency: string;
  /** The payer's number as the operator gives it (possibly masked or hashed); never trusted for routing. */
  msisdn: string | null;
  /** The account reference the customer typed (Daraja BillRefNumber), if any. */
  accountReference: string | null;
  /** The shortcode paid. */
  shortcode: string | null;
  payerName: string | null;
  occurredAt: Date | null;
}

export type CustomerPaymentDecision = { accept: true } | { accept: false; reason: 'account_reference' | 'amount' | 'other' };

/** Optional, for operators that push customer-initiated payments to URLs registered once (Daraja C2B). */
export interface CustomerPaymentSupport {
  /** Register our validation and confirmation URLs with the operator for this account. */
  registerCustomerPaymentUrls(account: ProviderAccountContext, urls: { validationUrl: string; confirmationUrl: string }): Promise<ProviderResult>;
  /** Parse (never trust) a validation or confirmation request. Throws CallbackParseError when unusable. */
  parseCustomerPayment(account: ProviderAccountContext, callback: RawCallback, phase: 'validation' | 'confirmation'): CustomerPayment;
  /** The HTTP answer the operator expects for a decision (confirmation: always accept). */
  customerPaymentAnswer(phase: 'validation' | 'confirmation', decision: CustomerPaymentDecision): { status: number; body: unknown };
}

export interface PaymentProvider {
  readonly id: ProviderId;
  readonly displayName: string;
  readonly capabilities: ProviderCapabilities;
  /** Names of credential fields this provider needs; used to validate accounts and to redact. */
  readonly credentialFields: readonly string[];

  collect(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult>;
  disburse(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult>;
  refund(account: ProviderAccountContext, request: PaymentRequest, original: StatusQuery): Promise<ProviderResult>;
  status(account: ProviderAccountContext, query: StatusQuery): Promise<ProviderResult>;
  balance(account: ProviderAccountContext, callbackUrl?: string): Promise<BalanceResult>;
  /**
   * Reverse a succeeded transaction (whole amount). Outcomes: succeeded = reversed now; accepted = the
   * result comes by callback (ParsedCallback subject 'reversal'); failed = not reversed; unknown.
   * Absent when the operator cannot reverse ('reverse' not in capabilities.operations).
   */
  reverse?(account: ProviderAccountContext, request: ReversalRequest): Promise<ProviderResult>;
  /** Customer-initiated payments (capabilities.customerPayments). */
  readonly customerPayments?: CustomerPaymentSupport;
  /** Throws ProviderConfigError naming what an account's settings or credentials lack (checked on save). */
  validateAccount?(account: ProviderAccountContext): void;
  /**
   * For providers that sign callbacks: true when the signature over the raw bytes verifies (compare in
   * constant time). Absent for providers that do not sign: their callbacks are confirmed by a status query.
   * `transaction` is given when the callback URL named one (per-transaction token): a provider may check
   * a per-transaction secret it kept in providerData (Orange's notif_token).
   */
  verifyCallbackSignature?(account: ProviderAccountContext, callback: RawCallback, transaction?: StatusQuery): boolean;
  /** Parse (never trust) a callback. Throws CallbackParseError when the body is unusable. */
  parseCallback(account: ProviderAccountContext, callback: RawCallback): ParsedCallback;
}

export class UnsupportedOperationError extends Error {
  constructor(
    readonly provider: ProviderId,
    readonly operation: ProviderOperation,
  ) {
    super(`${provider} does not support ${operation}`);
    this.name = 'UnsupportedOperationError';
  }
}

export class CallbackParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackParseError';
  }
}

/** Thrown by clients for a misconfigured account (missing credential, bad URL): not the operator's fault. */
export class ProviderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderConfigError';
  }
}

export const PAYMENT_PROVIDERS = Symbol('PAYMENT_PROVIDERS');
