// C2B: payload parsing, the answers Daraja expects, URL checks, and Register URL over real HTTP.
import { CallbackParseError } from '../provider.port';
import { TestHttpServer, sendJson } from '../shared/testing/test-http-server';
import { darajaCustomerPaymentAnswer, parseDarajaCustomerPayment, registerUrlProblem } from './mpesa-daraja.c2b';
import { MpesaDarajaProvider } from './mpesa-daraja.provider';
import { C2B_PAYLOAD, TEST_SECRETS, darajaAccount, rawCallback } from './testing/mpesa-daraja.fixtures';

const urls = { validationUrl: 'https://pay.example.com/c2b/validate/tok_c2b_5e6f7a8b9c', confirmationUrl: 'https://pay.example.com/c2b/confirm/tok_c2b_5e6f7a8b9c' };

describe('Daraja C2B payloads and answers', () => {
  const provider = new MpesaDarajaProvider();

  it('parses the §5 payload: receipt, decimal amount as sent, KES, masked MSISDN, name, EAT time', () => {
    const payment = provider.customerPayments.parseCustomerPayment(darajaAccount('http://127.0.0.1:9'), rawCallback(C2B_PAYLOAD), 'confirmation');
    expect(payment).toEqual({
      phase: 'confirmation',
      receipt: 'TC71AB2CDE',
      amount: '150.00',
      currency: 'KES',
      msisdn: '2547 ***** 149',
      accountReference: 'INV-0042',
      shortcode: '600984',
      payerName: 'JANE',
      occurredAt: new Date('2025-03-07T11:31:02Z'),
    });
  });

  it('Buy Goods (no BillRefNumber), a hashed MSISDN, full names, numbers instead of strings', () => {
    const hashed = 'a'.repeat(64);
    const payment = parseDarajaCustomerPayment(
      { ...C2B_PAYLOAD, TransactionType: 'Buy Goods', BillRefNumber: null, MSISDN: hashed, MiddleName: 'W', LastName: 'DOE', TransAmount: 150, BusinessShortCode: 600984, TransTime: 'garbage' },
      'validation',
    );
    expect(payment).toMatchObject({ phase: 'validation', amount: '150', accountReference: null, msisdn: hashed, shortcode: '600984', payerName: 'JANE W DOE', occurredAt: null });
    expect(parseDarajaCustomerPayment({ ...C2B_PAYLOAD, MSISDN: '', FirstName: '' }, 'validation')).toMatchObject({ msisdn: null, payerName: null });
  });

  it('unusable payloads → CallbackParseError', () => {
    expect(() => parseDarajaCustomerPayment('x', 'validation')).toThrow(CallbackParseError);
    expect(() => parseDarajaCustomerPayment({ ...C2B_PAYLOAD, TransID: '' }, 'validation')).toThrow(/TransID/);
    expect(() => parseDarajaCustomerPayment({ ...C2B_PAYLOAD, TransAmount: '1,500.00' }, 'validation')).toThrow(/TransAmount/);
  });

  it('answers: validation accept/reject by reason, confirmation always Success', () => {
    expect(darajaCustomerPaymentAnswer('validation', { accept: true })).toEqual({ status: 200, body: { ResultCode: '0', ResultDesc: 'Accepted' } });
    expect(darajaCustomerPaymentAnswer('validation', { accept: false, reason: 'account_reference' })).toEqual({ status: 200, body: { ResultCode: 'C2B00012', ResultDesc: 'Rejected' } });
    expect(darajaCustomerPaymentAnswer('validation', { accept: false, reason: 'amount' })).toEqual({ status: 200, body: { ResultCode: 'C2B00013', ResultDesc: 'Rejected' } });
    expect(darajaCustomerPaymentAnswer('validation', { accept: false, reason: 'other' })).toEqual({ status: 200, body: { ResultCode: 'C2B00016', ResultDesc: 'Rejected' } });
    expect(provider.customerPayments.customerPaymentAnswer('confirmation', { accept: false, reason: 'amount' })).toEqual({ status: 200, body: { ResultCode: 0, ResultDesc: 'Success' } });
  });

  it('URL checks: forbidden words in any case, https in production', () => {
    expect(registerUrlProblem('production', urls)).toBeUndefined();
    expect(registerUrlProblem('sandbox', { ...urls, validationUrl: 'http://pay.example.com/c2b/validate' })).toBeUndefined();
    expect(registerUrlProblem('production', { ...urls, validationUrl: 'http://pay.example.com/c2b/validate' })).toMatch(/https in production/);
    expect(registerUrlProblem('sandbox', { ...urls, confirmationUrl: 'https://pay.example.com/v1/webhooks/MPesa-daraja/confirm' })).toMatch(/confirmationUrl contains "mpesa"/);
    expect(registerUrlProblem('sandbox', { ...urls, validationUrl: 'https://pay.example.com/c2b?QUERY=1' })).toMatch(/"query"/);
    expect(registerUrlProblem('sandbox', { ...urls, validationUrl: 'not a url' })).toMatch(/not an http/);
  });
});

describe('Daraja C2B Register URL over HTTP', () => {
  let server: TestHttpServer;
  let reply: { status: number; body: unknown };
  const provider = new MpesaDarajaProvider();

  beforeEach(async () => {
    reply = { status: 200, body: { OriginatorCoversationID: '7619-37765134-1', ResponseCode: '0', ResponseDescription: 'Success' } };
    server = await TestHttpServer.start((req, res) =>
      req.url.startsWith('/oauth/') ? sendJson(res, 200, { access_token: 'daraja-token-c2b', expires_in: '3599' }) : sendJson(res, reply.status, reply.body),
    );
  });
  afterEach(async () => {
    await server.close();
  });

  it('POST /mpesa/c2b/v1/registerurl with ShortCode, ResponseType, both URLs → succeeded', async () => {
    const { consumerKey, consumerSecret, passkey } = TEST_SECRETS;
    const account = darajaAccount(server.url, { settings: { shortcode: '600984', c2bResponseType: 'Cancelled' }, credentials: { consumerKey, consumerSecret, passkey } });
    const result = await provider.customerPayments.registerCustomerPaymentUrls(account, urls);
    expect(result.outcome).toEqual({ kind: 'succeeded', providerStatus: 'Success', providerReference: '7619-37765134-1' });
    const call = server.requestsTo('/mpesa/')[0]!;
    expect(call.url).toBe('/mpesa/c2b/v1/registerurl');
    expect(JSON.parse(call.body)).toEqual({ ShortCode: '600984', ResponseType: 'Cancelled', ConfirmationURL: urls.confirmationUrl, ValidationURL: urls.validationUrl });
    const text = JSON.stringify(result);
    for (const secret of [TEST_SECRETS.consumerKey, TEST_SECRETS.consumerSecret, 'daraja-token-c2b', 'tok_c2b_5e6f7a8b9c']) expect(text).not.toContain(secret);
  });

  it('a forbidden word fails locally without a call; "already registered" → failed DUPLICATE; 5xx → unknown', async () => {
    const account = darajaAccount(server.url);
    const refused = await provider.customerPayments.registerCustomerPaymentUrls(account, { ...urls, confirmationUrl: 'https://pay.example.com/mpesa/confirm' });
    expect(refused).toEqual({ outcome: { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: expect.stringContaining('"mpesa"') }, exchanges: [] });
    expect(server.requests).toHaveLength(0);
    reply = { status: 500, body: { requestId: 'r', errorCode: '500.003.1001', errorMessage: 'Urls are already registered' } };
    expect((await provider.customerPayments.registerCustomerPaymentUrls(account, urls)).outcome).toMatchObject({ kind: 'failed', failureCode: 'DUPLICATE' });
    reply = { status: 500, body: { requestId: 'r', errorCode: '500.003.1001', errorMessage: 'Internal Server Error' } };
    expect((await provider.customerPayments.registerCustomerPaymentUrls(account, urls)).outcome.kind).toBe('unknown');
  });
});
