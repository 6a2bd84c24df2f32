// C2B (fact sheet §5): Register URL (v1 and v2; the sandbox allows re-registration) and Simulate (v1 and
// v2). A simulated payment is answered at once; after the settle delay the sandbox POSTs the validation
// payload to the ValidationURL when external validation is on for the shortcode (on by default; a
// control switch), waits for the answer up to about 8 s (min(8 s, callbackTimeoutMs), or the switch's
// timeoutMs) and falls back to ResponseType; if accepted it credits the shortcode and POSTs the
// confirmation. The MSISDN is masked ("2547 ***** 149") when the URLs were registered with v2 and a
// SHA-256 hex when registered with v1.
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { apiRoute, type ApiCall } from './mpesa-daraja.auth';
import type { DarajaCallbackSender } from './mpesa-daraja.callbacks';
import { badField } from './mpesa-daraja.codes';
import type { C2bRecord, C2bValidation, CallbackAttempt } from './mpesa-daraja.records';
import { c2bPayload } from './mpesa-daraja.results';
import type { MpesaDarajaState } from './mpesa-daraja.state';
import { Fields, parseC2bUrl } from './mpesa-daraja.validation';

const C2B_COMMANDS = ['CustomerPayBillOnline', 'CustomerBuyGoodsOnline'] as const;

function register(state: MpesaDarajaState, version: 'v1' | 'v2') {
  return (call: ApiCall): void => {
    const f = new Fields(call.body);
    const shortCode = f.shortCode('ShortCode');
    const responseType = f.oneOf('ResponseType', ['Completed', 'Cancelled'] as const);
    const confirmationUrl = f.check('ConfirmationURL', '', parseC2bUrl);
    const validationUrl = f.check('ValidationURL', '', parseC2bUrl);
    if (f.failed) return badField(call.res, f.failed);
    const previous = state.c2bRegistrations.get(shortCode);
    const originatorConversationId = state.ids.requestId();
    state.c2bRegistrations.set(shortCode, {
      shortCode,
      responseType,
      confirmationUrl,
      validationUrl,
      version,
      originatorConversationId,
      registeredAt: new Date().toISOString(),
      registrations: (previous?.registrations ?? 0) + 1,
    });
    state.account(shortCode);
    // "OriginatorCoversationID" (sic), as Daraja spells it.
    sendJson(call.res, 200, { OriginatorCoversationID: originatorConversationId, ResponseCode: '0', ResponseDescription: 'Success' });
  };
}

type Answer = { kind: 'answer'; attempt: CallbackAttempt } | { kind: 'timeout' };

/** Asks the ValidationURL; the decision and why, with the ResponseType fallback. */
async function validate(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender, record: C2bRecord): Promise<C2bValidation> {
  const registration = state.c2bRegistrations.get(record.shortCode);
  const setting = state.validationSetting(record.shortCode);
  if (!registration || !setting.enabled) {
    return { enabled: false, url: null, decision: 'accepted', reason: 'disabled', httpStatus: null, resultCode: null, resultDesc: null, responseBody: null };
  }
  const fallback = registration.responseType === 'Completed' ? 'accepted' : 'rejected';
  const answer = await new Promise<Answer>((resolve) => {
    ctx.timers.after(setting.timeoutMs, () => resolve({ kind: 'timeout' }));
    void callbacks.send(record, 'validation', registration.validationUrl, c2bPayload(record, null)).then((attempt) => resolve({ kind: 'answer', attempt }));
  });
  const base = { enabled: true, url: registration.validationUrl, httpStatus: null, resultCode: null, resultDesc: null, responseBody: null };
  if (answer.kind === 'timeout') return { ...base, decision: fallback, reason: 'timeout' };
  const { attempt } = answer;
  const seen = { ...base, httpStatus: attempt.httpStatus, responseBody: attempt.responseBody };
  if (attempt.error) return { ...seen, decision: fallback, reason: 'error' };
  let json: unknown = null;
  try {
    json = JSON.parse(attempt.responseBody ?? '');
  } catch {
    json = null;
  }
  const fields = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (!fields || (typeof fields.ResultCode !== 'string' && typeof fields.ResultCode !== 'number')) return { ...seen, decision: fallback, reason: 'bad-answer' };
  if (typeof fields.ThirdPartyTransID === 'string') record.thirdPartyTransId = fields.ThirdPartyTransID.slice(0, 100);
  const accepted = String(fields.ResultCode) === '0';
  return { ...seen, decision: accepted ? 'accepted' : 'rejected', reason: 'answer', resultCode: fields.ResultCode, resultDesc: fields.ResultDesc ?? null };
}

/** Validation (if on), then the money and the confirmation. */
async function settle(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender, record: C2bRecord): Promise<void> {
  record.validation = await validate(ctx, state, callbacks, record);
  if (record.validation.decision === 'rejected') {
    record.status = 'rejected';
    return;
  }
  record.orgBalanceAfterCents = state.credit(record.shortCode, 'utility', record.amount * 100);
  record.status = 'completed';
  record.completedAt = Date.now();
  await sendConfirmation(state, callbacks, record, 'scheduled');
}

/** POSTs the confirmation of a completed payment to the shortcode's current ConfirmationURL. */
export async function sendConfirmation(state: MpesaDarajaState, callbacks: DarajaCallbackSender, record: C2bRecord, trigger: CallbackAttempt['trigger']): Promise<CallbackAttempt | null> {
  const registration = state.c2bRegistrations.get(record.shortCode);
  if (!registration || record.status !== 'completed') return null;
  return callbacks.send(record, 'confirmation', registration.confirmationUrl, c2bPayload(record, record.orgBalanceAfterCents), trigger);
}

function simulate(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender, version: 'v1' | 'v2') {
  return (call: ApiCall): void => {
    const f = new Fields(call.body);
    const shortCode = f.shortCode('ShortCode');
    if (!f.failed && !state.c2bRegistrations.has(shortCode)) f.fail('ShortCode');
    const commandId = f.oneOf('CommandID', C2B_COMMANDS);
    const amount = f.amount('Amount');
    const msisdn = f.msisdn('Msisdn');
    const billRefNumber = f.text('BillRefNumber', 0, 20, true);
    if (f.failed) return badField(call.res, f.failed);
    const now = Date.now();
    const registration = state.c2bRegistrations.get(shortCode);
    const record: C2bRecord = {
      kind: 'c2b',
      id: state.ids.receipt(now),
      createdAt: now,
      path: call.req.path,
      requestHeaders: call.headers,
      requestBody: call.body,
      postCount: 1,
      callbacks: [],
      transId: '',
      version,
      notificationVersion: registration?.version ?? 'v2',
      originatorConversationId: state.ids.requestId(),
      shortCode,
      commandId,
      amount,
      msisdn,
      billRefNumber,
      status: 'pending',
      validation: null,
      thirdPartyTransId: '',
      orgBalanceAfterCents: null,
      completedAt: null,
      reversed: null,
    };
    record.transId = record.id;
    state.add(record, [record.originatorConversationId]);
    callbacks.at(record, ctx.options.settleMs, () => settle(ctx, state, callbacks, record));
    const accepted = 'Accept the service request successfully.';
    if (version === 'v1') {
      // The 2018 v1 answer: ConversationID, OriginatorCoversationID (sic), no ResponseCode.
      sendJson(call.res, 200, { ConversationID: state.ids.conversationId(now), OriginatorCoversationID: record.originatorConversationId, ResponseDescription: accepted });
      return;
    }
    sendJson(call.res, 200, { OriginatorCoversationID: record.originatorConversationId, ResponseCode: '0', ResponseDescription: accepted });
  };
}

export function registerDarajaC2b(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender): void {
  for (const version of ['v1', 'v2'] as const) {
    apiRoute(ctx, state, `/mpesa/c2b/${version}/registerurl`, register(state, version));
    apiRoute(ctx, state, `/mpesa/c2b/${version}/simulate`, simulate(ctx, state, callbacks, version));
  }
}
