// Airtel Money (Airtel Africa Open API) behind the PaymentProvider port: wires the client (HTTP) to the
// mapper (meaning). See README.md for every rule.
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
  ProviderConfigError,
  ProviderExchange,
  ProviderId,
  ProviderResult,
  RawCallback,
  StatusQuery,
} from '../provider.port';
import { BuildResult, toCollectionBody, toDisbursementBody } from './airtel-money.bodies';
import { airtelCallbackHashMatches, parseAirtelCallback } from './airtel-money.callbacks';
import { AirtelMoneyClient } from './airtel-money.client';
import { AIRTEL_CREDENTIAL_FIELDS, AirtelMoneyAccountConfig, disbursementSecrets, readAirtelConfig } from './airtel-money.config';
import { encryptAirtelPin } from './airtel-money.crypto';
import { mapInitiationResult, mapKycCheck, mapStatusResult, readAirtelBalance } from './airtel-money.mapper';

const BUILD_FAILURE: Record<'amount' | 'msisdn' | 'currency', FailureCode> = {
  amount: 'INVALID_AMOUNT',
  msisdn: 'PAYER_NOT_FOUND',
  currency: 'PROVIDER_ERROR',
};

@Injectable()
export class AirtelMoneyProvider implements PaymentProvider {
  readonly id = 'airtel-money' as const satisfies ProviderId;
  readonly displayName = 'Airtel Money';
  /**
   * signsCallbacks: an account whose `callbackSecret` is set (callback authentication on in Airtel's
   * portal) gets HMAC-signed callbacks; without it verifyCallbackSignature has nothing to check.
   */
  readonly capabilities: ProviderCapabilities = {
    operations: ['collect', 'disburse', 'refund', 'status', 'balance'],
    callbackMethods: ['POST'],
    signsCallbacks: true,
    // Airtel's refund body has no amount: it refunds the whole collection.
    partialRefunds: false,
  };
  readonly credentialFields: readonly string[] = AIRTEL_CREDENTIAL_FIELDS;

  private readonly client: AirtelMoneyClient;

  constructor(@Optional() client?: AirtelMoneyClient) {
    this.client = client ?? new AirtelMoneyClient();
  }

  /** USSD push. A request that cannot go to this wallet (currency, amount, msisdn) fails without a call. */
  async collect(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readAirtelConfig(account);
    return guardOutcome(async () => {
      const built = toCollectionBody(config, request);
      if (!built.ok) return notBuilt(built);
      const result = await this.client.collect(account, built.body);
      return { outcome: mapInitiationResult('collection', result, request.transactionId), exchanges: result.exchanges };
    });
  }

  /**
   * KYC lookup of the payee, then the disbursement with the RSA-encrypted PIN. A payee Airtel says does
   * not exist (DP02200000002) or is barred fails without a disbursement call; any other KYC answer
   * proves nothing and the disbursement goes ahead. `exchanges`: the KYC's, then the disbursement's.
   */
  async disburse(account: ProviderAccountContext, request: PaymentRequest): Promise<ProviderResult> {
    const config = readAirtelConfig(account);
    const encryptedPin = encryptPin(config);
    const exchanges: ProviderExchange[] = [];
    return guardOutcome(async () => {
      const built = toDisbursementBody(config, request, encryptedPin);
      if (!built.ok) return notBuilt(built);
      const kyc = await this.client.getUser(account, built.body.payee.msisdn);
      exchanges.push(...kyc.exchanges);
      const stop = mapKycCheck(kyc);
      if (stop) return { outcome: stop, exchanges };
      const result = await this.client.disburse(account, built.body);
      exchanges.push(...result.exchanges);
      return { outcome: mapInitiationResult('disbursement', result, request.transactionId), exchanges };
    }, exchanges);
  }

  /**
   * Refund of a TS collection by Airtel's airtel_money_id. The port's StatusQuery carries no
   * providerTransactionId, so the original is enquired first (GET /standard/v1/payments/{original id})
   * for its airtel_money_id, unless the caller passes `providerTransactionId` on the query.
   */
  async refund(account: ProviderAccountContext, request: PaymentRequest, original: StatusQuery): Promise<ProviderResult> {
    readAirtelConfig(account);
    const exchanges: ProviderExchange[] = [];
    return guardOutcome(async () => {
      let airtelMoneyId = (original as StatusQuery & { providerTransactionId?: string | null }).providerTransactionId ?? undefined;
      if (!airtelMoneyId) {
        const enquiry = await this.client.getPayment(account, original.transactionId);
        exchanges.push(...enquiry.exchanges);
        const known = mapStatusResult(enquiry, original.transactionId);
        if (known.kind === 'succeeded' && known.providerTransactionId) {
          airtelMoneyId = known.providerTransactionId;
        } else if (known.kind === 'failed' || known.kind === 'not_found' || known.kind === 'pending') {
          const said = known.kind === 'failed' ? known.failureReason : known.kind === 'pending' ? known.providerStatus : known.reason;
          return {
            outcome: { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: `ORIGINAL_NOT_REFUNDABLE: Airtel reports the collection ${known.kind}${said ? ` (${said})` : ''}` },
            exchanges,
          };
        } else {
          const why = known.kind === 'unknown' ? known.reason : 'no airtel_money_id';
          return { outcome: { kind: 'rejected_unsent', reason: `original collection's airtel_money_id unavailable: ${why}` }, exchanges };
        }
      }
      const result = await this.client.refund(account, airtelMoneyId);
      exchanges.push(...result.exchanges);
      return { outcome: mapInitiationResult('refund', result, request.transactionId), exchanges };
    }, exchanges);
  }

  /**
   * Enquiry by OUR id: collections and refunds GET /standard/v1/payments/{id} (a refund by its own id:
   * Airtel documents no refund enquiry, see README), disbursements GET the disbursement enquiry.
   */
  async status(account: ProviderAccountContext, query: StatusQuery): Promise<ProviderResult> {
    readAirtelConfig(account);
    const id = query.transactionId;
    return guardOutcome(async () => {
      const result = query.type === 'disbursement' ? await this.client.getDisbursement(account, id) : await this.client.getPayment(account, id);
      return { outcome: mapStatusResult(result, id), exchanges: result.exchanges };
    });
  }

  /** The collection wallet's balance. Throws OperatorCallError (with the exchanges) without a usable answer. */
  async balance(account: ProviderAccountContext): Promise<BalanceResult> {
    const result = await this.client.getBalance(account);
    const balance = readAirtelBalance(result, result.exchanges);
    return { balances: [balance], exchanges: result.exchanges };
  }

  /** Checked when an admin saves an account: names every missing or malformed setting and credential. */
  validateAccount(account: ProviderAccountContext): void {
    readAirtelConfig(account);
  }

  /**
   * Without a callbackSecret there is nothing to verify (true): the gateway confirms every callback by a
   * status query anyway. With one, the body's `hash` must match (a missing hash does not).
   */
  verifyCallbackSignature(account: ProviderAccountContext, callback: RawCallback): boolean {
    const secret = account.credentials?.['callbackSecret'];
    if (typeof secret !== 'string' || secret.trim() === '') return true;
    return airtelCallbackHashMatches(callback.rawBody, secret.trim());
  }

  parseCallback(_account: ProviderAccountContext, callback: RawCallback): ParsedCallback {
    return parseAirtelCallback(callback.body);
  }

}

/** The account's PIN, RSA-encrypted; a key that cannot encrypt it is a configuration error (nothing sent). */
function encryptPin(config: AirtelMoneyAccountConfig): string {
  const { pin, publicKey } = disbursementSecrets(config);
  try {
    return encryptAirtelPin(pin, publicKey, config.settings.pinPadding);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProviderConfigError(`airtel-money account ${config.accountId}: cannot encrypt the PIN with credentials.publicKey (${why})`);
  }
}

function notBuilt(built: Extract<BuildResult<unknown>, { ok: false }>): ProviderResult {
  return { outcome: { kind: 'failed', failureCode: BUILD_FAILURE[built.problem], failureReason: built.reason }, exchanges: [] };
}

