import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { sleep, startCallbackReceiver, waitFor, type CallbackReceiver } from '../testing/helpers';
import { MtnDisbursementClient } from '../testing/mtn-disbursement';
import type { MtnMomoState } from './mtn-momo.state';

const SETTLE = 50;
const SLOW = 400;
const ONGOING = 300;

describe('MTN MoMo sandbox: disbursement transfers', () => {
  let sandbox: RunningSandbox;
  let eur: MtnDisbursementClient;
  let receiver: CallbackReceiver;

  /** A client of another target environment sharing the EUR client's token. */
  const inEnv = (environment: string): MtnDisbursementClient => {
    const client = new MtnDisbursementClient(sandbox, environment);
    client.token = eur.token;
    return client;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: SETTLE, slowMs: SLOW, ongoingMs: ONGOING, hangMs: 300 });
    eur = new MtnDisbursementClient(sandbox);
    await eur.login();
    receiver = await startCallbackReceiver();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  async function send(msisdn: string, client = eur, overrides: Record<string, unknown> = {}) {
    const ref = randomUUID();
    const path = `/payouts/${ref}`;
    const res = await client.transfer(ref, MtnDisbursementClient.transferBody(msisdn, overrides), { 'X-Callback-Url': `${receiver.url}${path}` });
    return { ref, path, res, callbacks: () => receiver.forPath(path) };
  }

  it('answers 202 empty, settles SUCCESSFUL with a POST callback, and takes exactly its amount from the balance', async () => {
    const ghana = inEnv('mtnghana');
    expect(await ghana.balance()).toBe('1000000');
    const { ref, path, res, callbacks } = await send('233244123456', ghana, { amount: '12.34', currency: 'GHS' });
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect((await ghana.transferStatus(ref)).json).toEqual({
      amount: '12.34',
      currency: 'GHS',
      externalId: 'payout-1',
      payee: { partyIdType: 'MSISDN', partyId: '233244123456' },
      payerMessage: 'Payout 1',
      payeeNote: 'payout 1',
      status: 'PENDING',
    });
    const done = await ghana.waitForFinal('transfer', ref);
    expect(Object.keys(done.json)).toEqual(['amount', 'currency', 'financialTransactionId', 'externalId', 'payee', 'payerMessage', 'payeeNote', 'status']);
    expect(done.json).toMatchObject({ status: 'SUCCESSFUL', financialTransactionId: expect.stringMatching(/^\d+$/) });
    expect(await ghana.balance()).toBe('999987.66');
    const collection = await eur.control('GET', '/balances?targetEnvironment=mtnghana&product=collection');
    expect(collection.json).toEqual([{ targetEnvironment: 'mtnghana', product: 'collection', currency: 'GHS', available: '0', availableMinor: '0' }]);
    expect((sandbox.operators['mtn-momo'] as MtnMomoState).balances.get('disbursement:mtnghana')).toBe(99_998_766n);

    const [callback] = await waitFor(() => (callbacks().length ? callbacks() : null));
    expect(callback?.method).toBe('POST');
    expect(callback?.headers['user-agent']).toBe('LWAC Http Client 1.0');
    expect(callback?.json).toEqual(done.json);

    const record = await eur.control('GET', `/transfers/${ref}`);
    expect(record.json).toMatchObject({
      kind: 'transfer',
      referenceId: ref,
      product: 'disbursement',
      postCount: 1,
      targetEnvironment: 'mtnghana',
      subscriptionKey: eur.subscriptionKey,
      callbackUrl: `${receiver.url}${path}`,
      callbackMethod: 'POST',
      status: 'SUCCESSFUL',
      statusBody: done.json,
      callbacks: [expect.objectContaining({ method: 'POST', httpStatus: 200, trigger: 'scheduled' })],
    });
  });

  it('fails NOT_ENOUGH_FUNDS above the balance and moves nothing; exactly the balance still goes through', async () => {
    const zambia = inEnv('mtnzambia');
    expect((await zambia.setBalance('50')).json).toEqual({
      targetEnvironment: 'mtnzambia',
      product: 'disbursement',
      currency: 'ZMW',
      available: '50',
      availableMinor: '5000',
    });
    const { ref, callbacks } = await send('260971123456', zambia, { amount: '50.01', currency: 'ZMW' });
    const failed = await zambia.waitForFinal('transfer', ref);
    expect(failed.json).toMatchObject({ status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' });
    expect(failed.json).not.toHaveProperty('financialTransactionId');
    expect((await waitFor(() => (callbacks().length ? callbacks() : null)))[0]?.json).toEqual(failed.json);
    expect(await zambia.balance()).toBe('50');

    const exact = await send('260971123456', zambia, { amount: '50', currency: 'ZMW' });
    expect((await zambia.waitForFinal('transfer', exact.ref)).json.status).toBe('SUCCESSFUL');
    expect(await zambia.balance()).toBe('0');
  });

  it('checks the balance when the transfer settles, in the order transfers settle', async () => {
    const rwanda = inEnv('mtnrwanda');
    await rwanda.setBalance('50');
    // Two slow transfers of 30 each: the first to settle takes the money, the second finds 20.
    const first = await send('250788990001', rwanda, { amount: '30', currency: 'RWF' });
    const second = await send('250788990001', rwanda, { amount: '30', currency: 'RWF' });
    expect((await rwanda.transferStatus(first.ref)).json.status).toBe('PENDING');
    expect((await rwanda.waitForFinal('transfer', first.ref)).json.status).toBe('SUCCESSFUL');
    expect((await rwanda.waitForFinal('transfer', second.ref)).json).toMatchObject({ status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' });
    expect(await rwanda.balance()).toBe('20');

    // Lowering the balance while a transfer is pending makes it fail.
    const third = await send('250788990001', rwanda, { amount: '15', currency: 'RWF' });
    await rwanda.setBalance('10');
    expect((await rwanda.waitForFinal('transfer', third.ref)).json.reason).toBe('NOT_ENOUGH_FUNDS');
    expect(await rwanda.balance()).toBe('10');
  });

  it('answers 409 on a reused reference id, 400 on bad input, 500 on a wrong currency', async () => {
    const { ref } = await send('46733999999');
    const again = await eur.transfer(ref, MtnDisbursementClient.transferBody('46733999999'));
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('RESOURCE_ALREADY_EXIST');
    expect((await eur.control('GET', `/transfers/${ref}`)).json.postCount).toBe(2);

    const bad = async (body: unknown, refId: string = randomUUID()) => eur.transfer(refId, body as Record<string, unknown>);
    for (const body of [
      MtnDisbursementClient.transferBody('46733999999', { payee: undefined }),
      MtnDisbursementClient.transferBody('46733999999', { amount: 100 }),
      MtnDisbursementClient.transferBody('+46733999999'),
      MtnDisbursementClient.transferBody('46733999999', { payeeNote: 'a & b' }),
      MtnDisbursementClient.transferBody('46733999999', { amount: '1.001' }),
      '[]',
      '',
    ]) {
      const res = await bad(body);
      expect([res.status, res.json?.code]).toEqual([400, 'BAD_REQUEST']);
    }
    expect((await bad(MtnDisbursementClient.transferBody('46733999999'), 'not-a-uuid')).status).toBe(400);
    expect((await bad(MtnDisbursementClient.transferBody('x', { payee: { partyIdType: '', partyId: '' } }))).status).toBe(500);
    expect((await bad(MtnDisbursementClient.transferBody('46733999999', { currency: 'UGX' }))).json.code).toBe('INVALID_CURRENCY');
    expect((await eur.transferStatus('nope')).status).toBe(400);
    expect((await eur.transferStatus(randomUUID())).status).toBe(404);
    // Another target environment does not see it.
    expect((await inEnv('mtnuganda').transferStatus(ref)).status).toBe(404);
    expect((await eur.waitForFinal('transfer', ref)).json.status).toBe('SUCCESSFUL');
  });

  it.each([
    ['46733123450', 'INTERNAL_PROCESSING_ERROR'],
    ['46733123451', 'APPROVAL_REJECTED'],
    ['46733123452', 'EXPIRED'],
    ['46733123455', 'NOT_ENOUGH_FUNDS'],
    ['46733123456', 'PAYER_LIMIT_REACHED'],
    ['46733123457', 'PAYEE_NOT_FOUND'],
    ['256772990007', 'NOT_ENOUGH_FUNDS'],
    ['256772990008', 'PAYER_LIMIT_REACHED'],
    ['256772990009', 'PAYEE_NOT_ALLOWED_TO_RECEIVE'],
    ['256772990010', 'PAYEE_NOT_FOUND'],
  ])('payee %s: PENDING, then FAILED %s with a callback, balance untouched', async (msisdn, reason) => {
    const before = await eur.balance();
    const { ref, res, callbacks } = await send(msisdn);
    expect(res.status).toBe(202);
    const failed = await eur.waitForFinal('transfer', ref);
    expect(failed.json).toMatchObject({ status: 'FAILED', reason });
    expect((await waitFor(() => (callbacks().length ? callbacks() : null)))[0]?.json).toEqual(failed.json);
    expect(await eur.balance()).toBe(before);
  });

  it.each([
    ['46733123458', 500, 'NOT_ALLOWED'],
    ['46733123459', 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT'],
    ['46733123460', 500, 'INVALID_CALLBACK_URL_HOST'],
    ['46733123461', 500, 'INVALID_CURRENCY'],
    ['46733123463', 503, 'SERVICE_UNAVAILABLE'],
  ])('payee %s: synchronous %i %s, nothing recorded', async (msisdn, status, code) => {
    const { ref, res } = await send(msisdn);
    expect([res.status, res.json?.code]).toEqual([status, code]);
    expect((await eur.transferStatus(ref)).status).toBe(404);
    expect((await eur.control('GET', `/transfers?payee=${msisdn}`)).json).toEqual([]);
  });

  it('46733123462: synchronous 500, yet recorded and FAILED, no callback', async () => {
    const { ref, res, callbacks } = await send('46733123462');
    expect([res.status, res.json?.code]).toEqual([500, 'INTERNAL_PROCESSING_ERROR']);
    expect((await eur.waitForFinal('transfer', ref)).json.reason).toBe('INTERNAL_PROCESSING_ERROR');
    await sleep(2 * SETTLE);
    expect(callbacks()).toHaveLength(0);
  });

  it('46733123453 stays PENDING then FAILS EXPIRED; 46733123454 stays CREATED', async () => {
    const ongoing = await send('46733123453');
    const delayed = await send('46733123454');
    await sleep(3 * SETTLE);
    expect((await eur.transferStatus(ongoing.ref)).json.status).toBe('PENDING');
    expect((await eur.transferStatus(delayed.ref)).json.status).toBe('CREATED');
    const [callback] = await waitFor(() => (ongoing.callbacks().length ? ongoing.callbacks() : null));
    expect(callback?.json).toMatchObject({ status: 'FAILED', reason: 'EXPIRED' });
    expect((await eur.transferStatus(delayed.ref)).json.status).toBe('CREATED');
    expect(delayed.callbacks()).toHaveLength(0);
  });

  it('Malipo numbers: 990003 calls back twice, 990004 answers HTML 500 after recording, 990005 calls back ahead of GET', async () => {
    const before = BigInt((await eur.control('GET', '/balances?targetEnvironment=sandbox&product=disbursement')).json[0].availableMinor);
    const twice = await send('256772990003');
    const html = await send('256772990004');
    expect(html.res.status).toBe(500);
    expect(html.res.headers.get('content-type')).toMatch(/html/);
    expect((await eur.transfer(html.ref, MtnDisbursementClient.transferBody('256772990004'))).status).toBe(409);
    const early = await send('256772990005');
    const [earlyCallback] = await waitFor(() => (early.callbacks().length ? early.callbacks() : null));
    expect(earlyCallback?.json).toMatchObject({ status: 'SUCCESSFUL' });
    expect((await eur.transferStatus(early.ref)).json.status).toBe('PENDING');
    const both = await waitFor(() => (twice.callbacks().length >= 2 ? twice.callbacks() : null));
    expect(both[0]?.json).toEqual(both[1]?.json);
    expect((await eur.waitForFinal('transfer', html.ref)).json.status).toBe('SUCCESSFUL');
    expect((await eur.waitForFinal('transfer', early.ref, 3000)).json).toEqual(earlyCallback?.json);
    expect(html.callbacks()).toHaveLength(0);
    // Three transfers of 100 EUR succeeded.
    const after = BigInt((await eur.control('GET', '/balances?targetEnvironment=sandbox&product=disbursement')).json[0].availableMinor);
    expect(before - after).toBe(30_000n);
  });

  it('lists transfers by payee (none attempted for an unused number)', async () => {
    const payee = '256772555001';
    expect((await eur.control('GET', `/transfers?payee=${payee}`)).json).toEqual([]);
    const { ref } = await send(payee);
    const list = await eur.control('GET', `/transfers?payee=${payee}`);
    expect((list.json as Array<{ referenceId: string }>).map((r) => r.referenceId)).toEqual([ref]);
    expect((await eur.control('GET', `/transfers/${randomUUID()}`)).status).toBe(404);
    const resent = await eur.control('POST', `/transfers/${ref}/callback`);
    expect(resent.json).toMatchObject({ method: 'POST', delivered: true });
    const table = await eur.control('GET', '/scenarios/transfer');
    expect(table.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ msisdn: '46733123455', outcome: { status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' } })]),
    );
  });
});
