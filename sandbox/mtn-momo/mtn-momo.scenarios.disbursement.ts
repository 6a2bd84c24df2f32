// Disbursement magic values (fact sheet §11). Transfers: the payee MSISDN, from the "Transfer (payee)
// case" column, then Malipo's suffix numbers (same meaning as for request-to-pay) and the
// account-holder suffixes 990009/990010. Refunds: referenceIdToRefund '1'–'13'. Mapped onto outcomes
// the same way as the request-to-pay numbers: a "Failed" case is FAILED INTERNAL_PROCESSING_ERROR,
// "Ongoing" PENDING then FAILED EXPIRED, "Delayed" CREATED forever, the NotAllowed… cases synchronous 500s.
import {
  DEFAULT_MTN_SCENARIO,
  MALIPO_SCENARIOS,
  failed,
  malipo,
  never,
  resolveInTable,
  syncError,
  type MtnScenario,
} from './mtn-momo.scenarios';

function ongoing(key: string, id: string): MtnScenario {
  return {
    ...failed(key, id, 'EXPIRED', 'PENDING for SANDBOX_ONGOING_MS, then FAILED EXPIRED by callback'),
    finalAfter: (o) => o.ongoingMs,
    callbacksAt: (o) => [o.ongoingMs],
  };
}

function delayed(key: string, id: string): MtnScenario {
  return { ...failed(key, id, '', 'status CREATED forever, no callback'), initialStatus: 'CREATED', outcome: null, callbacksAt: never };
}

function internalErrorRecorded(key: string, id: string): MtnScenario {
  return {
    ...failed(
      key,
      id,
      'INTERNAL_PROCESSING_ERROR',
      'POST answers 500 INTERNAL_PROCESSING_ERROR, but the resource is recorded and becomes FAILED INTERNAL_PROCESSING_ERROR (no callback)',
    ),
    sync: { httpStatus: 500, code: 'INTERNAL_PROCESSING_ERROR', recorded: true },
    callbacksAt: never,
  };
}

export const DEFAULT_TRANSFER_SCENARIO: MtnScenario = {
  ...DEFAULT_MTN_SCENARIO,
  description: 'SUCCESSFUL after the settle delay if the disbursement balance covers it (else FAILED NOT_ENOUGH_FUNDS), callback sent',
};

export const TRANSFER_SCENARIOS: readonly MtnScenario[] = [
  failed('46733123450', 'payee-failed', 'INTERNAL_PROCESSING_ERROR', 'FAILED INTERNAL_PROCESSING_ERROR (PayeeFailed)'),
  failed('46733123451', 'payee-rejected', 'APPROVAL_REJECTED', 'FAILED APPROVAL_REJECTED (PayeeRejected)'),
  failed('46733123452', 'payee-expired', 'EXPIRED', 'FAILED EXPIRED (PayeeExpired)'),
  ongoing('46733123453', 'payee-ongoing'),
  delayed('46733123454', 'payee-delayed'),
  failed('46733123455', 'not-enough-funds-mtn', 'NOT_ENOUGH_FUNDS', 'FAILED NOT_ENOUGH_FUNDS (NotEnoughFunds), whatever the balance'),
  failed('46733123456', 'payer-limit-reached-mtn', 'PAYER_LIMIT_REACHED', 'FAILED PAYER_LIMIT_REACHED (PayerLimitReached)'),
  failed('46733123457', 'payee-not-found', 'PAYEE_NOT_FOUND', 'FAILED PAYEE_NOT_FOUND (PayeeNotFound)'),
  syncError('46733123458', 'not-allowed', 500, 'NOT_ALLOWED'),
  syncError('46733123459', 'not-allowed-target-environment', 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT'),
  syncError('46733123460', 'invalid-callback-url-host', 500, 'INVALID_CALLBACK_URL_HOST'),
  syncError('46733123461', 'invalid-currency', 500, 'INVALID_CURRENCY'),
  internalErrorRecorded('46733123462', 'internal-processing-error'),
  syncError('46733123463', 'service-unavailable', 503, 'SERVICE_UNAVAILABLE'),
  failed('46733123464', 'transfer-type-unknown', 'TRANSFER_TYPE_UNKNOWN', 'FAILED TRANSFER_TYPE_UNKNOWN (only in some copies of the table)'),
  ...MALIPO_SCENARIOS,
  malipo('990009', 'payee-not-active', 'FAILED PAYEE_NOT_ALLOWED_TO_RECEIVE (the account-holder check says inactive)', {
    outcome: { status: 'FAILED', reason: 'PAYEE_NOT_ALLOWED_TO_RECEIVE' },
  }),
  malipo('990010', 'payee-unknown', 'FAILED PAYEE_NOT_FOUND (the account-holder check says 404)', {
    outcome: { status: 'FAILED', reason: 'PAYEE_NOT_FOUND' },
  }),
];

export function resolveTransferScenario(payee: { partyIdType: string; partyId: string }): MtnScenario {
  return resolveInTable(TRANSFER_SCENARIOS, payee, DEFAULT_TRANSFER_SCENARIO);
}

/** A refund of a SUCCESSFUL request-to-pay of this sandbox: the checks happen when it settles. */
export const DEFAULT_REFUND_SCENARIO: MtnScenario = {
  ...DEFAULT_MTN_SCENARIO,
  msisdn: '<reference id of a request-to-pay>',
  match: 'default',
  description:
    'SUCCESSFUL after the settle delay, unless at that moment the request-to-pay is not SUCCESSFUL (FAILED PAYMENT_NOT_APPROVED), ' +
    'the SUCCESSFUL refunds would exceed its amount (FAILED NOT_ALLOWED) or the disbursement balance is short (FAILED NOT_ENOUGH_FUNDS)',
};

/** referenceIdToRefund that is neither a test id nor a request-to-pay of this target environment. */
export const UNKNOWN_REFUND_SCENARIO: MtnScenario = {
  ...failed('*', 'refund-of-unknown', 'RESOURCE_NOT_FOUND', 'unknown request-to-pay: FAILED RESOURCE_NOT_FOUND'),
  match: 'default',
  source: 'malipo',
};

export const REFUND_SCENARIOS: readonly MtnScenario[] = [
  failed('1', 'refund-not-found', 'RESOURCE_NOT_FOUND', 'FAILED RESOURCE_NOT_FOUND (NotFound)'),
  failed('2', 'refund-failed', 'INTERNAL_PROCESSING_ERROR', 'FAILED INTERNAL_PROCESSING_ERROR (Failed)'),
  failed('3', 'refund-rejected', 'APPROVAL_REJECTED', 'FAILED APPROVAL_REJECTED (Rejected)'),
  failed('4', 'refund-expired', 'EXPIRED', 'FAILED EXPIRED (Expired)'),
  ongoing('5', 'refund-ongoing'),
  delayed('6', 'refund-delayed'),
  syncError('7', 'refund-not-allowed', 500, 'NOT_ALLOWED'),
  syncError('8', 'refund-not-allowed-target-environment', 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT'),
  syncError('9', 'refund-invalid-callback-url-host', 500, 'INVALID_CALLBACK_URL_HOST'),
  syncError('10', 'refund-invalid-currency', 500, 'INVALID_CURRENCY'),
  internalErrorRecorded('11', 'refund-internal-processing-error'),
  syncError('12', 'refund-service-unavailable', 503, 'SERVICE_UNAVAILABLE'),
  failed('13', 'refund-could-not-perform-transaction', 'COULD_NOT_PERFORM_TRANSACTION', 'FAILED COULD_NOT_PERFORM_TRANSACTION'),
];

/** The test-id scenario of a referenceIdToRefund ('1'–'13'), or null. */
export function refundTestScenario(referenceIdToRefund: string): MtnScenario | null {
  return REFUND_SCENARIOS.find((s) => s.msisdn === referenceIdToRefund) ?? null;
}
