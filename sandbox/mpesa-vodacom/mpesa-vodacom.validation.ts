// The checks every /ipg/v1x/ call goes through (fact sheet §6): Origin present and a Bearer that decrypts
// to the API key (else 401 INS-2), a JSON object body (bad JSON or not an object → 400 INS-21, empty → 400
// INS-20), every field present (INS-20) and a string (INS-21), then the specific format codes. Each check
// answers itself and returns null when it refused the call.
import type { SandboxRequest, SandboxResponse } from '../core/http';
import { sendIns, type InsCode } from './mpesa-vodacom.codes';
import { parseMzn, type MpesaVodacomState } from './mpesa-vodacom.state';

export const MSISDN_PATTERN = /^2588[45]\d{7}$/;
const REFERENCE = /^\w+$/;

export type Fields = Record<string, string>;

/** Origin and Bearer; answers 401 INS-2 (reason in X-Sandbox-Reason) and returns false when either is wrong. */
export function authorized(req: SandboxRequest, res: SandboxResponse, state: MpesaVodacomState): boolean {
  let reason: string | null = null;
  if (!req.header('origin')?.trim()) reason = 'Origin header missing';
  else if (!req.header('authorization')) reason = 'Authorization header missing';
  else if (!state.keys.checkBearer(req.header('authorization'), state.options.vodacomApiKey)) reason = 'Bearer does not decrypt to the API key';
  if (reason === null) return true;
  sendIns(res, 'INS-2', {}, 201, { 'X-Sandbox-Reason': reason });
  return false;
}

/** The JSON object body of a POST/PUT, or null (answered). Values stay unknown until readFields. */
export function objectBody(req: SandboxRequest, res: SandboxResponse): Record<string, unknown> | null {
  const body = req.json();
  if (body.kind === 'empty') return refuse(res, 'INS-20');
  if (body.kind === 'invalid' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return refuse(res, 'INS-21');
  return body.value as Record<string, unknown>;
}

/** The named fields as strings, or null (answered): missing/empty → INS-20, not a string → INS-21. */
export function readFields(source: Record<string, unknown>, names: readonly string[], res: SandboxResponse): Fields | null {
  const out: Fields = {};
  for (const name of names) {
    const value = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
    if (value === undefined || value === null || value === '') return refuse(res, 'INS-20', echo(source));
    if (typeof value !== 'string') return refuse(res, 'INS-21', echo(source));
    out[name] = value;
  }
  return out;
}

export const PAYMENT_FIELDS = ['input_TransactionReference', 'input_CustomerMSISDN', 'input_Amount', 'input_ThirdPartyReference', 'input_ServiceProviderCode'] as const;

export interface PaymentInput {
  transactionReference: string;
  msisdn: string;
  amountMinor: bigint;
  thirdPartyReference: string;
  serviceProviderCode: string;
}

/**
 * C2B / B2C fields (§2.1, §5): shortcode = the configured one (INS-13); TransactionReference 1–20 chars
 * (INS-17) of \w (INS-14); ThirdPartyReference \w+ (INS-19); MSISDN 2588[45]XXXXXXX (INS-2051); amount a
 * decimal string ≥ 1 with at most 2 decimals (INS-15).
 */
export function checkPayment(f: Fields, res: SandboxResponse, state: MpesaVodacomState): PaymentInput | null {
  const e = { output_ThirdPartyReference: f['input_ThirdPartyReference'] };
  const spc = f['input_ServiceProviderCode']!;
  const ref = f['input_TransactionReference']!;
  const tpr = f['input_ThirdPartyReference']!;
  if (spc !== state.options.vodacomServiceProviderCode) return refuse(res, 'INS-13', e);
  if (ref.length > 20) return refuse(res, 'INS-17', e);
  if (!REFERENCE.test(ref)) return refuse(res, 'INS-14', e);
  if (!REFERENCE.test(tpr) || tpr.length > 64) return refuse(res, 'INS-19', e);
  if (!MSISDN_PATTERN.test(f['input_CustomerMSISDN']!)) return refuse(res, 'INS-2051', e);
  const amountMinor = checkAmount(f['input_Amount']!);
  if (amountMinor === null) return refuse(res, 'INS-15', e);
  return { transactionReference: ref, msisdn: f['input_CustomerMSISDN']!, amountMinor, thirdPartyReference: tpr, serviceProviderCode: spc };
}

/** A decimal string, at most 2 decimals, at least 1 MZN (§5); minor units or null. */
export function checkAmount(text: string): bigint | null {
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) return null;
  const minor = parseMzn(text);
  return minor !== null && minor >= 100n ? minor : null;
}

/** Answers a refusal and returns null, so checks can `return refuse(…)`. */
export function refuse(res: SandboxResponse, code: InsCode, extra: { output_ThirdPartyReference?: string } = {}): null {
  sendIns(res, code, extra);
  return null;
}

function echo(source: Record<string, unknown>): { output_ThirdPartyReference?: string } {
  const tpr = source['input_ThirdPartyReference'];
  return typeof tpr === 'string' ? { output_ThirdPartyReference: tpr } : {};
}

export function isReference(text: string): boolean {
  return REFERENCE.test(text) && text.length <= 64;
}
