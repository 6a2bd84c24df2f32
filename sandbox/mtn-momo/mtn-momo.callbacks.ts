// Callbacks as MTN sends them (fact sheet §9): to X-Callback-Url, JSON status body, the LWAC user
// agent, no authentication; POST, except v2 refunds (PUT, unverified). Sent once per scheduled time,
// never retried; the outcome of every delivery is kept on the record. Nothing here can throw into the
// server.
import type { OperatorContext } from '../core/operator';
import { statusBody, type MtnCallbackAttempt, type MtnMomoState, type MtnRecord } from './mtn-momo.state';

export const MTN_CALLBACK_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  'User-Agent': 'LWAC Http Client 1.0',
});

export class MtnCallbackSender {
  constructor(
    private readonly ctx: OperatorContext,
    private readonly state: MtnMomoState,
  ) {}

  /** Schedules the scenario's callbacks for a new record (none without an X-Callback-Url). */
  schedule(record: MtnRecord): void {
    if (!record.callbackUrl) return;
    for (const at of record.scenario.callbacksAt(this.ctx.options)) {
      const delay = record.createdAt + at - Date.now();
      this.ctx.timers.after(delay, () => this.deliver(record, 'scheduled').then(() => undefined));
    }
  }

  /**
   * Sends one callback now. Scheduled ones carry the decided outcome (deciding it now if GET has not
   * caught up: a callback may run ahead of the status, as observed); manual ones carry the current
   * status body. urlOverride replaces X-Callback-Url.
   */
  async deliver(record: MtnRecord, trigger: 'scheduled' | 'manual', urlOverride?: string): Promise<MtnCallbackAttempt | null> {
    const url = urlOverride ?? record.callbackUrl;
    if (!url) return null;
    let body: Record<string, unknown>;
    if (trigger === 'scheduled') {
      const outcome = this.state.decide(record);
      body = statusBody(record, outcome ?? record);
    } else {
      this.state.settleDue();
      body = statusBody(record);
    }
    const method = record.callbackMethod;
    const at = new Date().toISOString();
    const result = await this.ctx.outbound.send({
      method,
      url,
      headers: { ...MTN_CALLBACK_HEADERS },
      body: JSON.stringify(body),
      operator: this.ctx.id,
    });
    const attempt: MtnCallbackAttempt = {
      at,
      trigger,
      method,
      url,
      body,
      httpStatus: result.status,
      error: result.error ?? (result.status !== null && (result.status < 200 || result.status > 299) ? `HTTP ${result.status}` : null),
      responseBody: result.body,
      durationMs: result.durationMs,
    };
    this.state.addCallbackAttempt(record, attempt);
    if (attempt.error) {
      this.ctx.log(`mtn-momo ${record.kind} callback for ${record.referenceId} to ${url} failed: ${attempt.error} (not retried)`);
    }
    return attempt;
  }
}
