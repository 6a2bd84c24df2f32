// The INS table and the mapping of answers (pure: OperatorHttp results built by hand).
import type { FailureCode } from '../provider.port';
import type { OperatorHttpResult } from '../shared/operator-http';
import { VODACOM_RESPONSE_CODES, isKnownVodacomCode, mapVodacomResponseCode, normalizeInsCode, readVodacomAnswer } from './mpesa-vodacom.codes';
import { mapVodacomInitiation, mapVodacomStatus } from './mpesa-vodacom.mapper';
import { TX_REF, vodacomQuery } from './testing/mpesa-vodacom.fixtures';

const exchange = { operation: 'x', request: { method: 'POST', url: '/', headers: {} }, durationMs: 1 };
const answer = (status: number, body?: unknown): OperatorHttpResult => ({ kind: 'response', status, headers: {}, body, durationMs: 1, exchange });
const ins = (code: string, extra: Record<string, string> = {}) => ({
  output_ResponseCode: code,
  output_ResponseDesc: VODACOM_RESPONSE_CODES[code]?.description ?? 'Something new',
  output_ConversationID: 'conv123',
  output_ThirdPartyReference: TX_REF,
  ...extra,
});
const transport = (sent: false | 'maybe', code: string): OperatorHttpResult => ({ kind: 'transport_failure', sent, code, message: 'boom', durationMs: 1, exchange });

describe('Vodacom INS table', () => {
  const expected: Array<[string, string]> = [
    ['INS-0', 'succeeded'],
    ['INS-1', 'unknown'],
    ['INS-2', 'PROVIDER_ERROR'],
    ['INS-4', 'ACCOUNT_INACTIVE'],
    ['INS-5', 'PAYER_DECLINED'],
    ['INS-6', 'PAYER_DECLINED'],
    ['INS-9', 'unknown'],
    ['INS-10', 'unknown'],
    ['INS-13', 'PROVIDER_ERROR'],
    ['INS-14', 'PROVIDER_ERROR'],
    ['INS-15', 'INVALID_AMOUNT'],
    ['INS-16', 'unknown'],
    ['INS-17', 'PROVIDER_ERROR'],
    ['INS-18', 'PROVIDER_ERROR'],
    ['INS-19', 'PROVIDER_ERROR'],
    ['INS-20', 'PROVIDER_ERROR'],
    ['INS-21', 'PROVIDER_ERROR'],
    ['INS-22', 'PROVIDER_ERROR'],
    ['INS-23', 'not_found'],
    ['INS-24', 'PROVIDER_ERROR'],
    ['INS-25', 'PROVIDER_ERROR'],
    ['INS-26', 'PROVIDER_ERROR'],
    ['INS-993', 'PROVIDER_ERROR'],
    ['INS-994', 'PROVIDER_ERROR'],
    ['INS-995', 'ACCOUNT_INACTIVE'],
    ['INS-996', 'ACCOUNT_INACTIVE'],
    ['INS-997', 'PROVIDER_ERROR'],
    ['INS-998', 'PROVIDER_ERROR'],
    ['INS-2001', 'PAYER_DECLINED'],
    ['INS-2002', 'PAYER_NOT_FOUND'],
    ['INS-2006', 'INSUFFICIENT_FUNDS'],
    ['INS-2051', 'PAYER_NOT_FOUND'],
    ['INS-2057', 'PROVIDER_ERROR'],
  ];

  it('covers exactly the portal table (§3.1)', () => {
    expect(Object.keys(VODACOM_RESPONSE_CODES).sort()).toEqual(expected.map(([c]) => c).sort());
  });

  it.each(expected)('%s (C2B) → %s', (code, meaning) => {
    const m = mapVodacomResponseCode(code, 'c2b');
    expect(m.kind === 'failed' ? m.failureCode : m.kind).toBe(meaning);
  });

  it('INS-2001 is the customer on a C2B, the initiator elsewhere; codes outside the table → unknown', () => {
    for (const kind of ['b2c', 'reversal', 'query'] as const) expect(mapVodacomResponseCode('INS-2001', kind)).toEqual({ kind: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect(mapVodacomResponseCode('INS-4242')).toEqual({ kind: 'unknown' });
    expect(mapVodacomResponseCode('E42')).toEqual({ kind: 'unknown' });
    expect(isKnownVodacomCode('ins-016')).toBe(true);
    expect(isKnownVodacomCode('INS-4242')).toBe(false);
    expect(isKnownVodacomCode('toString')).toBe(false);
    expect(mapVodacomResponseCode('ins-05')).toEqual({ kind: 'failed', failureCode: 'PAYER_DECLINED' });
    expect(normalizeInsCode(' INS-0006 ')).toBe('INS-6');
    expect(normalizeInsCode('0')).toBeUndefined();
  });

  it('reads output_* defensively (ResultCode alias, numbers, junk)', () => {
    expect(readVodacomAnswer({ output_ResultCode: 'INS-26', output_ResultDesc: 'Not authorized', output_TransactionID: '' })).toEqual({ code: 'INS-26', description: 'Not authorized' });
    for (const junk of [undefined, null, 'text', [], 42, { output_ResponseCode: {} }]) expect(readVodacomAnswer(junk).code).toBeUndefined();
  });
});

describe('mapVodacomInitiation', () => {
  it('INS-0 with a 2xx → succeeded with output_TransactionID and output_ConversationID', () => {
    const outcome = mapVodacomInitiation('c2b', answer(201, ins('INS-0', { output_TransactionID: '3cr8whltpb6m' })), TX_REF);
    expect(outcome).toEqual({ kind: 'succeeded', providerTransactionId: '3cr8whltpb6m', providerReference: 'conv123', providerStatus: 'INS-0' });
    expect(mapVodacomInitiation('b2c', answer(200, ins('INS-0', { output_TransactionID: 'N/A' })), TX_REF)).toEqual({ kind: 'succeeded', providerReference: 'conv123', providerStatus: 'INS-0' });
    expect(mapVodacomInitiation('c2b', answer(500, ins('INS-0')), TX_REF).kind).toBe('unknown');
  });

  const failures: Array<[string, number, FailureCode]> = [
    ['INS-5', 401, 'PAYER_DECLINED'],
    ['INS-6', 401, 'PAYER_DECLINED'],
    ['INS-2006', 422, 'INSUFFICIENT_FUNDS'],
    ['INS-2051', 400, 'PAYER_NOT_FOUND'],
    ['INS-2', 401, 'PROVIDER_ERROR'],
  ];
  it.each(failures)('%s (HTTP %d) → failed %s, "INS-x: description" kept', (code, status, failureCode) => {
    const outcome = mapVodacomInitiation('c2b', answer(status, ins(code)), TX_REF);
    expect(outcome).toMatchObject({ kind: 'failed', failureCode, failureReason: `${code}: ${VODACOM_RESPONSE_CODES[code]?.description ?? 'Something new'}`, providerReference: 'conv123' });
  });

  it.each([
    ['INS-9 (408)', answer(408, ins('INS-9'))],
    ['INS-1 (500)', answer(500, ins('INS-1'))],
    ['INS-10 (409): our own earlier attempt', answer(409, ins('INS-10'))],
    ['INS-23 on an initiation', answer(400, ins('INS-23'))],
    ['401 without output_* (§3.2)', answer(401, 'Unauthorized')],
    ['500 without a body', answer(500)],
    ['an empty 201', answer(201)],
    ['an unknown code in a 5xx', answer(502, ins('INS-4242'))],
    ['an unknown code in a 4xx', answer(400, ins('INS-4242'))],
    ['an unknown code in a 2xx', answer(201, ins('INS-4242'))],
    ['an unknown non-INS code in a 422', answer(422, ins('E-77'))],
    ['INS-16 (503): temporary overloading, the request may have been taken', answer(503, ins('INS-16'))],
    ['an answer about another reference', answer(201, ins('INS-0', { output_ThirdPartyReference: 'other' }))],
    ['a timeout', transport('maybe', 'TIMEOUT')],
    ['a reset', transport('maybe', 'ECONNRESET')],
  ])('%s → unknown, never failed', (_label, result) => {
    expect(mapVodacomInitiation('c2b', result, TX_REF).kind).toBe('unknown');
  });

  it('an unknown code keeps the raw code in the reason, on every kind of call', () => {
    for (const kind of ['c2b', 'b2c', 'reversal'] as const) {
      expect(mapVodacomInitiation(kind, answer(400, ins('INS-4242')), TX_REF)).toEqual({
        kind: 'unknown',
        reason: 'INS-4242: Something new (HTTP 400): unrecognised code, outcome unknown, query the status',
      });
    }
  });

  it('connection refused → rejected_unsent; INS-2001 on a reversal → PROVIDER_ERROR', () => {
    expect(mapVodacomInitiation('c2b', transport(false, 'ECONNREFUSED'), TX_REF)).toEqual({ kind: 'rejected_unsent', reason: 'ECONNREFUSED: boom' });
    expect(mapVodacomInitiation('reversal', answer(400, ins('INS-2001')), TX_REF)).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect(mapVodacomInitiation('reversal', answer(400, ins('INS-18')), TX_REF)).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'INS-18: Invalid TransactionID Used' });
  });
});

describe('mapVodacomStatus', () => {
  const q = vodacomQuery();
  const status = (s: string) => answer(200, { ...ins('INS-0', { output_ThirdPartyReference: 'Qcall' }), output_ResponseTransactionStatus: s });

  it('Completed → succeeded, keeping the ids known from the initiation', () => {
    expect(mapVodacomStatus(status('Completed'), q, 'Qcall')).toEqual({
      kind: 'succeeded',
      providerReference: q.providerReference,
      providerTransactionId: '5C1400CVRO',
      providerStatus: 'Completed',
    });
  });

  it.each([
    ['Cancelled', { kind: 'failed', failureCode: 'PAYER_DECLINED' }],
    ['Expired', { kind: 'failed', failureCode: 'EXPIRED' }],
    ['Failed', { kind: 'failed', failureCode: 'UNKNOWN' }],
    ['Pending', { kind: 'pending', providerStatus: 'Pending' }],
    ['N/A', { kind: 'unknown', reason: expect.stringContaining('"N/A": Vodacom cannot tell the status') }],
    ['n/a', { kind: 'unknown' }],
    ['Something', { kind: 'unknown' }],
  ])('%s → %o', (s, expected) => {
    expect(mapVodacomStatus(status(s), q, 'Qcall')).toMatchObject(expected);
  });

  it('INS-23 → not_found; other codes, no code, another reference, transport → unknown', () => {
    expect(mapVodacomStatus(answer(400, ins('INS-23')), q, 'Qcall')).toMatchObject({ kind: 'not_found' });
    expect(mapVodacomStatus(answer(401, ins('INS-2')), q, 'Qcall').kind).toBe('unknown');
    expect(mapVodacomStatus(answer(409, ins('INS-10')), q, 'Qcall').kind).toBe('unknown');
    expect(mapVodacomStatus(answer(500), q, 'Qcall').kind).toBe('unknown');
    expect(mapVodacomStatus(status('Completed'), q, 'Qother').kind).toBe('unknown');
    expect(mapVodacomStatus(transport(false, 'ECONNREFUSED'), q, 'Qcall').kind).toBe('unknown');
    expect(mapVodacomStatus(transport('maybe', 'TIMEOUT'), q, 'Qcall').kind).toBe('unknown');
  });
});
