// B2C, reversals, status queries and the control plane against a real sandbox.
import { startSandbox, type RunningSandbox } from '../server';
import { VodacomTestClient, newReference } from './mpesa-vodacom.client';
import { mpesaVodacomOperator } from './mpesa-vodacom.sandbox';

const body = (msisdn: string, overrides: Record<string, unknown> = {}) => VodacomTestClient.paymentBody(msisdn, overrides);

describe('Vodacom sandbox: B2C, reversal, query, control', () => {
  let sandbox: RunningSandbox;
  let vodacom: VodacomTestClient;
  const balance = async () => (await vodacom.control('GET', '/balance')).json.balance as string;
  const setBalance = (value: string) => vodacom.control('PUT', '/balance', { balance: value });
  async function c2b(amount: string): Promise<string> {
    const res = (await vodacom.c2b(body('258843330333', { input_Amount: amount })))!;
    expect(res.status).toBe(201);
    return res.json.output_TransactionID as string;
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, vodacomC2bDelayMs: 10, vodacomSlowMs: 50 }, [mpesaVodacomOperator]);
    vodacom = new VodacomTestClient(sandbox);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => setBalance('1000'));

  it('B2C answers at once 201 INS-0 and debits the shortcode; short balance → 422 INS-2006 (status Failed)', async () => {
    const ok = (await vodacom.b2c(body('258843330333', { input_Amount: '400.25' })))!;
    expect(ok).toMatchObject({ status: 201, json: { output_ResponseCode: 'INS-0', output_TransactionID: expect.any(String) } });
    expect(await balance()).toBe('599.75');
    const short = body('258843330333', { input_Amount: '600' });
    expect(await vodacom.b2c(short)).toMatchObject({ status: 422, json: { output_ResponseCode: 'INS-2006', output_ResponseDesc: 'Insufficient balance' } });
    expect(await balance()).toBe('599.75');
    expect((await vodacom.query(short.input_ThirdPartyReference as string))!.json.output_ResponseTransactionStatus).toBe('Failed');
    expect(await vodacom.b2c(body('258843330333', { input_ThirdPartyReference: ok.json.output_ThirdPartyReference }))).toMatchObject({ status: 409, json: { output_ResponseCode: 'INS-10' } });
  });

  it.each([
    ['258840000905', 422, 'INS-2006', '1000.00'],
    ['258840000906', 400, 'INS-2051', '1000.00'],
    ['258840000907', 500, 'INS-1', '1000.00'],
    ['258840000908', 503, 'INS-16', '1000.00'],
    ['258840000904', 409, 'INS-10', '990.00'],
    ['258840000909', 201, 'INS-0', '990.00'],
  ])('B2C to %s → %d %s (balance %s)', async (msisdn, status, code, after) => {
    expect(await vodacom.b2c(body(msisdn))).toMatchObject({ status, json: { output_ResponseCode: code } });
    expect(await balance()).toBe(after);
  });

  it('B2C …911 moves the money and answers 500 without a body; …910 never answers but moves it', async () => {
    const res = (await vodacom.b2c(body('258840000911')))!;
    expect(res).toMatchObject({ status: 500, text: '' });
    const hang = body('258840000910');
    expect(await vodacom.b2c(hang, { abortAfterMs: 50 })).toBeNull();
    expect(await balance()).toBe('980.00');
    expect((await vodacom.query(hang.input_ThirdPartyReference as string))!.json.output_ResponseTransactionStatus).toBe('Completed');
  });

  it('reversal PUT: partial (input_ReversalAmount), the rest (input_Amount), then 409 INS-10 when nothing is left', async () => {
    const original = await c2b('100.00');
    expect(await balance()).toBe('1100.00');
    const first = vodacom.reversalBody(original, { input_ReversalAmount: '30.50' });
    const res = (await vodacom.reversal(first))!;
    expect(res).toMatchObject({ status: 200, json: { output_ResponseCode: 'INS-0', output_ThirdPartyReference: first.input_ThirdPartyReference } });
    expect(res.json.output_TransactionID).not.toBe(original);
    expect(await balance()).toBe('1069.50');
    expect((await vodacom.query(first.input_ThirdPartyReference as string))!.json.output_ResponseTransactionStatus).toBe('Completed');
    expect(await vodacom.reversal(vodacom.reversalBody(original, { input_ReversalAmount: '70.00' }))).toMatchObject({ status: 400, json: { output_ResponseCode: 'INS-15' } });
    expect((await vodacom.reversal(vodacom.reversalBody(original, { input_Amount: '69.50' })))!.status).toBe(200);
    expect(await vodacom.reversal(vodacom.reversalBody(original))).toMatchObject({ status: 409, json: { output_ResponseCode: 'INS-10' } });
    const view = (await vodacom.control('GET', `/transactions/${original}`)).json;
    expect(view).toMatchObject({ reversedAmount: '100.00', reversalIds: [res.json.output_TransactionID, expect.any(String)] });
    expect((await vodacom.control('GET', `/transactions/${res.json.output_TransactionID}`)).json).toMatchObject({ type: 'reversal', amount: '30.50', originalTransactionId: original });
  });

  it('reversal without an amount reverses everything; a B2C reversal credits the shortcode', async () => {
    const original = await c2b('12.00');
    expect((await vodacom.reversal(vodacom.reversalBody(original)))!.status).toBe(200);
    expect(await balance()).toBe('1000.00');
    const b2c = (await vodacom.b2c(body('258843330333', { input_Amount: '50' })))!.json.output_TransactionID as string;
    expect((await vodacom.reversal(vodacom.reversalBody(b2c)))!.status).toBe(200);
    expect(await balance()).toBe('1000.00');
  });

  it.each([
    ['a wrong initiator', { input_InitiatorIdentifier: 'nope' }, 'INS-24'],
    ['a wrong credential', { input_SecurityCredential: 'nope' }, 'INS-25'],
    ['another shortcode', { input_ServiceProviderCode: '979797' }, 'INS-13'],
    ['an unknown TransactionID', { input_TransactionID: 'zzzzzzzzzzzz' }, 'INS-18'],
    ['a bad ThirdPartyReference', { input_ThirdPartyReference: 'r e v' }, 'INS-19'],
    ['a bad amount', { input_ReversalAmount: '-5' }, 'INS-15'],
    ['no initiator', { input_InitiatorIdentifier: undefined }, 'INS-20'],
  ])('reversal with %s (%j) → 400 %s', async (_label, overrides, code) => {
    const original = await c2b('5.00');
    const res = (await vodacom.reversal(JSON.parse(JSON.stringify(vodacom.reversalBody(original, overrides)))))!;
    expect(res.json.output_ResponseCode).toBe(code);
    expect(res.status).toBe(400);
  });

  it('cannot reverse a failed C2B, a reversal, or more than the shortcode holds', async () => {
    const cancelled = body('258840000901');
    await vodacom.c2b(cancelled);
    const tx = vodacom.state.byThirdPartyReference.get(cancelled.input_ThirdPartyReference as string)!;
    expect((await vodacom.reversal(vodacom.reversalBody(tx.transactionId)))!.json.output_ResponseCode).toBe('INS-18');
    const original = await c2b('20.00');
    const rev = (await vodacom.reversal(vodacom.reversalBody(original, { input_ReversalAmount: '1.00' })))!.json.output_TransactionID as string;
    expect((await vodacom.reversal(vodacom.reversalBody(rev)))!.json.output_ResponseCode).toBe('INS-18');
    await setBalance('2');
    expect(await vodacom.reversal(vodacom.reversalBody(original))).toMatchObject({ status: 422, json: { output_ResponseCode: 'INS-2006' } });
  });

  it('query: a new ThirdPartyReference per call (reuse → 409 INS-10), INS-23 when unknown, INS-20 / INS-13', async () => {
    const original = await c2b('3.00');
    const callRef = newReference('Q');
    expect((await vodacom.query(original, { input_ThirdPartyReference: callRef }))!.json).toMatchObject({ output_ResponseCode: 'INS-0', output_ThirdPartyReference: callRef });
    expect(await vodacom.query(original, { input_ThirdPartyReference: callRef })).toMatchObject({ status: 409, json: { output_ResponseCode: 'INS-10' } });
    expect(await vodacom.query('nothing-like-it')).toMatchObject({ status: 400, json: { output_ResponseCode: 'INS-23', output_ResponseDesc: 'Unknown Status. Contact M-Pesa Support' } });
    expect(await vodacom.query(original, { input_ServiceProviderCode: '' })).toMatchObject({ status: 400, json: { output_ResponseCode: 'INS-20' } });
    expect(await vodacom.query(original, { input_ServiceProviderCode: '979797' })).toMatchObject({ status: 400, json: { output_ResponseCode: 'INS-13' } });
  });

  it('control: transactions filtered, 404 for unknown, balance PUT checked', async () => {
    await vodacom.b2c(body('258853330999', { input_Amount: '1' }));
    const list = (await vodacom.control('GET', '/transactions?type=b2c&msisdn=258853330999')).json as Array<Record<string, unknown>>;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ type: 'b2c', amount: '1.00', status: 'Completed', c2bCalls: null, currency: 'MZN' });
    expect((await vodacom.control('GET', '/transactions/nope')).status).toBe(404);
    expect((await setBalance('abc')).status).toBe(400);
    expect((await setBalance('12.345')).json.balance).toBe('12.34');
  });
});
