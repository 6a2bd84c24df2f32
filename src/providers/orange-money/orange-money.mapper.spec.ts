// The mapper on plain answer data (the HTTP side is covered by orange-money.client.spec.ts).
import { sha256Hex } from '../../common/crypto/hashing';
import type { ProviderExchange } from '../provider.port';
import type { OperatorResponse } from '../shared/operator-http';
import type { OrangeCallResult } from './orange-money.client';
import { abandonedOutcome, mapInitiationResult, mapOrangeStatus, mapStatusResult } from './orange-money.mapper';
import { NOTIF_TOKEN, PAY_TOKEN, TX_ORDER_ID, orangeQuery } from './testing/orange-money.fixtures';

const exchange: ProviderExchange = { operation: 'x', request: { method: 'POST', url: '/x', headers: {} }, durationMs: 1 };
const answered = (status: number, body: unknown, tokenRefreshProblem?: string): OrangeCallResult => ({
  kind: 'answered',
  response: { kind: 'response', status, headers: {}, body, durationMs: 1, exchange } as OperatorResponse,
  exchanges: [exchange],
  ...(tokenRefreshProblem ? { tokenRefreshProblem } : {}),
});
const transport = (sent: false | 'maybe', code: string): OrangeCallResult => ({
  kind: 'transport_failure',
  failure: { kind: 'transport_failure', sent, code, message: 'm', durationMs: 1, exchange },
  exchanges: [exchange],
});
const settings = { paymentValidityMinutes: 10, expiryGraceMinutes: 2 };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('mapOrangeStatus', () => {
  it.each([
    ['INITIATED', { kind: 'pending', providerReference: 'o1', providerStatus: 'INITIATED' }],
    ['PENDING', { kind: 'pending', providerReference: 'o1', providerStatus: 'PENDING' }],
    ['SUCCESS', { kind: 'succeeded', providerReference: 'o1', providerTransactionId: 'MP150709.1341.A00073', providerStatus: 'SUCCESS' }],
    ['FAILED', { kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: 'FAILED', providerReference: 'o1', providerTransactionId: 'MP150709.1341.A00073' }],
    ['EXPIRED', { kind: 'failed', failureCode: 'EXPIRED', failureReason: expect.stringMatching(/^EXPIRED: /), providerReference: 'o1', providerTransactionId: 'MP150709.1341.A00073' }],
    ['success', { kind: 'succeeded', providerReference: 'o1', providerTransactionId: 'MP150709.1341.A00073', providerStatus: 'SUCCESS' }],
    ['SOMETHING_NEW', { kind: 'unknown', reason: 'unrecognised Orange status "SOMETHING_NEW"' }],
    ['', { kind: 'unknown', reason: 'unrecognised Orange status ""' }],
  ])('%s', (status, expected) => {
    expect(mapOrangeStatus(status, { orderId: 'o1', txnid: 'MP150709.1341.A00073' })).toEqual(expected);
  });

  it('keeps a message Orange gives with FAILED', () => {
    expect(mapOrangeStatus('FAILED', { message: 'Solde insuffisant' })).toMatchObject({ failureReason: 'FAILED: Solde insuffisant' });
  });
});

describe('mapInitiationResult', () => {
  const created = { status: 201, message: 'OK', pay_token: PAY_TOKEN, payment_url: `https://webpayment-ow-sb.orange-money.com/payment/pay_token/${PAY_TOKEN}`, notif_token: NOTIF_TOKEN };

  it('201/200 with pay_token → accepted, redirect to payment_url verbatim, hash of the notif_token only', () => {
    for (const status of [201, 200]) {
      const outcome = mapInitiationResult(answered(status, created), TX_ORDER_ID);
      expect(outcome).toEqual({
        kind: 'accepted',
        providerReference: TX_ORDER_ID,
        providerStatus: 'INITIATED',
        nextAction: { type: 'redirect', url: created.payment_url },
        providerData: { payToken: PAY_TOKEN, notifTokenSha256: sha256Hex(NOTIF_TOKEN) },
      });
      expect(JSON.stringify(outcome)).not.toContain(NOTIF_TOKEN);
    }
  });

  it('2xx without pay_token or payment_url → failed (the buyer has no page to pay on)', () => {
    expect(mapInitiationResult(answered(201, { status: 201, message: 'OK' }), TX_ORDER_ID)).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect(mapInitiationResult(answered(201, { ...created, payment_url: undefined }), TX_ORDER_ID)).toMatchObject({ kind: 'failed' });
  });

  it.each([
    [400, { message: 'Duplicate order_id', description: 'order_id already used' }, { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'HTTP 400: Duplicate order_id (order_id already used)' }],
    [404, { code: 60, message: 'Resource not found', description: 'wrong path' }, { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'HTTP 404: 60: Resource not found (wrong path)' }],
    [403, 'The application is not authorized to access this endpoint', { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'HTTP 403: The application is not authorized to access this endpoint' }],
    [429, { code: 53, message: 'Too many requests' }, { kind: 'failed', failureCode: 'PROVIDER_UNAVAILABLE', failureReason: 'HTTP 429: 53: Too many requests' }],
    [500, undefined, { kind: 'unknown', reason: 'HTTP 500' }],
    [503, { message: 'down' }, { kind: 'unknown', reason: 'HTTP 503: down' }],
    [408, undefined, { kind: 'unknown', reason: 'HTTP 408' }],
  ])('HTTP %d → %j', (status, body, expected) => {
    expect(mapInitiationResult(answered(status, body), TX_ORDER_ID)).toEqual(expected);
  });

  it('401 after the refresh → failed UNAUTHORIZED, with the refresh problem', () => {
    expect(mapInitiationResult(answered(401, { code: 42, message: 'Expired credentials' }, 'token request refused'), TX_ORDER_ID)).toEqual({
      kind: 'failed',
      failureCode: 'PROVIDER_ERROR',
      failureReason: 'UNAUTHORIZED: HTTP 401: 42: Expired credentials (token refresh: token request refused)',
    });
  });

  it('transport: not sent → rejected_unsent; maybe → unknown; no token → rejected_unsent', () => {
    expect(mapInitiationResult(transport(false, 'ECONNREFUSED'), 'o')).toEqual({ kind: 'rejected_unsent', reason: 'ECONNREFUSED: m' });
    expect(mapInitiationResult(transport('maybe', 'TIMEOUT'), 'o')).toEqual({ kind: 'unknown', reason: 'TIMEOUT: m' });
    expect(mapInitiationResult({ kind: 'token_failure', problem: 'p', exchanges: [] }, 'o')).toEqual({ kind: 'rejected_unsent', reason: 'Orange access token unavailable: p' });
  });
});

describe('mapStatusResult', () => {
  const query = orangeQuery({ createdAt: minutesAgo(1) });

  it('maps the answered status for the queried order', () => {
    expect(mapStatusResult(answered(201, { status: 'SUCCESS', order_id: TX_ORDER_ID, txnid: 'MP1' }), query, TX_ORDER_ID, settings)).toEqual({
      kind: 'succeeded',
      providerReference: TX_ORDER_ID,
      providerTransactionId: 'MP1',
      providerStatus: 'SUCCESS',
    });
    expect(mapStatusResult(answered(200, { status: 'INITIATED', order_id: TX_ORDER_ID }), query, TX_ORDER_ID, settings)).toMatchObject({ kind: 'pending' });
  });

  it('never fails on an error answer, another order or a transport problem', () => {
    expect(mapStatusResult(answered(201, { status: 'SUCCESS', order_id: 'other' }), query, TX_ORDER_ID, settings)).toMatchObject({ kind: 'unknown' });
    expect(mapStatusResult(answered(400, { status: 400, message: 'Bad Request' }), query, TX_ORDER_ID, settings)).toMatchObject({ kind: 'unknown' });
    expect(mapStatusResult(answered(404, { code: 60 }), query, TX_ORDER_ID, settings)).toMatchObject({ kind: 'unknown' });
    expect(mapStatusResult(answered(201, { status: 201 }), query, TX_ORDER_ID, settings)).toMatchObject({ kind: 'unknown' });
    expect(mapStatusResult(transport(false, 'ECONNREFUSED'), query, TX_ORDER_ID, settings)).toMatchObject({ kind: 'unknown' });
  });

  it('the 10-minute rule: INITIATED older than validity + grace → failed EXPIRED', () => {
    const old = orangeQuery({ createdAt: minutesAgo(12.5) });
    expect(mapStatusResult(answered(201, { status: 'INITIATED', order_id: TX_ORDER_ID }), old, TX_ORDER_ID, settings)).toEqual({
      kind: 'failed',
      failureCode: 'EXPIRED',
      failureReason: 'ABANDONED: still INITIATED 12 min after initiation (validity 10 min + 2 min grace); Orange changes no payment after its validity',
      providerReference: TX_ORDER_ID,
    });
    // Not before the limit; never for final answers; validity and grace from the settings.
    expect(mapStatusResult(answered(201, { status: 'INITIATED' }), orangeQuery({ createdAt: minutesAgo(11.5) }), TX_ORDER_ID, settings)).toMatchObject({ kind: 'pending' });
    expect(mapStatusResult(answered(201, { status: 'SUCCESS', txnid: 'MP1' }), old, TX_ORDER_ID, settings)).toMatchObject({ kind: 'succeeded' });
    expect(mapStatusResult(answered(201, { status: 'INITIATED' }), old, TX_ORDER_ID, { paymentValidityMinutes: 15, expiryGraceMinutes: 0 })).toMatchObject({ kind: 'pending' });
  });

  it('PENDING (the buyer confirmed, Orange is processing) is never failed by age: it stays pending', () => {
    const old = orangeQuery({ createdAt: minutesAgo(60) });
    expect(mapStatusResult(answered(201, { status: 'PENDING', order_id: TX_ORDER_ID }), old, TX_ORDER_ID, settings)).toEqual({
      kind: 'pending',
      providerReference: TX_ORDER_ID,
      providerStatus: 'PENDING',
    });
    expect(abandonedOutcome({ kind: 'pending', providerStatus: 'PENDING' }, minutesAgo(60), settings)).toBeUndefined();
  });

  it('an unrecognised status in a status answer → unknown, young or old (never pending, never failed)', () => {
    for (const createdAt of [minutesAgo(1), minutesAgo(60)]) {
      expect(mapStatusResult(answered(201, { status: 'ON_HOLD', order_id: TX_ORDER_ID }), orangeQuery({ createdAt }), TX_ORDER_ID, settings)).toEqual({
        kind: 'unknown',
        reason: 'unrecognised Orange status "ON_HOLD"',
      });
    }
  });

  it('abandonedOutcome leaves unknown statuses and unreadable dates alone', () => {
    expect(abandonedOutcome({ kind: 'pending', providerStatus: 'WEIRD' }, minutesAgo(60), settings)).toBeUndefined();
    expect(abandonedOutcome({ kind: 'pending', providerStatus: 'INITIATED' }, new Date('nope'), settings)).toBeUndefined();
    expect(abandonedOutcome({ kind: 'pending', providerStatus: 'INITIATED' }, minutesAgo(13), settings, Date.now() - 5 * 60_000)).toBeUndefined();
  });
});
