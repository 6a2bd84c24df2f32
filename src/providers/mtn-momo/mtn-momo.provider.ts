// MTN Mobile Money behind the PaymentProvider port: wires the client (HTTP) to the mapper (meaning).
import { Injectable, Optional } from '@nestjs/common';
import {
  BalanceResult,
  PaymentProvider,
  PaymentRequest,
  ProviderAccountContext,
  ProviderCapabilities,
  ProviderConfigError,
  ProviderId,
  ProviderResult,
  ParsedCallback,
  RawCallback,
  StatusQuery,
  UnsupportedOperationError,
} from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import { parseMtnMomoCallback } from './mtn-momo.callbacks';
import { MtnMomoClient } from './mtn-momo.client';
import { MTN_MOMO_CREDENTIAL_FIELDS } from './mtn-momo.config';
import { describeMtnError, mapRequestToPayResult, mapRequestToPayStatusResult } from './mtn-momo.mapper';

@Injectable()
export class MtnMomoProvider implements PaymentProvider {
  readonly id = 'mtn-momo' as const satisfies ProviderId;
  readonly displayName = 'MTN Mobile Money';
  /**
   * Collections only for now. Disbursement (transfer) and refund (disbursement product, v1/v2 per
   * settings.refundVersion) come with the next issue; until then they throw UnsupportedOperationError.
   */
  readonly capabilities: ProviderCapabilities = {
    operations: ['collect', 'status', 'balance'],
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
    try {
      const result = await this.client.requestToPay(account, request);
      return { outcome: mapRequestToPayResult(result, request.transactionId), exchanges: result.exchanges };
    } catch (err) {
      if (err instanceof ProviderConfigError) throw err;
      // A bug of ours after the call may have been sent must never read as a failure.
      return { outcome: { kind: 'unknown', reason: `internal error: ${errorMessage(err)}` }, exchanges: [] };
    }
  }

  disburse(_account: ProviderAccountContext, _request: PaymentRequest): Promise<ProviderResult> {
    return Promise.reject(new UnsupportedOperationError(this.id, 'disburse'));
  }

  refund(_account: ProviderAccountContext, _request: PaymentRequest, _original: StatusQuery): Promise<ProviderResult> {
    return Promise.reject(new UnsupportedOperationError(this.id, 'refund'));
  }

  /** GET requesttopay/{id}: the id is our transaction id (MTN's resource id is our X-Reference-Id). */
  async status(account: ProviderAccountContext, query: StatusQuery): Promise<ProviderResult> {
    if (query.type !== 'collection') throw new UnsupportedOperationError(this.id, 'status');
    const referenceId = query.providerReference ?? query.transactionId;
    try {
      const result = await this.client.getRequestToPayStatus(account, referenceId);
      return { outcome: mapRequestToPayStatusResult(result, referenceId), exchanges: result.exchanges };
    } catch (err) {
      if (err instanceof ProviderConfigError) throw err;
      return { outcome: { kind: 'unknown', reason: `internal error: ${errorMessage(err)}` }, exchanges: [] };
    }
  }

  /** The collection wallet's balance. Throws OperatorCallError (with the exchanges) without a usable answer. */
  async balance(account: ProviderAccountContext): Promise<BalanceResult> {
    const result = await this.client.getBalance(account, 'collection');
    if (result.kind === 'token_failure') {
      throw new OperatorCallError(`MTN access token unavailable: ${result.problem}`, result.exchanges);
    }
    if (result.kind === 'transport_failure') {
      throw new OperatorCallError(`${result.failure.code}: ${result.failure.message}`, result.exchanges);
    }
    const { status, body } = result.response;
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const available = b['availableBalance'];
    const currency = b['currency'];
    if (status !== 200 || (typeof available !== 'string' && typeof available !== 'number') || typeof currency !== 'string') {
      throw new OperatorCallError(`MTN balance: ${describeMtnError(status, body)}`, result.exchanges, status);
    }
    return { balances: [{ currency, available: String(available) }], exchanges: result.exchanges };
  }

  /** Unsigned: the outcome is a claim to confirm with status(). */
  parseCallback(_account: ProviderAccountContext, callback: RawCallback): ParsedCallback {
    return parseMtnMomoCallback(callback.body);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
