// Control and inspection endpoints for tests and people, under /_sandbox/mtn-momo/. Not part of MTN's
// API: these answer plain JSON in our own shapes. Records: /requesttopay, /transfers, /refunds (list
// with filters, one record, re-send its callback); the scenario tables; balances, account-holder
// check counts and token expiry are in mtn-momo.control.accounts.ts.
import { sendJson, type SandboxRequest } from '../core/http';
import type { OperatorContext } from '../core/operator';
import type { MtnCallbackSender } from './mtn-momo.callbacks';
import { registerMtnAccountControl } from './mtn-momo.control.accounts';
import { partyOf } from './mtn-momo.records';
import { DEFAULT_MTN_SCENARIO, MTN_SCENARIOS, describeMtnScenarios } from './mtn-momo.scenarios';
import {
  DEFAULT_REFUND_SCENARIO,
  DEFAULT_TRANSFER_SCENARIO,
  REFUND_SCENARIOS,
  TRANSFER_SCENARIOS,
  UNKNOWN_REFUND_SCENARIO,
} from './mtn-momo.scenarios.disbursement';
import { controlView, type MtnKind, type MtnMomoState, type MtnRecord } from './mtn-momo.state';
import { callbackUrlHost } from './mtn-momo.validation';

/** Path segment and label of each kind; request-to-pay keeps its original singular path. */
const KINDS: ReadonlyArray<{ kind: MtnKind; path: string; label: string; party: 'payer' | 'payee' }> = [
  { kind: 'requesttopay', path: 'requesttopay', label: 'request-to-pay', party: 'payer' },
  { kind: 'transfer', path: 'transfers', label: 'transfer', party: 'payee' },
  { kind: 'refund', path: 'refunds', label: 'refund', party: 'payee' },
];

/** Every given filter must match: externalId, payer/payee (partyId), targetEnvironment, referenceIdToRefund. */
function matches(record: MtnRecord, req: SandboxRequest, partyParam: 'payer' | 'payee'): boolean {
  const q = req.query;
  const externalId = q.get('externalId');
  if (externalId !== null && record.externalId !== externalId) return false;
  const party = q.get(partyParam);
  if (party !== null && partyOf(record)?.partyId !== party) return false;
  const env = q.get('targetEnvironment');
  if (env !== null && record.targetEnvironment !== env) return false;
  const refunded = q.get('referenceIdToRefund');
  if (refunded !== null && (record.kind !== 'refund' || record.referenceIdToRefund !== refunded)) return false;
  return true;
}

export function registerMtnControl(ctx: OperatorContext, state: MtnMomoState, callbacks: MtnCallbackSender): void {
  const base = `/_sandbox/${ctx.id}`;

  ctx.route('GET', `${base}/scenarios`, (_req, res) =>
    sendJson(res, 200, describeMtnScenarios(ctx.options, [...MTN_SCENARIOS, DEFAULT_MTN_SCENARIO])),
  );
  ctx.route('GET', `${base}/scenarios/transfer`, (_req, res) =>
    sendJson(res, 200, describeMtnScenarios(ctx.options, [...TRANSFER_SCENARIOS, DEFAULT_TRANSFER_SCENARIO])),
  );
  ctx.route('GET', `${base}/scenarios/refund`, (_req, res) =>
    sendJson(
      res,
      200,
      describeMtnScenarios(ctx.options, [...REFUND_SCENARIOS, DEFAULT_REFUND_SCENARIO, UNKNOWN_REFUND_SCENARIO], 'referenceIdToRefund'),
    ),
  );

  for (const { kind, path, label, party } of KINDS) {
    const notFound = { error: 'not_found', message: `No ${label} with this reference id.` };

    ctx.route('GET', `${base}/${path}`, (req, res) => {
      state.settleDue();
      const records = [...state.recordsOf(kind).values()].filter((r) => matches(r, req, party));
      sendJson(res, 200, records.map(controlView));
    });

    ctx.route('GET', `${base}/${path}/:referenceId`, (req, res) => {
      state.settleDue();
      const record = state.recordsOf(kind).get(req.params.referenceId ?? '');
      if (!record) return sendJson(res, 404, notFound);
      sendJson(res, 200, controlView(record));
    });

    // Sends the callback again now (current status body). Optional JSON body {"url": "..."} overrides the URL.
    ctx.route('POST', `${base}/${path}/:referenceId/callback`, async (req, res) => {
      const record = state.recordsOf(kind).get(req.params.referenceId ?? '');
      if (!record) return sendJson(res, 404, notFound);
      const body = req.json();
      const override = body.kind === 'json' ? (body.value as { url?: unknown } | null)?.url : undefined;
      if (override !== undefined && (typeof override !== 'string' || 'error' in callbackUrlHost(override))) {
        return sendJson(res, 400, { error: 'bad_url', message: 'url must be an absolute http(s) URL.' });
      }
      const attempt = await callbacks.deliver(record, 'manual', override);
      if (!attempt) {
        return sendJson(res, 409, { error: 'no_callback_url', message: 'The request had no X-Callback-Url; pass {"url": "..."}.' });
      }
      sendJson(res, 200, {
        url: attempt.url,
        method: attempt.method,
        delivered: attempt.error === null,
        httpStatus: attempt.httpStatus,
        error: attempt.error,
        responseBody: attempt.responseBody,
        sentBody: attempt.body,
      });
    });
  }

  registerMtnAccountControl(ctx, state);
}
