// The Collection product (fact sheet §5): request-to-pay, its status, the account balance and the
// account-holder check. Outcomes come from the magic-number table (mtn-momo.scenarios.ts).
import { sendEmpty, sendJson, sendRaw, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { authorizeProductCall, type MtnCaller } from './mtn-momo.auth';
import type { MtnCallbackSender } from './mtn-momo.callbacks';
import { formatMinor, parseAmount } from './mtn-momo.environments';
import { GATEWAY_ERROR_HTML, mtnBadRequest, mtnError } from './mtn-momo.errors';
import { ACCOUNT_HOLDER_ID_TYPES, accountHolderCase, resolveMtnScenario } from './mtn-momo.scenarios';
import { statusBody, type MtnMomoState, type MtnRequestToPay } from './mtn-momo.state';
import { callbackUrlHost, isUuidV4, normalizeHost, validateRequestToPay } from './mtn-momo.validation';

const PRODUCT = 'collection';
const RECORDED_HEADERS = ['x-reference-id', 'x-target-environment', 'x-callback-url', 'ocp-apim-subscription-key', 'content-type'];

export function registerMtnCollection(ctx: OperatorContext, state: MtnMomoState, callbacks: MtnCallbackSender): void {
  const authorize = (req: SandboxRequest, res: SandboxResponse): MtnCaller | null => {
    state.settleDue();
    return authorizeProductCall(req, res, state, PRODUCT);
  };

  ctx.route('POST', `/${PRODUCT}/v1_0/requesttopay`, (req, res) => {
    const caller = authorize(req, res);
    if (!caller) return;
    const referenceId = req.header('x-reference-id');
    if (!isUuidV4(referenceId)) return mtnBadRequest(res, 'X-Reference-Id must be a UUID version 4.');
    const existing = state.requestsToPay.get(referenceId);
    if (existing) {
      existing.postCount++;
      return mtnError(res, 409, 'RESOURCE_ALREADY_EXIST');
    }
    const body = req.json();
    if (body.kind === 'empty') return mtnBadRequest(res, 'Request body is required.');
    if (body.kind === 'invalid') return mtnBadRequest(res, `Request body is not valid JSON: ${body.error}`);
    const input = validateRequestToPay(body.value);
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

    const scenario = resolveMtnScenario(value.payer);
    if (scenario.sync && !scenario.sync.recorded) {
      return mtnError(res, scenario.sync.httpStatus, scenario.sync.code ?? 'INTERNAL_PROCESSING_ERROR');
    }

    const createdAt = Date.now();
    const requestHeaders: Record<string, string | null> = {};
    for (const name of RECORDED_HEADERS) requestHeaders[name] = req.header(name) ?? null;
    const record: MtnRequestToPay = {
      referenceId,
      product: PRODUCT,
      apiUserId: caller.apiUser.id,
      createdAt,
      scenario,
      requestBody: body.value,
      requestHeaders,
      subscriptionKey: caller.subscriptionKey,
      targetEnvironment: caller.environmentName,
      callbackUrl: callbackHeader,
      amount: value.amount,
      amountMinor: amount.minor,
      currency: value.currency,
      payer: value.payer,
      status: scenario.initialStatus,
      reason: null,
      finalAt: scenario.outcome ? createdAt + scenario.finalAfter(ctx.options) : null,
      financialTransactionId: state.newFinancialTransactionId(),
      postCount: 1,
      callbacks: [],
    };
    if (value.externalId !== undefined) record.externalId = value.externalId;
    if (value.payerMessage !== undefined) record.payerMessage = value.payerMessage;
    if (value.payeeNote !== undefined) record.payeeNote = value.payeeNote;
    state.addRequestToPay(record);
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
  });

  ctx.route('GET', `/${PRODUCT}/v1_0/requesttopay/:referenceId`, (req, res) => {
    const caller = authorize(req, res);
    if (!caller) return;
    const referenceId = req.params.referenceId ?? '';
    if (!isUuidV4(referenceId)) return mtnBadRequest(res, 'The reference id must be a UUID version 4.');
    const record = state.requestsToPay.get(referenceId);
    // Another API user's or another environment's resource does not exist for this caller.
    if (!record || record.apiUserId !== caller.apiUser.id || record.targetEnvironment !== caller.environmentName) {
      return mtnError(res, 404, 'RESOURCE_NOT_FOUND');
    }
    sendJson(res, 200, statusBody(record));
  });

  const balance = (req: SandboxRequest, res: SandboxResponse): void => {
    const caller = authorize(req, res);
    if (!caller) return;
    const { currency, exponent } = caller.environment;
    if (req.params.currency !== undefined && req.params.currency !== currency) return mtnError(res, 500, 'INVALID_CURRENCY');
    const minor = state.balance(PRODUCT, caller.environmentName);
    sendJson(res, 200, { availableBalance: formatMinor(minor, exponent), currency });
  };
  ctx.route('GET', `/${PRODUCT}/v1_0/account/balance`, balance);
  ctx.route('GET', `/${PRODUCT}/v1_0/account/balance/:currency`, balance);

  ctx.route('GET', `/${PRODUCT}/v1_0/accountholder/:idType/:id/active`, (req, res) => {
    if (!authorize(req, res)) return;
    const idType = (req.params.idType ?? '').toLowerCase();
    if (!ACCOUNT_HOLDER_ID_TYPES.includes(idType)) {
      return mtnBadRequest(res, `accountHolderIdType must be one of ${ACCOUNT_HOLDER_ID_TYPES.join(', ')}.`);
    }
    const found = accountHolderCase(idType, req.params.id ?? '');
    if (!found) return sendJson(res, 200, { result: true });
    if (found.kind === 'not-found') return mtnError(res, 404, 'RESOURCE_NOT_FOUND');
    if (found.kind === 'not-active') return sendJson(res, 200, { result: false });
    mtnError(res, found.httpStatus, found.code);
  });
}
