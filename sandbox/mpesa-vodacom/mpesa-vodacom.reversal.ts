// Reversal (PUT, §2.4) and query transaction status (GET, §2.5).
import type { SandboxRequest, SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { sendIns } from './mpesa-vodacom.codes';
import type { MpesaVodacomState } from './mpesa-vodacom.state';
import { authorized, checkAmount, isReference, objectBody, readFields, refuse } from './mpesa-vodacom.validation';

const REVERSAL_FIELDS = ['input_TransactionID', 'input_SecurityCredential', 'input_InitiatorIdentifier', 'input_ThirdPartyReference', 'input_ServiceProviderCode'] as const;
const QUERY_FIELDS = ['input_ThirdPartyReference', 'input_QueryReference', 'input_ServiceProviderCode'] as const;

export function registerVodacomReversalAndQuery(ctx: OperatorContext, state: MpesaVodacomState): void {
  const opts = ctx.options;

  /**
   * Checks, in order: fields (INS-20/21), shortcode (INS-13), initiator (INS-24), credential (INS-25),
   * ThirdPartyReference format (INS-19) and reuse (409 INS-10), the TransactionID of a Completed C2B or B2C
   * (INS-18), the amount (input_ReversalAmount, else input_Amount, else what is left; INS-15 when invalid or
   * more than what is left), nothing left to reverse (409 INS-10), the shortcode's balance for a C2B
   * reversal (422 INS-2006). Then the reversal is recorded (Completed) and answered 200 INS-0.
   */
  function reversal(req: SandboxRequest, res: SandboxResponse): unknown {
    if (!authorized(req, res, state)) return;
    const body = objectBody(req, res);
    if (!body) return;
    const f = readFields(body, REVERSAL_FIELDS, res);
    if (!f) return;
    const tpr = f['input_ThirdPartyReference']!;
    const e = { output_ThirdPartyReference: tpr };
    if (f['input_ServiceProviderCode'] !== opts.vodacomServiceProviderCode) return refuse(res, 'INS-13', e);
    if (f['input_InitiatorIdentifier'] !== opts.vodacomInitiatorIdentifier) return refuse(res, 'INS-24', e);
    if (f['input_SecurityCredential'] !== opts.vodacomSecurityCredential) return refuse(res, 'INS-25', e);
    if (!isReference(tpr)) return refuse(res, 'INS-19', e);
    if (state.usedReferences.has(tpr)) return refuse(res, 'INS-10', e);
    state.settleDue();
    const original = state.byTransactionId.get(f['input_TransactionID']!);
    if (!original || original.type === 'reversal' || original.status !== 'Completed') return refuse(res, 'INS-18', e);
    const left = original.amountMinor - original.reversedMinor;
    const rawAmount = body['input_ReversalAmount'] ?? body['input_Amount'];
    let amountMinor = left;
    if (rawAmount !== undefined && rawAmount !== null && rawAmount !== '') {
      const parsed = typeof rawAmount === 'string' ? checkAmount(rawAmount) : null;
      if (parsed === null) return refuse(res, 'INS-15', e);
      amountMinor = parsed;
    }
    if (left <= 0n) return refuse(res, 'INS-10', e);
    if (amountMinor > left) return refuse(res, 'INS-15', e);
    if (original.type === 'c2b' && state.balanceMinor < amountMinor) return refuse(res, 'INS-2006', e);
    state.balanceMinor += original.type === 'c2b' ? -amountMinor : amountMinor;
    original.reversedMinor += amountMinor;
    const record = state.record({
      type: 'reversal',
      thirdPartyReference: tpr,
      transactionReference: null,
      msisdn: original.msisdn,
      amountMinor,
      serviceProviderCode: original.serviceProviderCode,
      scenario: 'reversal',
      finalStatus: 'Completed',
      settlesAt: Date.now(),
      originalTransactionId: original.transactionId,
    });
    original.reversalIds.push(record.transactionId);
    record.answer = { httpStatus: 200, code: 'INS-0', at: Date.now() };
    return sendIns(res, 'INS-0', { output_TransactionID: record.transactionId, output_ConversationID: record.conversationId, output_ThirdPartyReference: tpr }, 200);
  }

  /**
   * GET with the query string: the three fields (INS-20), shortcode (INS-13), the query's OWN new
   * ThirdPartyReference (INS-19; a reused one → 409 INS-10), then the transaction by TransactionID,
   * ConversationID or ThirdPartyReference (INS-23 when unknown) → 200 INS-0 with its status.
   */
  function query(req: SandboxRequest, res: SandboxResponse): unknown {
    if (!authorized(req, res, state)) return;
    const params: Record<string, unknown> = {};
    for (const name of QUERY_FIELDS) params[name] = req.query.get(name) ?? undefined;
    const f = readFields(params, QUERY_FIELDS, res);
    if (!f) return;
    const tpr = f['input_ThirdPartyReference']!;
    const e = { output_ThirdPartyReference: tpr };
    if (f['input_ServiceProviderCode'] !== opts.vodacomServiceProviderCode) return refuse(res, 'INS-13', e);
    if (!isReference(tpr)) return refuse(res, 'INS-19', e);
    if (state.usedReferences.has(tpr)) return refuse(res, 'INS-10', e);
    state.usedReferences.add(tpr);
    const tx = state.find(f['input_QueryReference']!);
    if (!tx) return refuse(res, 'INS-23', e);
    tx.queries += 1;
    return sendIns(res, 'INS-0', { output_ResponseTransactionStatus: tx.status, output_ThirdPartyReference: tpr }, 200);
  }

  ctx.route('PUT', '/ipg/v1x/reversal/', (req, res) => void reversal(req, res));
  ctx.route('GET', '/ipg/v1x/queryTransactionStatus/', (req, res) => void query(req, res));
}
