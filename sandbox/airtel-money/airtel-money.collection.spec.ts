import { createHmac, randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { sleep, startCallbackReceiver, waitFor, type CallbackReceiver, type ReceivedCallback } from '../testing/helpers';
import { AirtelTestClient } from './airtel-money.client';

const SECRET = 'airtel-callback-secret';
const CALLBACK_PATH = '/callbacks/airtel';

/** The gateway's rule: HMAC over the raw body with `,"hash":"…"` taken out, Base64. */
function hashVerifies(raw: string, secret: string): boolean {
  const match = /,"hash":"([^"]*)"/.exec(raw);
  if (!match) return false;
  const message = raw.replace(match[0], '');
  return createHmac('sha256', secret).update(message).digest('base64') === match[1];
}

describe('Airtel Money sandbox: collection', () => {
  let sandbox: RunningSandbox;
  let airtel: AirtelTestClient;
  let receiver: CallbackReceiver;
  const callbacksFor = (id: string): ReceivedCallback[] =>
    receiver.forPath(CALLBACK_PATH).filter((c) => (c.json as { transaction?: { id?: string } } | null)?.transaction?.id === id);

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startSandbox({
      port: 0,
      settleMs: 50,
      slowMs: 400,
      hangMs: 300,
      airtelCallbackUrl: `${receiver.url}${CALLBACK_PATH}`,
      airtelCallbackSecret: SECRET,
    });
    airtel = new AirtelTestClient(sandbox);
    await airtel.login();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('accepts the push (DP00800001006), shows TIP, then TS with airtel_money_id and one callback carrying a correct hash', async () => {
    const id = `order-${randomUUID()}`;
    const res = await airtel.pay(id, '752604392', 5000);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      data: { transaction: { id, status: 'SUCCESS' } },
      status: { code: '200', message: 'SUCCESS', result_code: 'ESB000010', response_code: 'DP00800001006', success: true },
    });
    const pending = await airtel.enquiry(id);
    expect(pending.json.data.transaction).toEqual({ id, message: 'Transaction in process', status: 'TIP' });
    expect(pending.json.status).toMatchObject({ response_code: 'DP00800001006', success: true });

    const done = await airtel.waitForStatus(id, 'TS');
    const airtelMoneyId = done.json.data.transaction.airtel_money_id as string;
    expect(airtelMoneyId).toMatch(/^MP\d{6}\.\d{4}\.[A-Z]\d{5}$/);
    expect(done.json.status).toEqual({ code: '200', message: 'SUCCESS', result_code: 'ESB000010', response_code: 'DP00800001001', success: true });

    const [callback] = await waitFor(() => (callbacksFor(id).length ? callbacksFor(id) : null));
    expect(callback?.method).toBe('POST');
    expect(callback?.headers['content-type']).toBe('application/json');
    expect(callback?.json).toEqual({
      transaction: { id, message: `Paid UGX 5,000 to MALIPO SANDBOX MERCHANT, Trans ID ${airtelMoneyId}.`, status_code: 'TS', airtel_money_id: airtelMoneyId },
      hash: expect.any(String),
    });
    const { hash, ...rest } = callback?.json as { hash: string };
    expect(hash).toBe(createHmac('sha256', SECRET).update(JSON.stringify(rest)).digest('base64'));
    expect(hashVerifies(callback?.body ?? '', SECRET)).toBe(true);

    const record = await airtel.control('GET', `/payments/${id}`);
    expect(record.json).toMatchObject({
      id,
      status: 'TS',
      xCountry: 'UG',
      xCurrency: 'UGX',
      amountMinor: '5000',
      requestHeaders: { 'x-country': 'UG', 'x-currency': 'UGX', authorization: 'Bearer [redacted]' },
      callbacks: [{ trigger: 'scheduled', hash, hashMode: 'hmac', httpStatus: 200, error: null }],
    });
    const balance = await airtel.get('/standard/v1/users/balance');
    expect(balance.json.data).toEqual({ balance: expect.stringMatching(/^\d+$/), currency: 'UGX', account_status: 'Active' });
    expect(BigInt(balance.json.data.balance as string)).toBeGreaterThanOrEqual(5000n);
  });

  it('answers ESB000041 to a reused transaction id and counts the POSTs', async () => {
    const id = randomUUID();
    expect((await airtel.pay(id, '752604393')).json.status.success).toBe(true);
    const again = await airtel.pay(id, '752604393');
    expect(again.status).toBe(200);
    expect(again.json).toEqual({
      data: {},
      status: { code: '400', message: 'External Transaction ID already exists.', result_code: 'ESB000041', success: false },
    });
    expect((await airtel.control('GET', `/payments/${id}`)).json.postCount).toBe(2);
  });

  it('fails each magic number with its code, by enquiry and by callback (no airtel_money_id)', async () => {
    const cases: Array<[string, string]> = [
      ['752990007', 'DP00800001007'],
      ['752990008', 'DP00800001003'],
      ['752990009', 'DP00800001010'],
      ['752990010', 'DP00800001010'],
      ['752991002', 'DP00800001002'],
      ['752991003', 'DP00800001003'],
      ['752991004', 'DP00800001004'],
      ['752991005', 'DP00800001005'],
      ['752991007', 'DP00800001007'],
      ['752991008', 'DP00800001008'],
      ['752991009', 'DP00800001009'],
      ['752991010', 'DP00800001010'],
      ['752991024', 'DP00800001024'],
      ['752991029', 'DP00800001029'],
    ];
    await Promise.all(
      cases.map(async ([msisdn, code]) => {
        const id = `tf-${msisdn}-${randomUUID()}`;
        expect((await airtel.pay(id, msisdn)).json.status.response_code).toBe('DP00800001006');
        const failed = await airtel.waitForStatus(id, 'TF');
        expect({ msisdn, status: failed.json.status }).toEqual({
          msisdn,
          status: { code: '200', message: 'SUCCESS', result_code: 'ESB000010', response_code: code, success: true },
        });
        expect(failed.json.data.transaction).not.toHaveProperty('airtel_money_id');
        const [callback] = await waitFor(() => (callbacksFor(id).length ? callbacksFor(id) : null));
        expect(callback?.json).toMatchObject({ transaction: { id, status_code: 'TF', message: expect.any(String) } });
        expect((callback?.json as { transaction: object }).transaction).not.toHaveProperty('airtel_money_id');
        expect(hashVerifies(callback?.body ?? '', SECRET)).toBe(true);
      }),
    );
  });

  it('keeps 991000 TA (DP00800001000) for a while, sends no callback, and settles TS only by enquiry', async () => {
    const id = randomUUID();
    await airtel.pay(id, '752991000');
    const ambiguous = await airtel.enquiry(id);
    expect(ambiguous.json.data.transaction.status).toBe('TA');
    expect(ambiguous.json.status.response_code).toBe('DP00800001000');
    await sleep(150);
    expect((await airtel.enquiry(id)).json.data.transaction.status).toBe('TA');
    await airtel.waitForStatus(id, 'TS');
    await sleep(100);
    expect(callbacksFor(id)).toHaveLength(0);
  });

  it('shows 990001 TIP until the slow delay, then TS with a callback', async () => {
    const id = randomUUID();
    await airtel.pay(id, '752990001');
    await sleep(150);
    expect((await airtel.enquiry(id)).json.data.transaction.status).toBe('TIP');
    expect(callbacksFor(id)).toHaveLength(0);
    await airtel.waitForStatus(id, 'TS');
    await waitFor(() => callbacksFor(id).length === 1);
  });

  it('never calls back for 990002 and calls back twice for 990003', async () => {
    const silent = randomUUID();
    const twice = randomUUID();
    await airtel.pay(silent, '752990002');
    await airtel.pay(twice, '752990003');
    await airtel.waitForStatus(silent, 'TS');
    await waitFor(() => callbacksFor(twice).length === 2);
    await sleep(100);
    expect(callbacksFor(silent)).toHaveLength(0);
  });

  it('records 990004 and answers HTML 500; the enquiry then finds it TS', async () => {
    const id = randomUUID();
    const res = await airtel.pay(id, '752990004');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('text/html');
    await airtel.waitForStatus(id, 'TS');
  });

  it('sends the 990005 callback before the enquiry shows TS', async () => {
    const id = randomUUID();
    await airtel.pay(id, '752990005');
    await waitFor(() => callbacksFor(id).length === 1);
    expect((await airtel.enquiry(id)).json.data.transaction.status).toBe('TIP');
  });

  it('hangs the 990006 POST but records it at once', async () => {
    const id = randomUUID();
    const started = Date.now();
    const pending = airtel.pay(id, '752990006');
    await waitFor(async () => (await airtel.control('GET', `/payments/${id}`)).status === 200);
    expect((await pending).json.status.success).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('re-sends a callback on demand, with a wrong hash when asked', async () => {
    const id = randomUUID();
    await airtel.pay(id, '752990002');
    await airtel.waitForStatus(id, 'TS');
    const wrong = await airtel.control('POST', `/payments/${id}/callback`, { hash: 'wrong' });
    expect(wrong.json).toMatchObject({ delivered: true, httpStatus: 200, hashMode: 'wrong' });
    const right = await airtel.control('POST', `/payments/${id}/callback`);
    expect(right.json).toMatchObject({ delivered: true, hashMode: 'hmac' });
    const received = callbacksFor(id);
    expect(received.map((c) => hashVerifies(c.body, SECRET))).toEqual([false, true]);
    expect((await airtel.control('POST', '/payments/nope/callback')).status).toBe(404);
  });

  it('refunds a TS collection once, at once, moving the collection wallet', async () => {
    const id = randomUUID();
    await airtel.pay(id, '752604394', 2500);
    const paid = await airtel.waitForStatus(id, 'TS');
    const airtelMoneyId = paid.json.data.transaction.airtel_money_id as string;
    const before = (await airtel.get('/standard/v1/users/balance')).json.data.balance as string;

    const refund = await airtel.refund(airtelMoneyId);
    expect(refund.json).toEqual({
      data: { transaction: { airtel_money_id: expect.stringMatching(/^CI\d{6}\.\d{4}\.[A-Z]\d{5}$/), status: 'SUCCESS' } },
      status: { code: '200', message: 'SUCCESS', result_code: 'ESB000010', success: true },
    });
    const refundId = refund.json.data.transaction.airtel_money_id as string;
    const after = (await airtel.get('/standard/v1/users/balance')).json.data.balance as string;
    expect(BigInt(before) - BigInt(after)).toBe(2500n);
    expect((await airtel.get(`/standard/v1/payments/refund/${refundId}`)).json).toMatchObject({
      data: { transaction: { airtel_money_id: refundId, id: refundId, status: 'TS' } },
      status: { response_code: 'DP00800001001', success: true },
    });

    const twice = await airtel.refund(airtelMoneyId);
    expect(twice.json.status).toMatchObject({ success: false, response_code: 'DP00800001008' });
    expect((await airtel.get('/standard/v1/users/balance')).json.data.balance).toBe(after);
    expect((await airtel.control('GET', `/payments/${id}`)).json).toMatchObject({ refundedMinor: '2500', refunds: [refundId] });

    const tip = randomUUID();
    await airtel.pay(tip, '752990001');
    const tipId = (await airtel.control('GET', `/payments/${tip}`)).json.airtelMoneyId as string;
    expect((await airtel.refund(tipId)).json.status).toMatchObject({ success: false, response_code: 'DP00800001008' });
    expect((await airtel.refund('MP000000.0000.X00000')).json.status).toMatchObject({ result_code: 'ESB000045', response_code: 'DP00800001025' });
  });

  it('answers an unknown id with ESB000045 / DP00800001025', async () => {
    const res = await airtel.enquiry('no-such-id');
    expect(res.status).toBe(200);
    expect(res.json.status).toEqual({
      code: '400',
      message: 'No Transaction Found With Provided Transaction Id.',
      result_code: 'ESB000045',
      response_code: 'DP00800001025',
      success: false,
    });
  });
});
