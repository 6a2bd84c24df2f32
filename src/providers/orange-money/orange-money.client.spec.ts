// The Orange client and provider against a REAL tiny HTTP server standing in for Orange (no mocks):
// token form encoding and Basic header, webpayment, transactionstatus, 401 refresh, errors, redaction.
import type { ServerResponse } from 'node:http';
import { sha256Hex } from '../../common/crypto/hashing';
import type { ProviderAccountContext } from '../provider.port';
import { RecordedRequest, TestHttpServer, closedPortUrl, sendJson } from '../shared/testing/test-http-server';
import { redactPaymentUrl } from './orange-money.client';
import { OrangeMoneyProvider } from './orange-money.provider';
import { CALLBACK_URL, NOTIF_TOKEN, PAY_TOKEN, TEST_SECRETS, TX_ORDER_ID, orangeAccount, orangePayment, orangeQuery } from './testing/orange-money.fixtures';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;
const PAYMENT_URL = `https://webpayment-ow-sb.orange-money.com/payment/pay_token/${PAY_TOKEN}`;
/** Orange's JSON may escape '/' as '\/': sent as raw text. */
const CREATED_TEXT = `{"status":201,"message":"OK","pay_token":"${PAY_TOKEN}","payment_url":"${PAYMENT_URL.replace(/\//g, '\\/')}","notif_token":"${NOTIF_TOKEN}"}`;
const BASIC = `Basic ${Buffer.from(`${TEST_SECRETS.clientId}:${TEST_SECRETS.clientSecret}`).toString('base64')}`;

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

describe('Orange Money client and provider over HTTP', () => {
  let server: TestHttpServer;
  let tokensIssued: number;
  let tokenReply: Reply;
  let productReply: Reply;
  let provider: OrangeMoneyProvider;

  const account = (overrides: Partial<ProviderAccountContext> = {}) => orangeAccount(server.url, overrides);
  const tokenRequests = () => server.requestsTo('/oauth/');
  const productRequests = () => server.requests.filter((r) => !r.url.startsWith('/oauth/'));
  function expectNoSecrets(value: unknown): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const secret of [...Object.values(TEST_SECRETS), BASIC.slice(6), 'orange-token-', NOTIF_TOKEN, 'cb-secret-token-8a1f0c93d2']) expect(text).not.toContain(secret);
  }

  beforeEach(async () => {
    tokensIssued = 0;
    tokenReply = (_req, res) => {
      tokensIssued += 1;
      sendJson(res, 200, { token_type: 'Bearer', access_token: `orange-token-${tokensIssued}-abcdef`, expires_in: '7776000' });
    };
    productReply = (_req, res) => sendText(res, 201, CREATED_TEXT);
    server = await TestHttpServer.start((req, res) => (req.url.startsWith('/oauth/') ? tokenReply(req, res) : productReply(req, res)));
    provider = new OrangeMoneyProvider();
  });
  afterEach(async () => {
    await server.close();
  });

  it('token: POST /oauth/v3/token, Basic base64(id:secret), form-encoded grant_type; cached', async () => {
    await provider.collect(account(), orangePayment());
    await provider.status(account(), orangeQuery());
    expect(tokenRequests()).toHaveLength(1);
    const token = tokenRequests()[0]!;
    expect(token).toMatchObject({ method: 'POST', url: '/oauth/v3/token', body: 'grant_type=client_credentials' });
    expect(token.headers).toMatchObject({ authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
    expect(productRequests().map((r) => r.headers['authorization'])).toEqual(['Bearer orange-token-1-abcdef', 'Bearer orange-token-1-abcdef']);
  });

  it('collect: webpayment JSON → accepted, redirect to payment_url verbatim, providerData without the notif_token', async () => {
    const result = await provider.collect(account(), orangePayment());
    expect(result.outcome).toEqual({
      kind: 'accepted',
      providerReference: TX_ORDER_ID,
      providerStatus: 'INITIATED',
      nextAction: { type: 'redirect', url: PAYMENT_URL },
      providerData: { payToken: PAY_TOKEN, notifTokenSha256: sha256Hex(NOTIF_TOKEN) },
    });
    const [push] = productRequests();
    expect(push).toMatchObject({ method: 'POST', url: '/orange-money-webpay/dev/v1/webpayment' });
    expect(push!.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(JSON.parse(push!.body)).toEqual({
      merchant_key: TEST_SECRETS.merchantKey,
      currency: 'OUV',
      order_id: TX_ORDER_ID,
      amount: 1200,
      return_url: 'https://shop.example.com/orders/1042/done',
      cancel_url: 'https://shop.example.com/orders/1042/cancelled',
      notif_url: CALLBACK_URL,
      lang: 'fr',
      reference: 'Malipo Shop',
    });
    expect(result.exchanges).toHaveLength(1);
    expect(result.exchanges[0]).toMatchObject({
      operation: 'orange-money.webpayment',
      request: { url: '/orange-money-webpay/dev/v1/webpayment', headers: { Authorization: '[REDACTED]' }, body: { merchant_key: '[REDACTED]', notif_url: 'https://gw.example.com[REDACTED]' } },
      response: { status: 201, body: { pay_token: '[REDACTED]', notif_token: '[REDACTED]', payment_url: 'https://webpayment-ow-sb.orange-money.com/payment/pay_token/[REDACTED]' } },
    });
    // The pay_token (in payment_url) never reaches the audit copy; the redirect keeps the real URL.
    expect(JSON.stringify(result.exchanges)).not.toContain(PAY_TOKEN);
    expectNoSecrets(result);
  });

  it('collect: a pay_token in payment_url is redacted in every exchange, also after a 401 retry', async () => {
    let calls = 0;
    productReply = (_req, res) => (++calls === 1 ? sendJson(res, 401, { code: 42, message: 'Expired credentials' }) : sendText(res, 201, CREATED_TEXT));
    const result = await provider.collect(account(), orangePayment());
    expect(result.outcome).toMatchObject({ kind: 'accepted', nextAction: { type: 'redirect', url: PAYMENT_URL } });
    expect(result.exchanges).toHaveLength(2);
    expect(JSON.stringify(result.exchanges)).not.toContain(PAY_TOKEN);
  });

  it('redactPaymentUrl: the known pay_token anywhere in the URL; without it, the last path segment and query values', () => {
    expect(redactPaymentUrl(PAYMENT_URL, PAY_TOKEN)).toBe('https://webpayment-ow-sb.orange-money.com/payment/pay_token/[REDACTED]');
    expect(redactPaymentUrl('https://pay.example.com/p/abc123def456/?lang=fr')).toBe('https://pay.example.com/p/[REDACTED]/?lang=[REDACTED]');
    expect(redactPaymentUrl('https://pay.example.com/pay?token=abc123def456')).toBe('https://pay.example.com/[REDACTED]?token=[REDACTED]');
    expect(redactPaymentUrl('not a url abc123def456')).toBe('[REDACTED]');
  });

  it('a 2xx with payment_url but no pay_token → failed, and the URL\'s token part is not in the exchange', async () => {
    const orphan = `https://webpayment-ow-sb.orange-money.com/payment/pay_token/${PAY_TOKEN}`;
    productReply = (_req, res) => sendJson(res, 201, { status: 201, message: 'OK', payment_url: orphan });
    const result = await provider.collect(account(), orangePayment());
    expect(result.outcome).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect(JSON.stringify(result)).not.toContain(PAY_TOKEN);
  });

  it('production path and currency: /orange-money-webpay/ci/v1/webpayment with XOF', async () => {
    const prod = account({ environment: 'production', settings: { country: 'CI' } });
    expect((await provider.collect(prod, orangePayment())).outcome.kind).toBe('accepted');
    expect(productRequests()[0]!.url).toBe('/orange-money-webpay/ci/v1/webpayment');
    expect(JSON.parse(productRequests()[0]!.body)).toMatchObject({ currency: 'XOF' });
  });

  it('a 401 on webpayment refreshes the token once and retries', async () => {
    let calls = 0;
    productReply = (_req, res) => (++calls === 1 ? sendJson(res, 401, { code: 42, message: 'Expired credentials', description: 'out-of-date' }) : sendText(res, 201, CREATED_TEXT));
    const result = await provider.collect(account(), orangePayment());
    expect(result.outcome.kind).toBe('accepted');
    expect(tokenRequests()).toHaveLength(2);
    expect(productRequests().map((r) => r.headers['authorization'])).toEqual(['Bearer orange-token-1-abcdef', 'Bearer orange-token-2-abcdef']);
    expect(result.exchanges).toHaveLength(2);
    expectNoSecrets(result);
  });

  it('401 again after the refresh → failed UNAUTHORIZED', async () => {
    productReply = (_req, res) => sendJson(res, 401, { code: 41, message: 'Invalid credentials' });
    const result = await provider.collect(account(), orangePayment());
    expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'UNAUTHORIZED: HTTP 401: 41: Invalid credentials' });
    expect(productRequests()).toHaveLength(2);
  });

  it('a business refusal (4xx JSON) → failed PROVIDER_ERROR with message and description', async () => {
    productReply = (_req, res) => sendJson(res, 400, { status: 400, message: 'Bad Request', description: 'Duplicate order_id' });
    expect((await provider.collect(account(), orangePayment())).outcome).toEqual({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'HTTP 400: Bad Request (Duplicate order_id)' });
  });

  it('5xx → unknown; a hanging Orange → unknown within the timeout', async () => {
    productReply = (_req, res) => sendJson(res, 502, { message: 'Bad gateway' });
    expect((await provider.collect(account(), orangePayment())).outcome).toEqual({ kind: 'unknown', reason: 'HTTP 502: Bad gateway' });
    productReply = () => undefined;
    const started = Date.now();
    expect((await provider.collect(account({ timeoutMs: 200 }), orangePayment())).outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('TIMEOUT') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('connection refused → rejected_unsent', async () => {
    const result = await provider.collect(orangeAccount(await closedPortUrl()), orangePayment());
    expect(result.outcome).toMatchObject({ kind: 'rejected_unsent', reason: expect.stringContaining('ECONNREFUSED') });
    expect(result.exchanges).toEqual([]);
  });

  it('refused client credentials → rejected_unsent, no webpayment call', async () => {
    tokenReply = (_req, res) => sendJson(res, 401, { code: 41, message: 'Invalid credentials', description: 'The requested service needs credentials, but the ones provided were invalid.' });
    const result = await provider.collect(account(), orangePayment());
    expect(result.outcome).toEqual({
      kind: 'rejected_unsent',
      reason: 'Orange access token unavailable: token request refused (HTTP 401: 41: Invalid credentials (The requested service needs credentials, but the ones provided were invalid.))',
    });
    expect(productRequests()).toHaveLength(0);
  });

  it('fails locally, without any call: fractional amount, missing return/cancel URL, too long callback URL', async () => {
    expect((await provider.collect(account(), orangePayment({ amount: '1200.50' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'INVALID_AMOUNT' });
    expect((await provider.collect(account(), orangePayment({ returnUrl: null }))).outcome).toEqual({
      kind: 'failed',
      failureCode: 'PROVIDER_ERROR',
      failureReason: 'returnUrl and cancelUrl are required by Orange Money',
    });
    const long = `https://gw.example.com/v1/webhooks/orange-money/${'t'.repeat(80)}`;
    expect((await provider.collect(account(), orangePayment({ callbackUrl: long }))).outcome).toMatchObject({ kind: 'failed', failureReason: expect.stringContaining('at most 120') });
    expect(server.requests).toHaveLength(0);
  });

  it('status: POST transactionstatus with the init triple → succeeded with the txnid', async () => {
    productReply = (_req, res) => sendJson(res, 201, { status: 'SUCCESS', order_id: TX_ORDER_ID, txnid: 'MP150709.1341.A00073' });
    const result = await provider.status(account(), orangeQuery());
    expect(result.outcome).toEqual({ kind: 'succeeded', providerReference: TX_ORDER_ID, providerTransactionId: 'MP150709.1341.A00073', providerStatus: 'SUCCESS' });
    expect(productRequests()[0]).toMatchObject({ method: 'POST', url: '/orange-money-webpay/dev/v1/transactionstatus' });
    expect(JSON.parse(productRequests()[0]!.body)).toEqual({ order_id: TX_ORDER_ID, amount: 1200, pay_token: PAY_TOKEN });
    expect(result.exchanges).toHaveLength(1);
    expectNoSecrets(result);
  });

  it('status: INITIATED → pending; 13 minutes after creation → failed EXPIRED (abandoned)', async () => {
    productReply = (_req, res) => sendJson(res, 201, { status: 'INITIATED', order_id: TX_ORDER_ID });
    expect((await provider.status(account(), orangeQuery())).outcome).toEqual({ kind: 'pending', providerReference: TX_ORDER_ID, providerStatus: 'INITIATED' });
    const old = orangeQuery({ createdAt: new Date(Date.now() - 13 * 60_000) });
    expect((await provider.status(account(), old)).outcome).toMatchObject({ kind: 'failed', failureCode: 'EXPIRED', failureReason: expect.stringMatching(/^ABANDONED: still INITIATED 13 min/) });
  });

  it('status without a pay_token → unknown, no call; an error answer → unknown', async () => {
    expect((await provider.status(account(), orangeQuery({ providerData: {} }))).outcome).toEqual({
      kind: 'unknown',
      reason: 'no pay_token kept for this transaction (providerData.payToken): Orange cannot be asked',
    });
    expect(server.requests).toHaveLength(0);
    productReply = (_req, res) => sendJson(res, 400, { status: 400, message: 'Bad Request', description: 'order_id, amount and pay_token do not match' });
    expect((await provider.status(account(), orangeQuery())).outcome).toMatchObject({ kind: 'unknown' });
  });
});
