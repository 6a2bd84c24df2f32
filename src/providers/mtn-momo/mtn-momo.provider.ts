// MTN Mobile Money behind the PaymentProvider port: wires the client (HTTP) to the mapper (meaning).
import { Injectable, Optional } from '@nestjs/common';
import { guardOutcome } from '../shared/guard-outcome';
import {
  BalanceResult,
  PaymentProvider,
  PaymentRequest,
  ProviderAccountContext,
  ProviderCapabilities,
  ProviderConfigError,
  ProviderExchange,
  ProviderId,
  ProviderResult,
  ParsedCallback,
  RawCallback,
  StatusQuery,
} from '../provider.port';
import { parseMtnMomoCallback } from './mtn-momo.callbacks';
import { MtnMomoClient } from './mtn-momo.client';
import { MTN_MOMO_CREDENTIAL_FIELDS, MtnProduct, readMtnMomoConfig } from './mtn-momo.config';
import { mapAccountHolderCheck, mapInitiationResult, mapStatusResult, readMtnBalance } from './mtn-momo.mapper';

@Injectable()
export class MtnMomoProvider implements PaymentProvider {
  readonly id = 'mtn-momo' as const satisfies ProviderId;
  readonly displayName = 'MTN Mobile Money';
  /** Remittance exists at MTN but is not supported (see README.md, "Not supported"). */
  readonly capabilities: ProviderCapabilities = {
    operations: ['collect', 'disburse', 'refund', 'status', 'balance'],
    callbackMethods: ['POST', 'PUT'],
    signsCallbacks: false,
  };
  readonly credentialFields: readonly string[] = MTN_MOMO_CREDENTIAL_FIELDS;

  private readonly client: MtnMomoClient;

  constructor(@Optional() client?: MtnMomoClient) {
    this.client = client ?? new MtnMomoClient();
  }

  /** RequestToPay. Throws ProviderConfigError (before any call) for a misconfigured account. */
  async collect(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    return guardOutcome(async () => {
      const result = await this.client.requestToPay(account, request);
      return { outcome: mapInitiationResult(result, request.transactionId), exchanges: result.exchanges };
    });
  }

  /**
   * Account-holder check, then Transfer (disbursement product). A payee MTN says is unknown (404) or
   * not active (`result: false`) fails with PAYER_NOT_FOUND and no transfer is sent; any other check
   * answer proves nothing and the transfer goes ahead (see mapAccountHolderCheck). `exchanges` holds the
   * check's exchanges followed by the transfer's. Throws ProviderConfigError without
   * disbursementSubscriptionKey.
   */
  async disburse(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const exchanges: ProviderExchange[] = [];
    return guardOutcome(async () => {
      const check = await this.client.getAccountHolderActive(account, request.msisdn, 'disbursement');
      exchanges.push(...check.exchanges);
      const stop = mapAccountHolderCheck(check);
      if (stop) return { outcome: stop, exchanges };
      const result = await this.client.transfer(account, request);
      exchanges.push(...result.exchanges);
      return { outcome: mapInitiationResult(result, request.transactionId), exchanges };
    }, exchanges);
  }

  /**
   * Refund of a request-to-pay (disbursement product; v1 or v2 per settings.refundVersion). The refund
   * is its own MTN resource: X-Reference-Id and providerReference are the refund's transaction id.
   */
  async refund(account: ProviderAccountContext, request: PaymentRequest, original: StatusQuery): Promise<ProviderResult> {
    return guardOutcome(async () => {
      const result = await this.client.refund(account, request, original.providerReference ?? original.transactionId);
      return { outcome: mapInitiationResult(result, request.transactionId), exchanges: result.exchanges };
    });
  }

  /**
   * GET requesttopay/{id}, transfer/{id} or refund/{id} by the transaction's type. The id is our
   * transaction id (MTN's resource id is our X-Reference-Id) unless a providerReference was stored.
   */
  async status(account: ProviderAccountContext, query: StatusQuery): Promise<ProviderResult> {
    const referenceId = query.providerReference ?? query.transactionId;
    return guardOutcome(async () => {
      const result =
        query.type === 'collection'
          ? await this.client.getRequestToPayStatus(account, referenceId)
          : query.type === 'disbursement'
            ? await this.client.getTransferStatus(account, referenceId)
            : await this.client.getRefundStatus(account, referenceId);
      return { outcome: mapStatusResult(result, referenceId), exchanges: result.exchanges };
    });
  }

  /**
   * The collection wallet's balance, then the disbursement wallet's (skipped when the account has no
   * disbursementSubscriptionKey), each with its own product token. Throws OperatorCallError, carrying
   * every exchange made, when either call gives no usable answer.
   */
  async balance(account: ProviderAccountContext): Promise<BalanceResult> {
    const config = readMtnMomoConfig(account);
    const products: MtnProduct[] = config.credentials.disbursementSubscriptionKey ? ['collection', 'disbursement'] : ['collection'];
    const results = await Promise.all(products.map((product) => this.client.getBalance(account, product)));
    const exchanges = results.flatMap((r) => r.exchanges);
    const balances = results.map((result, i) => readMtnBalance(result, products[i] as MtnProduct, exchanges));
    return { balances, exchanges };
  }

  /** Unsigned: the outcome is a claim to confirm with status(). */
  /** Checked when an admin saves an account: names every missing or malformed setting and credential. */
  validateAccount(account: ProviderAccountContext): void {
    readMtnMomoConfig(account);
  }

  parseCallback(_account: ProviderAccountContext, callback: RawCallback): ParsedCallback {
    return parseMtnMomoCallback(callback.body);
  }
}

