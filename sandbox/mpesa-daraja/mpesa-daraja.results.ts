// The bodies Daraja POSTs, shaped as in the fact sheet: the STK callback (§4, numbers as numbers,
// CallbackMetadata only on success), the Result envelope (§6, §7) of B2C, Transaction Status, Account
// Balance and reversal, and the C2B validation/confirmation payload (§5, every value a string).
import { type DarajaCode, RESULT_DESC, describeCode } from './mpesa-daraja.codes';
import { msisdnHash } from './mpesa-daraja.crypto';
import { centsNumber, eatDotted, eatTimestamp, formatCents } from './mpesa-daraja.format';
import {
  CUSTOMER_NAME,
  ORGANISATION_NAME,
  type C2bRecord,
  type DarajaTransaction,
  type Outcome,
  type StkRecord,
} from './mpesa-daraja.records';
import type { DarajaAccount } from './mpesa-daraja.state';

export interface ResultParameter {
  Key: string;
  Value?: unknown;
}

const param = (Key: string, Value?: unknown): ResultParameter => (Value === undefined || Value === '' ? { Key } : { Key, Value });

/** Daraja's own QueueTimeoutURL, echoed in ReferenceData of its results. */
export const INTERNAL_QUEUE_URL: Readonly<Record<string, string>> = {
  b2c: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit',
  status: 'https://internalsandbox.safaricom.co.ke/mpesa/tsresults/v1/submit',
  balance: 'https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit',
  reversal: 'https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit',
};

/** What failed results carry where a receipt would be. */
export const PLACEHOLDER_TRANSACTION_ID = '0000000000000000';

export function stkCallbackBody(record: StkRecord, outcome: { resultCode: DarajaCode; resultDesc: string; receipt: string | null; decidedAt: number }): unknown {
  const stkCallback: Record<string, unknown> = {
    MerchantRequestID: record.merchantRequestId,
    CheckoutRequestID: record.checkoutRequestId,
    ResultCode: outcome.resultCode,
    ResultDesc: outcome.resultDesc,
  };
  if (outcome.resultCode === 0) {
    stkCallback.CallbackMetadata = {
      Item: [
        { Name: 'Amount', Value: record.amount },
        { Name: 'MpesaReceiptNumber', Value: outcome.receipt },
        { Name: 'Balance' },
        { Name: 'TransactionDate', Value: Number(eatTimestamp(outcome.decidedAt)) },
        { Name: 'PhoneNumber', Value: Number(record.phoneNumber) },
      ],
    };
  }
  return { Body: { stkCallback } };
}

/** The final STK Push Query answer: every value a string. */
export function stkQueryBody(record: StkRecord, outcome: Outcome): Record<string, string> {
  return {
    ResponseCode: '0',
    ResponseDescription: 'The service request has been accepted successfully',
    MerchantRequestID: record.merchantRequestId,
    CheckoutRequestID: record.checkoutRequestId,
    ResultCode: String(outcome.resultCode),
    ResultDesc: outcome.resultDesc,
  };
}

export interface EnvelopeInput {
  resultType?: number | string;
  resultCode: DarajaCode;
  resultDesc?: string;
  originatorConversationId: string;
  conversationId: string;
  transactionId: string;
  parameters?: ResultParameter[];
  reference: ResultParameter;
}

/** {"Result": {...}}; ResultParameters only when given (success). */
export function resultEnvelope(input: EnvelopeInput): unknown {
  const result: Record<string, unknown> = {
    ResultType: input.resultType ?? 0,
    ResultCode: input.resultCode,
    ResultDesc: input.resultDesc ?? describeCode(RESULT_DESC, input.resultCode),
    OriginatorConversationID: input.originatorConversationId,
    ConversationID: input.conversationId,
    TransactionID: input.transactionId,
  };
  if (input.parameters) result.ResultParameters = { ResultParameter: input.parameters };
  result.ReferenceData = { ReferenceItem: input.reference };
  return { Result: result };
}

/** Account Balance's one string: Name|Currency|n1|n2|n3|n4 joined by &. */
export function accountBalanceString(account: DarajaAccount): string {
  const line = (name: string, cents: number): string => `${name}|KES|${formatCents(cents)}|${formatCents(cents)}|0.00|0.00`;
  return [
    line('Working Account', account.workingCents),
    line('Float Account', 0),
    line('Utility Account', account.utilityCents),
    line('Charges Paid Account', account.chargesCents),
    line('Organization Settlement Account', 0),
  ].join('&');
}

export const B2C_REASON: Readonly<Record<string, string>> = {
  BusinessPayment: 'Business Payment to Customer via API',
  SalaryPayment: 'Salary Payment via API',
  PromotionPayment: 'Promotion Payment via API',
};

function transactionStatus(record: DarajaTransaction, now: number): string {
  if (record.kind === 'c2b') {
    if (record.reversed) return 'Reversed';
    return record.status === 'completed' ? 'Completed' : record.status === 'pending' ? 'Pending' : 'Failed';
  }
  const shown = record.kind === 'stk' ? record.outcome && now >= record.shownAt : record.outcome;
  if (!shown || !record.outcome) return 'Pending';
  if (record.outcome.resultCode !== 0) return 'Failed';
  return record.kind === 'stk' && record.reversed ? 'Reversed' : 'Completed';
}

/** The Transaction Status ResultParameters of a transaction as it is now (times and amounts as numbers). */
export function statusParameters(record: DarajaTransaction, now = Date.now()): { receipt: string | null; parameters: ResultParameter[] } {
  const who = (party: string, name: string): string => `${party} - ${name}`;
  let receipt: string | null = null;
  let conversationId = '';
  let originatorId = '';
  let reason = '';
  let debit = '';
  let credit = '';
  let debitType = 'MMF Account For Customer';
  let charges = '';
  let finalised: number | null = null;
  switch (record.kind) {
    case 'stk':
      receipt = record.outcome?.receipt ?? null;
      conversationId = record.checkoutRequestId;
      originatorId = record.merchantRequestId;
      reason = record.transactionType === 'CustomerPayBillOnline' ? 'Pay Bill Online' : 'Buy Goods Online';
      debit = who(record.phoneNumber, CUSTOMER_NAME);
      credit = who(record.partyB, ORGANISATION_NAME);
      finalised = record.outcome && now >= record.shownAt ? record.outcome.decidedAt : null;
      break;
    case 'b2c':
      receipt = record.outcome?.receipt ?? null;
      conversationId = record.conversationId;
      originatorId = record.originatorConversationId;
      reason = B2C_REASON[record.commandId] ?? record.commandId;
      debit = who(record.partyA, ORGANISATION_NAME);
      credit = who(record.partyB, CUSTOMER_NAME);
      debitType = 'Utility Account';
      charges = 'Fee For B2C Payment|KES|0.00';
      finalised = record.outcome?.decidedAt ?? null;
      break;
    case 'c2b':
      receipt = record.transId;
      originatorId = record.originatorConversationId;
      reason = record.commandId === 'CustomerPayBillOnline' ? 'Pay Bill' : 'Buy Goods';
      debit = who(record.msisdn, CUSTOMER_NAME);
      credit = who(record.shortCode, ORGANISATION_NAME);
      finalised = record.completedAt;
      break;
    case 'reversal':
      receipt = record.outcome?.receipt ?? null;
      conversationId = record.conversationId;
      originatorId = record.originatorConversationId;
      reason = 'Reversal';
      debit = who(record.receiverParty, ORGANISATION_NAME);
      credit = record.customerMsisdn ? who(record.customerMsisdn, CUSTOMER_NAME) : '';
      debitType = 'Utility Account';
      finalised = record.outcome?.decidedAt ?? null;
      break;
  }
  return {
    receipt,
    parameters: [
      param('DebitPartyName', debit),
      param('CreditPartyName', credit),
      param('OriginatorConversationID', originatorId),
      param('InitiatedTime', Number(eatTimestamp(record.createdAt))),
      param('DebitAccountType', debitType),
      param('DebitPartyCharges', charges),
      param('TransactionReason'),
      param('ReasonType', reason),
      param('TransactionStatus', transactionStatus(record, now)),
      param('FinalisedTime', finalised === null ? undefined : Number(eatTimestamp(finalised))),
      param('Amount', record.amount),
      param('ConversationID', conversationId),
      param('ReceiptNo', receipt ?? undefined),
    ],
  };
}

/** B2C success ResultParameters (§6). */
export function b2cSuccessParameters(amount: number, receipt: string, partyB: string, decidedAt: number, utilityAfterCents: number, workingCents: number, chargesCents: number): ResultParameter[] {
  return [
    param('TransactionAmount', amount),
    param('TransactionReceipt', receipt),
    param('ReceiverPartyPublicName', `${partyB} - ${CUSTOMER_NAME}`),
    param('TransactionCompletedDateTime', eatDotted(decidedAt)),
    param('B2CUtilityAccountAvailableFunds', centsNumber(utilityAfterCents)),
    param('B2CWorkingAccountAvailableFunds', centsNumber(workingCents)),
    param('B2CRecipientIsRegisteredCustomer', 'Y'),
    param('B2CChargesPaidAccountAvailableFunds', centsNumber(chargesCents)),
  ];
}

/** "2547 ***** 149" (v2) or the SHA-256 hex of the number (v1). */
export function notificationMsisdn(msisdn: string, version: 'v1' | 'v2'): string {
  return version === 'v2' ? `${msisdn.slice(0, 4)} ***** ${msisdn.slice(-3)}` : msisdnHash(msisdn);
}

/** The C2B validation/confirmation payload: OrgAccountBalance "" on validation. */
export function c2bPayload(record: C2bRecord, orgBalanceCents: number | null): Record<string, string> {
  return {
    TransactionType: record.commandId === 'CustomerPayBillOnline' ? 'Pay Bill' : 'Buy Goods',
    TransID: record.transId,
    TransTime: eatTimestamp(record.createdAt),
    TransAmount: formatCents(record.amount * 100),
    BusinessShortCode: record.shortCode,
    BillRefNumber: record.billRefNumber,
    InvoiceNumber: '',
    OrgAccountBalance: orgBalanceCents === null ? '' : formatCents(orgBalanceCents),
    ThirdPartyTransID: record.thirdPartyTransId,
    MSISDN: notificationMsisdn(record.msisdn, record.notificationVersion),
    FirstName: 'John',
    MiddleName: '',
    LastName: 'Doe',
  };
}
