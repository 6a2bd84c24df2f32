// Every money-safety rule of the mapper, row by row (README.md has the same tables).
import type { ProviderExchange } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import type { AirtelCallResult } from './airtel-money.client';
import { AIRTEL_CODE_TO_FAILURE_CODE, failureCodeOf, readEnvelope } from './airtel-money.codes';
import { mapInitiationResult, mapKycCheck, mapStatusResult, readAirtelBalance } from './airtel-money.mapper';

const TX = 'order-7781';
const exchange: ProviderExchange = { operation: 't', request: { method: 'POST', url: '/x', headers: {} }, durationMs: 1 };

function answered(status: number, body: unknown): AirtelCallResult {
  return { kind: 'answered', response: { kind: 'response', status, headers: {}, body, durationMs: 1, exchange }, exchanges: [exchange] };
}
function transport(sent: false | 'maybe', code: string): AirtelCallResult {
  return { kind: 'transport_failure', failure: { kind: 'transport_failure', sent, code, message: code, durationMs: 1, exchange }, exchanges: [exchange] };
}
const tokenFailure: AirtelCallResult = { kind: 'token_failure', problem: 'token request refused (invalid_client)', exchanges: [] };
/** Airtel's envelope: data.transaction + status {code, message, result_code, response_code, success}. */
function env(tx: Record<string, unknown> | null, status: { code?: string; result_code?: string; response_code?: string; success?: boolean; message?: string }) {
  return { ...(tx ? { data: { transaction: tx } } : {}), status: { code: '200', message: 'SUCCESS', ...status } };
}
const ok = { code: '200', result_code: 'ESB000010', success: true };
const rejected = (response_code: string | undefined, result_code = 'ESB000008', message = 'Rejected') => ({
  code: '400',
  success: false,
  result_code,
  message,
  ...(response_code ? { response_code } : {}),
});

describe('mapInitiationResult: collection (USSD push)', () => {
  it.each<[string, AirtelCallResult, object]>([
    ['200 SUCCESS + DP00800001006 → accepted', answered(200, env({ id: TX, status: 'SUCCESS' }, { ...ok, response_code: 'DP00800001006' })), { kind: 'accepted', providerReference: TX, providerStatus: 'SUCCESS' }],
    ['200 SUCCESS with "id": false → accepted', answered(200, env({ id: false, status: 'SUCCESS' }, ok)), { kind: 'accepted', providerReference: TX }],
    ['200 ESB000010 success without a status → accepted', answered(200, env(null, ok)), { kind: 'accepted', providerReference: TX }],
    ['200 ESB000041 duplicate id → accepted', answered(200, env(null, rejected(undefined, 'ESB000041'))), { kind: 'accepted', providerStatus: 'ESB000041' }],
    ['200 ESB000033 msisdn length → failed PAYER_NOT_FOUND', answered(200, env(null, rejected(undefined, 'ESB000033', 'Invalid MSISDN Length'))), { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'ESB000033: Invalid MSISDN Length' }],
    ['200 ESB000039 vendor not configured → failed PROVIDER_ERROR', answered(200, env(null, rejected(undefined, 'ESB000039'))), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['200 ROUTER006 invalid country → failed', answered(200, env(null, rejected(undefined, 'ROUTER006', 'Invalid country code provided.'))), { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'ROUTER006: Invalid country code provided.' }],
    ['200 DP00800001004 invalid amount → failed INVALID_AMOUNT', answered(200, env(null, rejected('DP00800001004'))), { kind: 'failed', failureCode: 'INVALID_AMOUNT', failureReason: 'DP00800001004 (ESB000008): Rejected' }],
    ['200 DP00800001026 signature mismatch → failed', answered(200, env(null, rejected('DP00800001026'))), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['200 code 400 success:false, unknown code → failed PROVIDER_ERROR', answered(200, env(null, rejected(undefined, 'XYZ999'))), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['200 DP00800001000 ambiguous → unknown', answered(200, env(null, rejected('DP00800001000'))), { kind: 'unknown' }],
    ['200 ESB000001 something went wrong → unknown', answered(200, env(null, { code: '500', result_code: 'ESB000001', success: false })), { kind: 'unknown' }],
    ['200 ESB000004 error initiating → unknown', answered(200, env(null, rejected(undefined, 'ESB000004'))), { kind: 'unknown' }],
    ['200 DP00800001024 timed out → unknown (enquire)', answered(200, env(null, rejected('DP00800001024'))), { kind: 'unknown' }],
    ['200 empty body → unknown', answered(200, undefined), { kind: 'unknown' }],
    ['200 HTML → unknown', answered(200, '<html>gateway</html>'), { kind: 'unknown' }],
    ['400 ROUTER110 (no X-Country) → failed', answered(400, { status_message: 'Partner ab12 not found', status_code: 'ROUTER110' }), { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'ROUTER110: Partner ab12 not found' }],
    ['400 ROUTER117 → unknown', answered(400, { status_message: 'timeout', status_code: 'ROUTER117' }), { kind: 'unknown' }],
    ['401 after the refresh → failed UNAUTHORIZED', answered(401, { error: 'invalid_token', error_description: 'expired' }), { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'UNAUTHORIZED: invalid_token: expired' }],
    ['403 (IP not whitelisted) → failed', answered(403, 'Forbidden'), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['429 → failed PROVIDER_UNAVAILABLE', answered(429, undefined), { kind: 'failed', failureCode: 'PROVIDER_UNAVAILABLE' }],
    ['408 → unknown', answered(408, undefined), { kind: 'unknown' }],
    ['500 → unknown', answered(500, { error: 'boom' }), { kind: 'unknown' }],
    ['503 → unknown', answered(503, undefined), { kind: 'unknown' }],
    ['502 with a failure code in the body → unknown', answered(502, env(null, rejected('DP00800001007'))), { kind: 'unknown' }],
    ['timeout → unknown', transport('maybe', 'TIMEOUT'), { kind: 'unknown', reason: 'TIMEOUT: TIMEOUT' }],
    ['connection reset → unknown', transport('maybe', 'ECONNRESET'), { kind: 'unknown' }],
    ['connection refused → rejected_unsent', transport(false, 'ECONNREFUSED'), { kind: 'rejected_unsent' }],
    ['no token → rejected_unsent', tokenFailure, { kind: 'rejected_unsent', reason: 'Airtel access token unavailable: token request refused (invalid_client)' }],
  ])('%s', (_label, result, expected) => {
    expect(mapInitiationResult('collection', result, TX)).toMatchObject(expected);
  });
});

describe('mapInitiationResult: disbursement (synchronous)', () => {
  const tx = { reference_id: '133412377178', airtel_money_id: 'disbursement-6EJL6CWF1D-po-1', id: TX };
  it.each<[string, AirtelCallResult, object]>([
    ['DP00900001001 + TS → succeeded with airtel_money_id', answered(200, env({ ...tx, status: 'TS' }, { ...ok, response_code: 'DP00900001001' })), { kind: 'succeeded', providerReference: TX, providerTransactionId: tx.airtel_money_id }],
    ['TS with success:false → succeeded', answered(200, env({ ...tx, status: 'TS' }, { code: '200', success: false })), { kind: 'succeeded' }],
    ['TF + DP00900001013 → failed', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00900001013' })), { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'DP00900001013' }],
    ['DP00900001007 insufficient funds → failed', answered(200, env(null, rejected('DP00900001007'))), { kind: 'failed', failureCode: 'INSUFFICIENT_FUNDS' }],
    ['DP00900001013 + 521002 msisdn length → failed PAYER_NOT_FOUND', answered(200, env(null, rejected('DP00900001013', '521002', 'Invalid Msisdn Length. Msisdn Length should be 9'))), { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'DP00900001013 (521002): Invalid Msisdn Length. Msisdn Length should be 9' }],
    ['DP00900001012 invalid number → failed PAYER_NOT_FOUND', answered(200, env(null, rejected('DP00900001012'))), { kind: 'failed', failureCode: 'PAYER_NOT_FOUND' }],
    ['DP00900001003 limit → failed LIMIT_EXCEEDED', answered(200, env(null, rejected('DP00900001003'))), { kind: 'failed', failureCode: 'LIMIT_EXCEEDED' }],
    ['ROUTER116 wrong PIN encryption → failed', answered(200, env(null, rejected(undefined, 'ROUTER116'))), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['DP00900001000 ambiguous → unknown', answered(200, env(null, { ...ok, response_code: 'DP00900001000' })), { kind: 'unknown' }],
    ['DP00900001011 duplicate → unknown (enquire, never resend)', answered(200, env(null, rejected('DP00900001011'))), { kind: 'unknown' }],
    ['DP00900001017 duplicate id → unknown', answered(200, env(null, rejected('DP00900001017'))), { kind: 'unknown' }],
    ['DP00900001014 timed out → unknown', answered(200, env(null, rejected('DP00900001014'))), { kind: 'unknown' }],
    ['DP00900001006 in process → accepted', answered(200, env({ id: TX, status: 'TIP' }, { ...ok, response_code: 'DP00900001006' })), { kind: 'accepted', providerReference: TX }],
    ['TA → accepted', answered(200, env({ id: TX, status: 'TA' }, ok)), { kind: 'accepted' }],
    ['ESB000010 alone → unknown (no outcome stated)', answered(200, env(null, ok)), { kind: 'unknown' }],
    ['500 → unknown', answered(500, undefined), { kind: 'unknown' }],
  ])('%s', (_label, result, expected) => {
    expect(mapInitiationResult('disbursement', result, TX)).toMatchObject(expected);
  });
});

describe('mapInitiationResult: refund', () => {
  it.each<[string, AirtelCallResult, object]>([
    ['SUCCESS + ESB000010 → succeeded', answered(200, env({ airtel_money_id: 'CI210104.1549.C00029', status: 'SUCCESS' }, ok)), { kind: 'succeeded', providerReference: TX, providerTransactionId: 'CI210104.1549.C00029' }],
    ['SUCCESS + DP00800001001 → succeeded', answered(200, env({ status: 'SUCCESS' }, { ...ok, response_code: 'DP00800001001' })), { kind: 'succeeded' }],
    ['SUCCESS + DP00800001006 (in process) → accepted', answered(200, env({ status: 'SUCCESS' }, { ...ok, response_code: 'DP00800001006' })), { kind: 'accepted', providerReference: TX }],
    ['ESB000011 failed → failed', answered(200, env(null, rejected(undefined, 'ESB000011'))), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['TF → failed', answered(200, env({ status: 'TF' }, ok)), { kind: 'failed' }],
    ['timeout → unknown', transport('maybe', 'TIMEOUT'), { kind: 'unknown' }],
  ])('%s', (_label, result, expected) => {
    expect(mapInitiationResult('refund', result, TX)).toMatchObject(expected);
  });
});

describe('mapStatusResult (enquiry)', () => {
  it.each<[string, AirtelCallResult, object]>([
    ['TS → succeeded with airtel_money_id', answered(200, env({ airtel_money_id: 'MP210603.1234.L06941', id: TX, message: 'ok', status: 'TS' }, { ...ok, response_code: 'DP00800001001' })), { kind: 'succeeded', providerReference: TX, providerTransactionId: 'MP210603.1234.L06941', providerStatus: 'TS' }],
    ['TF + DP00800001002 → failed PAYER_DECLINED, reason keeps code and message', answered(200, env({ id: TX, message: 'Incorrect PIN', status: 'TF' }, { ...ok, response_code: 'DP00800001002' })), { kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: 'DP00800001002: Incorrect PIN', providerReference: TX }],
    ['TF + DP00800001007 → INSUFFICIENT_FUNDS', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00800001007' })), { kind: 'failed', failureCode: 'INSUFFICIENT_FUNDS' }],
    ['TF + DP00800001005 (no PIN entered) → EXPIRED', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00800001005' })), { kind: 'failed', failureCode: 'EXPIRED' }],
    ['TF + DP00800001029 → EXPIRED', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00800001029' })), { kind: 'failed', failureCode: 'EXPIRED' }],
    ['TF + DP00800001003 → LIMIT_EXCEEDED', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00800001003' })), { kind: 'failed', failureCode: 'LIMIT_EXCEEDED' }],
    ['TF + DP00800001010 → ACCOUNT_INACTIVE', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00800001010' })), { kind: 'failed', failureCode: 'ACCOUNT_INACTIVE' }],
    ['TF + DP00800001008 refused → PAYER_DECLINED', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00800001008' })), { kind: 'failed', failureCode: 'PAYER_DECLINED' }],
    ['TF + DP00900001013 (disbursement) → PROVIDER_ERROR', answered(200, env({ id: TX, status: 'TF' }, { ...ok, response_code: 'DP00900001013' })), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['TF without a code → UNKNOWN', answered(200, env({ id: TX, status: 'TF', message: 'failed' }, { code: '200', success: true })), { kind: 'failed', failureCode: 'UNKNOWN', failureReason: 'TF: failed' }],
    ['TE → failed EXPIRED', answered(200, env({ id: TX, status: 'TE' }, ok)), { kind: 'failed', failureCode: 'EXPIRED' }],
    ['TA → pending', answered(200, env({ id: TX, status: 'TA' }, ok)), { kind: 'pending', providerReference: TX, providerStatus: 'TA' }],
    ['TIP + DP00800001006 → pending', answered(200, env({ id: TX, status: 'TIP' }, { ...ok, response_code: 'DP00800001006' })), { kind: 'pending', providerStatus: 'TIP' }],
    ['an unknown status → pending', answered(200, env({ id: TX, status: 'XYZ' }, ok)), { kind: 'pending', providerStatus: 'XYZ' }],
    ['an answer about another id → unknown', answered(200, env({ id: 'other', status: 'TS' }, ok)), { kind: 'unknown' }],
    ['404 → not_found', answered(404, undefined), { kind: 'not_found' }],
    ['200 DP00800001025 → not_found', answered(200, env(null, rejected('DP00800001025', 'ESB000045', 'No transaction found'))), { kind: 'not_found' }],
    ['400 ESB000045 → not_found', answered(400, env(null, rejected(undefined, 'ESB000045'))), { kind: 'not_found' }],
    ['200 DP00900001015 → not_found', answered(200, env(null, rejected('DP00900001015'))), { kind: 'not_found' }],
    ['200 ESB000014 error fetching → unknown', answered(200, env(null, rejected(undefined, 'ESB000014'))), { kind: 'unknown' }],
    ['401 → unknown', answered(401, undefined), { kind: 'unknown' }],
    ['500 → unknown', answered(500, undefined), { kind: 'unknown' }],
    ['timeout → unknown', transport('maybe', 'TIMEOUT'), { kind: 'unknown' }],
    ['refused → unknown', transport(false, 'ECONNREFUSED'), { kind: 'unknown' }],
    ['no token → unknown', tokenFailure, { kind: 'unknown' }],
  ])('%s', (_label, result, expected) => {
    expect(mapStatusResult(result, TX)).toMatchObject(expected);
  });
});

describe('mapKycCheck (before a disbursement)', () => {
  const user = { first_name: 'JOHN', last_name: 'DOE', msisdn: '752604392', grade: 'MCOM', is_pin_set: true, registration: { status: 'MCOM' } };
  const kyc = (status: number, data: unknown, s: object) => answered(status, { ...(data ? { data } : {}), status: { code: '200', ...s } });
  it.each<[string, AirtelCallResult, object | undefined]>([
    ['found, not barred → go on', kyc(200, { ...user, is_barred: false }, { response_code: 'DP02200000001', success: true }), undefined],
    ['DP02200000002 user not found → PAYER_NOT_FOUND', kyc(200, null, { code: '400', response_code: 'DP02200000002', success: false, message: 'User not found' }), { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'KYC DP02200000002: User not found' }],
    ['DP02200000002 under HTTP 404 → PAYER_NOT_FOUND', kyc(404, null, { response_code: 'DP02200000002' }), { kind: 'failed', failureCode: 'PAYER_NOT_FOUND' }],
    ['barred → ACCOUNT_INACTIVE', kyc(200, { ...user, is_barred: true }, { response_code: 'DP02200000001', success: true }), { kind: 'failed', failureCode: 'ACCOUNT_INACTIVE' }],
    ['barred as a string → ACCOUNT_INACTIVE', kyc(200, { ...user, is_barred: 'true' }, { response_code: 'DP02200000001' }), { kind: 'failed', failureCode: 'ACCOUNT_INACTIVE' }],
    ['DP02200000000 failed → go on', kyc(200, null, { response_code: 'DP02200000000', success: false }), undefined],
    ['404 without a code → go on', answered(404, undefined), undefined],
    ['403 (no KYC product) → go on', answered(403, 'Forbidden'), undefined],
    ['500 → go on', answered(500, undefined), undefined],
    ['timeout → go on', transport('maybe', 'TIMEOUT'), undefined],
    ['refused → go on (the disbursement answer decides)', transport(false, 'ECONNREFUSED'), undefined],
    ['no token → rejected_unsent', tokenFailure, { kind: 'rejected_unsent' }],
  ])('%s', (_label, result, expected) => {
    const outcome = mapKycCheck(result);
    if (expected === undefined) expect(outcome).toBeUndefined();
    else expect(outcome).toMatchObject(expected);
  });
});

describe('readAirtelBalance', () => {
  const body = (data: object, response_code = 'DP02100000001') => ({ data, status: { code: '200', response_code, success: true } });
  it('reads the decimal string, never computing with it', () => {
    expect(readAirtelBalance(answered(200, body({ balance: '230486.65', currency: 'UGX', account_status: 'Active' })), [])).toEqual({
      wallet: 'collection',
      currency: 'UGX',
      available: '230486.65',
    });
    expect(readAirtelBalance(answered(200, body({ balance: 120, currency: 'ugx', account_type: 'COLLECTIONS' })), []).wallet).toBe('collections');
  });
  it.each<[string, AirtelCallResult]>([
    ['DP02100000000', answered(200, body({ balance: '1', currency: 'UGX' }, 'DP02100000000'))],
    ['no balance', answered(200, body({ currency: 'UGX' }))],
    ['a non-decimal balance', answered(200, body({ balance: 'n/a', currency: 'UGX' }))],
    ['500', answered(500, undefined)],
    ['timeout', transport('maybe', 'TIMEOUT')],
    ['no token', tokenFailure],
  ])('throws OperatorCallError with the exchanges on %s', (_label, result) => {
    expect(() => readAirtelBalance(result, [exchange])).toThrow(OperatorCallError);
  });
});

describe('code table', () => {
  it('prefers a specific code over a generic one', () => {
    expect(failureCodeOf(readEnvelope(env(null, rejected('DP00900001013', '521002'))))).toBe('PAYER_NOT_FOUND');
    expect(failureCodeOf(readEnvelope(env(null, rejected('DP00900001013', 'ESB000008'))))).toBe('PROVIDER_ERROR');
    expect(failureCodeOf(readEnvelope({}), 'EXPIRED')).toBe('EXPIRED');
  });
  it('maps every DP008 failure code of §11', () => {
    const dp008 = Object.keys(AIRTEL_CODE_TO_FAILURE_CODE).filter((c) => c.startsWith('DP008'));
    expect(dp008.sort()).toEqual(['1002', '1003', '1004', '1005', '1007', '1008', '1009', '1010', '1024', '1026', '1029'].map((n) => `DP0080000${n}`));
  });
});
