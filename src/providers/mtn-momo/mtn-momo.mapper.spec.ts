import type { ProviderExchange } from '../provider.port';
import type { OperatorResponse, OperatorTransportFailure } from '../shared/operator-http';
import type { MtnCallResult } from './mtn-momo.client';
import { mapMtnReason, mapMtnStatusBody, mapRequestToPayResult, mapRequestToPayStatusResult, mtnReasonCode } from './mtn-momo.mapper';

const TX = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
const exchange: ProviderExchange = { operation: 't', request: { method: 'POST', url: '/x', headers: {} }, durationMs: 1 };

function answered(status: number, body?: unknown): MtnCallResult {
  const response: OperatorResponse = { kind: 'response', status, headers: {}, body, durationMs: 1, exchange };
  return { kind: 'answered', response, exchanges: [exchange] };
}
function transport(sent: false | 'maybe', code: string): MtnCallResult {
  const failure: OperatorTransportFailure = { kind: 'transport_failure', sent, code, message: code.toLowerCase(), durationMs: 1, exchange };
  return { kind: 'transport_failure', failure, exchanges: [exchange] };
}
const tokenFailure: MtnCallResult = { kind: 'token_failure', problem: 'token request refused (login_failed)', exchanges: [] };

describe('mapMtnReason', () => {
  const table: [string, string][] = [
    ['PAYER_NOT_FOUND', 'PAYER_NOT_FOUND'],
    ['PAYEE_NOT_FOUND', 'PAYER_NOT_FOUND'],
    ['NOT_ENOUGH_FUNDS', 'INSUFFICIENT_FUNDS'],
    ['PAYER_LIMIT_REACHED', 'LIMIT_EXCEEDED'],
    ['APPROVAL_REJECTED', 'PAYER_DECLINED'],
    ['TRANSACTION_CANCELED', 'PAYER_DECLINED'],
    ['PAYMENT_NOT_APPROVED', 'PAYER_DECLINED'],
    ['EXPIRED', 'EXPIRED'],
    ['COULD_NOT_PERFORM_TRANSACTION', 'EXPIRED'],
    ['SENDER_ACCOUNT_NOT_ACTIVE', 'ACCOUNT_INACTIVE'],
    ['PAYEE_NOT_ALLOWED_TO_RECEIVE', 'ACCOUNT_INACTIVE'],
    ['RESOURCE_ALREADY_EXIST', 'DUPLICATE'],
    ['SERVICE_UNAVAILABLE', 'PROVIDER_UNAVAILABLE'],
    ['INTERNAL_PROCESSING_ERROR', 'PROVIDER_ERROR'],
    ['NOT_ALLOWED', 'PROVIDER_ERROR'],
    ['NOT_ALLOWED_TARGET_ENVIRONMENT', 'PROVIDER_ERROR'],
    ['INVALID_CALLBACK_URL_HOST', 'PROVIDER_ERROR'],
    ['INVALID_CURRENCY', 'PROVIDER_ERROR'],
    ['TRANSFER_TYPE_UNKNOWN', 'PROVIDER_ERROR'],
    ['SOMETHING_NEW', 'UNKNOWN'],
  ];

  it.each(table)('%s as a plain string → %s', (reason, code) => expect(mapMtnReason(reason)).toBe(code));
  it.each(table)('%s as {code,message} → %s', (reason, code) => expect(mapMtnReason({ code: reason, message: 'text' })).toBe(code));

  it('maps a missing or unusable reason to UNKNOWN', () => {
    for (const reason of [undefined, null, '', 42, {}, { code: 7 }, []]) expect(mapMtnReason(reason)).toBe('UNKNOWN');
  });

  it('mtnReasonCode reads strings and objects', () => {
    expect(mtnReasonCode('APPROVAL_REJECTED')).toBe('APPROVAL_REJECTED');
    expect(mtnReasonCode({ code: 'EXPIRED', message: 'x' })).toBe('EXPIRED');
    expect(mtnReasonCode({ message: 'only text' })).toBe('only text');
    expect(mtnReasonCode(undefined)).toBeUndefined();
  });
});

describe('mapMtnStatusBody', () => {
  it.each(['PENDING', 'CREATED', 'ONGOING', 'PAYER_DELAYED', 'SOMETHING_UNHEARD_OF'])('%s → pending (never a guessed failure)', (status) => {
    expect(mapMtnStatusBody({ status, externalId: 'x' }, TX)).toEqual({ kind: 'pending', providerReference: TX, providerStatus: status });
  });

  it('SUCCESSFUL → succeeded with the financialTransactionId', () => {
    expect(mapMtnStatusBody({ status: 'SUCCESSFUL', financialTransactionId: '600198217' }, TX)).toEqual({
      kind: 'succeeded',
      providerReference: TX,
      providerTransactionId: '600198217',
      providerStatus: 'SUCCESSFUL',
    });
  });

  it('FAILED with a string reason → failed, keeping MTN code as failureReason', () => {
    expect(mapMtnStatusBody({ status: 'FAILED', reason: 'APPROVAL_REJECTED' }, TX)).toEqual({
      kind: 'failed',
      failureCode: 'PAYER_DECLINED',
      failureReason: 'APPROVAL_REJECTED',
      providerReference: TX,
    });
  });

  it('FAILED with an object reason → failed', () => {
    expect(mapMtnStatusBody({ status: 'FAILED', reason: { code: 'NOT_ENOUGH_FUNDS', message: 'no money' } })).toEqual({
      kind: 'failed',
      failureCode: 'INSUFFICIENT_FUNDS',
      failureReason: 'NOT_ENOUGH_FUNDS',
    });
  });

  it('FAILED without a reason → failed UNKNOWN', () => {
    expect(mapMtnStatusBody({ status: 'FAILED' })).toMatchObject({ kind: 'failed', failureCode: 'UNKNOWN', failureReason: 'FAILED' });
  });

  it('a body without a status is unknown, not failed', () => {
    expect(mapMtnStatusBody({}).kind).toBe('unknown');
    expect(mapMtnStatusBody('<html>').kind).toBe('unknown');
    expect(mapMtnStatusBody(undefined).kind).toBe('unknown');
  });
});

describe('mapRequestToPayResult (initiation: the money-safety table)', () => {
  it('202 → accepted with our transaction id as provider reference', () => {
    expect(mapRequestToPayResult(answered(202), TX)).toEqual({ kind: 'accepted', providerReference: TX });
  });

  it('409 RESOURCE_ALREADY_EXIST → accepted (a retried POST)', () => {
    expect(mapRequestToPayResult(answered(409, { code: 'RESOURCE_ALREADY_EXIST', message: 'Duplicated reference id.' }), TX)).toMatchObject({
      kind: 'accepted',
      providerReference: TX,
    });
    expect(mapRequestToPayResult(answered(409), TX).kind).toBe('accepted');
  });

  it('400 → failed PROVIDER_ERROR with MTN code/text', () => {
    expect(mapRequestToPayResult(answered(400, { code: 'BAD_REQUEST', message: 'payerMessage too long' }), TX)).toEqual({
      kind: 'failed',
      failureCode: 'PROVIDER_ERROR',
      failureReason: 'BAD_REQUEST: payerMessage too long',
    });
    expect(mapRequestToPayResult(answered(400), TX)).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'HTTP 400' });
  });

  it.each(['NOT_ALLOWED', 'NOT_ALLOWED_TARGET_ENVIRONMENT', 'INVALID_CALLBACK_URL_HOST', 'INVALID_CURRENCY'])(
    '500 {code: %s} → failed PROVIDER_ERROR (logical rejection)',
    (code) => {
      expect(mapRequestToPayResult(answered(500, { code, message: 'x' }), TX)).toEqual({
        kind: 'failed',
        failureCode: 'PROVIDER_ERROR',
        failureReason: code,
      });
    },
  );

  it.each([
    ['500 INTERNAL_PROCESSING_ERROR', 500, { code: 'INTERNAL_PROCESSING_ERROR', message: 'x' }],
    ['500 with empty body', 500, undefined],
    ['500 with HTML', 500, '<html>Server Error</html>'],
    ['500 with an unrelated code', 500, { code: 'PAYER_NOT_FOUND' }],
    ['502', 502, undefined],
    ['503 SERVICE_UNAVAILABLE', 503, { code: 'SERVICE_UNAVAILABLE' }],
    ['504', 504, undefined],
    ['302', 302, undefined],
    ['408', 408, undefined],
  ])('%s → unknown, never failed', (_label, status, body) => {
    expect(mapRequestToPayResult(answered(status as number, body), TX).kind).toBe('unknown');
  });

  it('timeouts and resets → unknown', () => {
    expect(mapRequestToPayResult(transport('maybe', 'TIMEOUT'), TX).kind).toBe('unknown');
    expect(mapRequestToPayResult(transport('maybe', 'ECONNRESET'), TX).kind).toBe('unknown');
  });

  it('a transport failure that certainly was not sent → rejected_unsent', () => {
    expect(mapRequestToPayResult(transport(false, 'ECONNREFUSED'), TX)).toMatchObject({ kind: 'rejected_unsent' });
  });

  it('401 after the token refresh → failed PROVIDER_ERROR UNAUTHORIZED', () => {
    expect(mapRequestToPayResult(answered(401, { statusCode: 401, message: 'Access denied' }), TX)).toEqual({
      kind: 'failed',
      failureCode: 'PROVIDER_ERROR',
      failureReason: 'UNAUTHORIZED',
    });
  });

  it('403 and 429 → failed (refused before processing)', () => {
    expect(mapRequestToPayResult(answered(403), TX)).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect(mapRequestToPayResult(answered(429), TX)).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_UNAVAILABLE' });
  });

  it('no access token → rejected_unsent naming the token problem', () => {
    expect(mapRequestToPayResult(tokenFailure, TX)).toEqual({
      kind: 'rejected_unsent',
      reason: 'MTN access token unavailable: token request refused (login_failed)',
    });
  });
});

describe('mapRequestToPayStatusResult', () => {
  it('200 → the status body mapping', () => {
    expect(mapRequestToPayStatusResult(answered(200, { status: 'SUCCESSFUL', financialTransactionId: '1' }), TX)).toMatchObject({
      kind: 'succeeded',
      providerTransactionId: '1',
    });
  });

  it('404 → not_found', () => {
    expect(mapRequestToPayStatusResult(answered(404, { code: 'RESOURCE_NOT_FOUND', message: 'x' }), TX)).toMatchObject({ kind: 'not_found' });
  });

  it.each([
    ['500', answered(500)],
    ['503', answered(503, { code: 'SERVICE_UNAVAILABLE' })],
    ['401', answered(401)],
    ['400', answered(400)],
    ['timeout', transport('maybe', 'TIMEOUT')],
    ['refused', transport(false, 'ECONNREFUSED')],
    ['no token', tokenFailure],
  ])('%s → unknown', (_label, result) => {
    expect(mapRequestToPayStatusResult(result, TX).kind).toBe('unknown');
  });
});
