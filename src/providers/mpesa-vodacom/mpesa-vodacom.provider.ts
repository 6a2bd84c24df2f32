// Vodacom M-Pesa Mozambique (/ipg/v1x/) behind the PaymentProvider port: wires the client (HTTP) to the
// mapper (meaning). See README.md for every rule.
import { Injectable, Optional } from '@nestjs/common';
import { guardOutcome } from '../shared/guard-outcome';
import {
  BalanceResult,
  CallbackParseError,
  FailureCode,
  ParsedCallback,
  PaymentProvider,
  PaymentRequest,
  ProviderAccountContext,
  ProviderCapabilities,
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
import { vodacomAmount, vodacomQueryReference, vodacomReversalReference, vodacomThirdPartyReference } from './mpesa-vodacom.references';

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
    // Unverified whether Vodacom honours a partial input_ReversalAmount (it might reverse the whole
    // transaction): refunds are of the whole amount only; refund() refuses a partial one without a call.
    partialRefunds: false,
  };
  readonly credentialFields: readonly string[] = VODACOM_CREDENTIAL_FIELDS;

  private readonly client: MpesaVodacomClient;

  constructor(@Optional() client?: MpesaVodacomClient) {
    this.client = client ?? new MpesaVodacomClient();
  }

  /** C2B single stage: one call, answered when the customer is done. Final: succeeded / failed / unknown. */
  async collect(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return guardOutcome(async () => {
      const built = toVodacomPaymentBody(config, request);
      if (!built.ok) return notBuilt(built);
      const result = await this.client.c2b(config, built.body);
      return { outcome: mapVodacomInitiation('c2b', result, built.body.input_ThirdPartyReference), exchanges: [result.exchange] };
    });
  }

  /** B2C: the shortcode pays the customer; answered at once. */
  async disburse(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return guardOutcome(async () => {
      const built = toVodacomPaymentBody(config, request);
      if (!built.ok) return notBuilt(built);
      const result = await this.client.b2c(config, built.body);
      return { outcome: mapVodacomInitiation('b2c', result, built.body.input_ThirdPartyReference), exchanges: [result.exchange] };
    });
  }

  /**
   * A reversal of the WHOLE original collection by its M-Pesa TransactionID (input_ReversalAmount = the
   * refund's amount, which must equal the original's), under the refund's own ThirdPartyReference (what
   * status() queries it by). A partial refund fails INVALID_AMOUNT without a call (partialRefunds: false).
   */
  async refund(account: ProviderAccountContext, request: PaymentRequest, original: StatusQuery): Promise<ProviderResult> {
    const config = readVodacomConfig(account);
    return this.reversal(config, original, vodacomThirdPartyReference(request.transactionId), request.amount, wholeRefundProblem(request, original));
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
    return guardOutcome(async () => {
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

  private async reversal(
    config: MpesaVodacomAccountConfig,
    original: StatusQuery,
    thirdPartyReference: string,
    amount: string,
    amountProblem?: string,
  ): Promise<ProviderResult> {
    const secrets = reversalSecrets(config);
    return guardOutcome(async () => {
      if (amountProblem) return { outcome: { kind: 'failed', failureCode: 'INVALID_AMOUNT', failureReason: amountProblem }, exchanges: [] };
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

/**
 * Why a refund is not of the whole original amount (undefined when it is, or when the original amount is
 * not given: the gateway always gives it, and itself refuses partial refunds for partialRefunds: false).
 * Minor units are compared when both are known (same currency, MZN has 2 decimals), else the amounts as
 * MZN decimals, exactly (no floating point).
 */
export function wholeRefundProblem(request: Pick<PaymentRequest, 'amount' | 'amountMinor'>, original: Pick<StatusQuery, 'amount' | 'amountMinor'>): string | undefined {
  const asked = typeof request.amountMinor === 'bigint' ? request.amountMinor : mznCents(request.amount);
  const whole = typeof original.amountMinor === 'bigint' ? original.amountMinor : original.amount !== undefined ? mznCents(original.amount) : undefined;
  if (asked === undefined || whole === undefined || asked === whole) return undefined; // a bad amount is reported by the body builder
  const what = asked < whole ? 'PARTIAL_REFUND_UNSUPPORTED' : 'REFUND_EXCEEDS_ORIGINAL';
  return (
    `${what}: a Vodacom M-Pesa refund reverses the whole original amount only (${mznText(whole)} MZN), not ${mznText(asked)} MZN; ` +
    'whether Vodacom honours a partial input_ReversalAmount is unverified, so no partial reversal is sent'
  );
}

/** "150.5" → 15050n; undefined when not a valid Vodacom amount. */
function mznCents(amount: string): bigint | undefined {
  const text = vodacomAmount(amount);
  if (text === undefined) return undefined;
  const [units = '0', cents = ''] = text.split('.');
  return BigInt(units) * 100n + BigInt(cents.padEnd(2, '0'));
}

function mznText(cents: bigint): string {
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

function notBuilt(built: Extract<VodacomBuild<unknown>, { ok: false }>): ProviderResult {
  return { outcome: { kind: 'failed', failureCode: BUILD_FAILURE[built.problem], failureReason: built.reason }, exchanges: [] };
}

