// Disbursement (fact sheet §9): POST /standard/v1/disbursements/ and v2 (with transaction.type), answered
// synchronously; enquiry GET /standard/v{1,2}/disbursements/{id}. The `pin` must be the PIN RSA-encrypted
// with the sandbox's public key (PKCS#1 v1.5, or OAEP): a PIN that does not decrypt or is not
// options.airtelPin is refused and nothing is recorded or moved. A TS takes the amount from the country's
// disbursement wallet at the POST; a wallet that does not cover it gives TF DP00900001007, nothing moves.
import { sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { kycNames } from './airtel-money.account';
import { authorize, field, type AirtelCaller } from './airtel-money.auth';
import { codeMessage, envelope, refuse, sendGatewayError, sendSuccess, type AirtelStatusBlock, type Refusal } from './airtel-money.codes';
import { formatMoney } from './airtel-money.countries';
import { enquiryTransaction, shownCode, type AirtelDisbursement, type AirtelOutcome } from './airtel-money.records';
import { disbursementScenario } from './airtel-money.scenarios';
import type { AirtelMoneyState } from './airtel-money.state';
import { checkAmountField, checkCountryFields, checkMsisdnField, checkReference, checkTransactionId } from './airtel-money.validation';

const REFUSED = 'DP00900001013';

/** The synchronous answer: the status as the enquiry shows it now (or the scenario's answer code). */
function postAnswer(record: AirtelDisbursement): Record<string, unknown> {
  const shown = shownCode(record);
  const transaction: Record<string, unknown> = {};
  if (shown.status === 'TS') {
    transaction.reference_id = record.referenceId;
    transaction.airtel_money_id = record.airtelMoneyId;
  }
  transaction.id = record.id;
  let status: AirtelStatusBlock;
  const answerCode = record.scenario.answerCode;
  if (answerCode === 'DP00900001011') {
    status = { code: '400', message: codeMessage(answerCode), result_code: 'ESB000041', response_code: answerCode, success: false };
    return envelope({ transaction }, status);
  }
  transaction.status = shown.status;
  if (shown.status === 'TS') {
    status = { code: '200', message: shown.message, result_code: 'ESB000010', response_code: shown.responseCode, success: true };
  } else if (shown.status === 'TF') {
    status = { code: '400', message: shown.message, result_code: 'ESB000011', response_code: shown.responseCode, success: false };
  } else if (shown.status === 'TA') {
    status = { code: '200', message: shown.message, result_code: 'ESB000001', response_code: shown.responseCode, success: false };
  } else {
    status = { code: '200', message: shown.message, result_code: 'ESB000010', response_code: shown.responseCode, success: true };
  }
  return envelope({ transaction }, status);
}

function createHandler(ctx: OperatorContext, state: AirtelMoneyState, version: 'v1' | 'v2') {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorize(req, res, state, 'disbursement');
    if (!caller) return;
    const parsed = req.json();
    const body = parsed.kind === 'json' ? parsed.value : undefined;
    const payee = field(body, 'payee');
    const transaction = field(body, 'transaction');
    const loggedId = typeof transaction.id === 'string' || typeof transaction.id === 'number' ? String(transaction.id) : null;
    const loggedMsisdn = typeof payee.msisdn === 'string' || typeof payee.msisdn === 'number' ? String(payee.msisdn) : null;
    const refuseAttempt = (refusal: Refusal): void => {
      state.addDisbursementAttempt({
        kind: 'refused-disbursement',
        clientId: caller.app.clientId,
        country: caller.country.code,
        currency: caller.country.currency,
        createdAt: Date.now(),
        requestHeaders: caller.headers,
        requestBody: parsed.kind === 'json' ? parsed.value : req.body.toString('utf8').slice(0, 4096),
        path: req.path,
        signed: caller.signed,
        id: loggedId,
        msisdn: loggedMsisdn,
        refusal: {
          httpStatus: refusal.httpStatus ?? 200,
          resultCode: refusal.resultCode,
          responseCode: refusal.responseCode ?? null,
          message: refusal.message ?? codeMessage(refusal.responseCode ?? refusal.resultCode),
        },
      });
      refuse(res, refusal);
    };
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return refuseAttempt({ resultCode: 'ESB000008', responseCode: REFUSED, message: 'Missing header/body params' });
    }
    const fields = body as Record<string, unknown>;
    if (typeof fields.pin !== 'string' || fields.pin.trim() === '') {
      return refuseAttempt({ resultCode: 'ROUTER003', responseCode: REFUSED, message: 'Missing header/body params' });
    }
    const pin = state.keys.checkPin(fields.pin, state.pin);
    if (!pin.ok) {
      return refuseAttempt(
        pin.reason === 'undecryptable'
          ? { resultCode: 'ROUTER116', responseCode: REFUSED, message: 'Incorrect Encrypted Pin' }
          : { resultCode: 'ROUTER115', responseCode: REFUSED, message: 'Incorrect Pin' },
      );
    }
    const reference = checkReference(fields.reference, REFUSED);
    if (!reference.ok) return refuseAttempt(reference.refusal);
    const msisdn = checkMsisdnField(payee.msisdn, caller.country, REFUSED, '521002');
    if (!msisdn.ok) return refuseAttempt(msisdn.refusal);
    const mismatch = checkCountryFields(payee, caller.country, 'payee') ?? checkCountryFields(transaction, caller.country, 'transaction');
    if (mismatch) return refuseAttempt({ ...mismatch, responseCode: REFUSED });
    const amount = checkAmountField(transaction.amount, caller.country, 'DP00900001004');
    if (!amount.ok) return refuseAttempt(amount.refusal);
    const id = checkTransactionId(transaction.id, REFUSED);
    if (!id.ok) return refuseAttempt(id.refusal);
    const type = typeof transaction.type === 'string' ? transaction.type : null;
    if (version === 'v2' && type !== 'B2C') {
      const message = type === 'B2B' ? 'Invalid transaction type: the payee is a subscriber (B2C), not a merchant (B2B)' : 'transaction.type must be B2C or B2B';
      return refuseAttempt({ resultCode: 'ESB000008', responseCode: REFUSED, message });
    }
    const existing = state.disbursements.get(id.value);
    if (existing) {
      existing.postCount++;
      return refuseAttempt({ resultCode: 'ESB000041', responseCode: 'DP00900001017', message: 'Duplicate transaction id' });
    }
    const record = create(ctx, state, caller, { req, body: fields, id: id.value, msisdn: msisdn.value, amountMinor: amount.value, reference: reference.value, type, version, padding: pin.padding });
    state.addDisbursementAttempt(record);
    const scenario = record.scenario;
    if (scenario.html500) return sendGatewayError(res);
    if (scenario.hang) {
      const timer = ctx.timers.after(ctx.options.hangMs, () => sendJson(res, 200, postAnswer(record)));
      res.on('close', () => ctx.timers.cancel(timer));
      return;
    }
    sendJson(res, 200, postAnswer(record));
  };
}

interface CreateInput {
  req: SandboxRequest;
  body: Record<string, unknown>;
  id: string;
  msisdn: string;
  amountMinor: bigint;
  reference: string;
  type: string | null;
  version: 'v1' | 'v2';
  padding: AirtelDisbursement['pinPadding'];
}

/** Decides the outcome now (moving the money on TS) and builds the record. */
function create(ctx: OperatorContext, state: AirtelMoneyState, caller: AirtelCaller, input: CreateInput): AirtelDisbursement {
  const scenario = disbursementScenario(input.msisdn);
  const country = caller.country;
  const ids = state.newDisbursementIds(input.id);
  let decided: AirtelOutcome;
  let balanceAfterMinor: bigint | null = null;
  if (scenario.outcome === 'TS' && state.debit('disbursement', country.code, input.amountMinor)) {
    balanceAfterMinor = state.balance('disbursement', country.code);
    const names = kycNames(input.msisdn);
    decided = {
      status: 'TS',
      responseCode: 'DP00900001001',
      message: `You have sent ${formatMoney(input.amountMinor, country)} to ${input.msisdn} ${`${names.first_name} ${names.last_name}`.toUpperCase()}. Bal ${formatMoney(balanceAfterMinor, country)}. TID: ${ids.tid}`,
    };
  } else {
    const code = scenario.outcome === 'TS' ? 'DP00900001007' : (scenario.failCode ?? 'DP00900001005');
    decided = { status: 'TF', responseCode: code, message: scenario.outcome === 'TS' ? codeMessage(code) : (scenario.failMessage ?? codeMessage(code)) };
  }
  const createdAt = Date.now();
  return {
    kind: 'disbursement',
    id: input.id,
    clientId: caller.app.clientId,
    country: country.code,
    currency: country.currency,
    createdAt,
    requestHeaders: caller.headers,
    requestBody: input.body,
    path: input.req.path,
    signed: caller.signed,
    msisdn: input.msisdn,
    amount: field(input.body, 'transaction').amount,
    amountMinor: input.amountMinor,
    reference: input.reference,
    scenario,
    initialStatus: scenario.initialStatus,
    finalAt: createdAt + scenario.finalAfter(ctx.options),
    decided,
    airtelMoneyId: ids.airtelMoneyId,
    postCount: 1,
    version: input.version,
    type: input.type,
    referenceId: ids.referenceId,
    tid: ids.tid,
    pinPadding: input.padding,
    balanceAfterMinor,
  };
}

function enquiryHandler(state: AirtelMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    const caller = authorize(req, res, state, 'disbursement');
    if (!caller) return;
    const record = state.disbursements.get(req.params.id ?? '');
    if (!record || record.clientId !== caller.app.clientId || record.country !== caller.country.code) {
      return refuse(res, { resultCode: 'ESB000045', responseCode: 'DP00900001015', message: 'No Transaction Found With Provided Transaction Id.' });
    }
    sendSuccess(res, { transaction: enquiryTransaction(record) }, shownCode(record).responseCode);
  };
}

export function registerAirtelDisbursement(ctx: OperatorContext, state: AirtelMoneyState): void {
  for (const version of ['v1', 'v2'] as const) {
    ctx.route('POST', `/standard/${version}/disbursements/`, createHandler(ctx, state, version));
    ctx.route('POST', `/standard/${version}/disbursements`, createHandler(ctx, state, version));
    ctx.route('GET', `/standard/${version}/disbursements/:id`, enquiryHandler(state));
  }
}
