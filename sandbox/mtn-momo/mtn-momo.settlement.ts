// When and how a recorded transaction becomes final, and what it does to the balances. A record is
// decided once (at its final time, or earlier when a callback runs ahead of the status): a SUCCESSFUL
// request-to-pay credits the collection balance; a transfer or refund debits the disbursement balance
// and fails NOT_ENOUGH_FUNDS (moving nothing) when the balance does not cover it at that moment; a
// refund also needs its request-to-pay SUCCESSFUL (else PAYMENT_NOT_APPROVED) and the SUCCESSFUL
// refunds of that payment may never add up to more than its amount (else NOT_ALLOWED).
import { balanceKey } from './mtn-momo.balances';
import type { MtnOutcome, MtnProduct, MtnRecord } from './mtn-momo.records';

const SUCCESSFUL: MtnOutcome = Object.freeze({ status: 'SUCCESSFUL', reason: null });

function failedWith(reason: string): MtnOutcome {
  return { status: 'FAILED', reason };
}

export class MtnSettlement {
  /** Records whose final time is known and not yet reached (or not yet processed). */
  private readonly pending = new Set<MtnRecord>();

  constructor(
    /** Minor units by balanceKey(product, targetEnvironment); shared with the state. */
    readonly balances: Map<string, bigint>,
  ) {}

  track(record: MtnRecord): void {
    if (record.finalAt !== null) this.pending.add(record);
  }

  forget(record: MtnRecord): void {
    this.pending.delete(record);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Makes final every record whose time has come, in the order their times came. */
  settleDue(now = Date.now()): void {
    const due: MtnRecord[] = [];
    for (const record of this.pending) if (record.finalAt !== null && record.finalAt <= now) due.push(record);
    if (due.length === 0) return;
    due.sort((a, b) => (a.finalAt ?? 0) - (b.finalAt ?? 0));
    for (const record of due) this.settle(record, now);
  }

  /** Makes the record final if its time has come (GET shows the decided outcome from then on). */
  settle(record: MtnRecord, now = Date.now()): void {
    if (record.finalAt === null || now < record.finalAt || !this.pending.has(record)) return;
    this.pending.delete(record);
    const outcome = this.decide(record, record.finalAt);
    if (!outcome) return;
    record.status = outcome.status;
    record.reason = outcome.status === 'FAILED' ? outcome.reason : null;
  }

  /**
   * The record's outcome, deciding it (and moving balances) the first time; `at` is the moment of the
   * decision. Null when the scenario never ends (CREATED forever).
   */
  decide(record: MtnRecord, at: number): MtnOutcome | null {
    if (record.decided) return record.decided;
    const scripted = record.scenario.outcome;
    if (!scripted) return null;
    const outcome = scripted.status === 'SUCCESSFUL' ? this.move(record, at) : failedWith(scripted.reason ?? 'INTERNAL_PROCESSING_ERROR');
    record.decided = { ...outcome };
    return record.decided;
  }

  private move(record: MtnRecord, at: number): MtnOutcome {
    if (record.kind === 'requesttopay') {
      this.add('collection', record.targetEnvironment, record.amountMinor);
      return SUCCESSFUL;
    }
    if (record.kind === 'refund') {
      const original = record.original;
      if (!original) return failedWith('RESOURCE_NOT_FOUND');
      // The payment's own time may have come before this moment without anyone looking yet.
      if (original.finalAt !== null && original.finalAt <= at) this.settle(original, at);
      if (original.decided?.status !== 'SUCCESSFUL') return failedWith('PAYMENT_NOT_APPROVED');
      if (original.refundedMinor + record.amountMinor > original.amountMinor) return failedWith('NOT_ALLOWED');
      if (!this.debit(record)) return failedWith('NOT_ENOUGH_FUNDS');
      original.refundedMinor += record.amountMinor;
      return SUCCESSFUL;
    }
    return this.debit(record) ? SUCCESSFUL : failedWith('NOT_ENOUGH_FUNDS');
  }

  /** Takes the record's amount from its product's balance if it is covered; false (nothing moved) if not. */
  private debit(record: MtnRecord): boolean {
    const key = balanceKey(record.product, record.targetEnvironment);
    const available = this.balances.get(key) ?? 0n;
    if (record.amountMinor > available) return false;
    this.balances.set(key, available - record.amountMinor);
    return true;
  }

  private add(product: MtnProduct, targetEnvironment: string, minor: bigint): void {
    const key = balanceKey(product, targetEnvironment);
    this.balances.set(key, (this.balances.get(key) ?? 0n) + minor);
  }
}
