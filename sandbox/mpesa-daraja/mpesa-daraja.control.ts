// Control endpoints under /_sandbox/mpesa-daraja (not Daraja APIs; plain JSON for tests and people):
// the certificate, the magic-number tables, the records, callbacks sent again, organisation balances,
// the C2B validation switch, C2B confirmations delivered again, and token expiry.
import { sendJson, sendRaw, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { b2cResult } from './mpesa-daraja.b2c';
import { sendConfirmation } from './mpesa-daraja.c2b';
import type { DarajaCallbackSender } from './mpesa-daraja.callbacks';
import { formatCents, parseCents } from './mpesa-daraja.format';
import { recordStatus, recordView, type CallbackAttempt, type DarajaRecord } from './mpesa-daraja.records';
import { describeScenarios } from './mpesa-daraja.scenarios';
import type { AccountName, DarajaAccount, MpesaDarajaState } from './mpesa-daraja.state';
import { stkCallbackFor } from './mpesa-daraja.stk';
import { parseHttpUrl, parseShortCode } from './mpesa-daraja.validation';

const notFound = (what: string) => ({ error: 'not_found', message: `No ${what} with this id.` });
const badRequest = (message: string) => ({ error: 'bad_request', message });

/** The JSON object body of a control call ({} when empty), or null (answered 400). */
function objectBody(req: SandboxRequest, res: SandboxResponse): Record<string, unknown> | null {
  const body = req.json();
  if (body.kind === 'empty') return {};
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)) return body.value as Record<string, unknown>;
  sendJson(res, 400, badRequest('Body must be a JSON object.'));
  return null;
}

function accountView(account: DarajaAccount): Record<string, unknown> {
  return {
    shortCode: account.shortCode,
    currency: 'KES',
    working: formatCents(account.workingCents),
    utility: formatCents(account.utilityCents),
    chargesPaid: formatCents(account.chargesCents),
    utilityCents: account.utilityCents,
  };
}

function msisdnOf(record: DarajaRecord): string | null {
  if (record.kind === 'stk') return record.phoneNumber;
  if (record.kind === 'b2c') return record.partyB;
  if (record.kind === 'c2b') return record.msisdn;
  return null;
}

function shortCodeOf(record: DarajaRecord): string | null {
  if (record.kind === 'stk' || record.kind === 'c2b') return record.shortCode;
  if (record.kind === 'reversal') return record.receiverParty;
  return record.partyA;
}

function attemptAnswer(attempt: CallbackAttempt): Record<string, unknown> {
  return { url: attempt.url, target: attempt.target, delivered: attempt.error === null, httpStatus: attempt.httpStatus, error: attempt.error, responseBody: attempt.responseBody, sentBody: attempt.body };
}

export function registerDarajaControl(ctx: OperatorContext, state: MpesaDarajaState, callbacks: DarajaCallbackSender): void {
  const base = `/_sandbox/${ctx.id}`;

  // The certificate the SecurityCredential is encrypted with: PEM (like Safaricom's .cer), or ?format=json.
  ctx.route('GET', `${base}/certificate`, (req, res) => {
    if (req.query.get('format') === 'json') {
      const { fingerprint256, validFrom, validTo } = state.keys;
      return sendJson(res, 200, { certificate: state.certificatePem, publicKey: state.publicKeyPem, fingerprint256, validFrom, validTo, padding: 'RSA PKCS#1 v1.5' });
    }
    sendRaw(res, 200, state.certificatePem, 'application/x-pem-file');
  });

  ctx.route('GET', `${base}/scenarios`, (_req, res) => sendJson(res, 200, describeScenarios(ctx.options)));

  ctx.route('GET', `${base}/transactions`, (req, res) => {
    state.settleDue();
    const q = req.query;
    const list = [...state.records.values()].filter(
      (r) =>
        (q.get('kind') === null || r.kind === q.get('kind')) &&
        (q.get('msisdn') === null || msisdnOf(r) === q.get('msisdn')) &&
        (q.get('shortCode') === null || shortCodeOf(r) === q.get('shortCode')) &&
        (q.get('status') === null || recordStatus(r) === q.get('status')),
    );
    sendJson(res, 200, list.map((r) => recordView(r)));
  });

  ctx.route('GET', `${base}/transactions/:id`, (req, res) => {
    state.settleDue();
    const record = state.find(req.params.id ?? '');
    if (!record) return sendJson(res, 404, notFound('transaction'));
    sendJson(res, 200, recordView(record));
  });

  // Sends the record's last callback again (duplicate delivery); a push or B2C whose callback was never
  // sent (990002) gets the one it would have had. Optional body {"url": "..."}.
  ctx.route('POST', `${base}/transactions/:id/callback`, async (req, res) => {
    const record = state.find(req.params.id ?? '');
    if (!record) return sendJson(res, 404, notFound('transaction'));
    const body = objectBody(req, res);
    if (!body) return;
    if (body.url !== undefined && parseHttpUrl(body.url) === null) return sendJson(res, 400, badRequest('url must be an absolute http(s) URL.'));
    const url = body.url as string | undefined;
    let attempt = await callbacks.resendLast(record, url);
    if (!attempt && record.kind === 'stk') attempt = await callbacks.send(record, 'callback', url ?? record.callbackUrl, stkCallbackFor(state, record), 'manual');
    if (!attempt && record.kind === 'b2c') attempt = await callbacks.send(record, 'result', url ?? record.resultUrl, b2cResult(state, record), 'manual');
    if (!attempt) return sendJson(res, 409, { error: 'nothing_to_send', message: 'This record has sent no callback yet.' });
    sendJson(res, 200, attemptAnswer(attempt));
  });

  ctx.route('GET', `${base}/balances`, (req, res) => {
    state.settleDue();
    const shortCode = req.query.get('shortCode');
    sendJson(res, 200, [...state.accounts.values()].filter((a) => shortCode === null || a.shortCode === shortCode).map(accountView));
  });

  // {"shortCode":"600996","account":"utility"|"working"|"charges" (default utility),"amount":"500.00"}
  ctx.route('PUT', `${base}/balances`, (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    const shortCode = parseShortCode(body.shortCode);
    const account = (body.account ?? 'utility') as AccountName;
    const cents = parseCents(body.amount);
    if (!shortCode || !['utility', 'working', 'charges'].includes(account) || cents === null) {
      return sendJson(res, 400, badRequest('Expected {"shortCode": "<5-7 digits>", "account"?: "utility"|"working"|"charges", "amount": "<decimal>"}.'));
    }
    state.settleDue();
    state.account(shortCode)[`${account}Cents`] = cents;
    sendJson(res, 200, accountView(state.account(shortCode)));
  });

  ctx.route('GET', `${base}/c2b/registrations`, (_req, res) => {
    sendJson(res, 200, [...state.c2bRegistrations.values()].map((r) => ({ ...r, validation: state.validationSetting(r.shortCode) })));
  });

  ctx.route('GET', `${base}/c2b/validation/:shortCode`, (req, res) => sendJson(res, 200, state.validationSetting(req.params.shortCode ?? '')));

  // External validation on/off for a shortcode (on by default): {"enabled": false} or {"enabled": true, "timeoutMs": 8000}.
  ctx.route('PUT', `${base}/c2b/validation/:shortCode`, (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    const shortCode = parseShortCode(req.params.shortCode);
    const timeoutOk = body.timeoutMs === undefined || (Number.isSafeInteger(body.timeoutMs) && (body.timeoutMs as number) >= 0 && (body.timeoutMs as number) <= 60_000);
    if (!shortCode || typeof body.enabled !== 'boolean' || !timeoutOk) {
      return sendJson(res, 400, badRequest('Expected a 5-7 digit shortcode and {"enabled": true|false, "timeoutMs"?: 0..60000}.'));
    }
    sendJson(res, 200, state.setValidation(shortCode, body.enabled, body.timeoutMs as number | undefined));
  });

  // Delivers the confirmation of a completed C2B payment again, `times` times (default 1, at most 20).
  ctx.route('POST', `${base}/c2b/:transId/redeliver`, async (req, res) => {
    const record = state.records.get(req.params.transId ?? '');
    if (!record || record.kind !== 'c2b') return sendJson(res, 404, notFound('C2B payment'));
    const body = objectBody(req, res);
    if (!body) return;
    const times = body.times ?? 1;
    if (!Number.isSafeInteger(times) || (times as number) < 1 || (times as number) > 20) return sendJson(res, 400, badRequest('times must be an integer 1..20.'));
    if (record.status !== 'completed') return sendJson(res, 409, { error: 'not_completed', message: `The payment is ${record.status}: there is no confirmation to deliver.` });
    const attempts: CallbackAttempt[] = [];
    for (let i = 0; i < (times as number); i++) {
      const attempt = await sendConfirmation(state, callbacks, record, 'manual');
      if (attempt) attempts.push(attempt);
    }
    sendJson(res, 200, attempts.map(attemptAnswer));
  });

  ctx.route('POST', `${base}/tokens/expire`, (_req, res) => sendJson(res, 200, { expired: state.expireTokens() }));
}
