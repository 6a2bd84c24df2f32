// Control and inspection endpoints for tests and people, under /_sandbox/mtn-momo/. Not part of MTN's
// API: these answer plain JSON in our own shapes.
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import type { MtnCallbackSender } from './mtn-momo.callbacks';
import { describeMtnScenarios } from './mtn-momo.scenarios';
import { controlView, type MtnMomoState } from './mtn-momo.state';
import { callbackUrlHost } from './mtn-momo.validation';

export function registerMtnControl(ctx: OperatorContext, state: MtnMomoState, callbacks: MtnCallbackSender): void {
  const base = `/_sandbox/${ctx.id}`;

  ctx.route('GET', `${base}/scenarios`, (_req, res) => sendJson(res, 200, describeMtnScenarios(ctx.options)));

  ctx.route('GET', `${base}/requesttopay`, (req, res) => {
    state.settleDue();
    const records = state.findByExternalId(req.query.get('externalId'));
    sendJson(res, 200, records.map(controlView));
  });

  ctx.route('GET', `${base}/requesttopay/:referenceId`, (req, res) => {
    state.settleDue();
    const record = state.requestsToPay.get(req.params.referenceId ?? '');
    if (!record) return sendJson(res, 404, { error: 'not_found', message: 'No request-to-pay with this reference id.' });
    sendJson(res, 200, controlView(record));
  });

  // Sends the callback again now (current status body). Optional JSON body {"url": "..."} overrides the URL.
  ctx.route('POST', `${base}/requesttopay/:referenceId/callback`, async (req, res) => {
    const record = state.requestsToPay.get(req.params.referenceId ?? '');
    if (!record) return sendJson(res, 404, { error: 'not_found', message: 'No request-to-pay with this reference id.' });
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
      delivered: attempt.error === null,
      httpStatus: attempt.httpStatus,
      error: attempt.error,
      responseBody: attempt.responseBody,
      sentBody: attempt.body,
    });
  });

  ctx.route('POST', `${base}/tokens/expire`, (_req, res) => {
    sendJson(res, 200, { expired: state.expireAllTokens() });
  });
}
