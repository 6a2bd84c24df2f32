// The magic-number table: the payer MSISDN of a request-to-pay decides what happens to it. MTN's own
// sandbox numbers (fact sheet §11) match the whole MSISDN; Malipo's own numbers match the last six
// digits so they work with any country code (256772990001, 233244990002, ...). The transfer and refund
// tables (mtn-momo.scenarios.disbursement.ts) are built from the same pieces.
import type { SandboxOptions } from '../options';

export type MtnStatus = 'PENDING' | 'CREATED' | 'SUCCESSFUL' | 'FAILED';
export type Timing = Pick<SandboxOptions, 'settleMs' | 'slowMs' | 'ongoingMs' | 'hangMs'>;

export interface MtnScenario {
  id: string;
  /**
   * Whole MSISDN (match 'exact') or its last six digits (match 'suffix'); '*' for the default. For refunds
   * it holds the referenceIdToRefund test id ('1'–'13').
   */
  msisdn: string;
  match: 'exact' | 'suffix' | 'default';
  source: 'mtn' | 'malipo';
  description: string;
  /** Answer the POST with this error instead of 202. recorded: the resource exists all the same. */
  sync?: { httpStatus: number; code: string | null; recorded: boolean };
  /** Delay before the POST is answered (the resource is recorded at once). */
  hang?: boolean;
  /** Status until the final one (or forever when outcome is null). */
  initialStatus: 'PENDING' | 'CREATED';
  outcome: { status: 'SUCCESSFUL' | 'FAILED'; reason?: string } | null;
  /** When the status becomes final, ms after creation. */
  finalAfter(o: Timing): number;
  /** When callbacks are sent (only if X-Callback-Url was given), ms after creation. */
  callbacksAt(o: Timing): number[];
}

export const settle = (o: Timing): number => o.settleMs;
export const atSettle = (o: Timing): number[] => [o.settleMs];
export const never = (): number[] => [];

export function failed(msisdn: string, id: string, reason: string, description: string): MtnScenario {
  return {
    id,
    msisdn,
    match: 'exact',
    source: 'mtn',
    description,
    initialStatus: 'PENDING',
    outcome: { status: 'FAILED', reason },
    finalAfter: settle,
    callbacksAt: atSettle,
  };
}

export function syncError(msisdn: string, id: string, httpStatus: number, code: string): MtnScenario {
  return {
    id,
    msisdn,
    match: 'exact',
    source: 'mtn',
    description: `POST answers ${httpStatus} {"code":"${code}"}; nothing is recorded (GET -> 404)`,
    sync: { httpStatus, code, recorded: false },
    initialStatus: 'PENDING',
    outcome: null,
    finalAfter: settle,
    callbacksAt: never,
  };
}

export function malipo(suffix: string, id: string, description: string, rest: Partial<MtnScenario>): MtnScenario {
  return {
    id,
    msisdn: suffix,
    match: 'suffix',
    source: 'malipo',
    description,
    initialStatus: 'PENDING',
    outcome: { status: 'SUCCESSFUL' },
    finalAfter: settle,
    callbacksAt: atSettle,
    ...rest,
  };
}

export const DEFAULT_MTN_SCENARIO: MtnScenario = {
  id: 'success',
  msisdn: '*',
  match: 'default',
  source: 'mtn',
  description: 'SUCCESSFUL after the settle delay, callback sent',
  initialStatus: 'PENDING',
  outcome: { status: 'SUCCESSFUL' },
  finalAfter: settle,
  callbacksAt: atSettle,
};

/** Malipo's own numbers (last six digits); they mean the same for request-to-pay and transfer. */
export const MALIPO_SCENARIOS: readonly MtnScenario[] = [
  malipo('990001', 'slow-success', 'SUCCESSFUL after SANDBOX_SLOW_MS (PENDING until then), callback sent', {
    finalAfter: (o) => o.slowMs,
    callbacksAt: (o) => [o.slowMs],
  }),
  malipo('990002', 'success-no-callback', 'SUCCESSFUL after the settle delay, callback never sent', {
    callbacksAt: never,
  }),
  malipo('990003', 'duplicate-callback', 'SUCCESSFUL, callback sent twice (the second 300 ms after the first)', {
    callbacksAt: (o) => [o.settleMs, o.settleMs + 300],
  }),
  malipo(
    '990004',
    'error-after-record',
    'recorded, then answered HTTP 500 with a non-JSON (HTML) body; SUCCESSFUL after the settle delay, no callback',
    { sync: { httpStatus: 500, code: null, recorded: true }, callbacksAt: never },
  ),
  malipo(
    '990005',
    'callback-before-status',
    'callback SUCCESSFUL at the settle delay while GET says PENDING for another settle delay (at least 1 s), then SUCCESSFUL',
    { finalAfter: (o) => o.settleMs + Math.max(o.settleMs, 1000), callbacksAt: atSettle },
  ),
  malipo(
    '990006',
    'hanging-post',
    'POST hangs SANDBOX_HANG_MS before answering 202; recorded at once, SUCCESSFUL after the settle delay, no callback',
    { hang: true, callbacksAt: never },
  ),
  malipo('990007', 'not-enough-funds', 'FAILED NOT_ENOUGH_FUNDS', {
    outcome: { status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' },
  }),
  malipo('990008', 'payer-limit-reached', 'FAILED PAYER_LIMIT_REACHED', {
    outcome: { status: 'FAILED', reason: 'PAYER_LIMIT_REACHED' },
  }),
];

export const MTN_SCENARIOS: readonly MtnScenario[] = [
  failed('46733123450', 'payer-failed', 'INTERNAL_PROCESSING_ERROR', 'FAILED INTERNAL_PROCESSING_ERROR (as observed)'),
  failed('46733123451', 'payer-rejected', 'APPROVAL_REJECTED', 'FAILED APPROVAL_REJECTED'),
  failed('46733123452', 'payer-expired', 'EXPIRED', 'FAILED EXPIRED'),
  {
    ...failed('46733123453', 'payer-ongoing', 'EXPIRED', 'PENDING for SANDBOX_ONGOING_MS, then FAILED EXPIRED by callback'),
    finalAfter: (o) => o.ongoingMs,
    callbacksAt: (o) => [o.ongoingMs],
  },
  {
    ...failed('46733123454', 'payer-delayed', '', 'status CREATED forever, no callback'),
    initialStatus: 'CREATED',
    outcome: null,
    callbacksAt: never,
  },
  failed('46733123455', 'payer-not-found', 'PAYER_NOT_FOUND', 'FAILED PAYER_NOT_FOUND'),
  failed('46733123456', 'payee-not-allowed-to-receive', 'PAYEE_NOT_ALLOWED_TO_RECEIVE', 'FAILED PAYEE_NOT_ALLOWED_TO_RECEIVE'),
  syncError('46733123457', 'not-allowed', 500, 'NOT_ALLOWED'),
  syncError('46733123458', 'not-allowed-target-environment', 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT'),
  syncError('46733123459', 'invalid-callback-url-host', 500, 'INVALID_CALLBACK_URL_HOST'),
  syncError('46733123460', 'invalid-currency', 500, 'INVALID_CURRENCY'),
  {
    ...failed(
      '46733123461',
      'internal-processing-error',
      'INTERNAL_PROCESSING_ERROR',
      'POST answers 500 INTERNAL_PROCESSING_ERROR, but the resource is recorded and becomes FAILED INTERNAL_PROCESSING_ERROR (no callback)',
    ),
    sync: { httpStatus: 500, code: 'INTERNAL_PROCESSING_ERROR', recorded: true },
    callbacksAt: never,
  },
  syncError('46733123462', 'service-unavailable', 503, 'SERVICE_UNAVAILABLE'),
  failed('46733123463', 'could-not-perform-transaction', 'COULD_NOT_PERFORM_TRANSACTION', 'FAILED COULD_NOT_PERFORM_TRANSACTION'),
  failed('46733123464', 'transfer-type-unknown', 'TRANSFER_TYPE_UNKNOWN', 'FAILED TRANSFER_TYPE_UNKNOWN'),

  ...MALIPO_SCENARIOS,
];

/** The scenario of a party in a table: MSISDN parties only; any other party type gets the default. */
export function resolveInTable(
  table: readonly MtnScenario[],
  party: { partyIdType: string; partyId: string },
  fallback: MtnScenario = DEFAULT_MTN_SCENARIO,
): MtnScenario {
  if (party.partyIdType !== 'MSISDN') return fallback;
  const exact = table.find((s) => s.match === 'exact' && s.msisdn === party.partyId);
  if (exact) return exact;
  const suffix = table.find((s) => s.match === 'suffix' && party.partyId.endsWith(s.msisdn));
  return suffix ?? fallback;
}

/** The scenario for a request-to-pay payer. */
export function resolveMtnScenario(payer: { partyIdType: string; partyId: string }): MtnScenario {
  return resolveInTable(MTN_SCENARIOS, payer);
}

/** A table with the delays worked out, for GET /_sandbox/mtn-momo/scenarios (keyName: 'msisdn' or 'referenceIdToRefund'). */
export function describeMtnScenarios(
  o: Timing,
  table: readonly MtnScenario[] = [...MTN_SCENARIOS, DEFAULT_MTN_SCENARIO],
  keyName = 'msisdn',
): Array<Record<string, unknown>> {
  return table.map((s) => ({
    id: s.id,
    [keyName]: s.msisdn,
    match: s.match,
    source: s.source,
    description: s.description,
    sync: s.sync ?? null,
    initialStatus: s.initialStatus,
    outcome: s.outcome,
    finalAfterMs: s.outcome ? s.finalAfter(o) : null,
    callbacksAtMs: s.callbacksAt(o),
    hangMs: s.hang ? o.hangMs : 0,
  }));
}

export { ACCOUNT_HOLDER_ID_TYPES, accountHolderCase, type AccountHolderCase } from './mtn-momo.accountholder';
