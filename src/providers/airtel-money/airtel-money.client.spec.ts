// The Airtel client and provider against a REAL tiny HTTP server standing in for Airtel (no mocks):
// token, headers, collection push, enquiry, balance, message signing, redaction.
import type { ServerResponse } from 'node:http';
import type { ProviderAccountContext, StatusQuery } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import { RecordedRequest, TestHttpServer, closedPortUrl, sendJson } from '../shared/testing/test-http-server';
import { AirtelMoneyProvider } from './airtel-money.provider';
import { TEST_SECRETS, airtelAccount, airtelPayment, decryptSignature, testKeyPair } from './testing/airtel-money.fixtures';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;
const TX = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
const pushAccepted = { data: { transaction: { id: TX, status: 'SUCCESS' } }, status: { code: '200', message: 'SUCCESS', result_code: 'ESB000010', response_code: 'DP00800001006', success: true } };
const enquiry = (status: string, extra: Record<string, unknown> = {}, response_code = 'DP00800001001') => ({
  data: { transaction: { id: TX, message: 'msg', status, ...extra } },
  status: { code: '200', message: 'SUCCESS', result_code: 'ESB000010', response_code, success: true },
});

describe('Airtel Money client and provider over HTTP', () => {
  const pair = testKeyPair();
  let server: TestHttpServer;
  let tokensIssued: number;
  let tokenReply: Reply;
  let productReply: Reply;
  let provider: AirtelMoneyProvider;

  const account = (overrides: Partial<ProviderAccountContext> = {}) => airtelAccount(server.url, overrides, pair.publicPem);
  const tokenRequests = () => server.requestsTo('/auth/oauth2/token');
  const productRequests = () => server.requests.filter((r) => !r.url.startsWith('/auth/'));
  function expectNoSecrets(value: unknown): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const secret of [...Object.values(TEST_SECRETS), 'airtel-token-']) expect(text).not.toContain(secret);
  }

  beforeEach(async () => {
    tokensIssued = 0;
    tokenReply = (_req, res) => {
      tokensIssued += 1;
      sendJson(res, 200, { access_token: `airtel-token-${tokensIssued}-abcdef`, expires_in: '180', token_type: 'bearer' });
    };
    productReply = (_req, res) => sendJson(res, 200, pushAccepted);
    server = await TestHttpServer.start((req, res) => (req.url.startsWith('/auth/') ? tokenReply(req, res) : productReply(req, res)));
    provider = new AirtelMoneyProvider();
  });
  afterEach(async () => {
    await server.close();
  });

  it('collect: JSON token call once (expires_in as a string) and reused; push with X-Country/X-Currency, msisdn without country code', async () => {
    const first = await provider.collect(account(), airtelPayment());
    const second = await provider.collect(account(), airtelPayment({ transactionId: '9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b', amount: '25.50' }));
    expect(first.outcome).toEqual({ kind: 'accepted', providerReference: TX, providerStatus: 'SUCCESS' });
    expect(second.outcome.kind).toBe('accepted');

    expect(tokenRequests()).toHaveLength(1);
    const token = tokenRequests()[0]!;
    expect(token.method).toBe('POST');
    expect(token.headers['content-type']).toBe('application/json');
    expect(JSON.parse(token.body)).toEqual({ client_id: TEST_SECRETS.clientId, client_secret: TEST_SECRETS.clientSecret, grant_type: 'client_credentials' });

    const [push, push2] = productRequests();
    expect(push).toMatchObject({ method: 'POST', url: '/merchant/v1/payments/' });
    expect(push!.headers).toMatchObject({ authorization: 'Bearer airtel-token-1-abcdef', 'x-country': 'UG', 'x-currency': 'UGX', 'content-type': 'application/json' });
    expect(push!.headers['x-signature']).toBeUndefined();
    expect(push!.body).toBe(
      `{"reference":"ORDER-1042","subscriber":{"country":"UG","currency":"UGX","msisdn":"752604392"},"transaction":{"amount":5000,"country":"UG","currency":"UGX","id":"${TX}"}}`,
    );
    expect(push2!.headers['authorization']).toBe('Bearer airtel-token-1-abcdef');
    expect(JSON.parse(push2!.body).transaction.amount).toBe(25.5);
    expect(first.exchanges).toHaveLength(1);
    expect(first.exchanges[0]).toMatchObject({ operation: 'airtel-money.collection.payment', request: { url: '/merchant/v1/payments/' }, response: { status: 200 } });
    expectNoSecrets([first, second]);
  });

  it.each([
    ['401', (res: ServerResponse) => sendJson(res, 401, { error: 'invalid_token', error_description: 'The access token is invalid or has expired' })],
    ['403 invalid_token', (res: ServerResponse) => sendJson(res, 403, { error: 'invalid_token', error_description: 'The access token is invalid or has expired' })],
  ])('refreshes the token once after a %s and succeeds', async (_label, reject) => {
    let calls = 0;
    productReply = (_req, res) => (++calls === 1 ? reject(res) : sendJson(res, 200, pushAccepted));
    const result = await provider.collect(account(), airtelPayment());
    expect(result.outcome.kind).toBe('accepted');
    expect(tokenRequests()).toHaveLength(2);
    expect(productRequests().map((r) => r.headers['authorization'])).toEqual(['Bearer airtel-token-1-abcdef', 'Bearer airtel-token-2-abcdef']);
    expect(result.exchanges).toHaveLength(2);
    expectNoSecrets(result);
  });

  it('gives up after one refresh: 401 again → failed UNAUTHORIZED', async () => {
    productReply = (_req, res) => sendJson(res, 401, { error: 'invalid_token' });
    const result = await provider.collect(account(), airtelPayment());
    expect(result.outcome).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: expect.stringContaining('UNAUTHORIZED') });
    expect(productRequests()).toHaveLength(2);
  });

  it('rejected inside a 200 → failed with the mapped code, Airtel code kept', async () => {
    productReply = (_req, res) => sendJson(res, 200, { status: { code: '400', message: 'Invalid MSISDN Length', result_code: 'ESB000033', success: false } });
    const result = await provider.collect(account(), airtelPayment());
    expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'ESB000033: Invalid MSISDN Length' });
  });

  it('a 5xx → unknown', async () => {
    productReply = (_req, res) => sendJson(res, 503, { error: 'Service Unavailable' });
    expect((await provider.collect(account(), airtelPayment())).outcome.kind).toBe('unknown');
  });

  it('a hanging Airtel → unknown within the timeout', async () => {
    productReply = () => undefined;
    const started = Date.now();
    const result = await provider.collect(account({ timeoutMs: 200 }), airtelPayment());
    expect(result.outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('TIMEOUT') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a closed port → rejected_unsent (the token call could not even be made)', async () => {
    const result = await provider.collect(airtelAccount(await closedPortUrl(), {}, pair.publicPem), airtelPayment());
    expect(result.outcome).toMatchObject({ kind: 'rejected_unsent', reason: expect.stringContaining('ECONNREFUSED') });
    expect(result.exchanges).toEqual([]);
  });

  it('a refused push with the token cached → rejected_unsent', async () => {
    tokenReply = (_req, res) => sendJson(res, 200, { access_token: 'airtel-token-1-abcdef', expires_in: 180 }, { Connection: 'close' });
    productReply = (_req, res) => sendJson(res, 200, pushAccepted, { Connection: 'close' });
    await provider.collect(account(), airtelPayment());
    await server.close();
    const result = await provider.collect(account(), airtelPayment({ transactionId: '9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b' }));
    expect(result.outcome).toMatchObject({ kind: 'rejected_unsent', reason: expect.stringContaining('ECONNREFUSED') });
    expect(result.exchanges).toHaveLength(1);
  });

  it('bad client credentials → rejected_unsent, no push', async () => {
    tokenReply = (_req, res) => sendJson(res, 401, { error_description: 'Invalid client authentication', error: 'invalid_client' });
    const result = await provider.collect(account(), airtelPayment());
    expect(result.outcome).toEqual({ kind: 'rejected_unsent', reason: 'Airtel access token unavailable: token request refused (invalid_client: Invalid client authentication)' });
    expect(productRequests()).toHaveLength(0);
  });

  it('a request this wallet cannot take fails without any call', async () => {
    const result = await provider.collect(account(), airtelPayment({ msisdn: '254712345678' }));
    expect(result).toEqual({ outcome: { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: expect.stringContaining('MSISDN_INVALID') }, exchanges: [] });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['TS', enquiry('TS', { airtel_money_id: 'MP210603.1234.L06941' }), { kind: 'succeeded', providerReference: TX, providerTransactionId: 'MP210603.1234.L06941', providerStatus: 'TS' }],
    ['TF', enquiry('TF', { message: 'Incorrect PIN' }, 'DP00800001002'), { kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: 'DP00800001002: Incorrect PIN', providerReference: TX }],
    ['TA', enquiry('TA'), { kind: 'pending', providerReference: TX, providerStatus: 'TA' }],
    ['TIP', enquiry('TIP', {}, 'DP00800001006'), { kind: 'pending', providerReference: TX, providerStatus: 'TIP' }],
  ])('status of a collection: GET /standard/v1/payments/{our id} → %s', async (_label, body, expected) => {
    productReply = (_req, res) => sendJson(res, 200, body);
    const query: StatusQuery = { transactionId: TX, type: 'collection', providerReference: TX, createdAt: new Date() };
    const result = await provider.status(account(), query);
    expect(result.outcome).toEqual(expected);
    expect(productRequests()[0]).toMatchObject({ method: 'GET', url: `/standard/v1/payments/${TX}`, body: '' });
    expect(productRequests()[0]!.headers).toMatchObject({ 'x-country': 'UG', 'x-currency': 'UGX' });
    expect(result.exchanges).toHaveLength(1);
  });

  it('status: 404 → not_found; "No transaction found" in a 200 → not_found; 500 → unknown', async () => {
    const query: StatusQuery = { transactionId: TX, type: 'collection', providerReference: null, createdAt: new Date() };
    productReply = (_req, res) => sendJson(res, 404, undefined);
    expect((await provider.status(account(), query)).outcome.kind).toBe('not_found');
    productReply = (_req, res) => sendJson(res, 200, { status: { code: '400', message: 'No transaction found', response_code: 'DP00800001025', result_code: 'ESB000045', success: false } });
    expect((await provider.status(account(), query)).outcome.kind).toBe('not_found');
    productReply = (_req, res) => sendJson(res, 500, undefined);
    expect((await provider.status(account(), query)).outcome.kind).toBe('unknown');
  });

  it('balance: GET /standard/v1/users/balance → the collection wallet, decimal string kept', async () => {
    productReply = (_req, res) => sendJson(res, 200, { data: { balance: '230486.65', currency: 'UGX', account_status: 'Active' }, status: { code: '200', response_code: 'DP02100000001', success: true } });
    const result = await provider.balance(account());
    expect(result.balances).toEqual([{ wallet: 'collection', currency: 'UGX', available: '230486.65' }]);
    expect(productRequests()[0]).toMatchObject({ method: 'GET', url: '/standard/v1/users/balance' });
    expect(result.exchanges).toHaveLength(1);
    productReply = (_req, res) => sendJson(res, 500, undefined);
    await expect(provider.balance(account())).rejects.toBeInstanceOf(OperatorCallError);
  });

  it.each(['pkcs1', 'oaep'] as const)('signing on (%s): x-signature/x-key over the exact body sent, redacted in the exchange', async (pinPadding) => {
    const settings = { country: 'UG', currency: 'UGX', signing: true, pinPadding };
    const result = await provider.collect(account({ settings }), airtelPayment());
    expect(result.outcome.kind).toBe('accepted');
    const push = productRequests()[0]!;
    const headers = { 'x-signature': String(push.headers['x-signature']), 'x-key': String(push.headers['x-key']) };
    expect(decryptSignature(headers, pair.privateKey, pinPadding)).toBe(push.body);
    expect(tokenRequests()[0]!.headers['x-signature']).toBeUndefined();
    const exchanged = result.exchanges[0]!.request;
    expect(exchanged.headers['x-signature']).toBe('[REDACTED]');
    expect(exchanged.headers['x-key']).toBe('[REDACTED]');
    expect(exchanged.body).toEqual(JSON.parse(push.body));
    expect(JSON.stringify(result)).not.toContain(headers['x-signature']);
    expect(JSON.stringify(result)).not.toContain(headers['x-key']);
    expectNoSecrets(result);
  });

  it('signing does not apply to GET calls (no body to sign)', async () => {
    productReply = (_req, res) => sendJson(res, 200, enquiry('TIP'));
    await provider.status(account({ settings: { country: 'UG', currency: 'UGX', signing: true } }), { transactionId: TX, type: 'collection', providerReference: null, createdAt: new Date() });
    expect(productRequests()[0]!.headers['x-signature']).toBeUndefined();
  });
});
