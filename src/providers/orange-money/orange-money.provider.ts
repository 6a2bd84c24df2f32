// Orange Money WebPay behind the PaymentProvider port: wires the client (HTTP) to the mapper (meaning).
// WebPay is a redirect checkout: collect answers `accepted` with the payment page to send the buyer to.
// It has no disbursement, refund, balance or reversal. See README.md for every rule.
import { Injectable, Optional } from '@nestjs/common';
import { guardOutcome } from '../shared/guard-outcome';
import {
  BalanceResult,
  FailureCode,
  ParsedCallback,
  PaymentProvider,
  PaymentRequest,
  ProviderAccountContext,
  ProviderCapabilities,
  ProviderId,
  ProviderResult,
  RawCallback,
  StatusQuery,
  UnsupportedOperationError,
} from '../provider.port';
import { OrangeBuildProblem, toStatusBody, toWebPaymentBody } from './orange-money.bodies';
import { orangeNotifTokenMatches, parseOrangeCallback } from './orange-money.callbacks';
import { OrangeMoneyClient } from './orange-money.client';
import { ORANGE_CREDENTIAL_FIELDS, readOrangeConfig } from './orange-money.config';
import { mapInitiationResult, mapStatusResult } from './orange-money.mapper';

const BUILD_FAILURE: Record<OrangeBuildProblem, FailureCode> = {
  amount: 'INVALID_AMOUNT',
  currency: 'PROVIDER_ERROR',
  url: 'PROVIDER_ERROR',
};

@Injectable()
export class OrangeMoneyProvider implements PaymentProvider {
  readonly id = 'orange-money' as const satisfies ProviderId;
  readonly displayName = 'Orange Money';
  /**
   * signsCallbacks false: a notification carries no signature, only the per-payment notif_token, which
   * verifyCallbackSignature checks against the hash kept at initiation; the claim is confirmed by status.
   */
  readonly capabilities: ProviderCapabilities = {
    operations: ['collect', 'status'],
    callbackMethods: ['POST'],
    signsCallbacks: false,
    // The customer pays on Orange's page: collections carry returnUrl/cancelUrl and answer with a redirect.
    redirectsCustomer: true,
  };
  readonly credentialFields: readonly string[] = ORANGE_CREDENTIAL_FIELDS;

  private readonly client: OrangeMoneyClient;

  constructor(@Optional() client?: OrangeMoneyClient) {
    this.client = client ?? new OrangeMoneyClient();
  }

  /**
   * Creates the WebPay payment: `accepted` with nextAction redirect to Orange's payment_url (verbatim),
   * providerReference = order_id, providerData = { payToken, notifTokenSha256 }. A request Orange would
   * refuse (fractional amount, missing or too long URL, other currency) fails without any call.
   */
  async collect(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readOrangeConfig(account);
    return guardOutcome(async () => {
      const built = toWebPaymentBody(config, request);
      if (!built.ok) return { outcome: { kind: 'failed', failureCode: BUILD_FAILURE[built.problem], failureReason: built.reason }, exchanges: [] };
      const result = await this.client.initiate(account, built.body, callbackSecretParts(request.callbackUrl));
      return { outcome: mapInitiationResult(result, built.body.order_id), exchanges: result.exchanges };
    });
  }

  /**
   * POST …/transactionstatus with the init's triple (order_id, amount, pay_token from providerData). A
   * payment still INITIATED after the validity + grace is failed EXPIRED (README, "10-minute rule"); PENDING is not.
   */
  async status(account: ProviderAccountContext, query: StatusQuery): Promise<ProviderResult> {
    const config = readOrangeConfig(account);
    return guardOutcome(async () => {
      const body = toStatusBody(query);
      if (typeof body === 'string') return { outcome: { kind: 'unknown', reason: body }, exchanges: [] };
      const result = await this.client.status(account, body);
      return { outcome: mapStatusResult(result, query, body.order_id, config.settings), exchanges: result.exchanges };
    });
  }

  async disburse(_account: ProviderAccountContext, _request: PaymentRequest): Promise<ProviderResult> {
    throw new UnsupportedOperationError(this.id, 'disburse');
  }

  async refund(_account: ProviderAccountContext, _request: PaymentRequest, _original: StatusQuery): Promise<ProviderResult> {
    throw new UnsupportedOperationError(this.id, 'refund');
  }

  async balance(_account: ProviderAccountContext): Promise<BalanceResult> {
    throw new UnsupportedOperationError(this.id, 'balance');
  }

  /** Checked when an admin saves an account: names every missing or malformed setting and credential. */
  validateAccount(account: ProviderAccountContext): void {
    readOrangeConfig(account);
  }

  /** The notification's notif_token against the hash kept for `transaction`; false without one. */
  verifyCallbackSignature(_account: ProviderAccountContext, callback: RawCallback, transaction?: StatusQuery): boolean {
    return orangeNotifTokenMatches(callback, transaction);
  }

  parseCallback(_account: ProviderAccountContext, callback: RawCallback): ParsedCallback {
    return parseOrangeCallback(callback);
  }
}

/** The parts of our callback URL that carry its secret token (path and query), scrubbed from exchanges. */
function callbackSecretParts(callbackUrl: string | null): string[] {
  if (!callbackUrl) return [];
  try {
    const url = new URL(callbackUrl);
    return [`${url.pathname}${url.search}`].filter((p) => p.length > 1);
  } catch {
    return [];
  }
}

