// Disbursement-product operations (transfer, refund, their status) and the two-wallet balance, against
// a REAL tiny HTTP server standing in for MTN (no mocks).
import type { ServerResponse } from 'node:http';
import { PaymentRequest, ProviderAccountContext, ProviderConfigError, StatusQuery } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import { RecordedRequest, TestHttpServer, sendJson } from '../shared/testing/test-http-server';
import { MtnMomoProvider } from './mtn-momo.provider';

const SECRETS = {
  subscriptionKey: 'coll-sub-key-0123456789',
  apiUser: 'b1c2d3e4-0000-4111-8222-333344445555',
  apiKey: 'coll-api-key-fedcba9876',
  disbursementSubscriptionKey: 'disb-sub-key-abcdef0123',
};
const TX = '7a1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a20';
const ORIGINAL = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
const CALLBACK_SECRET = 'cbsecret-Disb42';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;

describe('MTN MoMo disbursement product over HTTP', () => {
  let server: TestHttpServer;
  let tokensIssued: number;
  let checkReply: Reply;
  let productReply: Reply;
  let provider: MtnMomoProvider;

  function account(overrides: Partial<ProviderAccountContext> = {}): ProviderAccountContext {
    return {
      id: 'acc-mtn-disb',
      provider: 'mtn-momo',
      environment: 'sandbox',
      baseUrl: server.url,
      settings: { targetEnvironment: 'sandbox' },
      credentials: { ...SECRETS },
      timeoutMs: 2000,
      ...overrides,
    };
  }
  function payout(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
    return {
      transactionId: TX,
      type: 'disbursement',
      amount: '2500.50',
      amountMinor: 250050n,
      currency: 'EUR',
      country: 'UG',
      msisdn: '46733123999',
      reference: 'PAYOUT-77',
      description: 'Payout 77',
      callbackUrl: null,
      ...overrides,
    };
  }
  const original: StatusQuery = { transactionId: ORIGINAL, type: 'collection', providerReference: ORIGINAL, createdAt: new Date() };
  const tokenRequests = () => server.requests.filter((r) => r.url.endsWith('/token/'));
  const productRequests = () => server.requests.filter((r) => !r.url.endsWith('/token/'));
  const transfers = () => server.requestsTo('/disbursement/v1_0/transfer');
  function expectNoSecrets(value: unknown): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const secret of [...Object.values(SECRETS), 'jwt-', CALLBACK_SECRET]) expect(text).not.toContain(secret);
  }

  beforeEach(async () => {
    tokensIssued = 0;
    checkReply = (_req, res) => sendJson(res, 200, { result: true });
    productReply = (_req, res) => sendJson(res, 202);
    server = await TestHttpServer.start((req, res) => {
      const product = req.url.split('/')[1];
      if (req.url.endsWith('/token/')) {
        tokensIssued += 1;
        return sendJson(res, 200, { access_token: `jwt-${product}-${tokensIssued}`, token_type: 'access_token', expires_in: 3600 });
      }
      if (req.url.includes('/accountholder/')) return checkReply(req, res);
      return productReply(req, res);
    });
    provider = new MtnMomoProvider();
  });
  afterEach(async () => {
    await server.close();
  });

  it('disburse: checks the account holder, then transfers, with the disbursement key and token', async () => {
    const callbackUrl = `https://hooks.example.com/v1/webhooks/mtn-momo/${CALLBACK_SECRET}`;
    const result = await provider.disburse(account(), payout({ callbackUrl }));

    expect(result.outcome).toEqual({ kind: 'accepted', providerReference: TX });
    expect(tokenRequests().map((r) => r.url)).toEqual(['/disbursement/token/']);
    expect(tokenRequests()[0]!.headers['ocp-apim-subscription-key']).toBe(SECRETS.disbursementSubscriptionKey);
    expect(tokenRequests()[0]!.headers['authorization']).toBe(`Basic ${Buffer.from(`${SECRETS.apiUser}:${SECRETS.apiKey}`).toString('base64')}`);

    const [check, transfer] = productRequests();
    expect(productRequests()).toHaveLength(2);
    expect(check).toMatchObject({ method: 'GET', url: '/disbursement/v1_0/accountholder/msisdn/46733123999/active' });
    expect(transfer).toMatchObject({ method: 'POST', url: '/disbursement/v1_0/transfer' });
    for (const r of [check!, transfer!]) {
      expect(r.headers['authorization']).toBe('Bearer jwt-disbursement-1');
      expect(r.headers['ocp-apim-subscription-key']).toBe(SECRETS.disbursementSubscriptionKey);
      expect(r.headers['x-target-environment']).toBe('sandbox');
    }
    expect(transfer!.headers['x-reference-id']).toBe(TX);
    expect(transfer!.headers['x-callback-url']).toBe(callbackUrl);
    expect(JSON.parse(transfer!.body)).toEqual({
      amount: '2500.50',
      currency: 'EUR',
      externalId: 'PAYOUT-77',
      payee: { partyIdType: 'MSISDN', partyId: '46733123999' },
      payerMessage: 'Payout 77',
      payeeNote: 'Payout 77',
    });

    expect(result.exchanges.map((e) => [e.operation, e.response?.status])).toEqual([
      ['mtn-momo.disbursement.accountholder.active', 200],
      ['mtn-momo.disbursement.transfer', 202],
    ]);
    expectNoSecrets(result);
  });

  it('uses disbursementApiUser/disbursementApiKey for the disbursement token when set', async () => {
    const credentials = { ...SECRETS, disbursementApiUser: 'd1d2d3d4-0000-4111-8222-999988887777', disbursementApiKey: 'disb-api-key-5555' };
    await provider.disburse(account({ credentials }), payout());
    const basic = Buffer.from(`${credentials.disbursementApiUser}:${credentials.disbursementApiKey}`).toString('base64');
    expect(tokenRequests()[0]!.headers['authorization']).toBe(`Basic ${basic}`);
  });

  it.each([
    ['{result: false}', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 200, { result: false }), 'ACCOUNT_HOLDER_NOT_ACTIVE'],
    ['{result: "false"}', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 200, { result: 'false' }), 'ACCOUNT_HOLDER_NOT_ACTIVE'],
    ['404', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 404, { code: 'RESOURCE_NOT_FOUND', message: 'x' }), 'ACCOUNT_HOLDER_NOT_FOUND'],
  ])('disburse: payee check %s → failed PAYER_NOT_FOUND and NO transfer sent', async (_label, reply, reason) => {
    checkReply = reply;
    const result = await provider.disburse(account(), payout());
    expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: reason });
    expect(transfers()).toHaveLength(0);
    expect(result.exchanges).toHaveLength(1);
    expect(result.exchanges[0]!.operation).toBe('mtn-momo.disbursement.accountholder.active');
  });

  it.each([
    ['a 500', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 500, { code: 'INTERNAL_PROCESSING_ERROR', message: 'x' })],
    ['a 503', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 503)],
    ['a timeout', () => undefined],
  ])('disburse: %s on the check proves nothing → the transfer is sent', async (_label, reply) => {
    checkReply = reply;
    const result = await provider.disburse(account({ timeoutMs: 300 }), payout());
    expect(result.outcome).toEqual({ kind: 'accepted', providerReference: TX });
    expect(transfers()).toHaveLength(1);
    expect(result.exchanges).toHaveLength(2);
  });

  it.each([
    ['409 RESOURCE_ALREADY_EXIST → accepted', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 409, { code: 'RESOURCE_ALREADY_EXIST' }), { kind: 'accepted' }],
    ['500 NOT_ALLOWED → failed', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 500, { code: 'NOT_ALLOWED' }), { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
    ['500 INTERNAL_PROCESSING_ERROR → unknown', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 500, { code: 'INTERNAL_PROCESSING_ERROR' }), { kind: 'unknown' }],
    ['a timeout → unknown, never failed', () => undefined, { kind: 'unknown' }],
  ])('disburse: transfer %s', async (_label, reply, expected) => {
    productReply = reply;
    const result = await provider.disburse(account({ timeoutMs: 300 }), payout());
    expect(result.outcome).toMatchObject(expected);
    expect(result.exchanges).toHaveLength(2);
  });

  it('disburse: a 401 on the transfer → one token refresh, then success', async () => {
    let transferCalls = 0;
    productReply = (_req, res) => (++transferCalls === 1 ? sendJson(res, 401, { statusCode: 401, message: 'Access denied' }) : sendJson(res, 202));
    const result = await provider.disburse(account(), payout());
    expect(result.outcome).toEqual({ kind: 'accepted', providerReference: TX });
    expect(tokenRequests()).toHaveLength(2);
    expect(transfers().map((r) => r.headers['authorization'])).toEqual(['Bearer jwt-disbursement-1', 'Bearer jwt-disbursement-2']);
    expect(transfers().map((r) => r.headers['x-reference-id'])).toEqual([TX, TX]);
    expect(result.exchanges.map((e) => e.response?.status)).toEqual([200, 401, 202]);
  });

  it('missing disbursementSubscriptionKey → ProviderConfigError naming it, nothing sent', async () => {
    const { disbursementSubscriptionKey: _omitted, ...collectionOnly } = SECRETS;
    const acc = account({ credentials: collectionOnly });
    await expect(provider.disburse(acc, payout())).rejects.toThrow(ProviderConfigError);
    await expect(provider.disburse(acc, payout())).rejects.toThrow('missing credentials: disbursementSubscriptionKey');
    await expect(provider.refund(acc, payout({ type: 'refund' }), original)).rejects.toThrow('disbursementSubscriptionKey');
    expect(server.requests).toHaveLength(0);
  });

  it('refund: v1 by default, disbursement credentials, own X-Reference-Id, referenceIdToRefund = original', async () => {
    const result = await provider.refund(account(), payout({ type: 'refund', amount: '100' }), original);
    expect(result.outcome).toEqual({ kind: 'accepted', providerReference: TX });
    const [refund] = productRequests();
    expect(productRequests()).toHaveLength(1);
    expect(refund).toMatchObject({ method: 'POST', url: '/disbursement/v1_0/refund' });
    expect(refund!.headers['x-reference-id']).toBe(TX);
    expect(refund!.headers['ocp-apim-subscription-key']).toBe(SECRETS.disbursementSubscriptionKey);
    expect(refund!.headers['authorization']).toBe('Bearer jwt-disbursement-1');
    expect(JSON.parse(refund!.body)).toEqual({
      amount: '100',
      currency: 'EUR',
      externalId: 'PAYOUT-77',
      payerMessage: 'Payout 77',
      payeeNote: 'Payout 77',
      referenceIdToRefund: ORIGINAL,
    });
    expect(result.exchanges.map((e) => e.operation)).toEqual(['mtn-momo.disbursement.refund.v1_0']);
  });

  it('refund: /v2_0/refund with settings.refundVersion v2; original.transactionId without a providerReference', async () => {
    const acc = account({ settings: { targetEnvironment: 'sandbox', refundVersion: 'v2' } });
    await provider.refund(acc, payout({ type: 'refund' }), { ...original, providerReference: null, transactionId: 'orig-tx-id' });
    expect(productRequests()[0]).toMatchObject({ method: 'POST', url: '/disbursement/v2_0/refund' });
    expect(JSON.parse(productRequests()[0]!.body)).toMatchObject({ referenceIdToRefund: 'orig-tx-id' });
  });

  it('status: each transaction type hits its own path with its own product credentials', async () => {
    const payee = { partyIdType: 'MSISDN', partyId: '46733123457' };
    productReply = (_req, res) => sendJson(res, 200, { externalId: 'x', amount: '1', currency: 'EUR', payee, status: 'FAILED', reason: 'PAYEE_NOT_FOUND' });
    const query = (type: StatusQuery['type']): StatusQuery => ({ transactionId: TX, type, providerReference: null, createdAt: new Date() });

    const collection = await provider.status(account(), query('collection'));
    const disbursement = await provider.status(account(), query('disbursement'));
    const refund = await provider.status(account(), { ...query('refund'), providerReference: 'refund-ref-1' });

    expect(productRequests().map((r) => `${r.method} ${r.url} ${r.headers['ocp-apim-subscription-key']}`)).toEqual([
      `GET /collection/v1_0/requesttopay/${TX} ${SECRETS.subscriptionKey}`,
      `GET /disbursement/v1_0/transfer/${TX} ${SECRETS.disbursementSubscriptionKey}`,
      `GET /disbursement/v1_0/refund/refund-ref-1 ${SECRETS.disbursementSubscriptionKey}`,
    ]);
    for (const r of [collection, disbursement]) {
      expect(r.outcome).toEqual({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'PAYEE_NOT_FOUND', providerReference: TX });
    }
    expect(refund.outcome).toMatchObject({ kind: 'failed', providerReference: 'refund-ref-1' });
    expect(tokenRequests().map((r) => r.url)).toEqual(['/collection/token/', '/disbursement/token/']);
  });

  it('balance: both wallets, each with its own token and key', async () => {
    productReply = (req, res) =>
      sendJson(res, 200, { availableBalance: req.url.startsWith('/collection') ? '1500.50' : '200', currency: 'EUR' });
    const result = await provider.balance(account());

    expect(result.balances).toEqual([
      { wallet: 'collection', currency: 'EUR', available: '1500.50' },
      { wallet: 'disbursement', currency: 'EUR', available: '200' },
    ]);
    expect(tokenRequests().map((r) => r.url).sort()).toEqual(['/collection/token/', '/disbursement/token/']);
    const byPath = new Map(productRequests().map((r) => [r.url, r]));
    expect(byPath.get('/collection/v1_0/account/balance')!.headers['ocp-apim-subscription-key']).toBe(SECRETS.subscriptionKey);
    expect(byPath.get('/collection/v1_0/account/balance')!.headers['authorization']).toMatch(/^Bearer jwt-collection-\d$/);
    expect(byPath.get('/disbursement/v1_0/account/balance')!.headers['ocp-apim-subscription-key']).toBe(SECRETS.disbursementSubscriptionKey);
    expect(byPath.get('/disbursement/v1_0/account/balance')!.headers['authorization']).toMatch(/^Bearer jwt-disbursement-\d$/);
    expect(result.exchanges.map((e) => e.operation)).toEqual(['mtn-momo.collection.balance', 'mtn-momo.disbursement.balance']);
    expectNoSecrets(result);
  });

  it('balance: a failing wallet → OperatorCallError with every exchange', async () => {
    productReply = (req, res) =>
      req.url.startsWith('/collection') ? sendJson(res, 200, { availableBalance: '1', currency: 'EUR' }) : sendJson(res, 500, { code: 'INTERNAL_PROCESSING_ERROR' });
    const error = await provider.balance(account()).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OperatorCallError);
    expect((error as OperatorCallError).message).toContain('disbursement');
    expect((error as OperatorCallError).status).toBe(500);
    expect((error as OperatorCallError).exchanges).toHaveLength(2);
  });
});
