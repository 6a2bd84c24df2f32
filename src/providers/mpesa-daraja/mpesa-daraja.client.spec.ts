// The Daraja client and the STK operations against a REAL tiny HTTP server standing in for Daraja (no
// mocks): OAuth token, caching and refresh, STK Push and STK Query, answers that must never read "failed".
import type { ServerResponse } from 'node:http';
import type { ProviderAccountContext } from '../provider.port';
import { RecordedRequest, TestHttpServer, closedPortUrl, sendJson } from '../shared/testing/test-http-server';
import { TokenCache } from '../shared/token-cache';
import { MpesaDarajaClient } from './mpesa-daraja.client';
import { darajaTimestamp } from './mpesa-daraja.crypto';
import { MpesaDarajaProvider } from './mpesa-daraja.provider';
import { TEST_SECRETS, darajaAccount, darajaPayment, darajaQuery } from './testing/mpesa-daraja.fixtures';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;
const CKID = 'ws_CO_07032025143015123708374149';
const pushAccepted = {
  MerchantRequestID: '5d1a-4c2e-9b77-0e3f1a2b3c4d112233',
  CheckoutRequestID: CKID,
  ResponseCode: '0',
  ResponseDescription: 'Success. Request accepted for processing',
  CustomerMessage: 'Success. Request accepted for processing',
};
const envelope = (errorCode: string, errorMessage: string) => ({ requestId: '11728-2929992-1', errorCode, errorMessage });

describe('Daraja client and STK over HTTP', () => {
  let server: TestHttpServer;
  let tokensIssued: number;
  let tokenReply: Reply;
  let productReply: Reply;
  let provider: MpesaDarajaProvider;

  const account = (overrides: Partial<ProviderAccountContext> = {}) => darajaAccount(server.url, overrides);
  const tokenRequests = () => server.requestsTo('/oauth/');
  const productRequests = () => server.requests.filter((r) => !r.url.startsWith('/oauth/'));
  function expectNoSecrets(value: unknown): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const secret of [...Object.values(TEST_SECRETS), 'daraja-token-', 'tok_9f8e7d6c5b4a3f2e1d0c']) expect(text).not.toContain(secret);
  }

  beforeEach(async () => {
    tokensIssued = 0;
    tokenReply = (_req, res) => {
      tokensIssued += 1;
      sendJson(res, 200, { access_token: `daraja-token-${tokensIssued}-c3VwZXJzZWNyZXQ`, expires_in: '3599' });
    };
    productReply = (_req, res) => sendJson(res, 200, pushAccepted);
    server = await TestHttpServer.start((req, res) => (req.url.startsWith('/oauth/') ? tokenReply(req, res) : productReply(req, res)));
    provider = new MpesaDarajaProvider();
  });
  afterEach(async () => {
    await server.close();
  });

  it('collect: GET token with Basic auth once, then STK Push with a Password built from the EAT timestamp', async () => {
    const before = darajaTimestamp();
    const first = await provider.collect(account(), darajaPayment());
    const second = await provider.collect(account(), darajaPayment({ transactionId: '9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b' }));
    const after = darajaTimestamp();
    expect(first.outcome).toEqual({ kind: 'accepted', providerReference: CKID, providerStatus: '0', providerData: { merchantRequestId: '5d1a-4c2e-9b77-0e3f1a2b3c4d112233' } });
    expect(second.outcome.kind).toBe('accepted');

    expect(tokenRequests()).toHaveLength(1);
    const token = tokenRequests()[0]!;
    expect(token).toMatchObject({ method: 'GET', url: '/oauth/v1/generate?grant_type=client_credentials' });
    expect(token.headers['authorization']).toBe(`Basic ${Buffer.from(`${TEST_SECRETS.consumerKey}:${TEST_SECRETS.consumerSecret}`).toString('base64')}`);

    const push = productRequests()[0]!;
    expect(push).toMatchObject({ method: 'POST', url: '/mpesa/stkpush/v1/processrequest' });
    expect(push.headers).toMatchObject({ authorization: 'Bearer daraja-token-1-c3VwZXJzZWNyZXQ', 'content-type': 'application/json' });
    const body = JSON.parse(push.body);
    expect(body.Timestamp >= before && body.Timestamp <= after).toBe(true);
    expect(Buffer.from(body.Password, 'base64').toString()).toBe(`174379${TEST_SECRETS.passkey}${body.Timestamp}`);
    expect(body).toMatchObject({ BusinessShortCode: '174379', Amount: 150, PartyA: '254708374149', PartyB: '174379', PhoneNumber: '254708374149', AccountReference: 'ORDER1042' });
    expect(productRequests()[1]!.headers['authorization']).toBe('Bearer daraja-token-1-c3VwZXJzZWNyZXQ');

    expect(first.exchanges).toHaveLength(1);
    expect(first.exchanges[0]).toMatchObject({ operation: 'mpesa-daraja.stkpush', request: { url: '/mpesa/stkpush/v1/processrequest', body: { Password: '[REDACTED]' } } });
    expectNoSecrets([first, second]);
  });

  it('caches the token for expires_in (a string) and refreshes it 60 s early', async () => {
    let now = Date.parse('2025-03-07T11:00:00Z');
    const client = new MpesaDarajaClient({ tokenCache: new TokenCache({ marginSeconds: 60, now: () => now }) });
    const clocked = new MpesaDarajaProvider(client);
    await clocked.collect(account(), darajaPayment());
    now += 3538_000;
    await clocked.collect(account(), darajaPayment());
    expect(tokenRequests()).toHaveLength(1);
    now += 2_000; // 3540 s: less than 60 s of the 3599 s left
    await clocked.collect(account(), darajaPayment());
    expect(tokenRequests()).toHaveLength(2);
  });

  it.each([
    [404, '404.001.03'],
    [400, '400.003.01'],
    [401, '401.002.01'],
  ])('HTTP %s %s (invalid token): one fresh token, the call made once more', async (status, code) => {
    let calls = 0;
    productReply = (_req, res) => (++calls === 1 ? sendJson(res, status, envelope(code, 'Invalid Access Token')) : sendJson(res, 200, pushAccepted));
    const result = await provider.collect(account(), darajaPayment());
    expect(result.outcome.kind).toBe('accepted');
    expect(tokenRequests()).toHaveLength(2);
    expect(productRequests().map((r) => r.headers['authorization'])).toEqual(['Bearer daraja-token-1-c3VwZXJzZWNyZXQ', 'Bearer daraja-token-2-c3VwZXJzZWNyZXQ']);
    expect(result.exchanges).toHaveLength(2);
    expectNoSecrets(result);
  });

  it('gives up after one refresh: invalid token again → failed UNAUTHORIZED (refused, nothing processed)', async () => {
    productReply = (_req, res) => sendJson(res, 404, envelope('404.001.03', 'Invalid Access Token'));
    const result = await provider.collect(account(), darajaPayment());
    expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'UNAUTHORIZED: 404.001.03: Invalid Access Token (HTTP 404)' });
    expect(productRequests()).toHaveLength(2);
  });

  it('a fractional KES amount fails INVALID_AMOUNT without any call', async () => {
    const result = await provider.collect(account(), darajaPayment({ amount: '150.50', amountMinor: 15050n }));
    expect(result).toEqual({ outcome: { kind: 'failed', failureCode: 'INVALID_AMOUNT', failureReason: expect.stringContaining('AMOUNT_NOT_WHOLE') }, exchanges: [] });
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [envelope('400.002.02', 'Bad Request - Invalid PhoneNumber'), 'PAYER_NOT_FOUND'],
    [envelope('400.002.02', 'Bad Request - Invalid Amount'), 'INVALID_AMOUNT'],
    [envelope('400.002.02', 'Bad Request - Invalid CallBackURL'), 'PROVIDER_ERROR'],
  ])('a 400 validation refusal → failed (%j)', async (body, failureCode) => {
    productReply = (_req, res) => sendJson(res, 400, body);
    expect((await provider.collect(account(), darajaPayment())).outcome).toEqual({ kind: 'failed', failureCode, failureReason: `400.002.02: ${body.errorMessage} (HTTP 400)` });
  });

  it('500.001.1001 "Unable to lock subscriber" → failed PROVIDER_ERROR (no prompt sent, nothing pending)', async () => {
    productReply = (_req, res) => sendJson(res, 500, envelope('500.001.1001', 'Unable to lock subscriber, a transaction is already in process for the current subscriber'));
    expect((await provider.collect(account(), darajaPayment())).outcome).toEqual({
      kind: 'failed',
      failureCode: 'PROVIDER_ERROR',
      failureReason: '500.001.1001: Unable to lock subscriber, a transaction is already in process for the current subscriber',
    });
  });

  it.each([
    ['500.003.02 spike arrest', (res: ServerResponse) => sendJson(res, 500, envelope('500.003.02', 'Spike arrest violation'))],
    ['503 HTML', (res: ServerResponse) => res.writeHead(503, { 'Content-Type': 'text/html' }).end('<html>down</html>')],
    ['200 without CheckoutRequestID', (res: ServerResponse) => sendJson(res, 200, { ResponseCode: '0' })],
    ['an unknown 500.001.1001', (res: ServerResponse) => sendJson(res, 500, envelope('500.001.1001', 'Something else'))],
  ])('%s → unknown, never failed', async (_label, reply) => {
    productReply = (_req, res) => reply(res);
    expect((await provider.collect(account(), darajaPayment())).outcome.kind).toBe('unknown');
  });

  it('a hanging Daraja → unknown within the timeout', async () => {
    productReply = () => undefined;
    const started = Date.now();
    const result = await provider.collect(account({ timeoutMs: 200 }), darajaPayment());
    expect(result.outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('TIMEOUT') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('connection refused → rejected_unsent; token refused → rejected_unsent without a push', async () => {
    const refused = await provider.collect(darajaAccount(await closedPortUrl()), darajaPayment());
    expect(refused.outcome).toMatchObject({ kind: 'rejected_unsent', reason: expect.stringContaining('ECONNREFUSED') });
    tokenReply = (_req, res) => sendJson(res, 400, envelope('400.008.01', 'Invalid Authentication passed'));
    const noToken = await provider.collect(account(), darajaPayment());
    expect(noToken.outcome).toEqual({ kind: 'rejected_unsent', reason: 'Daraja access token unavailable: token request refused (400.008.01: Invalid Authentication passed (HTTP 400))' });
    expect(productRequests()).toHaveLength(0);
    expectNoSecrets(noToken);
  });

  describe('status of a collection: STK Push Query', () => {
    const answered = (ResultCode: string, ResultDesc: string) => ({ ResponseCode: '0', ResponseDescription: 'The service request has been accepted successfully', MerchantRequestID: 'm', CheckoutRequestID: CKID, ResultCode, ResultDesc });

    it.each([
      ['500.001.1001 "being processed"', 500, envelope('500.001.1001', 'The transaction is being processed'), { kind: 'pending', providerReference: CKID, providerStatus: 'The transaction is being processed' }],
      ['ResultCode 4999', 200, answered('4999', 'The transaction is still under processing'), { kind: 'pending', providerReference: CKID, providerStatus: '4999' }],
      ['ResultCode 0', 200, answered('0', 'The service request is processed successfully.'), { kind: 'succeeded', providerReference: CKID, providerStatus: '0' }],
      ['ResultCode 1032', 200, answered('1032', 'Request cancelled by user'), { kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: '1032: Request cancelled by user', providerReference: CKID }],
      ['invalid CheckoutRequestID (no proof the push never happened)', 400, envelope('400.002.02', 'Bad Request - Invalid CheckoutRequestID'), { kind: 'unknown', reason: '400.002.02: Bad Request - Invalid CheckoutRequestID (HTTP 400)' }],
      ['a ResultCode not in the table (final: only 0 is paid)', 200, answered('4242', 'Something new'), { kind: 'failed', failureCode: 'UNKNOWN', failureReason: '4242: Something new', providerReference: CKID }],
      ['500.001.1001 with another text', 500, envelope('500.001.1001', 'Something else happened'), { kind: 'unknown', reason: '500.001.1001: Something else happened (HTTP 500)' }],
      ['500.001.1001 "Wrong credentials"', 500, envelope('500.001.1001', 'Wrong credentials'), { kind: 'unknown', reason: '500.001.1001: Wrong credentials (HTTP 500)' }],
      ['spike arrest', 500, envelope('500.003.02', 'Spike arrest violation'), { kind: 'unknown', reason: '500.003.02: Spike arrest violation (HTTP 500)' }],
    ])('%s', async (_label, status, body, expected) => {
      productReply = (_req, res) => sendJson(res, status, body);
      const result = await provider.status(account(), darajaQuery());
      expect(result.outcome).toEqual(expected);
      const query = productRequests()[0]!;
      expect(query.url).toBe('/mpesa/stkpushquery/v1/query');
      const sent = JSON.parse(query.body);
      expect(sent).toEqual({ BusinessShortCode: '174379', Password: expect.any(String), Timestamp: expect.stringMatching(/^\d{14}$/), CheckoutRequestID: CKID });
      expect(Buffer.from(sent.Password, 'base64').toString()).toBe(`174379${TEST_SECRETS.passkey}${sent.Timestamp}`);
      expectNoSecrets(result);
    });

    it('a timeout → unknown; no CheckoutRequestID → unknown (never not_found) without a call', async () => {
      productReply = () => undefined;
      expect((await provider.status(account({ timeoutMs: 200 }), darajaQuery())).outcome.kind).toBe('unknown');
      const before = server.requests.length;
      expect((await provider.status(account(), darajaQuery({ providerReference: null })))).toEqual({ outcome: { kind: 'unknown', reason: expect.stringContaining('no CheckoutRequestID') }, exchanges: [] });
      expect((await provider.status(account(), darajaQuery({ providerReference: '  ' }))).outcome.kind).toBe('unknown');
      expect(server.requests).toHaveLength(before);
    });
  });
});
