// Disbursement (KYC + encrypted PIN), its enquiry, and refunds against a REAL tiny HTTP server.
import type { ServerResponse } from 'node:http';
import { ProviderAccountContext, ProviderConfigError, StatusQuery } from '../provider.port';
import { RecordedRequest, TestHttpServer, sendJson } from '../shared/testing/test-http-server';
import { AirtelMoneyProvider } from './airtel-money.provider';
import { TEST_SECRETS, airtelAccount, airtelPayment, rsaDecrypt, testKeyPair } from './testing/airtel-money.fixtures';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;
const TX = '7a1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a20';
const ORIGINAL = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';
const ok = (response_code: string) => ({ code: '200', message: 'SUCCESS', result_code: 'ESB000010', response_code, success: true });
const kycFound = { data: { first_name: 'JOHN', last_name: 'DOE', msisdn: '978980279', is_barred: false, is_pin_set: true }, status: ok('DP02200000001') };
const paid = {
  data: { transaction: { reference_id: '133412377178', airtel_money_id: `disbursement-6EJL6CWF1D-${TX}`, id: TX, status: 'TS' } },
  status: { ...ok('DP00900001001'), message: 'You have sent ZMW 25.50 to 978980279 JOHN DOE.' },
};

describe('Airtel Money disbursement and refund over HTTP', () => {
  const pair = testKeyPair();
  let server: TestHttpServer;
  let kycReply: Reply;
  let productReply: Reply;
  let provider: AirtelMoneyProvider;

  const account = (settings: Record<string, unknown> = {}, overrides: Partial<ProviderAccountContext> = {}) =>
    airtelAccount(server.url, { settings: { country: 'ZM', currency: 'ZMW', ...settings }, ...overrides }, pair.publicPem);
  const payout = (overrides = {}) => airtelPayment({ transactionId: TX, type: 'disbursement', amount: '25.50', currency: 'ZMW', country: 'ZM', msisdn: '260978980279', reference: 'PAYOUT0001', ...overrides });
  const productRequests = () => server.requests.filter((r) => !r.url.startsWith('/auth/'));
  const disbursements = () => server.requests.filter((r) => r.url.includes('/disbursements'));
  function expectNoSecrets(value: unknown, extra: string[] = []): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const secret of [...Object.values(TEST_SECRETS), 'airtel-token-', ...extra]) expect(text).not.toContain(secret);
  }

  beforeEach(async () => {
    kycReply = (_req, res) => sendJson(res, 200, kycFound);
    productReply = (_req, res) => sendJson(res, 200, paid);
    server = await TestHttpServer.start((req, res) => {
      if (req.url.startsWith('/auth/')) return sendJson(res, 200, { access_token: 'airtel-token-1-xyz', expires_in: 180 });
      if (req.url.startsWith('/standard/v1/users/') && req.url !== '/standard/v1/users/balance') return kycReply(req, res);
      return productReply(req, res);
    });
    provider = new AirtelMoneyProvider();
  });
  afterEach(async () => {
    await server.close();
  });

  it.each(['pkcs1', 'oaep'] as const)('disburse (%s): KYC, then v1 disbursement with the RSA-encrypted PIN → succeeded', async (pinPadding) => {
    const result = await provider.disburse(account({ pinPadding }), payout());
    expect(result.outcome).toEqual({ kind: 'succeeded', providerReference: TX, providerTransactionId: `disbursement-6EJL6CWF1D-${TX}`, providerStatus: 'TS' });

    const [kyc, disbursement] = productRequests();
    expect(productRequests()).toHaveLength(2);
    expect(kyc).toMatchObject({ method: 'GET', url: '/standard/v1/users/978980279' });
    expect(disbursement).toMatchObject({ method: 'POST', url: '/standard/v1/disbursements/' });
    for (const r of [kyc!, disbursement!]) expect(r.headers).toMatchObject({ 'x-country': 'ZM', 'x-currency': 'ZMW', authorization: 'Bearer airtel-token-1-xyz' });
    const body = JSON.parse(disbursement!.body);
    expect(body).toEqual({ payee: { msisdn: '978980279' }, reference: 'PAYOUT0001', pin: expect.any(String), transaction: { amount: 25.5, id: TX } });
    expect(body.pin).toHaveLength(172);
    expect(rsaDecrypt(body.pin, pair.privateKey, pinPadding)).toBe(TEST_SECRETS.pin);

    expect(result.exchanges.map((e) => [e.operation, e.response?.status])).toEqual([
      ['airtel-money.kyc', 200],
      ['airtel-money.disbursement.v1', 200],
    ]);
    expect(result.exchanges[1]!.request.body).toMatchObject({ pin: '[REDACTED]' });
    expectNoSecrets(result, [body.pin, `"pin":"${TEST_SECRETS.pin}"`]);
  });

  it('disburse v2 with signing: B2C type, payee currency, signed body; the PIN stays out of the exchange', async () => {
    const result = await provider.disburse(account({ disbursementVersion: 'v2', signing: true }), payout());
    expect(result.outcome.kind).toBe('succeeded');
    const disbursement = disbursements()[0]!;
    expect(disbursement.url).toBe('/standard/v2/disbursements/');
    expect(disbursement.headers['x-signature']).toEqual(expect.any(String));
    const body = JSON.parse(disbursement.body);
    expect(body).toMatchObject({ payee: { msisdn: '978980279', currency: 'ZMW' }, transaction: { amount: 25.5, id: TX, type: 'B2C' } });
    expectNoSecrets(result, [body.pin, String(disbursement.headers['x-signature']), String(disbursement.headers['x-key'])]);
  });

  it('KYC "user not found" (DP02200000002) → failed PAYER_NOT_FOUND, no disbursement request', async () => {
    kycReply = (_req, res) => sendJson(res, 200, { status: { code: '400', message: 'User not found', response_code: 'DP02200000002', result_code: 'ESB000008', success: false } });
    const result = await provider.disburse(account(), payout());
    expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'KYC DP02200000002 (ESB000008): User not found' });
    expect(disbursements()).toHaveLength(0);
    expect(result.exchanges.map((e) => e.operation)).toEqual(['airtel-money.kyc']);
  });

  it('KYC barred → failed ACCOUNT_INACTIVE, no disbursement request', async () => {
    kycReply = (_req, res) => sendJson(res, 200, { ...kycFound, data: { ...kycFound.data, is_barred: true } });
    expect((await provider.disburse(account(), payout())).outcome).toMatchObject({ kind: 'failed', failureCode: 'ACCOUNT_INACTIVE' });
    expect(disbursements()).toHaveLength(0);
  });

  it.each<[string, Reply]>([
    ['a KYC 500', (_req, res) => sendJson(res, 500, undefined)],
    ['a KYC 403 (no KYC product)', (_req, res) => sendJson(res, 403, 'Forbidden')],
    ['a KYC timeout', () => undefined],
  ])('%s proves nothing: the disbursement goes ahead', async (_label, reply) => {
    kycReply = reply;
    const result = await provider.disburse(account({}, { timeoutMs: 300 }), payout());
    expect(result.outcome.kind).toBe('succeeded');
    expect(disbursements()).toHaveLength(1);
    expect(result.exchanges).toHaveLength(2);
  });

  it.each<[string, unknown, object]>([
    ['insufficient funds in a 200', { status: { code: '400', message: 'Insufficient funds', response_code: 'DP00900001007', result_code: 'ESB000008', success: false } }, { kind: 'failed', failureCode: 'INSUFFICIENT_FUNDS' }],
    ['ambiguous DP00900001000', { status: { ...ok('DP00900001000'), message: 'Ambiguous' } }, { kind: 'unknown' }],
    ['duplicate DP00900001011', { status: { code: '400', response_code: 'DP00900001011', success: false } }, { kind: 'unknown' }],
  ])('disbursement answer: %s', async (_label, body, expected) => {
    productReply = (_req, res) => sendJson(res, 200, body);
    expect((await provider.disburse(account(), payout())).outcome).toMatchObject(expected);
  });

  it('disburse without pin → ProviderConfigError before any call', async () => {
    const credentials = { clientId: TEST_SECRETS.clientId, clientSecret: TEST_SECRETS.clientSecret };
    await expect(provider.disburse(account({}, { credentials }), payout())).rejects.toThrow(ProviderConfigError);
    await expect(provider.disburse(account({}, { credentials }), payout())).rejects.toThrow('pin, publicKey');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['v1', {}, `/standard/v1/disbursements/${TX}`],
    ['v2', { disbursementVersion: 'v2' }, `/standard/v2/disbursements/${TX}?transactionType=B2C`],
  ])('status of a disbursement (%s): the disbursement enquiry by our id', async (_label, settings, url) => {
    productReply = (_req, res) => sendJson(res, 200, { data: { transaction: { id: TX, status: 'TF', message: 'Refused' } }, status: ok('DP00900001013') });
    const query: StatusQuery = { transactionId: TX, type: 'disbursement', providerReference: TX, createdAt: new Date() };
    const result = await provider.status(account(settings), query);
    expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'DP00900001013: Refused', providerReference: TX });
    expect(productRequests()[0]).toMatchObject({ method: 'GET', url });
  });

  describe('refund', () => {
    const REFUND = '5d2e7f4a-0b5d-4e7f-9a61-8d2b3f1c5a0e';
    const original: StatusQuery = { transactionId: ORIGINAL, type: 'collection', providerReference: ORIGINAL, createdAt: new Date() };
    const refundRequest = () => airtelPayment({ transactionId: REFUND, type: 'refund', amount: '5000', currency: 'ZMW', country: 'ZM', msisdn: '260978980279' });

    it("enquires the original for its airtel_money_id, then refunds it", async () => {
      productReply = (req, res) =>
        req.method === 'GET'
          ? sendJson(res, 200, { data: { transaction: { id: ORIGINAL, airtel_money_id: 'CI210104.1549.C00029', status: 'TS' } }, status: ok('DP00800001001') })
          : sendJson(res, 200, { data: { transaction: { airtel_money_id: 'CI210104.1549.C00029', status: 'SUCCESS' } }, status: { code: '200', message: 'SUCCESS', result_code: 'ESB000010', success: true } });
      const result = await provider.refund(account(), refundRequest(), original);
      expect(result.outcome).toEqual({ kind: 'succeeded', providerReference: REFUND, providerTransactionId: 'CI210104.1549.C00029', providerStatus: 'SUCCESS' });
      const [enquiry, refund] = productRequests();
      expect(enquiry).toMatchObject({ method: 'GET', url: `/standard/v1/payments/${ORIGINAL}` });
      expect(refund).toMatchObject({ method: 'POST', url: '/standard/v1/payments/refund' });
      expect(JSON.parse(refund!.body)).toEqual({ transaction: { airtel_money_id: 'CI210104.1549.C00029' } });
      expect(refund!.headers).toMatchObject({ 'x-country': 'ZM', 'x-currency': 'ZMW' });
      expect(result.exchanges.map((e) => e.operation)).toEqual(['airtel-money.collection.enquiry', 'airtel-money.collection.refund']);
      expectNoSecrets(result);
    });

    it('uses a providerTransactionId passed on the query without enquiring', async () => {
      productReply = (_req, res) => sendJson(res, 200, { data: { transaction: { airtel_money_id: 'MP1', status: 'SUCCESS' } }, status: ok('DP00800001006') });
      const result = await provider.refund(account(), refundRequest(), { ...original, providerTransactionId: 'MP1' } as StatusQuery);
      expect(result.outcome).toEqual({ kind: 'accepted', providerReference: REFUND, providerStatus: 'SUCCESS' });
      expect(productRequests().map((r) => r.method)).toEqual(['POST']);
    });

    it.each<[string, Reply, object]>([
      ['a failed original → failed, no refund call', (_req, res) => sendJson(res, 200, { data: { transaction: { id: ORIGINAL, status: 'TF' } }, status: ok('DP00800001007') }), { kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: expect.stringContaining('ORIGINAL_NOT_REFUNDABLE') }],
      ['an unknown original → failed, no refund call', (_req, res) => sendJson(res, 404, undefined), { kind: 'failed', failureReason: expect.stringContaining('not_found') }],
      ['an unreachable enquiry → rejected_unsent, no refund call', (_req, res) => sendJson(res, 503, undefined), { kind: 'rejected_unsent' }],
    ])('%s', async (_label, reply, expected) => {
      productReply = reply;
      const result = await provider.refund(account(), refundRequest(), original);
      expect(result.outcome).toMatchObject(expected);
      expect(productRequests().filter((r) => r.method === 'POST')).toHaveLength(0);
      expect(result.exchanges).toHaveLength(1);
    });

    it('status of a refund: the payments enquiry by the refund\'s own id (never the original\'s)', async () => {
      productReply = (_req, res) => sendJson(res, 404, undefined);
      const query: StatusQuery = { transactionId: REFUND, type: 'refund', providerReference: REFUND, createdAt: new Date() };
      expect((await provider.status(account(), query)).outcome.kind).toBe('not_found');
      expect(productRequests()[0]!.url).toBe(`/standard/v1/payments/${REFUND}`);
    });
  });
});
