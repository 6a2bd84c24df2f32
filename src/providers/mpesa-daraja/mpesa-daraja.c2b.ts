// C2B (fact sheet §5): the customer pays our Paybill/Till from their own phone. We register a validation
// and a confirmation URL once per shortcode; Daraja then POSTs the same payload to each. Every value is a
// string; the MSISDN is masked (v2) or a SHA-256 hash (v1) since Nov 2023 and is never trusted.
import {
  CallbackParseError,
  CustomerPayment,
  CustomerPaymentDecision,
  CustomerPaymentSupport,
  ProviderAccountContext,
  ProviderResult,
  RawCallback,
} from '../provider.port';
import { isHttpUrl } from '../shared/account-checks';
import { DARAJA_CURRENCY, forbiddenUrlWords, toRegisterUrlBody } from './mpesa-daraja.bodies';
import { DARAJA_PATHS, MpesaDarajaClient } from './mpesa-daraja.client';
import { asRecord, text } from './mpesa-daraja.codes';
import { readDarajaConfig } from './mpesa-daraja.config';
import { parseDarajaTime } from './mpesa-daraja.crypto';
import { mapRegisterUrlResult } from './mpesa-daraja.mapper';

/** Validation rejection codes by our decision's reason (C2B00012 account, C2B00013 amount, C2B00016 other). */
export const C2B_REJECTION_CODES = { account_reference: 'C2B00012', amount: 'C2B00013', other: 'C2B00016' } as const;

/** Parses (never trusts) a validation or confirmation payload. Throws CallbackParseError when unusable. */
export function parseDarajaCustomerPayment(body: unknown, phase: 'validation' | 'confirmation'): CustomerPayment {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new CallbackParseError('Daraja C2B payload is not a JSON object');
  const b = asRecord(body);
  const receipt = text(b['TransID']);
  if (!receipt) throw new CallbackParseError('Daraja C2B payload has no TransID');
  const amount = text(b['TransAmount']);
  if (!amount || !/^\d+(\.\d+)?$/.test(amount)) throw new CallbackParseError(`Daraja C2B payload has no usable TransAmount (${JSON.stringify(b['TransAmount'] ?? null)})`);
  const names = ['FirstName', 'MiddleName', 'LastName'].map((k) => text(b[k])).filter((v): v is string => v !== undefined);
  const transTime = text(b['TransTime']);
  return {
    phase,
    receipt,
    amount,
    currency: DARAJA_CURRENCY,
    msisdn: text(b['MSISDN']) ?? null,
    accountReference: text(b['BillRefNumber']) ?? null,
    shortcode: text(b['BusinessShortCode']) ?? null,
    payerName: names.length > 0 ? names.join(' ') : null,
    occurredAt: (transTime !== undefined ? parseDarajaTime(transTime) : undefined) ?? null,
  };
}

/** The HTTP answer Daraja expects: validation accept/reject (§5), confirmation always acknowledged. */
export function darajaCustomerPaymentAnswer(phase: 'validation' | 'confirmation', decision: CustomerPaymentDecision): { status: number; body: unknown } {
  if (phase === 'confirmation') return { status: 200, body: { ResultCode: 0, ResultDesc: 'Success' } };
  if (decision.accept) return { status: 200, body: { ResultCode: '0', ResultDesc: 'Accepted' } };
  return { status: 200, body: { ResultCode: C2B_REJECTION_CODES[decision.reason] ?? C2B_REJECTION_CODES.other, ResultDesc: 'Rejected' } };
}

/** Why Daraja would refuse these URLs (§5), checked before any call; undefined when they are acceptable. */
export function registerUrlProblem(environment: 'sandbox' | 'production', urls: { validationUrl: string; confirmationUrl: string }): string | undefined {
  for (const [name, url] of [['validationUrl', urls.validationUrl], ['confirmationUrl', urls.confirmationUrl]] as const) {
    if (!isHttpUrl(url)) return `${name} is not an http(s) URL`;
    if (environment === 'production' && !url.toLowerCase().startsWith('https:')) return `${name} must be https in production`;
    const words = forbiddenUrlWords(url);
    if (words.length > 0) return `${name} contains ${words.map((w) => `"${w}"`).join(', ')}, which Daraja refuses in C2B URLs (mpesa, safaricom, exe, exec, cmd, sql, query; any case)`;
  }
  return undefined;
}

/** CustomerPaymentSupport for Daraja C2B. */
export class DarajaCustomerPayments implements CustomerPaymentSupport {
  constructor(private readonly client: MpesaDarajaClient) {}

  /** POST /mpesa/c2b/v1/registerurl. Bad URLs fail locally (PROVIDER_ERROR, no call). */
  async registerCustomerPaymentUrls(account: ProviderAccountContext, urls: { validationUrl: string; confirmationUrl: string }): Promise<ProviderResult> {
    const config = readDarajaConfig(account);
    const problem = registerUrlProblem(config.environment, urls);
    if (problem) return { outcome: { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: `C2B_URL_REFUSED: ${problem}` }, exchanges: [] };
    const result = await this.client.post(account, {
      operation: 'mpesa-daraja.c2b.registerurl',
      path: DARAJA_PATHS.registerUrl,
      body: toRegisterUrlBody(config, urls),
      callbackUrls: [urls.validationUrl, urls.confirmationUrl],
    });
    return { outcome: mapRegisterUrlResult(result), exchanges: result.exchanges };
  }

  parseCustomerPayment(_account: ProviderAccountContext, callback: RawCallback, phase: 'validation' | 'confirmation'): CustomerPayment {
    return parseDarajaCustomerPayment(callback.body, phase);
  }

  customerPaymentAnswer(phase: 'validation' | 'confirmation', decision: CustomerPaymentDecision): { status: number; body: unknown } {
    return darajaCustomerPaymentAnswer(phase, decision);
  }
}
