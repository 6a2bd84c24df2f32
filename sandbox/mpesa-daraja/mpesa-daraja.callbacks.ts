// Outgoing POSTs to the merchant's URLs (fact sheet §4-§7): STK callbacks, Result envelopes (B2C, status,
// balance, reversal), QueueTimeOut envelopes and C2B validation/confirmation. Plain JSON, no signature
// (Daraja signs nothing), sent once per scheduled time and never retried; every delivery is kept on the
// record, and the last one can be sent again from the control endpoints.
import type { OperatorContext } from '../core/operator';
import type { CallbackAttempt, CallbackTarget, DarajaRecord } from './mpesa-daraja.records';
import type { MpesaDarajaState } from './mpesa-daraja.state';

export const DARAJA_CALLBACK_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'Content-Type': 'application/json' });

export class DarajaCallbackSender {
  constructor(
    private readonly ctx: OperatorContext,
    private readonly state: MpesaDarajaState,
  ) {}

  /** POSTs body (JSON text or a value to serialise) to url and records the attempt on the record. */
  async send(record: DarajaRecord, target: CallbackTarget, url: string, body: unknown, trigger: CallbackAttempt['trigger'] = 'scheduled'): Promise<CallbackAttempt> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const at = new Date().toISOString();
    const result = await this.ctx.outbound.send({ method: 'POST', url, headers: { ...DARAJA_CALLBACK_HEADERS }, body: text, operator: this.ctx.id });
    const attempt: CallbackAttempt = {
      at,
      trigger,
      target,
      url,
      body: text,
      httpStatus: result.status,
      error: result.error ?? (result.status !== null && (result.status < 200 || result.status > 299) ? `HTTP ${result.status}` : null),
      responseBody: result.body,
      durationMs: result.durationMs,
    };
    this.state.addCallback(record, attempt);
    if (attempt.error) this.ctx.log(`mpesa-daraja ${target} for ${record.id} to ${url} failed: ${attempt.error} (not retried)`);
    return attempt;
  }

  /** Runs fn `afterMs` after the record was created (at once if that time has passed). */
  at(record: DarajaRecord, afterMs: number, fn: () => Promise<unknown> | void): void {
    this.ctx.timers.after(record.createdAt + afterMs - Date.now(), async () => {
      await fn();
    });
  }

  /** Sends the record's last callback again (same target and body), to its URL or the given one. */
  async resendLast(record: DarajaRecord, url?: string): Promise<CallbackAttempt | null> {
    const last = record.callbacks[record.callbacks.length - 1];
    if (!last) return null;
    return this.send(record, last.target, url ?? last.url, last.body, 'manual');
  }
}
