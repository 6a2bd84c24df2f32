// The Vodacom client and provider against a REAL tiny HTTP server standing in for Vodacom (no mocks): bearer,
// Origin, bodies, ports, the held C2B call, the status query string, reversals, redaction.
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { ProviderAccountContext } from '../provider.port';
import { RecordedRequest, TestHttpServer, closedPortUrl, sendJson } from '../shared/testing/test-http-server';
import { MpesaVodacomProvider } from './mpesa-vodacom.provider';
import { TX_REF, VODACOM_TEST_SECRETS, decryptBearer, vodacomAccount, vodacomPayment, vodacomQuery, vodacomTestKeyPair } from './testing/mpesa-vodacom.fixtures';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;
const REFUND_ID = '7d3e1f20-4b5a-4c6d-8e9f-0a1b2c3d4e5f';
const REFUND_REF = '7d3e1f204b5a4c6d8e9f0a1b2c3d4e5f';
const ok = (extra: Record<string, string> = {}) => ({
  output_ResponseCode: 'INS-0',
  output_ResponseDesc: 'Request processed successfully',
  output_TransactionID: '3cr8whltpb6m',
  output_ConversationID: '25230e0e20514ba790c1273b866e98d1',
  output_ThirdPartyReference: TX_REF,
  ...extra,
});

describe('Vodacom client and provider over HTTP', () => {
  const pair = vodacomTestKeyPair();
  let server: TestHttpServer;
  let reply: Reply;
  const provider = new MpesaVodacomProvider();
  const account = (overrides: Partial<ProviderAccountContext> = {}) => vodacomAccount(server.url, pair.publicBase64, overrides);
  function expectNoSecrets(value: unknown): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const bearers = server.requests.map((r) => String(r.headers['authorization'] ?? '').replace('Bearer ', '')).filter(Boolean);
    for (const secret of [...Object.values(VODACOM_TEST_SECRETS), ...bearers]) expect(text).not.toContain(secret);
  }

  beforeEach(async () => {
    reply = (_req, res) => sendJson(res, 201, ok());
    server = await TestHttpServer.start((req, res) => reply(req, res));
  });
  afterEach(() => server.close());

  it('collect: C2B POST with a Bearer that decrypts to the API key, Origin, the five string fields → succeeded', async () => {
    const result = await provider.collect(account(), vodacomPayment());
    expect(result.outcome).toEqual({ kind: 'succeeded', providerTransactionId: '3cr8whltpb6m', providerReference: '25230e0e20514ba790c1273b866e98d1', providerStatus: 'INS-0' });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', url: '/ipg/v1x/c2bPayment/singleStage/' });
    expect(req!.headers).toMatchObject({ origin: 'developer.mpesa.vm.co.mz', 'content-type': 'application/json' });
    expect(decryptBearer(req!.headers['authorization'], pair.privateKey)).toBe(VODACOM_TEST_SECRETS.apiKey);
    expect(JSON.parse(req!.body)).toEqual({
      input_TransactionReference: 'ORDER1042',
      input_CustomerMSISDN: '258843330333',
      input_Amount: '150.50',
      input_ThirdPartyReference: TX_REF,
      input_ServiceProviderCode: '171717',
    });
    expect(result.exchanges).toHaveLength(1);
    expect(result.exchanges[0]).toMatchObject({ operation: 'mpesa-vodacom.c2b', request: { method: 'POST', url: '/ipg/v1x/c2bPayment/singleStage/' }, response: { status: 201 } });
    expect(result.exchanges[0]!.request.headers['Authorization']).toBe('[REDACTED]');
    expectNoSecrets(result);
  });

  it('collect held open past settings.c2bTimeoutMs → unknown (never failed); the account timeout does not apply to C2B', async () => {
    reply = () => undefined; // Vodacom holds the call while the customer looks at the prompt
    const started = Date.now();
    const held = await provider.collect(account({ settings: { serviceProviderCode: '171717', singlePort: true, c2bTimeoutMs: 300 }, timeoutMs: 10_000 }), vodacomPayment());
    expect(held.outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('TIMEOUT') });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(held.exchanges[0]!.error).toContain('may have been received');

    reply = (_req, res) => setTimeout(() => sendJson(res, 201, ok()), 400);
    const slow = await provider.collect(account({ settings: { serviceProviderCode: '171717', singlePort: true, c2bTimeoutMs: 3000 }, timeoutMs: 100 }), vodacomPayment());
    expect(slow.outcome.kind).toBe('succeeded');
  });

  it.each([
    ['401 without an output_* body', 'unknown', (res: ServerResponse) => sendJson(res, 401, { message: 'Unauthorized' })],
    ['500 without a body', 'unknown', (res: ServerResponse) => sendJson(res, 500)],
    ['408 INS-9', 'unknown', (res: ServerResponse) => sendJson(res, 408, ok({ output_ResponseCode: 'INS-9', output_ResponseDesc: 'Request timeout', output_TransactionID: '' }))],
    ['401 INS-5', 'failed', (res: ServerResponse) => sendJson(res, 401, ok({ output_ResponseCode: 'INS-5', output_ResponseDesc: 'Transaction cancelled by customer' }))],
  ])('collect answered %s → %s', async (_label, kind, answer) => {
    reply = (_req, res) => answer(res);
    expect((await provider.collect(account(), vodacomPayment())).outcome.kind).toBe(kind);
  });

  it('a closed port → rejected_unsent; a bad number, amount or currency → failed without any call', async () => {
    const refused = await provider.collect(vodacomAccount(await closedPortUrl(), pair.publicBase64), vodacomPayment());
    expect(refused.outcome).toMatchObject({ kind: 'rejected_unsent', reason: expect.stringContaining('ECONNREFUSED') });
    expect((await provider.collect(account(), vodacomPayment({ msisdn: '258823330333' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND' });
    expect((await provider.collect(account(), vodacomPayment({ amount: '1.005' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'INVALID_AMOUNT' });
    expect((await provider.disburse(account(), vodacomPayment({ currency: 'USD' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect(server.requests).toHaveLength(0);
  });

  it('per-operation ports: C2B and the status query go to their own ports when singlePort is off', async () => {
    const other = await TestHttpServer.start((_req, res) => sendJson(res, 200, { output_ResponseCode: 'INS-23', output_ResponseDesc: 'Unknown Status' }));
    try {
      const port = (url: string) => Number(new URL(url).port);
      const split = vodacomAccount('http://127.0.0.1:1', pair.publicBase64, {
        settings: { serviceProviderCode: '171717', operationPorts: { c2b: port(server.url), query: port(other.url) } },
      });
      expect((await provider.collect(split, vodacomPayment())).outcome.kind).toBe('succeeded');
      expect((await provider.status(split, vodacomQuery())).outcome.kind).toBe('not_found');
      expect(server.requests.map((r) => r.url)).toEqual(['/ipg/v1x/c2bPayment/singleStage/']);
      expect(other.requests.map((r) => r.url.split('?')[0])).toEqual(['/ipg/v1x/queryTransactionStatus/']);
      // B2C has no override: its own port 18345 on 127.0.0.1 refuses the connection.
      const b2c = await provider.disburse(split, vodacomPayment());
      expect(b2c.outcome.kind).toBe('rejected_unsent');
      expect(b2c.exchanges[0]!.request.url).toBe('/ipg/v1x/b2cPayment/');
    } finally {
      await other.close();
    }
  });

  it('disburse: B2C POST, same five fields, account timeout; INS-2006 → INSUFFICIENT_FUNDS', async () => {
    expect((await provider.disburse(account(), vodacomPayment({ type: 'disbursement' }))).outcome.kind).toBe('succeeded');
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/ipg/v1x/b2cPayment/' });
    expect(Object.keys(JSON.parse(server.requests[0]!.body)).sort()).toEqual(
      ['input_Amount', 'input_CustomerMSISDN', 'input_ServiceProviderCode', 'input_ThirdPartyReference', 'input_TransactionReference'],
    );
    reply = (_req, res) => sendJson(res, 422, ok({ output_ResponseCode: 'INS-2006', output_ResponseDesc: 'Insufficient balance' }));
    expect((await provider.disburse(account(), vodacomPayment())).outcome).toMatchObject({ kind: 'failed', failureCode: 'INSUFFICIENT_FUNDS', failureReason: 'INS-2006: Insufficient balance' });
    reply = () => undefined;
    const held = await provider.disburse(account({ timeoutMs: 200 }), vodacomPayment());
    expect(held.outcome.kind).toBe('unknown');
  });

  it('status: GET with a new ThirdPartyReference per call and our original one as QueryReference', async () => {
    reply = (req, res) => {
      const q = new URL(req.url, 'http://x').searchParams;
      sendJson(res, 200, { output_ResponseCode: 'INS-0', output_ResponseDesc: 'ok', output_ResponseTransactionStatus: 'Completed', output_ConversationID: 'c2', output_ThirdPartyReference: q.get('input_ThirdPartyReference') ?? '' });
    };
    const first = await provider.status(account(), vodacomQuery());
    await provider.status(account(), vodacomQuery({ transactionId: REFUND_ID, type: 'refund', providerTransactionId: null }));
    expect(first.outcome).toEqual({ kind: 'succeeded', providerReference: vodacomQuery().providerReference, providerTransactionId: '5C1400CVRO', providerStatus: 'Completed' });
    const [a, b] = server.requests.map((r) => ({ path: r.url.split('?')[0], method: r.method, q: new URL(r.url, 'http://x').searchParams }));
    expect(a).toMatchObject({ path: '/ipg/v1x/queryTransactionStatus/', method: 'GET' });
    expect(a!.q.get('input_QueryReference')).toBe(TX_REF);
    expect(b!.q.get('input_QueryReference')).toBe(REFUND_REF);
    expect(a!.q.get('input_ServiceProviderCode')).toBe('171717');
    expect(a!.q.get('input_ThirdPartyReference')).toMatch(/^Q[0-9a-f]{24}$/);
    expect(a!.q.get('input_ThirdPartyReference')).not.toBe(b!.q.get('input_ThirdPartyReference'));
    expect(server.requests[0]!.body).toBe('');
    expect(first.exchanges[0]!.request.url).toBe('/ipg/v1x/queryTransactionStatus/');
    expectNoSecrets(first);
  });

  it('refund: PUT reversal of the original TransactionID for the whole amount (input_ReversalAmount), credentials as given', async () => {
    reply = (_req, res) => sendJson(res, 200, ok({ output_TransactionID: 'rev0001abcd', output_ThirdPartyReference: REFUND_REF }));
    const original = vodacomQuery({ amount: '150.50', amountMinor: 15050n, currency: 'MZN' });
    const result = await provider.refund(account(), vodacomPayment({ transactionId: REFUND_ID, type: 'refund', amount: '150.50', amountMinor: 15050n }), original);
    expect(result.outcome).toMatchObject({ kind: 'succeeded', providerTransactionId: 'rev0001abcd' });
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'PUT', url: '/ipg/v1x/reversal/' });
    expect(decryptBearer(req!.headers['authorization'], pair.privateKey)).toBe(VODACOM_TEST_SECRETS.apiKey);
    expect(JSON.parse(req!.body)).toEqual({
      input_TransactionID: '5C1400CVRO',
      input_SecurityCredential: VODACOM_TEST_SECRETS.securityCredential,
      input_InitiatorIdentifier: VODACOM_TEST_SECRETS.initiatorIdentifier,
      input_ThirdPartyReference: REFUND_REF,
      input_ServiceProviderCode: '171717',
      input_ReversalAmount: '150.50',
    });
    expect(result.exchanges[0]!.request.body).toMatchObject({ input_SecurityCredential: '[REDACTED]', input_InitiatorIdentifier: '[REDACTED]' });
    expectNoSecrets(result);
  });

  it('refund: less (or more) than the original amount → failed INVALID_AMOUNT locally, no call (partialRefunds: false)', async () => {
    const original = vodacomQuery({ amount: '150.50', amountMinor: 15050n, currency: 'MZN' });
    const partial = await provider.refund(account(), vodacomPayment({ transactionId: REFUND_ID, type: 'refund', amount: '50.25', amountMinor: 5025n }), original);
    expect(partial).toEqual({
      outcome: {
        kind: 'failed',
        failureCode: 'INVALID_AMOUNT',
        failureReason:
          'PARTIAL_REFUND_UNSUPPORTED: a Vodacom M-Pesa refund reverses the whole original amount only (150.50 MZN), not 50.25 MZN; ' +
          'whether Vodacom honours a partial input_ReversalAmount is unverified, so no partial reversal is sent',
      },
      exchanges: [],
    });
    // Only the decimal amount of the original known: compared exactly as MZN cents.
    const textOnly = vodacomQuery({ amount: '150.5' });
    expect((await provider.refund(account(), vodacomPayment({ type: 'refund', amount: '150.49', amountMinor: 15049n }), textOnly)).outcome).toMatchObject({
      kind: 'failed',
      failureCode: 'INVALID_AMOUNT',
      failureReason: expect.stringMatching(/^PARTIAL_REFUND_UNSUPPORTED: .*\(150\.50 MZN\), not 150\.49 MZN/),
    });
    expect((await provider.refund(account(), vodacomPayment({ type: 'refund', amount: '200.00', amountMinor: 20000n }), original)).outcome).toMatchObject({
      kind: 'failed',
      failureCode: 'INVALID_AMOUNT',
      failureReason: expect.stringMatching(/^REFUND_EXCEEDS_ORIGINAL: /),
    });
    expect(server.requests).toHaveLength(0);
    // The same amount in another spelling is the whole amount: sent.
    reply = (_req, res) => sendJson(res, 200, ok({ output_TransactionID: 'rev0003', output_ThirdPartyReference: REFUND_REF }));
    const whole = await provider.refund(account(), vodacomPayment({ transactionId: REFUND_ID, type: 'refund', amount: '150.5', amountMinor: 15050n }), textOnly);
    expect(whole.outcome.kind).toBe('succeeded');
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ input_ReversalAmount: '150.5' });
  });

  it('reverse: the whole amount under R + the original reference; INS-18 → failed; no TransactionID → failed, no call', async () => {
    reply = (_req, res) => sendJson(res, 200, ok({ output_TransactionID: 'rev0002', output_ThirdPartyReference: `R${TX_REF}` }));
    const reversal = { ...vodacomQuery(), amount: '150.50', amountMinor: 15050n, currency: 'MZN', msisdn: '258843330333', reason: null };
    expect((await provider.reverse(account(), reversal)).outcome).toMatchObject({ kind: 'succeeded', providerTransactionId: 'rev0002' });
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ input_ThirdPartyReference: `R${TX_REF}`, input_ReversalAmount: '150.50', input_TransactionID: '5C1400CVRO' });
    reply = (_req, res) => sendJson(res, 400, { output_ResponseCode: 'INS-18', output_ResponseDesc: 'Invalid TransactionID Used' });
    expect((await provider.reverse(account(), reversal)).outcome).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'INS-18: Invalid TransactionID Used' });
    const none = await provider.reverse(account(), { ...reversal, providerTransactionId: null });
    expect(none).toEqual({ outcome: { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: expect.stringContaining('ORIGINAL_NOT_REVERSIBLE') }, exchanges: [] });
    expect(server.requests).toHaveLength(2);
  });

  it('settings.lenientHttpParser reads answers with invalid header characters (strict parsing → unknown)', async () => {
    const body = JSON.stringify(ok());
    const raw = createNetServer((socket) => {
      socket.once('data', () => socket.end(`HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Bad: a\u0001b\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
      const strict = vodacomAccount(url, pair.publicBase64);
      expect((await provider.collect(strict, vodacomPayment())).outcome.kind).toBe('unknown');
      const lenient = vodacomAccount(url, pair.publicBase64, { settings: { serviceProviderCode: '171717', singlePort: true, lenientHttpParser: true } });
      expect((await provider.collect(lenient, vodacomPayment())).outcome.kind).toBe('succeeded');
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

});
