// The magic numbers: the last six digits of the STK PhoneNumber or the B2C PartyB decide what happens, so
// any Kenyan MSISDN works (254708990003, 254712980001...). 9900NN are behaviours (the same numbers as the
// other operators: 990001 slow, 990002 no callback, 990003 duplicate, 990005 callback before the status);
// 98NNNN end with result code NNNN (980001 -> 1, 981032 -> 1032, 989999 -> 9999), 970003 is SFC_IC0003.
// Everything else succeeds after the settle delay.
import type { SandboxOptions } from '../options';
import type { DarajaCode } from './mpesa-daraja.codes';

export type Timing = Pick<SandboxOptions, 'settleMs' | 'slowMs'>;

const codeSuffix = (code: DarajaCode): string => (code === 'SFC_IC0003' ? '970003' : `98${String(code).padStart(4, '0')}`);
const table = (codes: readonly DarajaCode[]): Record<string, string> => Object.fromEntries(codes.map((c) => [String(c), codeSuffix(c)]));

export const STK_MAGIC_CODES: readonly DarajaCode[] = [1, 2, 3, 4, 8, 17, 26, 1001, 1019, 1025, 9999, 1032, 1036, 1037, 2001, 2028, 8006, 'SFC_IC0003', 9876];
export const B2C_MAGIC_CODES: readonly DarajaCode[] = [1, 2, 3, 4, 8, 11, 21, 2001, 2006, 2028, 2040, 8006, 'SFC_IC0003'];

/** The tables, for tests and people (suffix = last six digits of the MSISDN). */
export const MPESA_DARAJA_MAGIC = Object.freeze({
  /** Safaricom's sandbox test MSISDN: an ordinary success. */
  testMsisdn: '254708374149',
  stk: Object.freeze({
    /** "The transaction is being processed" until SANDBOX_SLOW_MS, then success; callback then. */
    slow: '990001',
    /** Success after the settle delay; the callback is never sent (only the query tells). */
    noCallback: '990002',
    /** Success; the callback is sent twice, 300 ms apart. */
    duplicateCallback: '990003',
    /** Success callback at the settle delay; the query says "being processed" for max(settle, 1 s) more. */
    callbackBeforeQuery: '990005',
    /** The callback says success (with a receipt); the query (the truth) says 1032, no money moved. */
    lyingCallback: '990007',
    /** Result code -> suffix: ResultCode <code> in the callback and the query. 9876 is an undocumented code. */
    resultCodes: Object.freeze(table(STK_MAGIC_CODES)),
  }),
  b2c: Object.freeze({
    /** The Result comes after SANDBOX_SLOW_MS. */
    slow: '990001',
    /** Completes (money moves, Transaction Status says Completed) but no Result is ever POSTed. */
    noResult: '990002',
    /** The success Result is POSTed twice, 300 ms apart. */
    duplicateResult: '990003',
    /** Completes, but a timeout Result goes to QueueTimeOutURL instead of ResultURL. */
    queueTimeout: '990004',
    /** Result code -> suffix, whatever the balance (1 also happens naturally when the balance is short). */
    resultCodes: Object.freeze(table(B2C_MAGIC_CODES)),
  }),
});

/** A Kenyan MSISDN ending with the given six-digit suffix: 254708 + suffix. */
export function darajaMsisdn(suffix: string): string {
  return `254708${suffix}`;
}

export interface StkScenario {
  id: string;
  suffix: string;
  description: string;
  resultCode: DarajaCode;
  /** When the outcome exists (money moves), ms after the push. */
  decideAfter(o: Timing): number;
  /** When the query shows it, ms after the push (also when the subscriber lock is released). */
  shownAfter(o: Timing): number;
  callbacksAt(o: Timing): number[];
  /** The callback claims success while the outcome is resultCode. */
  lying?: boolean;
}

export interface B2cScenario {
  id: string;
  suffix: string;
  description: string;
  /** null: success if the utility account covers it, else 1 (and the natural amount limits). */
  resultCode: DarajaCode | null;
  decideAfter(o: Timing): number;
  resultsAt(o: Timing): number[];
  target: 'result' | 'queue-timeout';
}

const settle = (o: Timing): number => o.settleMs;
const atSettle = (o: Timing): number[] => [o.settleMs];
const twice = (o: Timing): number[] => [o.settleMs, o.settleMs + 300];
const never = (): number[] => [];

function stk(suffix: string, id: string, description: string, rest: Partial<StkScenario> = {}): StkScenario {
  return { id, suffix, description, resultCode: 0, decideAfter: settle, shownAfter: settle, callbacksAt: atSettle, ...rest };
}

export const DEFAULT_STK_SCENARIO = stk('*', 'success', 'ResultCode 0 after the settle delay; callback then');

export const STK_SCENARIOS: readonly StkScenario[] = [
  stk('990001', 'slow', '"being processed" until SANDBOX_SLOW_MS, then success; callback then', {
    decideAfter: (o) => o.slowMs,
    shownAfter: (o) => o.slowMs,
    callbacksAt: (o) => [o.slowMs],
  }),
  stk('990002', 'no-callback', 'success after the settle delay; callback never sent', { callbacksAt: never }),
  stk('990003', 'duplicate-callback', 'success; callback sent twice, 300 ms apart', { callbacksAt: twice }),
  stk('990005', 'callback-before-query', 'success callback at the settle delay; query "being processed" for max(settle, 1 s) more', {
    shownAfter: (o) => o.settleMs + Math.max(o.settleMs, 1000),
  }),
  stk('990007', 'lying-callback', 'callback says ResultCode 0 with metadata; the query says 1032 and no money moved', {
    resultCode: 1032,
    lying: true,
  }),
  ...STK_MAGIC_CODES.map((code) => stk(codeSuffix(code), `result-${String(code)}`, `ResultCode ${String(code)} after the settle delay`, { resultCode: code })),
];

function b2c(suffix: string, id: string, description: string, rest: Partial<B2cScenario> = {}): B2cScenario {
  return { id, suffix, description, resultCode: null, decideAfter: settle, resultsAt: atSettle, target: 'result', ...rest };
}

export const DEFAULT_B2C_SCENARIO = b2c(
  '*',
  'success',
  'ResultCode 0 after the settle delay if the utility account covers it (else 1); amount < 10 -> 2, > 250000 -> 3',
);

export const B2C_SCENARIOS: readonly B2cScenario[] = [
  b2c('990001', 'slow', 'Result after SANDBOX_SLOW_MS', { decideAfter: (o) => o.slowMs, resultsAt: (o) => [o.slowMs] }),
  b2c('990002', 'no-result', 'completes after the settle delay (money moves) but no Result is ever POSTed', { resultsAt: never }),
  b2c('990003', 'duplicate-result', 'the Result is POSTed twice, 300 ms apart', { resultsAt: twice }),
  b2c('990004', 'queue-timeout', 'completes (money moves); a timeout Result (100000001) goes to QueueTimeOutURL, nothing to ResultURL', {
    target: 'queue-timeout',
  }),
  ...B2C_MAGIC_CODES.map((code) => b2c(codeSuffix(code), `result-${String(code)}`, `ResultCode ${String(code)} whatever the balance`, { resultCode: code })),
];

export function stkScenario(msisdn: string): StkScenario {
  return STK_SCENARIOS.find((s) => msisdn.endsWith(s.suffix)) ?? DEFAULT_STK_SCENARIO;
}

export function b2cScenario(msisdn: string): B2cScenario {
  return B2C_SCENARIOS.find((s) => msisdn.endsWith(s.suffix)) ?? DEFAULT_B2C_SCENARIO;
}

/** GET /_sandbox/mpesa-daraja/scenarios: the tables with the delays worked out. */
export function describeScenarios(o: Timing): Record<string, unknown> {
  return {
    stk: [...STK_SCENARIOS, DEFAULT_STK_SCENARIO].map((s) => ({
      id: s.id,
      suffix: s.suffix,
      description: s.description,
      resultCode: s.resultCode,
      callbackResultCode: s.lying ? 0 : s.resultCode,
      decidedAfterMs: s.decideAfter(o),
      queryFinalAfterMs: s.shownAfter(o),
      callbacksAtMs: s.callbacksAt(o),
    })),
    b2c: [...B2C_SCENARIOS, DEFAULT_B2C_SCENARIO].map((s) => ({
      id: s.id,
      suffix: s.suffix,
      description: s.description,
      resultCode: s.resultCode,
      decidedAfterMs: s.decideAfter(o),
      resultsAtMs: s.resultsAt(o),
      target: s.target,
    })),
  };
}
