import { isSupportedCurrency } from '../common/money/currencies';
import { InvalidAmountError, parseAmount } from '../common/money/money';
import { InvalidPhoneNumberError, normalizeMsisdn, NormalizedMsisdn } from '../common/phone/phone';
import { FieldError, Problem } from '../common/problem/problem';

export interface PaymentInput {
  amountMinor: bigint;
  currency: string;
  phone: NormalizedMsisdn;
}

/** Checks amount, currency and phone number together so the client hears of every bad field at once. */
export function parsePaymentInput(amount: string, currency: string, phoneNumber: string, country?: string): PaymentInput {
  const errors: FieldError[] = [];
  let amountMinor = 0n;
  let phone: NormalizedMsisdn | undefined;
  if (!isSupportedCurrency(currency)) {
    errors.push({ field: 'currency', message: `currency ${currency} is not a supported ISO 4217 code` });
  } else {
    try {
      amountMinor = parseAmount(amount, currency).minor;
    } catch (error) {
      if (!(error instanceof InvalidAmountError)) throw error;
      errors.push({ field: 'amount', message: error.message });
    }
  }
  try {
    phone = normalizeMsisdn(phoneNumber, country);
  } catch (error) {
    if (!(error instanceof InvalidPhoneNumberError)) throw error;
    errors.push({ field: 'phoneNumber', message: error.message });
  }
  if (errors.length > 0 || !phone) throw Problem.validation(errors);
  return { amountMinor, currency, phone };
}
