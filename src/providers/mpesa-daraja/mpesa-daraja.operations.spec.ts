// B2C, Transaction Status, refunds, reversals and Account Balance against a REAL tiny HTTP server
// standing in for Daraja (no mocks): bodies, ?op= URLs, SecurityCredential, outcomes, redaction.
import type { ServerResponse } from 'node:http';
import { ProviderAccountContext, ProviderConfigError, ReversalRequest } from '../provider.port';
import { OperatorCallError } from '../shared/operator-http';
import { RecordedRequest, TestHttpServer, sendJson } from '../shared/testing/test-http-server';
import { MpesaDarajaProvider } from './mpesa-daraja.provider';
import {
  TEST_CALLBACK_URL,
  TEST_CERTIFICATE_PRIVATE_KEY,
  TEST_SECRETS,
  darajaAccount,
  darajaPayment,
  darajaQuery,
  decryptSecurityCredential,
} from './testing/mpesa-daraja.fixtures';

type Reply = (req: RecordedRequest, res: ServerResponse) => void;
const TX = '7d0e4b1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const CONVERSATION = 'AG_20250307_2010a1b2c3d4e5f6a7b8';
const asyncAccepted = (originator = TX) => ({ ConversationID: CONVERSATION, OriginatorConversationID: originator, ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' });
const envelope = (errorCode: string, errorMessage: string) => ({ requestId: '11728-2929992-1', errorCode, errorMessage });

describe('Daraja B2C, status, refund, reversal and balance over HTTP', () => {
  let server: TestHttpServer;
  let productReply: Reply;
  let provider: MpesaDarajaProvider;

  const account = (overrides: Partial<ProviderAccountContext> = {}) => darajaAccount(server.url, overrides);
  const productRequests = () => server.requests.filter((r) => !r.url.startsWith('/oauth/'));
  const sentBody = (i = 0) => JSON.parse(productRequests()[i]!.body) as Record<string, string>;
  function expectNoSecrets(value: unknown): void {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const secret of [...Object.values(TEST_SECRETS), 'daraja-token-', 'tok_9f8e7d6c5b4a3f2e1d0c']) expect(text).not.toContain(secret);
  }
  const payout = darajaPayment({ transactionId: TX, type: 'disbursement', amount: '500.00', amountMinor: 50000n, reference: 'PAYOUT-77', description: 'March commission' });

  beforeEach(async () => {
    productReply = (_req, res) => sendJson(res, 200, asyncAccepted());
    server = await TestHttpServer.start((req, res) =>
      req.url.startsWith('/oauth/') ? sendJson(res, 200, { access_token: 'daraja-token-1-abc', expires_in: 3599 }) : productReply(req, res),
    );
    provider = new MpesaDarajaProvider();
  });
  afterEach(async () => {
    await server.close();
  });

  it('disburse: B2C v3 with our id as OriginatorConversationID, encrypted credential, ?op= URLs → accepted', async () => {
    const result = await provider.disburse(account(), payout);
    expect(result.outcome).toEqual({ kind: 'accepted', providerReference: CONVERSATION, providerStatus: '0', providerData: { originatorConversationId: TX } });
    expect(productRequests()[0]).toMatchObject({ method: 'POST', url: '/mpesa/b2c/v3/paymentrequest' });
    const body = sentBody();
    expect(body).toEqual({
      OriginatorConversationID: TX,
      InitiatorName: 'testapi',
      SecurityCredential: expect.any(String),
      CommandID: 'BusinessPayment',
      Amount: 500,
      PartyA: '600984',
      PartyB: '254708374149',
      Remarks: 'March commission',
      QueueTimeOutURL: `${TEST_CALLBACK_URL}?op=timeout`,
      ResultURL: `${TEST_CALLBACK_URL}?op=b2c`,
      Occassion: 'PAYOUT-77',
    });
    expect(decryptSecurityCredential(body['SecurityCredential']!, TEST_CERTIFICATE_PRIVATE_KEY)).toBe(TEST_SECRETS.initiatorPassword);
    const audited = result.exchanges[0]!.request.body as Record<string, string>;
    expect(audited['SecurityCredential']).toBe('[REDACTED]');
    expect(audited['ResultURL']).toBe('https://pay.example.com/v1/webhooks/daraja/[REDACTED]?op=b2c');
    expect(JSON.stringify(result)).not.toContain(body['SecurityCredential']);
    expectNoSecrets(result);
  });

  it.each([
    ['500.002.1001 duplicate OriginatorConversationID', 500, envelope('500.002.1001', 'Duplicate OriginatorConversationID'), 'unknown'],
    ['500.003.1001 internal error', 500, envelope('500.003.1001', 'Internal Server Error'), 'unknown'],
    ['200 without ConversationID', 200, { ResponseCode: '0' }, 'unknown'],
    ['400.002.02 invalid PartyB', 400, envelope('400.002.02', 'Bad Request - Invalid PartyB'), 'failed'],
  ])('disburse: %s → %s', async (_label, status, body, kind) => {
    productReply = (_req, res) => sendJson(res, status, body);
    expect((await provider.disburse(account(), payout)).outcome.kind).toBe(kind);
  });

  it('disburse without the initiator or B2C shortcode throws ProviderConfigError before any call', async () => {
    const stkOnly = account({ settings: { shortcode: '174379' }, credentials: { consumerKey: 'k', consumerSecret: 's', passkey: 'p' } });
    await expect(provider.disburse(stkOnly, payout)).rejects.toThrow(ProviderConfigError);
    await expect(provider.disburse(account({ settings: { shortcode: '174379', initiatorName: 'testapi' } }), payout)).rejects.toThrow(/b2cShortcode/);
    expect(server.requests).toHaveLength(0);
  });

  it('status of a disbursement: Transaction Status by receipt, else by OriginalConversationID → unknown (answer by callback, never pending)', async () => {
    const query = darajaQuery({ transactionId: TX, type: 'disbursement', providerReference: CONVERSATION, providerTransactionId: 'TC75QW8ERT' });
    const result = await provider.status(account(), query);
    expect(result.outcome).toEqual({ kind: 'unknown', reason: 'Transaction Status query accepted; the answer comes by callback' });
    expect(productRequests()[0]!.url).toBe('/mpesa/transactionstatus/v1/query');
    expect(sentBody()).toMatchObject({
      Initiator: 'testapi',
      CommandID: 'TransactionStatusQuery',
      TransactionID: 'TC75QW8ERT',
      PartyA: '600984',
      IdentifierType: '4',
      ResultURL: `${TEST_CALLBACK_URL}?op=status`,
      QueueTimeOutURL: `${TEST_CALLBACK_URL}?op=status-timeout`,
    });
    expect(decryptSecurityCredential(sentBody()['SecurityCredential']!, TEST_CERTIFICATE_PRIVATE_KEY)).toBe(TEST_SECRETS.initiatorPassword);
    expectNoSecrets(result);

    await provider.status(account(), { ...query, providerTransactionId: null, callbackUrl: `${TEST_CALLBACK_URL}?x=1` });
    expect(sentBody(1)).toMatchObject({ OriginalConversationID: CONVERSATION, ResultURL: `${TEST_CALLBACK_URL}?x=1&op=status` });
    expect(sentBody(1)).not.toHaveProperty('TransactionID');
  });

  it('status of a disbursement: no callbackUrl → unknown without a call; an error answer → unknown', async () => {
    const query = darajaQuery({ type: 'disbursement', providerReference: CONVERSATION, callbackUrl: null });
    expect((await provider.status(account(), query)).outcome).toEqual({ kind: 'unknown', reason: expect.stringContaining('no callbackUrl') });
    expect(server.requests).toHaveLength(0);
    productReply = (_req, res) => sendJson(res, 400, envelope('400.002.02', 'Bad Request - Invalid TransactionID'));
    expect((await provider.status(account(), { ...query, callbackUrl: TEST_CALLBACK_URL })).outcome.kind).toBe('unknown');
  });

  it('refund (default b2c): a partial B2C payment to the original number, refundMethod kept', async () => {
    const original = darajaQuery({ msisdn: '254712345678', amount: '150.00', amountMinor: 15000n, providerTransactionId: 'TC74XK2P9Q' });
    const refund = darajaPayment({ transactionId: TX, type: 'refund', amount: '50', amountMinor: 5000n, msisdn: '254708374149', description: null, reference: null });
    const result = await provider.refund(account(), refund, original);
    expect(result.outcome).toMatchObject({ kind: 'accepted', providerReference: CONVERSATION, providerData: { originatorConversationId: TX, refundMethod: 'b2c' } });
    expect(sentBody()).toMatchObject({ OriginatorConversationID: TX, Amount: 50, PartyB: '254712345678', Remarks: 'Refund', ResultURL: `${TEST_CALLBACK_URL}?op=b2c` });
  });

  describe("refund with refundMethod 'reversal'", () => {
    const reversalAccount = () => account({ settings: { shortcode: '174379', b2cShortcode: '600984', initiatorName: 'testapi', refundMethod: 'reversal' } });
    const original = darajaQuery({ amount: '150.00', amountMinor: 15000n, providerTransactionId: 'TC74XK2P9Q' });
    const refund = (amount: string) => darajaPayment({ transactionId: TX, type: 'refund', amount, amountMinor: BigInt(amount) * 100n, reference: 'Refund order 42', description: null });

    it('a partial amount fails INVALID_AMOUNT without a call (a reversal returns the whole amount)', async () => {
      const result = await provider.refund(reversalAccount(), refund('50'), original);
      expect(result).toEqual({ outcome: { kind: 'failed', failureCode: 'INVALID_AMOUNT', failureReason: expect.stringContaining('PARTIAL_REFUND_UNSUPPORTED') }, exchanges: [] });
      expect(server.requests).toHaveLength(0);
    });

    it('the whole amount reverses the receipt, result to ?op=refund-reversal', async () => {
      const result = await provider.refund(reversalAccount(), refund('150'), original);
      expect(result.outcome).toMatchObject({ kind: 'accepted', providerReference: CONVERSATION, providerData: { refundMethod: 'reversal' } });
      expect(productRequests()[0]!.url).toBe('/mpesa/reversal/v1/request');
      expect(sentBody()).toMatchObject({
        CommandID: 'TransactionReversal',
        TransactionID: 'TC74XK2P9Q',
        Amount: '150',
        ReceiverParty: '174379',
        RecieverIdentifierType: '11',
        Remarks: 'Refund order 42',
        ResultURL: `${TEST_CALLBACK_URL}?op=refund-reversal`,
        QueueTimeOutURL: `${TEST_CALLBACK_URL}?op=timeout`,
      });
    });

    it('the original amount is compared in minor units, else as whole shillings; unknown → failed, no call', async () => {
      const { amountMinor: _minor, ...noMinor } = original;
      expect((await provider.refund(reversalAccount(), refund('50'), noMinor)).outcome).toMatchObject({ failureCode: 'INVALID_AMOUNT' });
      const { amount: _amount, ...neither } = noMinor;
      expect((await provider.refund(reversalAccount(), refund('150'), neither)).outcome).toMatchObject({ failureReason: expect.stringContaining('ORIGINAL_AMOUNT_UNKNOWN') });
      expect(server.requests).toHaveLength(0);
      expect((await provider.refund(reversalAccount(), refund('150'), noMinor)).outcome.kind).toBe('accepted');
    });

    it('no receipt → failed "no M-Pesa receipt to reverse", no call', async () => {
      const result = await provider.refund(reversalAccount(), refund('150'), { ...original, providerTransactionId: null });
      expect(result.outcome).toEqual({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'NO_RECEIPT: no M-Pesa receipt to reverse' });
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('reverse', () => {
    const reversal = (overrides: Partial<ReversalRequest> = {}): ReversalRequest => ({
      ...darajaQuery({ providerTransactionId: 'TC74XK2P9Q' }),
      amount: '150.00',
      amountMinor: 15000n,
      currency: 'KES',
      msisdn: '254708374149',
      reason: 'Customer paid twice',
      ...overrides,
    });

    it('reverses the receipt (whole amount, string), result to ?op=reversal → accepted', async () => {
      const result = await provider.reverse(account(), reversal());
      expect(result.outcome).toMatchObject({ kind: 'accepted', providerReference: CONVERSATION });
      expect(sentBody()).toMatchObject({
        Initiator: 'testapi',
        TransactionID: 'TC74XK2P9Q',
        Amount: '150',
        ReceiverParty: '174379',
        RecieverIdentifierType: '11',
        Remarks: 'Customer paid twice',
        ResultURL: `${TEST_CALLBACK_URL}?op=reversal`,
        QueueTimeOutURL: `${TEST_CALLBACK_URL}?op=reversal-timeout`,
        Occasion: '',
      });
      expect(decryptSecurityCredential(sentBody()['SecurityCredential']!, TEST_CERTIFICATE_PRIVATE_KEY)).toBe(TEST_SECRETS.initiatorPassword);
      expectNoSecrets(result);
    });

    it('a disbursement is reversed to the B2C shortcode; no receipt → failed; 5xx → unknown', async () => {
      await provider.reverse(account(), reversal({ type: 'disbursement' }));
      expect(sentBody()).toMatchObject({ ReceiverParty: '600984' });
      expect((await provider.reverse(account(), reversal({ providerTransactionId: null }))).outcome).toMatchObject({ kind: 'failed', failureReason: expect.stringContaining('no M-Pesa receipt') });
      productReply = (_req, res) => sendJson(res, 503, undefined);
      expect((await provider.reverse(account(), reversal())).outcome.kind).toBe('unknown');
    });
  });

  describe('balance', () => {
    it('Account Balance of the B2C shortcode → balances [] and pendingRequestId = OriginatorConversationID', async () => {
      productReply = (_req, res) => sendJson(res, 200, asyncAccepted('5118-111210482-1'));
      const result = await provider.balance(account(), TEST_CALLBACK_URL);
      expect(result).toMatchObject({ balances: [], pendingRequestId: '5118-111210482-1' });
      expect(productRequests()[0]!.url).toBe('/mpesa/accountbalance/v1/query');
      expect(sentBody()).toMatchObject({
        Initiator: 'testapi',
        CommandID: 'AccountBalance',
        PartyA: '600984',
        IdentifierType: '4',
        ResultURL: `${TEST_CALLBACK_URL}?op=balance`,
        QueueTimeOutURL: `${TEST_CALLBACK_URL}?op=balance-timeout`,
      });
      expect(result.exchanges).toHaveLength(1);
      expectNoSecrets(result);
    });

    it('no callback URL → ProviderConfigError; a refused request → OperatorCallError with the exchanges', async () => {
      await expect(provider.balance(account())).rejects.toThrow(ProviderConfigError);
      productReply = (_req, res) => sendJson(res, 500, envelope('500.003.1001', 'Internal Server Error'));
      const error = await provider.balance(account(), TEST_CALLBACK_URL).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperatorCallError);
      expect((error as OperatorCallError).exchanges).toHaveLength(1);
    });
  });
});
