import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { MtnTestClient, sleep, startCallbackReceiver, waitFor, type CallbackReceiver } from '../testing/helpers';
import { MtnDisbursementClient } from '../testing/mtn-disbursement';

const SETTLE = 50;

describe('MTN MoMo sandbox: disbursement refunds', () => {
  let sandbox: RunningSandbox;
  let collection: MtnTestClient;
  let disbursement: MtnDisbursementClient;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: SETTLE, slowMs: 300, ongoingMs: 300 });
    collection = new MtnTestClient(sandbox);
    await collection.login();
    disbursement = new MtnDisbursementClient(sandbox);
    await disbursement.login();
    receiver = await startCallbackReceiver();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  /** A request-to-pay of `amount` EUR from msisdn; waits until it is final when `wait`. */
  async function pay(amount: string, msisdn = '46733100100', wait = true): Promise<string> {
    const ref = randomUUID();
    expect((await collection.requestToPay(ref, MtnTestClient.rtpBody(msisdn, { amount }))).status).toBe(202);
    if (wait) await waitFor(async () => ['SUCCESSFUL', 'FAILED'].includes((await collection.status(ref)).json?.status));
    return ref;
  }

  /** A EUR refund with a per-refund callback URL. */
  async function refund(original: string, amount: string, version: 'v1_0' | 'v2_0' = 'v1_0') {
    const ref = randomUUID();
    const path = `/refunds/${ref}`;
    const body = MtnDisbursementClient.refundBody(original, { amount });
    const res = await disbursement.refund(ref, body, { 'X-Callback-Url': `${receiver.url}${path}` }, version);
    return { ref, res, callbacks: () => receiver.forPath(path) };
  }

  const balances = async (env = 'sandbox') => {
    const list = (await disbursement.control('GET', `/balances?targetEnvironment=${env}`)).json as Array<{ product: string; availableMinor: string }>;
    const of = (product: string) => BigInt(list.find((b) => b.product === product)?.availableMinor ?? 'NaN');
    return { collection: of('collection'), disbursement: of('disbursement') };
  };

  it('refunds a SUCCESSFUL payment partly, then fully, and refuses to refund more than it', async () => {
    const original = await pay('100');
    const start = await balances();

    const first = await refund(original, '40.50');
    expect(first.res.status).toBe(202);
    expect(first.res.text).toBe('');
    const done = await disbursement.waitForFinal('refund', first.ref);
    expect(Object.keys(done.json)).toEqual([
      'financialTransactionId',
      'externalId',
      'amount',
      'currency',
      'payee',
      'payerMessage',
      'payeeNote',
      'status',
    ]);
    expect(done.json).toMatchObject({ status: 'SUCCESSFUL', amount: '40.50', payee: { partyIdType: 'MSISDN', partyId: '46733100100' } });
    expect(await balances()).toEqual({ collection: start.collection, disbursement: start.disbursement - 4050n });
    const [callback] = await waitFor(() => (first.callbacks().length ? first.callbacks() : null));
    expect([callback?.method, callback?.json]).toEqual(['POST', done.json]);

    const rest = await refund(original, '59.50');
    expect((await disbursement.waitForFinal('refund', rest.ref)).json.status).toBe('SUCCESSFUL');
    expect((await collection.control('GET', `/requesttopay/${original}`)).json.refundedMinor).toBe('10000');

    const over = await refund(original, '0.01');
    expect((await disbursement.waitForFinal('refund', over.ref)).json).toMatchObject({ status: 'FAILED', reason: 'NOT_ALLOWED' });
    expect(await balances()).toEqual({ collection: start.collection, disbursement: start.disbursement - 10000n });
  });

  it('refuses a single refund above the payment, and lets only one of two concurrent full refunds through', async () => {
    const original = await pay('100');
    const start = await balances();
    const tooMuch = await refund(original, '100.01');
    expect((await disbursement.waitForFinal('refund', tooMuch.ref)).json).toMatchObject({ status: 'FAILED', reason: 'NOT_ALLOWED' });

    const [a, b] = await Promise.all([refund(original, '100'), refund(original, '100')]);
    const outcomes = [
      (await disbursement.waitForFinal('refund', a?.ref ?? '')).json,
      (await disbursement.waitForFinal('refund', b?.ref ?? '')).json,
    ].map((j: { status: string; reason?: string }) => `${j.status}${j.reason ? ` ${j.reason}` : ''}`);
    expect(outcomes.sort()).toEqual(['FAILED NOT_ALLOWED', 'SUCCESSFUL']);
    expect((await balances()).disbursement).toBe(start.disbursement - 10000n);
  });

  it('fails PAYMENT_NOT_APPROVED for a payment that is FAILED or not final yet', async () => {
    const start = await balances();
    const rejected = await pay('100', '46733123451');
    expect((await collection.status(rejected)).json.status).toBe('FAILED');
    const r1 = await refund(rejected, '10');
    expect((await disbursement.waitForFinal('refund', r1.ref)).json).toMatchObject({ status: 'FAILED', reason: 'PAYMENT_NOT_APPROVED' });

    const created = await pay('100', '46733123454', false);
    const r2 = await refund(created, '10');
    expect((await disbursement.waitForFinal('refund', r2.ref)).json).toMatchObject({ status: 'FAILED', reason: 'PAYMENT_NOT_APPROVED' });
    expect(await balances()).toEqual(start);
  });

  it('fails NOT_ENOUGH_FUNDS when the disbursement balance is short, without counting the refund', async () => {
    const uganda = new MtnTestClient(sandbox, 'mtnuganda');
    uganda.token = collection.token;
    const original = randomUUID();
    await uganda.requestToPay(original, MtnTestClient.rtpBody('256772100100', { amount: '5000', currency: 'UGX' }));
    await uganda.waitForStatus(original, 'SUCCESSFUL');
    const ugandaOut = new MtnDisbursementClient(sandbox, 'mtnuganda');
    ugandaOut.token = disbursement.token;
    await ugandaOut.setBalance('4999');
    const ref = randomUUID();
    await ugandaOut.refund(ref, MtnDisbursementClient.refundBody(original, { amount: '5000', currency: 'UGX' }));
    expect((await ugandaOut.waitForFinal('refund', ref)).json).toMatchObject({ status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' });
    expect(await ugandaOut.balance()).toBe('4999');
    expect((await collection.control('GET', `/requesttopay/${original}`)).json.refundedMinor).toBe('0');
    // The collection balance is the payment's, untouched by refunds.
    expect((await balances('mtnuganda')).collection).toBe(5000n);
  });

  it('sends v2 refund callbacks with PUT (v1 with POST); both are read at /v1_0/refund', async () => {
    const original = await pay('20');
    const v2 = await refund(original, '5', 'v2_0');
    expect(v2.res.status).toBe(202);
    const [callback] = await waitFor(() => (v2.callbacks().length ? v2.callbacks() : null));
    expect(callback?.method).toBe('PUT');
    expect(callback?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(callback?.json).toMatchObject({ status: 'SUCCESSFUL', amount: '5' });
    expect((await disbursement.refundStatus(v2.ref)).json).toEqual(callback?.json);
    const record = (await disbursement.control('GET', `/refunds/${v2.ref}`)).json;
    expect(record).toMatchObject({ kind: 'refund', version: 'v2_0', callbackMethod: 'PUT', referenceIdToRefund: original, originalFound: true });
    expect(record.callbacks[0]).toMatchObject({ method: 'PUT', httpStatus: 200 });
    const resent = await disbursement.control('POST', `/refunds/${v2.ref}/callback`);
    expect(resent.json).toMatchObject({ method: 'PUT', delivered: true });
    const listed = await disbursement.control('GET', `/refunds?referenceIdToRefund=${original}`);
    expect((listed.json as Array<{ referenceId: string }>).map((r) => r.referenceId)).toEqual([v2.ref]);
  });

  it.each([
    ['1', 'RESOURCE_NOT_FOUND'],
    ['2', 'INTERNAL_PROCESSING_ERROR'],
    ['3', 'APPROVAL_REJECTED'],
    ['4', 'EXPIRED'],
    ['13', 'COULD_NOT_PERFORM_TRANSACTION'],
  ])('test id %s: FAILED %s with a callback', async (id, reason) => {
    const r = await refund(id, '1');
    expect(r.res.status).toBe(202);
    const failed = await disbursement.waitForFinal('refund', r.ref);
    expect(failed.json).toEqual({ externalId: 'refund-1', amount: '1', currency: 'EUR', payerMessage: 'Refund 1', payeeNote: 'refund 1', status: 'FAILED', reason });
    expect((await waitFor(() => (r.callbacks().length ? r.callbacks() : null)))[0]?.json).toEqual(failed.json);
  });

  it.each([
    ['7', 500, 'NOT_ALLOWED'],
    ['8', 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT'],
    ['9', 500, 'INVALID_CALLBACK_URL_HOST'],
    ['10', 500, 'INVALID_CURRENCY'],
    ['12', 503, 'SERVICE_UNAVAILABLE'],
  ])('test id %s: synchronous %i %s, nothing recorded', async (id, status, code) => {
    const r = await refund(id, '1');
    expect([r.res.status, r.res.json?.code]).toEqual([status, code]);
    expect((await disbursement.refundStatus(r.ref)).status).toBe(404);
  });

  it('test ids 5, 6 and 11: ongoing, delayed, and recorded behind a 500', async () => {
    const ongoing = await refund('5', '1');
    const delayed = await refund('6', '1');
    const recorded = await refund('11', '1');
    expect([recorded.res.status, recorded.res.json?.code]).toEqual([500, 'INTERNAL_PROCESSING_ERROR']);
    await sleep(3 * SETTLE);
    expect((await disbursement.refundStatus(ongoing.ref)).json.status).toBe('PENDING');
    expect((await disbursement.refundStatus(delayed.ref)).json.status).toBe('CREATED');
    expect((await disbursement.refundStatus(recorded.ref)).json).toMatchObject({ status: 'FAILED', reason: 'INTERNAL_PROCESSING_ERROR' });
    expect((await disbursement.waitForFinal('refund', ongoing.ref)).json.reason).toBe('EXPIRED');
    expect(recorded.callbacks()).toHaveLength(0);
  });

  it('fails RESOURCE_NOT_FOUND for an unknown payment or one of another target environment; validates the body', async () => {
    const unknown = await refund(randomUUID(), '1');
    expect((await disbursement.waitForFinal('refund', unknown.ref)).json).toMatchObject({ status: 'FAILED', reason: 'RESOURCE_NOT_FOUND' });
    expect((await disbursement.control('GET', `/refunds/${unknown.ref}`)).json.originalFound).toBe(false);

    const original = await pay('10');
    const ghana = new MtnDisbursementClient(sandbox, 'mtnghana');
    ghana.token = disbursement.token;
    const elsewhere = randomUUID();
    await ghana.refund(elsewhere, MtnDisbursementClient.refundBody(original, { amount: '1', currency: 'GHS' }));
    expect((await ghana.waitForFinal('refund', elsewhere)).json).toMatchObject({ status: 'FAILED', reason: 'RESOURCE_NOT_FOUND' });

    for (const body of [
      MtnDisbursementClient.refundBody('not-a-reference'),
      MtnDisbursementClient.refundBody('14'),
      MtnDisbursementClient.refundBody(original, { referenceIdToRefund: undefined }),
      MtnDisbursementClient.refundBody(original, { amount: '0' }),
      MtnDisbursementClient.refundBody(original, { payerMessage: "it's" }),
    ]) {
      const res = await disbursement.refund(randomUUID(), body);
      expect([res.status, res.json?.code]).toEqual([400, 'BAD_REQUEST']);
    }
    const reused = randomUUID();
    expect((await disbursement.refund(reused, MtnDisbursementClient.refundBody(original, { amount: '1' }))).status).toBe(202);
    expect((await disbursement.refund(reused, MtnDisbursementClient.refundBody(original, { amount: '1' }), {}, 'v2_0')).status).toBe(409);
    // Refunds need the disbursement credentials.
    const withCollectionKey = await collection.call('POST', '/disbursement/v1_0/refund', {
      headers: collection.productHeaders({ 'X-Reference-Id': randomUUID(), 'Content-Type': 'application/json' }),
      body: JSON.stringify(MtnDisbursementClient.refundBody(original)),
    });
    expect(withCollectionKey.status).toBe(401);
    expect((await disbursement.waitForFinal('refund', reused)).json.status).toBe('SUCCESSFUL');
  });
});
