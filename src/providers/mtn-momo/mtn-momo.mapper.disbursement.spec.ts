// The mapper's disbursement-side rules: transfer/refund answers, the account-holder check, balances.
import type { ProviderExchange } from '../provider.port';
import type { OperatorResponse, OperatorTransportFailure } from '../shared/operator-http';
import { OperatorCallError } from '../shared/operator-http';
import type { MtnCallResult } from './mtn-momo.client';
import {
  accountHolderActive,
  mapAccountHolderCheck,
  mapInitiationResult,
  mapRequestToPayResult,
  mapRequestToPayStatusResult,
  mapStatusResult,
  readMtnBalance,
} from './mtn-momo.mapper';

const TX = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
const exchange: ProviderExchange = { operation: 't', request: { method: 'GET', url: '/x', headers: {} }, durationMs: 1 };

function answered(status: number, body?: unknown): MtnCallResult {
  const response: OperatorResponse = { kind: 'response', status, headers: {}, body, durationMs: 1, exchange };
  return { kind: 'answered', response, exchanges: [exchange] };
}
function transport(sent: false | 'maybe', code: string): MtnCallResult {
  const failure: OperatorTransportFailure = { kind: 'transport_failure', sent, code, message: code.toLowerCase(), durationMs: 1, exchange };
  return { kind: 'transport_failure', failure, exchanges: [exchange] };
}
const tokenFailure: MtnCallResult = { kind: 'token_failure', problem: 'token request refused (login_failed)', exchanges: [] };

describe('transfer and refund answers (same rules as request-to-pay)', () => {
  it('mapInitiationResult is the request-to-pay mapping', () => {
    expect(mapRequestToPayResult).toBe(mapInitiationResult);
    expect(mapRequestToPayStatusResult).toBe(mapStatusResult);
    expect(mapInitiationResult(answered(202), TX)).toEqual({ kind: 'accepted', providerReference: TX });
    expect(mapInitiationResult(transport('maybe', 'TIMEOUT'), TX).kind).toBe('unknown');
  });

  it('a FAILED transfer status body (with payee) maps the disbursement reasons', () => {
    const payee = { partyIdType: 'MSISDN', partyId: '46733123457' };
    const failed = (reason: string) => mapStatusResult(answered(200, { amount: '100', currency: 'EUR', payee, status: 'FAILED', reason }), TX);
    expect(failed('PAYEE_NOT_FOUND')).toEqual({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'PAYEE_NOT_FOUND', providerReference: TX });
    expect(failed('NOT_ENOUGH_FUNDS')).toMatchObject({ failureCode: 'INSUFFICIENT_FUNDS' });
    expect(failed('PAYEE_NOT_ALLOWED_TO_RECEIVE')).toMatchObject({ failureCode: 'ACCOUNT_INACTIVE' });
    expect(failed('PAYER_LIMIT_REACHED')).toMatchObject({ failureCode: 'LIMIT_EXCEEDED' });
    expect(mapStatusResult(answered(200, { payee, status: 'PAYEE_DELAYED' }), TX)).toEqual({ kind: 'pending', providerReference: TX, providerStatus: 'PAYEE_DELAYED' });
    expect(mapStatusResult(answered(200, { payee, status: 'SUCCESSFUL', financialTransactionId: '77' }), TX)).toMatchObject({
      kind: 'succeeded',
      providerTransactionId: '77',
    });
  });
});

describe('mapAccountHolderCheck (before a transfer)', () => {
  it.each([
    ['200 {result: false}', answered(200, { result: false }), 'ACCOUNT_HOLDER_NOT_ACTIVE'],
    ['200 {result: "false"}', answered(200, { result: 'false' }), 'ACCOUNT_HOLDER_NOT_ACTIVE'],
    ['404 RESOURCE_NOT_FOUND', answered(404, { code: 'RESOURCE_NOT_FOUND', message: 'x' }), 'ACCOUNT_HOLDER_NOT_FOUND'],
    ['404 without a body', answered(404), 'ACCOUNT_HOLDER_NOT_FOUND'],
  ])('%s → stop: failed PAYER_NOT_FOUND', (_label, result, reason) => {
    expect(mapAccountHolderCheck(result)).toEqual({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: reason });
  });

  it.each([
    ['200 {result: true}', answered(200, { result: true })],
    ['200 {result: "true"}', answered(200, { result: 'true' })],
    ['200 without result', answered(200, {})],
    ['500 INTERNAL_PROCESSING_ERROR', answered(500, { code: 'INTERNAL_PROCESSING_ERROR' })],
    ['500 NOT_ALLOWED', answered(500, { code: 'NOT_ALLOWED' })],
    ['503', answered(503, { code: 'SERVICE_UNAVAILABLE' })],
    ['400', answered(400)],
    ['401', answered(401)],
    ['403', answered(403)],
    ['a timeout', transport('maybe', 'TIMEOUT')],
    ['connection refused', transport(false, 'ECONNREFUSED')],
  ])('%s → proves nothing: go on with the transfer', (_label, result) => {
    expect(mapAccountHolderCheck(result)).toBeUndefined();
  });

  it('no token → rejected_unsent (the transfer needs the same token)', () => {
    expect(mapAccountHolderCheck(tokenFailure)).toEqual({
      kind: 'rejected_unsent',
      reason: 'MTN access token unavailable: token request refused (login_failed)',
    });
  });

  it('accountHolderActive reads booleans and their string forms only', () => {
    expect(accountHolderActive({ result: true })).toBe(true);
    expect(accountHolderActive({ result: ' FALSE ' })).toBe(false);
    expect(accountHolderActive({ result: 0 })).toBeUndefined();
    expect(accountHolderActive('false')).toBeUndefined();
    expect(accountHolderActive(undefined)).toBeUndefined();
  });
});

describe('readMtnBalance', () => {
  const all = [exchange, exchange];

  it('gives the wallet, currency and the decimal string MTN sent', () => {
    expect(readMtnBalance(answered(200, { availableBalance: '1500.50', currency: 'EUR' }), 'collection', all)).toEqual({
      wallet: 'collection',
      currency: 'EUR',
      available: '1500.50',
    });
    expect(readMtnBalance(answered(200, { availableBalance: 200, currency: 'EUR' }), 'disbursement', all).available).toBe('200');
  });

  it.each([
    ['500', answered(500)],
    ['200 without currency', answered(200, { availableBalance: '1' })],
    ['200 with a non-decimal amount', answered(200, { availableBalance: 'lots', currency: 'EUR' })],
    ['a timeout', transport('maybe', 'TIMEOUT')],
    ['no token', tokenFailure],
  ])('%s → OperatorCallError carrying every exchange', (_label, result) => {
    let thrown: unknown;
    try {
      readMtnBalance(result, 'disbursement', all);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(OperatorCallError);
    expect((thrown as OperatorCallError).exchanges).toBe(all);
    expect((thrown as OperatorCallError).message).toContain('disbursement');
  });
});
