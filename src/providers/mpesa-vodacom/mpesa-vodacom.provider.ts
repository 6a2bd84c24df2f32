// Vodacom M-Pesa Mozambique (/ipg/v1x/) behind the PaymentProvider port: wires the client (HTTP) to the
// mapper (meaning). See README.md for every rule.
import { Injectable, Optional } from '@nestjs/common';
import {
  BalanceResult,
  CallbackParseError,
  FailureCode,
  ParsedCallback,
  PaymentProvider,
  PaymentRequest,
  ProviderAccountContext,
  ProviderCapabilities,
  ProviderConfigError,
  ProviderExchange,
  ProviderId,
  ProviderResult,
  ReversalRequest,
  StatusQuery,
  UnsupportedOperationError,
} from '../provider.port';
import { VodacomBuild, VodacomBuildProblem, toVodacomPaymentBody, toVodacomReversalBody, toVodacomStatusParams } from './mpesa-vodacom.bodies';
import { MpesaVodacomClient } from './mpesa-vodacom.client';
import { MpesaVodacomAccountConfig, VODACOM_CREDENTIAL_FIELDS, readVodacomConfig, reversalSecrets } from './mpesa-vodacom.config';
import { mapVodacomInitiation, mapVodacomStatus } from './mpesa-vodacom.mapper';
import { vodacomQueryReference, vodacomReversalReference, vodacomThirdPartyReference } from './mpesa-vodacom.references';

const BUILD_FAILURE: Record<VodacomBuildProblem, FailureCode> = {
  amount: 'INVALID_AMOUNT',
  msisdn: 'PAYER_NOT_FOUND',
  currency: 'PROVIDER_ERROR',
};

@Injectable()
export class MpesaVodacomProvider implements PaymentProvider {
  readonly id = 'mpesa-vodacom' as const satisfies ProviderId;
  readonly displayName = 'M-Pesa (Vodacom Mozambique)';
  /**
   * No balance API in /ipg/v1x/; no callbacks in practice (answers are synchronous); C2B is held open until
   * the customer answers (90 s and more), so the gateway makes it in a background job.
   */
  readonly capabilities: ProviderCapabilities = {
    operations: ['collect', 'disburse', 'refund', 'status', 'reverse'],
    callbackMethods: ['POST'],
    signsCallbacks: false,
    deferredOperations: ['collect'],
    // input_ReversalAmount reverses part of a transaction.
    partialRefunds: true,
  };
  readonly credentialFields: readonly string[] = VODACOM_CREDENTIAL_FIELDS;

  private readonly client: MpesaVodacomClient;

  constructor(@Optional() client?: MpesaVodacomClient) {
    this.client = client ?? new MpesaVodacomClient();
  }

  /** C2B single stage: one call, answered when the customer is done. Final: succeeded / failed / unknown. */
  async collect(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return guard(async () => {
      const built = toVodacomPaymentBody(config, request);
      if (!built.ok) return notBuilt(built);
      const result = await this.client.c2b(config, built.body);
      return { outcome: mapVodacomInitiation('c2b', result, built.body.input_ThirdPartyReference), exchanges: [result.exchange] };
    });
  }

  /** B2C: the shortcode pays the customer; answered at once. */
  async disburse(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return guard(async () => {
      const built = toVodacomPaymentBody(config, request);
      if (!built.ok) return notBuilt(built);
      const result = await this.client.b2c(config, built.body);
      return { outcome: mapVodacomInitiation('b2c', result, built.body.input_ThirdPartyReference), exchanges: [result.exchange] };
    });
  }

  /**
   * A (partial) reversal of the original collection by its M-Pesa TransactionID, for the refund's amount
   * (input_ReversalAmount), under the refund's own ThirdPartyReference (what status() queries it by).
   */
  async refund(account: ProviderAccountContext, request: PaymentRequest, original: StatusQuery): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return this.reversal(config, original, vodacomThirdPartyReference(request.transactionId), request.amount);
  }

  /** Reverses the whole transaction (request.amount) under 'R' + its ThirdPartyReference. Synchronous. */
  async reverse(account: ProviderAccountContext, request: ReversalRequest): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return this.reversal(config, request, vodacomReversalReference(request.transactionId), request.amount);
  }

  /**
   * queryTransactionStatus with a NEW ThirdPartyReference for the call, finding the transaction by the
   * ThirdPartyReference we gave it (derived from query.transactionId: a refund's own id for a refund).
   */
  async status(account: ProviderAccountContext, query: StatusQuery): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return guard(async () => {
      const callReference = vodacomQueryReference();
      const params = toVodacomStatusParams(config, vodacomThirdPartyReference(query.transactionId), callReference);
      const result = await this.client.queryStatus(config, params);
      return { outcome: mapVodacomStatus(result, query, callReference), exchanges: [result.exchange] };
    });
  }

  /** /ipg/v1x/ has no balance query. */
  balance(): Promise<BalanceResult> {
    return Promise.reject(new UnsupportedOperationError(this.id, 'balance'));
  }

  /** Checked when an admin saves an account: the public key must parse and the API key be present. */
  validateAccount(account: ProviderAccountContext): void {
    readVodacomConfig(account);
  }

  parseCallback(): ParsedCallback {
    throw new CallbackParseError('Vodacom M-Pesa sends no callbacks');
  }

  private async reversal(config: MpesaVodacomAccountConfig, original: StatusQuery, thirdPartyReference: string, amount: string): Promise<ProviderResult> {
    const secrets = reversalSecrets(config);
    return guard(async () => {
      const transactionId = original.providerTransactionId?.trim();
      if (!transactionId) {
        return {
          outcome: {
            kind: 'failed',
            failureCode: 'PROVIDER_ERROR',
            failureReason: `ORIGINAL_NOT_REVERSIBLE: no M-Pesa TransactionID is known for transaction ${original.transactionId} (Vodacom reverses by TransactionID only)`,
          },
          exchanges: [],
        };
      }
      const built = toVodacomReversalBody(config, { transactionId, thirdPartyReference, amount, ...secrets });
      if (!built.ok) return notBuilt(built);
      const result = await this.client.reversal(config, built.body);
      return { outcome: mapVodacomInitiation('reversal', result, thirdPartyReference), exchanges: [result.exchange] };
    });
  }
}

function notBuilt(built: Extract<VodacomBuild<unknown>, { ok: false }>): ProviderResult {
  return { outcome: { kind: 'failed', failureCode: BUILD_FAILURE[built.problem], failureReason: built.reason }, exchanges: [] };
}

/**
 * Runs an operation that answers with an outcome. ProviderConfigError passes through; any other error is a
 * bug of ours that may come after a call was sent, so it never reads as a failure: unknown.
 */
async function guard(run: () => Promise<ProviderResult>, exchanges: ProviderExchange[] = []): Promise<ProviderResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ProviderConfigError) throw err;
    return { outcome: { kind: 'unknown', reason: `internal error: ${err instanceof Error ? err.message : String(err)}` }, exchanges: [...exchanges] };
  }
}
