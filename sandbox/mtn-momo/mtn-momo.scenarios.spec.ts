import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { MtnTestClient, sleep, startCallbackReceiver, waitFor, type CallbackReceiver } from '../testing/helpers';

const SETTLE = 100;
const SLOW = 600;
const ONGOING = 600;
const HANG = 500;

describe('MTN MoMo sandbox: magic numbers', () => {
  let sandbox: RunningSandbox;
  let mtn: MtnTestClient;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: SETTLE, slowMs: SLOW, ongoingMs: ONGOING, hangMs: HANG });
    mtn = new MtnTestClient(sandbox);
    await mtn.login();
    receiver = await startCallbackReceiver();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  /** Posts a request-to-pay for msisdn with a per-reference callback URL. */
  async function pay(msisdn: string, extra: Record<string, string> = {}) {
    const ref = randomUUID();
    const path = `/cb/${ref}`;
    const res = await mtn.requestToPay(ref, MtnTestClient.rtpBody(msisdn), { 'X-Callback-Url': `${receiver.url}${path}`, ...extra });
    return { ref, path, res, callbacks: () => receiver.forPath(path) };
  }

  it.each([
    ['46733123450', 'INTERNAL_PROCESSING_ERROR'],
    ['46733123451', 'APPROVAL_REJECTED'],
    ['46733123452', 'EXPIRED'],
    ['46733123455', 'PAYER_NOT_FOUND'],
    ['46733123456', 'PAYEE_NOT_ALLOWED_TO_RECEIVE'],
    ['46733123463', 'COULD_NOT_PERFORM_TRANSACTION'],
    ['46733123464', 'TRANSFER_TYPE_UNKNOWN'],
    ['256772990007', 'NOT_ENOUGH_FUNDS'],
    ['233244990008', 'PAYER_LIMIT_REACHED'],
  ])('%s: PENDING, then FAILED %s with a callback', async (msisdn, reason) => {
    const { ref, res, callbacks } = await pay(msisdn);
    expect(res.status).toBe(202);
    expect((await mtn.status(ref)).json.status).toBe('PENDING');
    const failed = await mtn.waitForStatus(ref, 'FAILED');
    expect(failed.json.reason).toBe(reason);
    expect(failed.json).not.toHaveProperty('financialTransactionId');
    const [callback] = await waitFor(() => (callbacks().length ? callbacks() : null));
    expect(callback?.json).toEqual(failed.json);
  });

  it.each([
    ['46733123457', 500, 'NOT_ALLOWED'],
    ['46733123458', 500, 'NOT_ALLOWED_TARGET_ENVIRONMENT'],
    ['46733123459', 500, 'INVALID_CALLBACK_URL_HOST'],
    ['46733123460', 500, 'INVALID_CURRENCY'],
    ['46733123462', 503, 'SERVICE_UNAVAILABLE'],
  ])('%s: synchronous %i %s, nothing recorded', async (msisdn, status, code) => {
    const { ref, res } = await pay(msisdn);
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ code, message: expect.any(String) });
    expect((await mtn.status(ref)).status).toBe(404);
    // Nothing recorded: the same reference id can be used again.
    expect((await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733999990'))).status).toBe(202);
  });

  it('46733123461: synchronous 500 INTERNAL_PROCESSING_ERROR, yet recorded and FAILED, no callback', async () => {
    const { ref, res, callbacks } = await pay('46733123461');
    expect(res.status).toBe(500);
    expect(res.json.code).toBe('INTERNAL_PROCESSING_ERROR');
    expect((await mtn.status(ref)).status).toBe(200);
    const failed = await mtn.waitForStatus(ref, 'FAILED');
    expect(failed.json.reason).toBe('INTERNAL_PROCESSING_ERROR');
    expect((await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733123461'))).status).toBe(409);
    await sleep(3 * SETTLE);
    expect(callbacks()).toHaveLength(0);
  });

  it('46733123454: CREATED forever, no callback', async () => {
    const { ref, res, callbacks } = await pay('46733123454');
    expect(res.status).toBe(202);
    await sleep(4 * SETTLE);
    const status = await mtn.status(ref);
    expect(status.json.status).toBe('CREATED');
    expect(status.json).not.toHaveProperty('reason');
    expect(callbacks()).toHaveLength(0);
  });

  it('46733123453: PENDING for the ongoing delay, then FAILED EXPIRED by callback', async () => {
    const { ref, callbacks } = await pay('46733123453');
    await sleep(3 * SETTLE);
    expect((await mtn.status(ref)).json.status).toBe('PENDING');
    expect(callbacks()).toHaveLength(0);
    const [callback] = await waitFor(() => (callbacks().length ? callbacks() : null));
    expect(callback?.json).toMatchObject({ status: 'FAILED', reason: 'EXPIRED' });
    expect((await mtn.status(ref)).json).toMatchObject({ status: 'FAILED', reason: 'EXPIRED' });
  });

  it('990001: SUCCESSFUL after the slow delay, callback sent', async () => {
    const { ref, callbacks } = await pay('256772990001');
    const started = Date.now();
    await sleep(3 * SETTLE);
    expect((await mtn.status(ref)).json.status).toBe('PENDING');
    await mtn.waitForStatus(ref, 'SUCCESSFUL');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW - 20);
    const [callback] = await waitFor(() => (callbacks().length ? callbacks() : null));
    expect(callback?.json).toMatchObject({ status: 'SUCCESSFUL' });
  });

  it('990002: SUCCESSFUL, callback never sent', async () => {
    const { ref, callbacks } = await pay('233244990002');
    await mtn.waitForStatus(ref, 'SUCCESSFUL');
    await sleep(3 * SETTLE);
    expect(callbacks()).toHaveLength(0);
  });

  it('990003: SUCCESSFUL, the same callback sent twice ~300 ms apart', async () => {
    const { ref, callbacks } = await pay('256772990003');
    const both = await waitFor(() => (callbacks().length >= 2 ? callbacks() : null), 3000);
    expect(both[0]?.json).toEqual(both[1]?.json);
    expect(both[0]?.json).toMatchObject({ status: 'SUCCESSFUL', financialTransactionId: expect.any(String) });
    expect((both[1]?.at ?? 0) - (both[0]?.at ?? 0)).toBeGreaterThanOrEqual(250);
    expect((await mtn.status(ref)).json).toEqual(both[0]?.json);
  });

  it('990004: recorded, answered 500 with a non-JSON body; a retry gets 409; SUCCESSFUL, no callback', async () => {
    const { ref, res, callbacks } = await pay('256772990004');
    expect(res.status).toBe(500);
    expect(res.json).toBeUndefined();
    expect(res.headers.get('content-type')).not.toMatch(/json/);
    const retry = await mtn.requestToPay(ref, MtnTestClient.rtpBody('256772990004'));
    expect(retry.status).toBe(409);
    await mtn.waitForStatus(ref, 'SUCCESSFUL');
    expect((await mtn.control('GET', `/requesttopay/${ref}`)).json.postCount).toBe(2);
    await sleep(2 * SETTLE);
    expect(callbacks()).toHaveLength(0);
  });

  it('990005: the SUCCESSFUL callback arrives while GET still says PENDING', async () => {
    // The receiver queries the status while the callback is in flight, as a gateway would.
    let statusSeenDuringCallback: unknown = null;
    receiver.onCallback = async (cb) => {
      const ref = cb.path.replace('/cb/', '');
      statusSeenDuringCallback = (await mtn.status(ref)).json?.status;
    };
    try {
      const { ref, callbacks } = await pay('256772990005');
      const [callback] = await waitFor(() => (callbacks().length ? callbacks() : null));
      expect(callback?.json).toMatchObject({ status: 'SUCCESSFUL', financialTransactionId: expect.any(String) });
      expect(statusSeenDuringCallback).toBe('PENDING');
      const done = await mtn.waitForStatus(ref, 'SUCCESSFUL');
      expect(done.json).toEqual(callback?.json);
    } finally {
      receiver.onCallback = null;
    }
  });

  it('990006: the POST hangs for the hang delay; the payment is recorded at once and succeeds, no callback', async () => {
    const ref = randomUUID();
    const started = Date.now();
    const posting = mtn.requestToPay(ref, MtnTestClient.rtpBody('256772990006'), { 'X-Callback-Url': `${receiver.url}/cb/${ref}` });
    await sleep(SETTLE + 40);
    expect((await mtn.status(ref)).json.status).toBe('SUCCESSFUL');
    const res = await posting;
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HANG - 20);
    expect(receiver.forPath(`/cb/${ref}`)).toHaveLength(0);
  });

  it('990006: a client that gives up does not disturb the sandbox', async () => {
    const ref = randomUUID();
    const controller = new AbortController();
    const posting = fetch(`${sandbox.url}/collection/v1_0/requesttopay`, {
      method: 'POST',
      headers: mtn.productHeaders({ 'Content-Type': 'application/json', 'X-Reference-Id': ref }),
      body: JSON.stringify(MtnTestClient.rtpBody('256772990006')),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await sleep(50);
    controller.abort();
    expect(await posting).toHaveProperty('name', 'AbortError');
    await sleep(HANG);
    expect((await mtn.status(ref)).json.status).toBe('SUCCESSFUL');
  });

  it('re-sends a callback on demand and reports what the gateway answered', async () => {
    const { ref, callbacks } = await pay('46733999993');
    await waitFor(() => (callbacks().length ? callbacks() : null));
    receiver.status = 503;
    try {
      const resent = await mtn.control('POST', `/requesttopay/${ref}/callback`);
      expect(resent.status).toBe(200);
      expect(resent.json).toMatchObject({ delivered: false, httpStatus: 503, error: 'HTTP 503', responseBody: '{"ok":true}' });
    } finally {
      receiver.status = 200;
    }
    const again = await mtn.control('POST', `/requesttopay/${ref}/callback`);
    expect(again.json).toMatchObject({ delivered: true, httpStatus: 200, sentBody: { status: 'SUCCESSFUL' } });
    expect(callbacks()).toHaveLength(3);
    expect(callbacks()[2]?.json).toEqual(callbacks()[0]?.json);
    const record = await mtn.control('GET', `/requesttopay/${ref}`);
    expect((record.json.callbacks as Array<{ trigger: string }>).map((c) => c.trigger)).toEqual(['scheduled', 'manual', 'manual']);
  });

  it('re-send needs a callback URL (or one in the body)', async () => {
    const ref = randomUUID();
    await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733999992'));
    expect((await mtn.control('POST', `/requesttopay/${ref}/callback`)).status).toBe(409);
    const sent = await mtn.control('POST', `/requesttopay/${ref}/callback`, { url: `${receiver.url}/manual/${ref}` });
    expect(sent.json.delivered).toBe(true);
    expect(receiver.forPath(`/manual/${ref}`)).toHaveLength(1);
    expect((await mtn.control('POST', `/requesttopay/${randomUUID()}/callback`)).status).toBe(404);
  });

  it('logs a callback to a dead gateway without retrying or crashing', async () => {
    const dead = await startCallbackReceiver();
    const deadUrl = `${dead.url}/cb`;
    await dead.close();
    const ref = randomUUID();
    expect((await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733999991'), { 'X-Callback-Url': deadUrl })).status).toBe(202);
    const record = await waitFor(async () => {
      const r = await mtn.control('GET', `/requesttopay/${ref}`);
      return r.json.callbacks.length ? r.json : null;
    });
    expect(record.callbacks[0]).toMatchObject({ url: deadUrl, httpStatus: null, error: 'ECONNREFUSED' });
    await sleep(3 * SETTLE);
    expect((await mtn.control('GET', `/requesttopay/${ref}`)).json.callbacks).toHaveLength(1);
    const calls = (await fetch(`${sandbox.url}/_sandbox/calls?limit=500`).then((r) => r.json())) as Array<Record<string, unknown>>;
    expect(calls.find((c) => c.direction === 'out' && c.path === deadUrl)).toMatchObject({ error: 'ECONNREFUSED', status: null });
    expect((await fetch(`${sandbox.url}/_sandbox/health`)).status).toBe(200);
  });

  it('describes the scenario table', async () => {
    const table = await mtn.control('GET', '/scenarios');
    expect(table.status).toBe(200);
    expect(table.json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msisdn: '990001', match: 'suffix', finalAfterMs: SLOW, callbacksAtMs: [SLOW] }),
        expect.objectContaining({ msisdn: '46733123454', initialStatus: 'CREATED', outcome: null, callbacksAtMs: [] }),
      ]),
    );
  });
});
