// Our requests → Daraja request bodies (fact sheet §2, §3, §5, §6, §7), with the local checks that make a
// request fail before any call: whole KES amounts, Kenyan Safaricom numbers, Daraja's field limits.
// Field names are Daraja's, odd spellings included (Occassion on B2C v3, RecieverIdentifierType).
import type { FailureCode, PaymentRequest } from '../provider.port';
import { maskMsisdn } from '../../common/phone/phone';
import { isHttpUrl } from '../shared/account-checks';
import type { DarajaAccountConfig, DarajaInitiator } from './mpesa-daraja.config';
import { stkPartyB } from './mpesa-daraja.config';
import { darajaSecurityCredential, stkPassword } from './mpesa-daraja.crypto';

export type BuildResult<T> = { ok: true; body: T } | { ok: false; failureCode: FailureCode; reason: string };

export const DARAJA_CURRENCY = 'KES';
export const ACCOUNT_REFERENCE_MAX = 12;
export const TRANSACTION_DESC_MAX = 13;
export const REMARKS_MAX = 100;

/** `?op=` values of the URLs we give Daraja; parseCallback reads them back (README "Callbacks"). */
export const DARAJA_OPS = {
  b2c: 'b2c',
  timeout: 'timeout',
  status: 'status',
  statusTimeout: 'status-timeout',
  reversal: 'reversal',
  reversalTimeout: 'reversal-timeout',
  refundReversal: 'refund-reversal',
  balance: 'balance',
  balanceTimeout: 'balance-timeout',
} as const;
export type DarajaOp = (typeof DARAJA_OPS)[keyof typeof DARAJA_OPS];

/** Words Daraja refuses anywhere in a C2B URL, in any case (§5). */
export const DARAJA_FORBIDDEN_URL_WORDS = ['mpesa', 'safaricom', 'exe', 'exec', 'cmd', 'sql', 'query'] as const;

export interface StkPushBody {
  BusinessShortCode: string;
  Password: string;
  Timestamp: string;
  TransactionType: string;
  Amount: number;
  PartyA: string;
  PartyB: string;
  PhoneNumber: string;
  CallBackURL: string;
  AccountReference: string;
  TransactionDesc: string;
}

/**
 * A decimal KES amount as Daraja's whole number: "150" and "150.00" → "150"; a non-zero fraction, less
 * than 1, or more than 15 digits (not exactly representable as a JSON number) → undefined.
 */
export function wholeAmount(amount: string): string | undefined {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(amount);
  if (!m) return undefined;
  if (m[2] !== undefined && /[1-9]/.test(m[2])) return undefined;
  const whole = (m[1] as string).replace(/^0+(?=\d)/, '');
  if (whole === '0' || whole.length > 15) return undefined;
  return whole;
}

/** A Kenyan Safaricom-range number as Daraja wants it (2547XXXXXXXX / 2541XXXXXXXX); undefined otherwise. */
export function darajaMsisdn(msisdn: string): string | undefined {
  const digits = msisdn.replace(/[\s()+-]/g, '');
  const national = /^0([17]\d{8})$/.exec(digits);
  const full = national ? `254${national[1]}` : digits;
  return /^254[17]\d{8}$/.test(full) ? full : undefined;
}

/** AccountReference: our reference (else our id) with everything but A–Z/a–z/0–9 removed, cut to 12. */
export function accountReferenceFor(request: Pick<PaymentRequest, 'reference' | 'transactionId'>): string {
  const clean = (value: string | null | undefined) => (value ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, ACCOUNT_REFERENCE_MAX);
  return clean(request.reference) || clean(request.transactionId) || 'PAYMENT';
}

/** TransactionDesc: description (else reference, else "Payment"), letters/digits/spaces only, ≤ 13 chars. */
export function transactionDescFor(request: Pick<PaymentRequest, 'description' | 'reference'>): string {
  const clean = (value: string | null | undefined) =>
    (value ?? '').replace(/[^A-Za-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, TRANSACTION_DESC_MAX).trim();
  return clean(request.description) || clean(request.reference) || 'Payment';
}

/** Remarks (B2C, status, balance, reversal): printable ASCII, 2–100 chars, else `fallback`. */
export function remarksFor(value: string | null | undefined, fallback: string): string {
  const clean = (value ?? '').replace(/[^\x20-\x7E]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, REMARKS_MAX).trim();
  return clean.length >= 2 ? clean : fallback;
}

/** True for an http(s) URL we can give Daraja (and add `?op=` to). */
export function usableCallbackUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && isHttpUrl(url);
}

/** `url` with `op=<op>` in its query string (replacing an `op` already there, keeping the rest). */
export function withOp(url: string, op: DarajaOp): string {
  const parsed = new URL(url);
  parsed.searchParams.set('op', op);
  return parsed.toString();
}

/** The forbidden words (§5) found in a URL, lower-case; empty when the URL is acceptable. */
export function forbiddenUrlWords(url: string): string[] {
  const lower = url.toLowerCase();
  return DARAJA_FORBIDDEN_URL_WORDS.filter((word) => lower.includes(word));
}

/** The amount and number checks shared by STK and B2C. */
export function checkPayment(request: Pick<PaymentRequest, 'amount' | 'currency' | 'msisdn'>): BuildResult<{ amount: string; msisdn: string }> {
  if (request.currency.toUpperCase() !== DARAJA_CURRENCY) {
    return { ok: false, failureCode: 'PROVIDER_ERROR', reason: `CURRENCY_MISMATCH: M-Pesa Kenya moves KES only, not ${request.currency}` };
  }
  const amount = wholeAmount(request.amount);
  if (!amount) return { ok: false, failureCode: 'INVALID_AMOUNT', reason: `AMOUNT_NOT_WHOLE: M-Pesa takes whole KES of at least 1 (got ${request.amount})` };
  const msisdn = darajaMsisdn(request.msisdn);
  if (!msisdn) return { ok: false, failureCode: 'PAYER_NOT_FOUND', reason: `MSISDN_INVALID: ${maskMsisdn(request.msisdn)} is not a Kenyan 2547…/2541… number` };
  return { ok: true, body: { amount, msisdn } };
}

/** STK Push body (§2). `timestamp` is darajaTimestamp() and goes into the Password too. */
export function toStkPushBody(config: DarajaAccountConfig, request: PaymentRequest, timestamp: string): BuildResult<StkPushBody> {
  const checked = checkPayment(request);
  if (!checked.ok) return checked;
  if (!usableCallbackUrl(request.callbackUrl)) return { ok: false, failureCode: 'PROVIDER_ERROR', reason: 'NO_CALLBACK_URL: STK Push needs a CallBackURL' };
  const { shortcode } = config.settings;
  return {
    ok: true,
    body: {
      BusinessShortCode: shortcode,
      Password: stkPassword(shortcode, config.credentials.passkey, timestamp),
      Timestamp: timestamp,
      TransactionType: config.settings.transactionType,
      Amount: Number(checked.body.amount),
      PartyA: checked.body.msisdn,
      PartyB: stkPartyB(config),
      PhoneNumber: checked.body.msisdn,
      CallBackURL: request.callbackUrl,
      AccountReference: accountReferenceFor(request),
      TransactionDesc: transactionDescFor(request),
    },
  };
}

/** STK Push Query body (§3). */
export function toStkQueryBody(config: DarajaAccountConfig, checkoutRequestId: string, timestamp: string) {
  const { shortcode } = config.settings;
  return { BusinessShortCode: shortcode, Password: stkPassword(shortcode, config.credentials.passkey, timestamp), Timestamp: timestamp, CheckoutRequestID: checkoutRequestId };
}

export interface B2cParams {
  originatorConversationId: string;
  amount: string;
  msisdn: string;
  remarks: string;
  occasion: string;
  resultUrl: string;
  queueTimeoutUrl: string;
}

/** B2C v3 body (§6): OriginatorConversationID required, `Occassion` spelled as the v3 docs do. */
export function toB2cBody(config: DarajaAccountConfig, initiator: DarajaInitiator, partyA: string, p: B2cParams) {
  return {
    OriginatorConversationID: p.originatorConversationId,
    InitiatorName: initiator.initiatorName,
    SecurityCredential: darajaSecurityCredential(initiator.initiatorPassword, initiator.publicKey),
    CommandID: config.settings.b2cCommandId,
    Amount: Number(p.amount),
    PartyA: partyA,
    PartyB: p.msisdn,
    Remarks: p.remarks,
    QueueTimeOutURL: p.queueTimeoutUrl,
    ResultURL: p.resultUrl,
    Occassion: p.occasion,
  };
}

export interface ReversalParams {
  receipt: string;
  amount: string;
  receiverParty: string;
  remarks: string;
  resultUrl: string;
  queueTimeoutUrl: string;
}

/** Reversal body (§7): `RecieverIdentifierType` (sic) "11", Amount as a whole-number string. */
export function toReversalBody(initiator: DarajaInitiator, p: ReversalParams) {
  return {
    Initiator: initiator.initiatorName,
    SecurityCredential: darajaSecurityCredential(initiator.initiatorPassword, initiator.publicKey),
    CommandID: 'TransactionReversal',
    TransactionID: p.receipt,
    Amount: p.amount,
    ReceiverParty: p.receiverParty,
    RecieverIdentifierType: '11',
    ResultURL: p.resultUrl,
    QueueTimeOutURL: p.queueTimeoutUrl,
    Remarks: p.remarks,
    Occasion: '',
  };
}

export interface TransactionStatusParams {
  /** The M-Pesa receipt, when known; else the ConversationID goes in OriginalConversationID. */
  receipt?: string;
  conversationId?: string;
  partyA: string;
  resultUrl: string;
  queueTimeoutUrl: string;
}

/** Transaction Status body (§7): by TransactionID (receipt) when known, else by OriginalConversationID. */
export function toTransactionStatusBody(initiator: DarajaInitiator, p: TransactionStatusParams) {
  return {
    Initiator: initiator.initiatorName,
    SecurityCredential: darajaSecurityCredential(initiator.initiatorPassword, initiator.publicKey),
    CommandID: 'TransactionStatusQuery',
    ...(p.receipt ? { TransactionID: p.receipt } : { OriginalConversationID: p.conversationId ?? '' }),
    PartyA: p.partyA,
    IdentifierType: '4',
    ResultURL: p.resultUrl,
    QueueTimeOutURL: p.queueTimeoutUrl,
    Remarks: 'Status check',
    Occasion: '',
  };
}

/** Account Balance body (§7): the B2C shortcode, IdentifierType "4". */
export function toAccountBalanceBody(initiator: DarajaInitiator, partyA: string, resultUrl: string, queueTimeoutUrl: string) {
  return {
    Initiator: initiator.initiatorName,
    SecurityCredential: darajaSecurityCredential(initiator.initiatorPassword, initiator.publicKey),
    CommandID: 'AccountBalance',
    PartyA: partyA,
    IdentifierType: '4',
    Remarks: 'Balance check',
    QueueTimeOutURL: queueTimeoutUrl,
    ResultURL: resultUrl,
  };
}

/** C2B Register URL body (§5). */
export function toRegisterUrlBody(config: DarajaAccountConfig, urls: { validationUrl: string; confirmationUrl: string }) {
  return { ShortCode: config.settings.shortcode, ResponseType: config.settings.c2bResponseType, ConfirmationURL: urls.confirmationUrl, ValidationURL: urls.validationUrl };
}
