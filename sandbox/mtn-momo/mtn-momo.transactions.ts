// What request-to-pay, transfer and refund have in common: the creating POST (checks in MTN's order,
// 409 on a reused reference id, the scenario's synchronous answers, the hanging POST) and the GET of
// the status. Each product module supplies the body validation and the kind-specific record fields.
import { sendEmpty, sendJson, sendRaw, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { authorizeProductCall, type MtnCaller } from './mtn-momo.auth';
import type { MtnCallbackSender } from './mtn-momo.callbacks';
import { parseAmount } from './mtn-momo.environments';
import { GATEWAY_ERROR_HTML, mtnBadRequest, mtnError } from './mtn-momo.errors';
import type { MtnScenario } from './mtn-momo.scenarios';
import type { MtnRecordBase } from './mtn-momo.records';
import { statusBody, type MtnKind, type MtnMomoState, type MtnProduct, type MtnRecord } from './mtn-momo.state';
import { callbackUrlHost, isUuidV4, normalizeHost, type MoneyInput, type Validation } from './mtn-momo.validation';

const RECORDED_HEADERS = ['x-reference-id', 'x-target-environment', 'x-callback-url', 'ocp-apim-subscription-key', 'content-type'];

/** The record fields every kind has; the kind adds its own (payer, payee, referenceIdToRefund, ...). */
export type MtnRecordCommon = MtnRecordBase;

export interface MtnCreateSpec<Input extends MoneyInput> {
  kind: MtnKind;
  product: MtnProduct;
  callbackMethod: 'POST' | 'PUT';
  validate(body: unknown): Validation<Input>;
  /** The scenario for a valid request of this caller. */
  scenario(input: Input, caller: MtnCaller): MtnScenario;
  /** The complete record from the common fields. */
  build(common: MtnRecordCommon, input: Input, caller: MtnCaller): MtnRecord;
}

/** POST handler creating a record of spec.kind: 202 empty, or MTN's errors. */
export function createHandler<Input extends MoneyInput>(
  ctx: OperatorContext,
  state: MtnMomoState,
  callbacks: MtnCallbackSender,
  spec: MtnCreateSpec<Input>,
) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorizeProductCall(req, res, state, spec.product);
    if (!caller) return;
    const referenceId = req.header('x-reference-id');
    if (!isUuidV4(referenceId)) return mtnBadRequest(res, 'X-Reference-Id must be a UUID version 4.');
    const existing = state.recordsOf(spec.kind).get(referenceId);
    if (existing) {
      existing.postCount++;
      return mtnError(res, 409, 'RESOURCE_ALREADY_EXIST');
    }
    const body = req.json();
    if (body.kind === 'empty') return mtnBadRequest(res, 'Request body is required.');
    if (body.kind === 'invalid') return mtnBadRequest(res, `Request body is not valid JSON: ${body.error}`);
    const input = spec.validate(body.value);
    if (!input.ok) return mtnError(res, input.httpStatus, input.code, input.message);
    const { value } = input;
    if (value.currency !== caller.environment.currency) return mtnError(res, 500, 'INVALID_CURRENCY');
    const amount = parseAmount(value.amount, caller.environment.exponent);
    if (!amount.ok) return mtnBadRequest(res, amount.message);

    const callbackHeader = req.header('x-callback-url')?.trim() || null;
    if (callbackHeader !== null) {
      const parsed = callbackUrlHost(callbackHeader);
      if ('error' in parsed) return mtnBadRequest(res, parsed.error);
      const allowed = normalizeHost(caller.apiUser.providerCallbackHost);
      if (allowed !== '' && parsed.host !== allowed) return mtnError(res, 500, 'INVALID_CALLBACK_URL_HOST');
    }

    const scenario = spec.scenario(value, caller);
    if (scenario.sync && !scenario.sync.recorded) {
      return mtnError(res, scenario.sync.httpStatus, scenario.sync.code ?? 'INTERNAL_PROCESSING_ERROR');
    }

    const createdAt = Date.now();
    const requestHeaders: Record<string, string | null> = {};
    for (const name of RECORDED_HEADERS) requestHeaders[name] = req.header(name) ?? null;
    const common: MtnRecordCommon = {
      referenceId,
      product: spec.product,
      apiUserId: caller.apiUser.id,
      createdAt,
      scenario,
      requestBody: body.value,
      requestHeaders,
      subscriptionKey: caller.subscriptionKey,
      targetEnvironment: caller.environmentName,
      callbackUrl: callbackHeader,
      callbackMethod: spec.callbackMethod,
      amount: value.amount,
      amountMinor: amount.minor,
      currency: value.currency,
      status: scenario.initialStatus,
      reason: null,
      finalAt: scenario.outcome ? createdAt + scenario.finalAfter(ctx.options) : null,
      decided: null,
      financialTransactionId: state.newFinancialTransactionId(),
      postCount: 1,
      callbacks: [],
    };
    if (value.externalId !== undefined) common.externalId = value.externalId;
    if (value.payerMessage !== undefined) common.payerMessage = value.payerMessage;
    if (value.payeeNote !== undefined) common.payeeNote = value.payeeNote;
    const record = spec.build(common, value, caller);
    state.addRecord(record);
    callbacks.schedule(record);

    if (scenario.sync) {
      if (scenario.sync.code === null) return sendRaw(res, scenario.sync.httpStatus, GATEWAY_ERROR_HTML, 'text/html');
      return mtnError(res, scenario.sync.httpStatus, scenario.sync.code);
    }
    if (scenario.hang) {
      const timer = ctx.timers.after(ctx.options.hangMs, () => sendEmpty(res, 202));
      res.on('close', () => ctx.timers.cancel(timer));
      return;
    }
    sendEmpty(res, 202);
  };
}

/** GET handler of a record's status: 400 non-UUID, 404 unknown (or another API user's or environment's). */
export function statusHandler(state: MtnMomoState, product: MtnProduct, kind: MtnKind) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorizeProductCall(req, res, state, product);
    if (!caller) return;
    const referenceId = req.params.referenceId ?? '';
    if (!isUuidV4(referenceId)) return mtnBadRequest(res, 'The reference id must be a UUID version 4.');
    const record = state.recordsOf(kind).get(referenceId);
    // Another API user's or another environment's resource does not exist for this caller.
    if (!record || record.apiUserId !== caller.apiUser.id || record.targetEnvironment !== caller.environmentName) {
      return mtnError(res, 404, 'RESOURCE_NOT_FOUND');
    }
    sendJson(res, 200, statusBody(record));
  };
}
