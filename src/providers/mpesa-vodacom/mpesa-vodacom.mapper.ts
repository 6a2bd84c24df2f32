// What Vodacom's answers mean, in our vocabulary. Pure functions, no I/O: every money-safety decision about a
// Vodacom answer lives here (README "Initiation answers", "Status"). The API is synchronous: an initiation
// answer is FINAL (INS-0 = done), so initiations end succeeded / failed / unknown, never accepted.
import type { ProviderOutcome, StatusQuery } from '../provider.port';
import type { OperatorHttpResult } from '../shared/operator-http';
import { VodacomAnswer, describeVodacom, isKnownVodacomCode, mapVodacomResponseCode, readVodacomAnswer } from './mpesa-vodacom.codes';

export type VodacomInitiationKind = 'c2b' | 'b2c' | 'reversal';

/** 'N/A' and similar placeholders are not ids. */
function realId(value: string | undefined): string | undefined {
  return value && !/^(n\/?a|null|undefined|-)$/i.test(value) ? value : undefined;
}

function transportOutcome(result: Extract<OperatorHttpResult, { kind: 'transport_failure' }>): ProviderOutcome {
  const reason = `${result.code}: ${result.message}`;
  return result.sent === false ? { kind: 'rejected_unsent', reason } : { kind: 'unknown', reason: `${reason}; outcome unknown, query the status` };
}

/**
 * The answer to a C2B, B2C or reversal call (`ourReference` = the input_ThirdPartyReference we sent):
 *  - connection refused / DNS (never sent) → rejected_unsent; timeout, reset → unknown (NEVER failed);
 *  - no INS code in the body (a 401 or 5xx without output_*, an HTML page, an empty 2xx) → unknown (§3.2: a
 *    C2B has answered a bare 401 after the customer confirmed);
 *  - an answer about another ThirdPartyReference → unknown;
 *  - INS-0 with a 2xx → succeeded (providerTransactionId = output_TransactionID, providerReference =
 *    output_ConversationID); INS-0 with any other status → unknown;
 *  - a code the table reads as unknown (INS-1, INS-9, INS-10, INS-16) or not_found (INS-23) → unknown;
 *  - a code outside the table → unknown, whatever the HTTP status (the raw code kept in the reason);
 *  - any other code → failed with its FailureCode and "INS-x: description".
 */
export function mapVodacomInitiation(kind: VodacomInitiationKind, result: OperatorHttpResult, ourReference: string): ProviderOutcome {
  if (result.kind === 'transport_failure') return transportOutcome(result);
  const { status } = result;
  const a = readVodacomAnswer(result.body);
  if (!a.code) return { kind: 'unknown', reason: `HTTP ${status} without an INS code: outcome unknown, query the status` };
  if (a.thirdPartyReference && a.thirdPartyReference !== ourReference) {
    return { kind: 'unknown', reason: `${describeVodacom(a, status)} about ThirdPartyReference ${a.thirdPartyReference}, not ${ourReference}` };
  }
  const ids = identifiers(a);
  const meaning = mapVodacomResponseCode(a.code, kind);
  if (meaning.kind === 'succeeded') {
    if (status < 200 || status >= 300) return { kind: 'unknown', reason: `${describeVodacom(a, status)}: success code with an error status` };
    return { kind: 'succeeded', ...ids, providerStatus: a.code };
  }
  if (!isKnownVodacomCode(a.code)) return { kind: 'unknown', reason: `${describeVodacom(a, status)}: unrecognised code, outcome unknown, query the status` };
  if (meaning.kind === 'unknown' || meaning.kind === 'not_found') return { kind: 'unknown', reason: `${describeVodacom(a, status)}: outcome unknown, query the status` };
  return { kind: 'failed', failureCode: meaning.failureCode, failureReason: describeVodacom(a), ...(ids.providerReference ? { providerReference: ids.providerReference } : {}) };
}

/**
 * The answer to queryTransactionStatus about `query` (`callReference` = the query's own new reference):
 * Completed → succeeded (the ids known from the initiation kept: the query returns no TransactionID),
 * Cancelled → failed PAYER_DECLINED, Expired → failed EXPIRED, Failed → failed UNKNOWN, Pending → pending,
 * INS-23 → not_found; anything else (N/A: Vodacom cannot say; another code, another status, no answer, any
 * transport failure) → unknown.
 */
export function mapVodacomStatus(result: OperatorHttpResult, query: StatusQuery, callReference: string): ProviderOutcome {
  if (result.kind === 'transport_failure') return { kind: 'unknown', reason: `status query: ${result.code}: ${result.message}` };
  const { status } = result;
  const a = readVodacomAnswer(result.body);
  if (!a.code) return { kind: 'unknown', reason: `status query: HTTP ${status} without an INS code` };
  if (a.code === 'INS-23') return { kind: 'not_found', reason: describeVodacom(a, status) };
  if (a.code !== 'INS-0' || status < 200 || status >= 300) return { kind: 'unknown', reason: `status query answered ${describeVodacom(a, status)}` };
  if (a.thirdPartyReference && a.thirdPartyReference !== callReference) {
    return { kind: 'unknown', reason: `status query answered for ThirdPartyReference ${a.thirdPartyReference}, not ${callReference}` };
  }
  const known = {
    ...(query.providerReference ? { providerReference: query.providerReference } : {}),
    ...(query.providerTransactionId ? { providerTransactionId: query.providerTransactionId } : {}),
  };
  const ref = query.providerReference ? { providerReference: query.providerReference } : {};
  const said = a.transactionStatus ?? '';
  switch (said.toLowerCase()) {
    case 'completed':
      return { kind: 'succeeded', ...known, providerStatus: 'Completed' };
    case 'cancelled':
    case 'canceled':
      return { kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: `Cancelled: the transaction was cancelled (${describeVodacom(a)})`, ...ref };
    case 'expired':
      return { kind: 'failed', failureCode: 'EXPIRED', failureReason: `Expired: the customer did not confirm in time (${describeVodacom(a)})`, ...ref };
    case 'failed':
      return { kind: 'failed', failureCode: 'UNKNOWN', failureReason: `Failed: Vodacom reports the transaction failed (${describeVodacom(a)})`, ...ref };
    case 'pending':
      return { kind: 'pending', ...ref, providerStatus: said };
    case 'n/a':
      return { kind: 'unknown', reason: `status query: output_ResponseTransactionStatus "${said}": Vodacom cannot tell the status (${describeVodacom(a)})` };
    default:
      return { kind: 'unknown', reason: `status query: unrecognised output_ResponseTransactionStatus "${said}"` };
  }
}

function identifiers(a: VodacomAnswer): { providerReference?: string; providerTransactionId?: string } {
  const transactionId = realId(a.transactionId);
  const conversationId = realId(a.conversationId);
  return { ...(conversationId ? { providerReference: conversationId } : {}), ...(transactionId ? { providerTransactionId: transactionId } : {}) };
}
