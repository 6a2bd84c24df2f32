// The magic numbers: the last six digits of the payer (collection) or payee (disbursement, KYC) MSISDN
// decide what happens, so they work with every country's length (752990007 in Uganda, 97990007 in
// Chad). 990001–990010 mean what they mean for MTN in Malipo's sandbox; 991NNN fail (or stay
// ambiguous) with the product's own code DP008/DP009…01NNN, so the number names the code it produces.
import type { SandboxOptions } from '../options';

export type Timing = Pick<SandboxOptions, 'settleMs' | 'slowMs' | 'hangMs'>;
export type AirtelFinal = 'TS' | 'TF';

export interface AirtelScenario {
  id: string;
  /** Last six digits of the MSISDN, or '*' for the default. */
  suffix: string;
  description: string;
  /** Status the enquiry shows until the final one. Disbursements without a delay are final at once. */
  initialStatus: 'TIP' | 'TA';
  outcome: AirtelFinal;
  /** response_code of a TF. */
  failCode?: string;
  /** Message of a TF (defaults to the code's). */
  failMessage?: string;
  /** When the enquiry shows the final status, ms after creation (0: at once). */
  finalAfter(o: Timing): number;
  /** When the collection callback is sent, ms after creation. */
  callbacksAt(o: Timing): number[];
  /** Recorded, then answered HTTP 500 with an HTML body. */
  html500?: boolean;
  /** The POST is answered only after hangMs (recorded at once). */
  hang?: boolean;
  /** Disbursement: answer with this response_code instead of the outcome's (991011: duplicate, enquire). */
  answerCode?: string;
}

const settle = (o: Timing): number => o.settleMs;
const atSettle = (o: Timing): number[] => [o.settleMs];
const now = (): number => 0;
const never = (): number[] => [];

function scenario(suffix: string, id: string, description: string, rest: Partial<AirtelScenario> = {}): AirtelScenario {
  return { id, suffix, description, initialStatus: 'TIP', outcome: 'TS', finalAfter: settle, callbacksAt: atSettle, ...rest };
}

function tf(suffix: string, id: string, failCode: string, description: string, failMessage?: string): AirtelScenario {
  return scenario(suffix, id, description, { outcome: 'TF', failCode, ...(failMessage ? { failMessage } : {}) });
}

export const DEFAULT_COLLECTION_SCENARIO = scenario('*', 'success', 'TIP, then TS after the settle delay; callback sent');

export const COLLECTION_SCENARIOS: readonly AirtelScenario[] = [
  scenario('990001', 'slow-success', 'TIP until SANDBOX_SLOW_MS, then TS; callback sent then', {
    finalAfter: (o) => o.slowMs,
    callbacksAt: (o) => [o.slowMs],
  }),
  scenario('990002', 'success-no-callback', 'TS after the settle delay; callback never sent', { callbacksAt: never }),
  scenario('990003', 'duplicate-callback', 'TS; callback sent twice (the second 300 ms after the first)', {
    callbacksAt: (o) => [o.settleMs, o.settleMs + 300],
  }),
  scenario('990004', 'error-after-record', 'recorded, then answered HTTP 500 with an HTML body; TS after the settle delay, no callback', {
    html500: true,
    callbacksAt: never,
  }),
  scenario('990005', 'callback-before-status', 'TS callback at the settle delay while the enquiry says TIP for another settle delay (at least 1 s)', {
    finalAfter: (o) => o.settleMs + Math.max(o.settleMs, 1000),
  }),
  scenario('990006', 'hanging-post', 'the POST hangs SANDBOX_HANG_MS before answering; recorded at once, TS after the settle delay, no callback', {
    hang: true,
    callbacksAt: never,
  }),
  tf('990007', 'insufficient-funds', 'DP00800001007', 'TF DP00800001007 (not enough balance)'),
  tf('990008', 'limit-exceeded', 'DP00800001003', 'TF DP00800001003 (exceeds the transaction limit)'),
  tf('990009', 'payer-barred', 'DP00800001010', 'TF DP00800001010 (payer barred; KYC says is_barred)', 'Transaction failed: the subscriber is barred'),
  tf('990010', 'payer-not-registered', 'DP00800001010', 'TF DP00800001010 (payer not registered; KYC says not found)', 'Transaction failed: the subscriber is not registered'),
  scenario('991000', 'ambiguous', 'TA (DP00800001000) until SANDBOX_SLOW_MS, then TS; no callback: only an enquiry settles it', {
    initialStatus: 'TA',
    finalAfter: (o) => o.slowMs,
    callbacksAt: never,
  }),
  tf('991002', 'incorrect-pin', 'DP00800001002', 'TF DP00800001002 (incorrect PIN)'),
  tf('991003', 'limit-exceeded-code', 'DP00800001003', 'TF DP00800001003 (exceeds the transaction limit)'),
  tf('991004', 'invalid-amount', 'DP00800001004', 'TF DP00800001004 (amount below the minimum)'),
  tf('991005', 'no-pin-entered', 'DP00800001005', 'TF DP00800001005 (user did not enter the PIN)'),
  tf('991007', 'insufficient-funds-code', 'DP00800001007', 'TF DP00800001007 (not enough balance)'),
  tf('991008', 'refused-by-user', 'DP00800001008', 'TF DP00800001008 (refused: the payer declined)'),
  tf('991009', 'do-not-honour', 'DP00800001009', 'TF DP00800001009 (do not honour)'),
  tf('991010', 'not-permitted', 'DP00800001010', 'TF DP00800001010 (not permitted)'),
  tf('991024', 'timed-out', 'DP00800001024', 'TF DP00800001024 (timed out)'),
  tf('991029', 'expired', 'DP00800001029', 'TF DP00800001029 (transaction expired)'),
];

/** Disbursements are synchronous: the POST answers the final status unless the scenario delays it. */
function sync(suffix: string, id: string, description: string, rest: Partial<AirtelScenario> = {}): AirtelScenario {
  return scenario(suffix, id, description, { finalAfter: now, callbacksAt: never, ...rest });
}

function syncTf(suffix: string, id: string, failCode: string, description: string, failMessage?: string): AirtelScenario {
  return sync(suffix, id, description, { outcome: 'TF', failCode, ...(failMessage ? { failMessage } : {}) });
}

export const DEFAULT_DISBURSEMENT_SCENARIO = sync(
  '*',
  'success',
  'TS at once (DP00900001001) if the disbursement balance covers it, else TF DP00900001007 and nothing moves',
);

export const DISBURSEMENT_SCENARIOS: readonly AirtelScenario[] = [
  sync('990001', 'slow-success', 'answered TIP (DP00900001006); the enquiry says TIP until SANDBOX_SLOW_MS, then TS (money moves at the POST)', {
    finalAfter: (o) => o.slowMs,
  }),
  sync('990004', 'error-after-record', 'recorded (TS, money moved), then answered HTTP 500 with an HTML body', { html500: true }),
  sync('990006', 'hanging-post', 'the POST hangs SANDBOX_HANG_MS before answering TS; recorded (and money moved) at once', { hang: true }),
  syncTf('990007', 'insufficient-funds', 'DP00900001007', 'TF DP00900001007 whatever the balance'),
  syncTf('990008', 'limit-exceeded', 'DP00900001003', 'TF DP00900001003 (daily maximum limit)'),
  syncTf('990009', 'payee-barred', 'DP00900001013', 'TF DP00900001013 (payee barred; KYC says is_barred)', 'Transaction refused: the payee is barred'),
  syncTf('990010', 'payee-not-registered', 'DP00900001012', 'TF DP00900001012 (payee not registered; KYC says not found)', 'Invalid mobile number: the payee is not registered'),
  sync('991000', 'ambiguous', 'answered TA (DP00900001000); the enquiry says TA until SANDBOX_SLOW_MS, then TS (money moves at the POST)', {
    initialStatus: 'TA',
    finalAfter: (o) => o.slowMs,
  }),
  syncTf('991003', 'limit-exceeded-code', 'DP00900001003', 'TF DP00900001003 (daily maximum limit)'),
  syncTf('991004', 'invalid-amount', 'DP00900001004', 'TF DP00900001004 (invalid amount)'),
  syncTf('991005', 'failed', 'DP00900001005', 'TF DP00900001005 (transaction failed)'),
  syncTf('991007', 'insufficient-funds-code', 'DP00900001007', 'TF DP00900001007 whatever the balance'),
  syncTf('991009', 'invalid-initiatee', 'DP00900001009', 'TF DP00900001009 (invalid initiatee)'),
  syncTf('991010', 'payer-not-allowed', 'DP00900001010', 'TF DP00900001010 (payer not allowed)'),
  sync('991011', 'duplicate-similar', 'recorded as TS (money moved) but answered DP00900001011 (similar transaction exists): enquire', {
    answerCode: 'DP00900001011',
  }),
  syncTf('991012', 'invalid-mobile-number', 'DP00900001012', 'TF DP00900001012 (invalid mobile number)'),
  syncTf('991013', 'refused', 'DP00900001013', 'TF DP00900001013 (refused)'),
  sync('991014', 'timed-out', 'answered TA (DP00900001014, timed out); the enquiry says TA until SANDBOX_SLOW_MS, then TF DP00900001014', {
    initialStatus: 'TA',
    outcome: 'TF',
    failCode: 'DP00900001014',
    finalAfter: (o) => o.slowMs,
    answerCode: 'DP00900001014',
  }),
];

function resolve(table: readonly AirtelScenario[], msisdn: string, fallback: AirtelScenario): AirtelScenario {
  return table.find((s) => msisdn.endsWith(s.suffix)) ?? fallback;
}

export function collectionScenario(msisdn: string): AirtelScenario {
  return resolve(COLLECTION_SCENARIOS, msisdn, DEFAULT_COLLECTION_SCENARIO);
}

export function disbursementScenario(msisdn: string): AirtelScenario {
  return resolve(DISBURSEMENT_SCENARIOS, msisdn, DEFAULT_DISBURSEMENT_SCENARIO);
}

export type KycCase = 'registered' | 'barred' | 'not-found';

/** KYC: …990009 is barred, …990010 is not registered, everyone else is a registered, unbarred subscriber. */
export function kycCase(msisdn: string): KycCase {
  if (msisdn.endsWith('990009')) return 'barred';
  if (msisdn.endsWith('990010')) return 'not-found';
  return 'registered';
}

/** The tables with the delays worked out, for GET /_sandbox/airtel-money/scenarios. */
export function describeScenarios(o: Timing): Record<string, unknown> {
  const describe = (table: readonly AirtelScenario[]) =>
    table.map((s) => ({
      id: s.id,
      suffix: s.suffix,
      description: s.description,
      initialStatus: s.initialStatus,
      outcome: s.outcome,
      responseCode: s.outcome === 'TF' ? (s.failCode ?? null) : null,
      finalAfterMs: s.finalAfter(o),
      callbacksAtMs: s.callbacksAt(o),
      html500: s.html500 === true,
      hangMs: s.hang ? o.hangMs : 0,
      answerCode: s.answerCode ?? null,
    }));
  return {
    collection: describe([...COLLECTION_SCENARIOS, DEFAULT_COLLECTION_SCENARIO]),
    disbursement: describe([...DISBURSEMENT_SCENARIOS, DEFAULT_DISBURSEMENT_SCENARIO]),
    kyc: [
      { suffix: '990009', answer: 'found, is_barred: true (DP02200000001)' },
      { suffix: '990010', answer: 'user not found (DP02200000002)' },
      { suffix: '*', answer: 'found, is_barred: false (DP02200000001)' },
    ],
  };
}
