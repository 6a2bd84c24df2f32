// C2B single stage against a real sandbox: the held call, the magic numbers, statuses by every reference.
import { startSandbox, type RunningSandbox } from '../server';
import { sleep, waitFor } from '../testing/helpers';
import { VodacomTestClient } from './mpesa-vodacom.client';
import { mpesaVodacomOperator } from './mpesa-vodacom.sandbox';
import { VODACOM_MAGIC_NUMBERS } from './mpesa-vodacom.scenarios';

const DELAY = 120;
const SLOW = 400;
const body = (msisdn: string, overrides: Record<string, unknown> = {}) => VodacomTestClient.paymentBody(msisdn, overrides);
const number = (suffix: string) => VODACOM_MAGIC_NUMBERS.find((m) => m.suffix === suffix)!.example;

describe('Vodacom sandbox: C2B', () => {
  let sandbox: RunningSandbox;
  let vodacom: VodacomTestClient;
  const status = async (ref: string) => (await vodacom.query(ref))!.json.output_ResponseTransactionStatus as string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, vodacomC2bDelayMs: DELAY, vodacomSlowMs: SLOW, vodacomBalance: '100' }, [mpesaVodacomOperator]);
    vodacom = new VodacomTestClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('holds the call while the customer answers, then 201 INS-0; Pending meanwhile; credits the shortcode', async () => {
    const b = body('258843330333', { input_Amount: '25.50' });
    const started = Date.now();
    const pending = vodacom.c2b(b);
    await waitFor(() => vodacom.state.byThirdPartyReference.get(b.input_ThirdPartyReference as string));
    expect(await status(b.input_ThirdPartyReference as string)).toBe('Pending');
    const res = (await pending)!;
    expect(Date.now() - started).toBeGreaterThanOrEqual(DELAY - 5);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      output_ResponseCode: 'INS-0',
      output_ResponseDesc: 'Request processed successfully',
      output_TransactionID: expect.stringMatching(/^[a-z0-9]{12}$/),
      output_ConversationID: expect.stringMatching(/^[0-9a-f]{32}$/),
      output_ThirdPartyReference: b.input_ThirdPartyReference,
    });
    // Found by ThirdPartyReference, TransactionID and ConversationID (§2.5).
    for (const ref of [b.input_ThirdPartyReference as string, res.json.output_TransactionID, res.json.output_ConversationID]) expect(await status(ref)).toBe('Completed');
    const query = (await vodacom.query(res.json.output_TransactionID))!;
    expect(query).toMatchObject({ status: 200, json: { output_ResponseCode: 'INS-0', output_ResponseTransactionStatus: 'Completed' } });
    expect(query.json.output_TransactionID).toBeUndefined();
    expect((await vodacom.control('GET', '/balance')).json).toEqual({ serviceProviderCode: '171717', currency: 'MZN', balance: '125.50' });
    const view = (await vodacom.control('GET', `/transactions/${res.json.output_TransactionID}`)).json;
    expect(view).toMatchObject({ type: 'c2b', amount: '25.50', status: 'Completed', c2bCalls: 1, queries: 5, answer: { httpStatus: 201, code: 'INS-0' }, clientGaveUp: false });
  });

  it('a reused ThirdPartyReference → 409 INS-10 at once, counted in c2b-calls', async () => {
    const b = body('258853330333');
    expect((await vodacom.c2b(b))!.status).toBe(201);
    expect(await vodacom.c2b(b)).toMatchObject({ status: 409, json: { output_ResponseCode: 'INS-10', output_ThirdPartyReference: b.input_ThirdPartyReference } });
    expect((await vodacom.control('GET', '/c2b-calls')).json[b.input_ThirdPartyReference as string]).toBe(2);
    expect((await vodacom.control('GET', `/transactions?thirdPartyReference=${b.input_ThirdPartyReference}`)).json).toHaveLength(1);
  });

  it.each([
    ['901', 401, 'INS-5', 'Cancelled', true],
    ['902', 401, 'INS-6', 'Cancelled', true],
    ['903', 408, 'INS-9', 'Expired', true],
    ['904', 409, 'INS-10', 'Completed', false],
    ['905', 422, 'INS-2006', 'Failed', true],
    ['906', 400, 'INS-2051', null, false],
    ['907', 500, 'INS-1', 'Failed', true],
    ['908', 503, 'INS-16', null, false],
  ])('…%s → %d %s, status %s', async (suffix, httpStatus, code, finalStatus, held) => {
    const b = body(number(suffix));
    const started = Date.now();
    const res = (await vodacom.c2b(b))!;
    expect(res).toMatchObject({ status: httpStatus, json: { output_ResponseCode: code, output_ThirdPartyReference: b.input_ThirdPartyReference } });
    expect(res.json.output_TransactionID).toBeUndefined();
    expect(Date.now() - started >= DELAY - 5).toBe(held);
    const query = (await vodacom.query(b.input_ThirdPartyReference as string))!;
    if (finalStatus === null) expect(query).toMatchObject({ status: 400, json: { output_ResponseCode: 'INS-23' } });
    else expect(query.json.output_ResponseTransactionStatus).toBe(finalStatus);
  });

  it('…909 (slow) holds vodacomSlowMs then succeeds; …911 completes but answers 500 without a body', async () => {
    const started = Date.now();
    expect((await vodacom.c2b(body(number('909'))))!.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW - 5);
    const b = body(number('911'));
    const res = (await vodacom.c2b(b))!;
    expect(res.status).toBe(500);
    expect(res.text).toBe('');
    expect(await status(b.input_ThirdPartyReference as string)).toBe('Completed');
  });

  it('…910 (hang) never answers; the client gives up; the payment still completes (status Completed)', async () => {
    const b = body(number('910'));
    expect(await vodacom.c2b(b, { abortAfterMs: 60 })).toBeNull();
    const tpr = b.input_ThirdPartyReference as string;
    await waitFor(() => vodacom.state.byThirdPartyReference.get(tpr)?.clientGaveUp);
    expect(await status(tpr)).toBe('Pending');
    await sleep(DELAY);
    expect(await status(tpr)).toBe('Completed');
    expect((await vodacom.control('GET', `/transactions/${tpr}`)).json).toMatchObject({ scenario: 'hang', status: 'Completed', answer: null, clientGaveUp: true });
  });

  it('a client giving up on an ordinary C2B does not stop it: it completes at the same time', async () => {
    const b = body('258843330444');
    expect(await vodacom.c2b(b, { abortAfterMs: 20 })).toBeNull();
    await sleep(DELAY + 20);
    expect(await status(b.input_ThirdPartyReference as string)).toBe('Completed');
  });

  it('lists the magic numbers', async () => {
    const res = await vodacom.control('GET', '/scenarios');
    expect(res.json).toMatchObject({ c2bDelayMs: DELAY, slowMs: SLOW, magicNumbers: VODACOM_MAGIC_NUMBERS });
  });
});
