// Our requests → Vodacom's `input_*` bodies (fact sheet §2.1, §2.2, §2.4, §2.5). Every value is a string.
// A request that cannot go to Vodacom (not an M-Pesa MZ number, bad amount, not MZN) is reported, not thrown.
import { maskMsisdn } from '../../common/phone/phone';
import type { PaymentRequest } from '../provider.port';
import type { MpesaVodacomAccountConfig } from './mpesa-vodacom.config';
import { vodacomAmount, vodacomMsisdn, vodacomThirdPartyReference, vodacomTransactionReference } from './mpesa-vodacom.references';

/** C2B single stage and B2C share these five fields. */
export interface VodacomPaymentBody {
  input_TransactionReference: string;
  input_CustomerMSISDN: string;
  input_Amount: string;
  input_ThirdPartyReference: string;
  input_ServiceProviderCode: string;
}

export interface VodacomReversalBody {
  input_TransactionID: string;
  input_SecurityCredential: string;
  input_InitiatorIdentifier: string;
  input_ThirdPartyReference: string;
  input_ServiceProviderCode: string;
  input_ReversalAmount: string;
}

export interface VodacomStatusParams {
  input_ThirdPartyReference: string;
  input_QueryReference: string;
  input_ServiceProviderCode: string;
  [name: string]: string;
}

export type VodacomBuildProblem = 'amount' | 'msisdn' | 'currency';
export type VodacomBuild<T> = { ok: true; body: T } | { ok: false; problem: VodacomBuildProblem; reason: string };

export const VODACOM_CURRENCY = 'MZN';

/** The C2B / B2C body of a payment request (ThirdPartyReference from our transaction id). */
export function toVodacomPaymentBody(config: MpesaVodacomAccountConfig, request: PaymentRequest): VodacomBuild<VodacomPaymentBody> {
  if (request.currency.trim().toUpperCase() !== VODACOM_CURRENCY) {
    return { ok: false, problem: 'currency', reason: `CURRENCY_NOT_SUPPORTED: Vodacom M-Pesa Mozambique moves MZN only, not ${request.currency}` };
  }
  const amount = vodacomAmount(request.amount);
  if (!amount) return { ok: false, problem: 'amount', reason: `INVALID_AMOUNT: ${request.amount} is not a positive MZN amount with at most 2 decimals` };
  const msisdn = vodacomMsisdn(request.msisdn);
  if (!msisdn) return { ok: false, problem: 'msisdn', reason: `INVALID_MSISDN: ${maskMsisdn(request.msisdn)} is not a Vodacom M-Pesa number (2588[45]XXXXXXX)` };
  return {
    ok: true,
    body: {
      input_TransactionReference: vodacomTransactionReference(request.reference, request.transactionId),
      input_CustomerMSISDN: msisdn,
      input_Amount: amount,
      input_ThirdPartyReference: vodacomThirdPartyReference(request.transactionId),
      input_ServiceProviderCode: config.settings.serviceProviderCode,
    },
  };
}

export interface VodacomReversalInput {
  /** M-Pesa's TransactionID of the transaction being reversed. */
  transactionId: string;
  thirdPartyReference: string;
  /** Decimal string, MZN: the whole amount of the transaction (partial reversals are never sent). */
  amount: string;
  initiatorIdentifier: string;
  securityCredential: string;
}

/** The reversal body; the amount always goes as input_ReversalAmount (§2.4). */
export function toVodacomReversalBody(config: MpesaVodacomAccountConfig, input: VodacomReversalInput): VodacomBuild<VodacomReversalBody> {
  const amount = vodacomAmount(input.amount);
  if (!amount) return { ok: false, problem: 'amount', reason: `INVALID_AMOUNT: ${input.amount} is not a positive MZN amount with at most 2 decimals` };
  return {
    ok: true,
    body: {
      input_TransactionID: input.transactionId,
      input_SecurityCredential: input.securityCredential,
      input_InitiatorIdentifier: input.initiatorIdentifier,
      input_ThirdPartyReference: input.thirdPartyReference,
      input_ServiceProviderCode: config.settings.serviceProviderCode,
      input_ReversalAmount: amount,
    },
  };
}

/** The query string of a status query: a NEW reference for the call, the transaction's reference to find. */
export function toVodacomStatusParams(config: MpesaVodacomAccountConfig, queryReference: string, callReference: string): VodacomStatusParams {
  return {
    input_ThirdPartyReference: callReference,
    input_QueryReference: queryReference,
    input_ServiceProviderCode: config.settings.serviceProviderCode,
  };
}
