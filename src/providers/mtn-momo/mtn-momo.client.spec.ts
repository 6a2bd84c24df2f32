// The MTN client and provider against a REAL tiny HTTP server standing in for MTN (no mocks).
import type { ServerResponse } from 'node:http';
import type { PaymentRequest, ProviderAccountContext } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import { RecordedRequest, TestHttpServer, closedPortUrl, sendJson } from '../shared/testing/test-http-server';
import { MtnMomoClient } from './mtn-momo.client';
import { MtnMomoProvider } from './mtn-momo.provider';

const SECRETS = {
  subscriptionKey: 'sub-key-0123456789abcdef',
  apiUser: 'b1c2d3e4-0000-4111-8222-333344445555',
  apiKey: 'api-key-fedcba9876543210',
  disbursementSubscriptionKey: 'disb-sub-key-abcdef',
};
const TX = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
const CALLBACK_SECRET = 'cbsecret-Zx81Qp';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;

describe('MTN MoMo client and provider over HTTP', () => {
  let server: TestHttpServer;
  let tokensIssued: number;
  let tokenReply: Reply;
  let productReply: Reply;
  let client: MtnMomoClient;
  let provider: MtnMomoProvider;

  const issueToken: Reply = (_req, res) => {
    tokensIssued += 1;
    sendJson(res, 200, { access_token: `jwt-token-${tokensIssued}-abcdef`, token_type: 'access_token', expires_in: 3600 });
  };
  const accepted: Reply = (_req, res) => sendJson(res, 202);

  function account(overrides: Partial<ProviderAccountContext> = {}): ProviderAccountContext {
    return {
      id: 'acc-mtn-1',
      provider: 'mtn-momo',
      environment: 'sandbox',
      baseUrl: server.url,
      settings: { targetEnvironment: 'sandbox' },
      credentials: { ...SECRETS },
      timeoutMs: 2000,
      ...overrides,
    };
  }
  function payment(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
    return {
      transactionId: TX,
      type: 'collection',
      amount: '100',
      amountMinor: 100n,
      currency: 'EUR',
      country: 'UG',
      msisdn: '46733123450',
      reference: 'ORDER-1042',
      description: 'Order 1042',
      callbackUrl: null,
      ...overrides,
    };
  }
  const tokenRequests = () => server.requests.filter((r) => r.url.endsWith('/token/'));
  const productRequests = () => server.requests.filter((r) => !r.url.endsWith('/token/'));
  function expectNoSecrets(value: unknown): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const basic = Buffer.from(`${SECRETS.apiUser}:${SECRETS.apiKey}`).toString('base64');
    for (const secret of [...Object.values(SECRETS), basic, 'jwt-token-', CALLBACK_SECRET]) expect(text).not.toContain(secret);
  }

  beforeEach(async () => {
    tokensIssued = 0;
    tokenReply = issueToken;
    productReply = accepted;
    server = await TestHttpServer.start((req, res) => (req.url.endsWith('/token/') ? tokenReply(req, res) : productReply(req, res)));
    client = new MtnMomoClient();
    provider = new MtnMomoProvider(client);
  });
  afterEach(async () => {
    await server.close();
  });

  it('fetches the token once (bodyless, Content-Length: 0, Basic auth) and reuses it', async () => {
    const first = await provider.collect(account(), payment());
    const second = await provider.collect(account(), payment({ transactionId: '9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b' }));

    expect(first.outcome).toEqual({ kind: 'accepted', providerReference: TX });
    expect(second.outcome.kind).toBe('accepted');
    expect(tokenRequests()).toHaveLength(1);
    const token = tokenRequests()[0]!;
    expect(token.method).toBe('POST');
    expect(token.url).toBe('/collection/token/');
    expect(token.headers['content-length']).toBe('0');
    expect(token.body).toBe('');
    expect(token.headers['authorization']).toBe(`Basic ${Buffer.from(`${SECRETS.apiUser}:${SECRETS.apiKey}`).toString('base64')}`);
    expect(token.headers['ocp-apim-subscription-key']).toBe(SECRETS.subscriptionKey);

    const rtp = productRequests();
    expect(rtp).toHaveLength(2);
    expect(rtp[0]!.url).toBe('/collection/v1_0/requesttopay');
    expect(rtp[0]!.headers['authorization']).toBe('Bearer jwt-token-1-abcdef');
    expect(rtp[1]!.headers['authorization']).toBe('Bearer jwt-token-1-abcdef');
    expect(rtp[0]!.headers['x-reference-id']).toBe(TX);
    expect(rtp[0]!.headers['x-target-environment']).toBe('sandbox');
    expect(rtp[0]!.headers['x-callback-url']).toBeUndefined();
    expect(JSON.parse(rtp[0]!.body)).toEqual({
      amount: '100',
      currency: 'EUR',
      externalId: 'ORDER-1042',
      payer: { partyIdType: 'MSISDN', partyId: '46733123450' },
      payerMessage: 'Order 1042',
      payeeNote: 'Order 1042',
    });

    expect(first.exchanges).toHaveLength(1);
    expect(first.exchanges[0]).toMatchObject({ request: { method: 'POST', url: '/collection/v1_0/requesttopay' }, response: { status: 202 } });
    expectNoSecrets(first);
  });

  it('shares one token fetch between concurrent payments', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'].map((c) => `3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a1${c}`);
    const results = await Promise.all(ids.map((transactionId) => provider.collect(account(), payment({ transactionId }))));
    expect(results.map((r) => r.outcome.kind)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('refreshes the token once after a 401 and succeeds', async () => {
    let calls = 0;
    productReply = (_req, res) => (++calls === 1 ? sendJson(res, 401, { statusCode: 401, message: 'Access denied due to invalid token' }) : sendJson(res, 202));
    const result = await provider.collect(account(), payment());
    expect(result.outcome).toEqual({ kind: 'accepted', providerReference: TX });
    expect(tokenRequests()).toHaveLength(2);
    expect(productRequests().map((r) => r.headers['authorization'])).toEqual(['Bearer jwt-token-1-abcdef', 'Bearer jwt-token-2-abcdef']);
    expect(productRequests().map((r) => r.headers['x-reference-id'])).toEqual([TX, TX]);
    expect(result.exchanges.map((e) => e.response?.status)).toEqual([401, 202]);
    expectNoSecrets(result);
  });

  it('gives up after one refresh: 401 again → failed PROVIDER_ERROR UNAUTHORIZED', async () => {
    productReply = (_req, res) => sendJson(res, 401, { statusCode: 401, message: 'Access denied' });
    const result = await provider.collect(account(), payment());
    expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'UNAUTHORIZED' });
    expect(tokenRequests()).toHaveLength(2);
    expect(productRequests()).toHaveLength(2);
  });

  it('a hanging MTN → unknown (may have been recorded)', async () => {
    productReply = () => undefined;
    const started = Date.now();
    const result = await provider.collect(account({ timeoutMs: 200 }), payment());
    expect(result.outcome.kind).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.exchanges[0]?.error).toContain('TIMEOUT');
  });

  it('a closed port → rejected_unsent', async () => {
    const result = await provider.collect(account({ baseUrl: await closedPortUrl() }), payment());
    expect(result.outcome.kind).toBe('rejected_unsent');
    expect(result.exchanges).toEqual([]);
    expectNoSecrets(result);
  });

  it('a refused payment call (token already cached) → rejected_unsent', async () => {
    // Connection: close, so no pooled keep-alive socket outlives the server (reusing one that the peer
    // closed gives "socket hang up", rightly classified as maybe-sent).
    tokenReply = (_req, res) => sendJson(res, 200, { access_token: 'jwt-token-1-abcdef', expires_in: 3600 }, { Connection: 'close' });
    productReply = (_req, res) => sendJson(res, 202, undefined, { Connection: 'close' });
    await provider.collect(account(), payment());
    await server.close();
    const result = await provider.collect(account(), payment({ transactionId: '9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b' }));
    expect(result.outcome).toMatchObject({ kind: 'rejected_unsent', reason: expect.stringContaining('ECONNREFUSED') });
    expect(result.exchanges).toHaveLength(1);
  });

  it.each([
    ['500 {code: NOT_ALLOWED} → failed', 500, { code: 'NOT_ALLOWED', message: 'Authorization failed' }, { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'NOT_ALLOWED' }],
    ['500 with empty body → unknown', 500, undefined, { kind: 'unknown' }],
    ['500 INTERNAL_PROCESSING_ERROR → unknown', 500, { code: 'INTERNAL_PROCESSING_ERROR', message: 'x' }, { kind: 'unknown' }],
    ['503 SERVICE_UNAVAILABLE → unknown', 503, { code: 'SERVICE_UNAVAILABLE', message: 'x' }, { kind: 'unknown' }],
    ['409 RESOURCE_ALREADY_EXIST → accepted', 409, { code: 'RESOURCE_ALREADY_EXIST', message: 'Duplicated reference id.' }, { kind: 'accepted', providerReference: TX }],
    ['400 → failed', 400, { code: 'BAD_REQUEST', message: 'invalid payerMessage' }, { kind: 'failed', failureCode: 'PROVIDER_ERROR' }],
  ])('%s', async (_label, status, body, expected) => {
    productReply = (_req, res) => sendJson(res, status, body);
    const result = await provider.collect(account(), payment());
    expect(result.outcome).toMatchObject(expected);
    expect(result.exchanges[0]?.response?.status).toBe(status);
  });

  it.each([
    ['500 login_failed', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 500, { error: 'login_failed' }), 'login_failed'],
    ['401 from APIM', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 401, { statusCode: 401, message: 'Access denied due to invalid subscription key.' }), 'HTTP 401'],
    ['200 without a token', (_r: RecordedRequest, res: ServerResponse) => sendJson(res, 200, { token_type: 'access_token' }), 'without access_token'],
    ['a timeout', () => undefined, 'TIMEOUT'],
  ])('token failure (%s) → rejected_unsent, the payment call never made', async (_label, reply, reason) => {
    tokenReply = reply;
    const result = await provider.collect(account({ timeoutMs: 300 }), payment());
    expect(result.outcome).toMatchObject({ kind: 'rejected_unsent', reason: expect.stringContaining(reason) });
    expect(productRequests()).toHaveLength(0);
    expectNoSecrets(result);
  });

  it('sends X-Callback-Url and keeps its secret token out of the exchange', async () => {
    const callbackUrl = `https://hooks.example.com/v1/callbacks/mtn-momo/${CALLBACK_SECRET}`;
    const result = await provider.collect(account(), payment({ callbackUrl }));
    expect(productRequests()[0]!.headers['x-callback-url']).toBe(callbackUrl);
    expect(result.exchanges[0]?.request.headers['X-Callback-Url']).toBe('https://hooks.example.com[REDACTED]');
    expectNoSecrets(result);
  });

  it('leaves X-Callback-Url out when its host is not the configured callbackHost', async () => {
    const settings = { targetEnvironment: 'sandbox', callbackHost: 'other.example.org' };
    await provider.collect(account({ settings }), payment({ callbackUrl: `https://hooks.example.com/cb/${CALLBACK_SECRET}` }));
    expect(productRequests()[0]!.headers['x-callback-url']).toBeUndefined();
  });

  it('status: GET requesttopay/{our id} → succeeded / not_found / unknown', async () => {
    const query = { transactionId: TX, type: 'collection' as const, providerReference: TX, createdAt: new Date() };
    productReply = (_req, res) => sendJson(res, 200, { financialTransactionId: '600198217', externalId: 'ORDER-1042', amount: '100', currency: 'EUR', status: 'SUCCESSFUL' });
    const ok = await provider.status(account(), query);
    expect(ok.outcome).toEqual({ kind: 'succeeded', providerReference: TX, providerTransactionId: '600198217', providerStatus: 'SUCCESSFUL' });
    expect(productRequests()[0]).toMatchObject({ method: 'GET', url: `/collection/v1_0/requesttopay/${TX}` });
    expect(productRequests()[0]!.headers['x-target-environment']).toBe('sandbox');
    expect(ok.exchanges).toHaveLength(1);

    productReply = (_req, res) => sendJson(res, 404, { code: 'RESOURCE_NOT_FOUND', message: 'Requested resource was not found.' });
    expect((await provider.status(account(), query)).outcome.kind).toBe('not_found');
    productReply = (_req, res) => sendJson(res, 500);
    expect((await provider.status(account(), query)).outcome.kind).toBe('unknown');
    productReply = (_req, res) => sendJson(res, 200, { status: 'FAILED', reason: 'APPROVAL_REJECTED' });
    expect((await provider.status(account(), { ...query, providerReference: null })).outcome).toMatchObject({
      kind: 'failed',
      failureCode: 'PAYER_DECLINED',
      failureReason: 'APPROVAL_REJECTED',
    });
    expect(tokenRequests()).toHaveLength(1);
  });

  it('balance: GET account/balance (collection only without a disbursement key)', async () => {
    productReply = (_req, res) => sendJson(res, 200, { availableBalance: '1500.50', currency: 'EUR' });
    const { disbursementSubscriptionKey: _omitted, ...collectionOnly } = SECRETS;
    const result = await provider.balance(account({ credentials: collectionOnly }));
    expect(result.balances).toEqual([{ wallet: 'collection', currency: 'EUR', available: '1500.50' }]);
    expect(productRequests()).toHaveLength(1);
    expect(productRequests()[0]).toMatchObject({ method: 'GET', url: '/collection/v1_0/account/balance' });
    productReply = (_req, res) => sendJson(res, 500);
    await expect(provider.balance(account())).rejects.toBeInstanceOf(OperatorCallError);
  });

  it('keeps one token per product (the disbursement product has its own key)', async () => {
    productReply = (_req, res) => sendJson(res, 200, { availableBalance: '200', currency: 'EUR' });
    await client.getBalance(account(), 'collection');
    await client.getBalance(account(), 'disbursement');
    await client.getBalance(account(), 'disbursement');
    expect(tokenRequests().map((r) => r.url)).toEqual(['/collection/token/', '/disbursement/token/']);
    expect(tokenRequests()[1]!.headers['ocp-apim-subscription-key']).toBe(SECRETS.disbursementSubscriptionKey);
    expect(productRequests()[1]!.headers['ocp-apim-subscription-key']).toBe(SECRETS.disbursementSubscriptionKey);
    expect(productRequests()[2]!.headers['authorization']).toBe('Bearer jwt-token-2-abcdef');
  });
});
