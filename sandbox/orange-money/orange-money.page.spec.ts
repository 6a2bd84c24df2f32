import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { sleep, startCallbackReceiver, waitFor, type CallbackReceiver } from '../testing/helpers';
import { OrangeTestClient } from './orange-money.client';
import { orangeMoneyOperator } from './orange-money.sandbox';

const NOTIFY_PATH = '/notify/orange';
const orderId = (): string => randomUUID().replace(/-/g, '').slice(0, 30);

describe('Orange Money sandbox: payment page, statuses and notifications', () => {
  let sandbox: RunningSandbox;
  let orange: OrangeTestClient;
  let receiver: CallbackReceiver;
  const notificationsFor = (notifToken: string) => receiver.forPath(NOTIFY_PATH).filter((c) => (c.json as { notif_token?: string } | null)?.notif_token === notifToken);

  async function create(overrides: Record<string, unknown> = {}): Promise<{ id: string; payToken: string; notifToken: string; paymentUrl: string }> {
    const id = orderId();
    const res = await orange.webpayment(orange.body(id, `${receiver.url}${NOTIFY_PATH}`, overrides));
    expect(res.status).toBe(201);
    return { id, payToken: res.json.pay_token, notifToken: res.json.notif_token, paymentUrl: res.json.payment_url };
  }
  const status = async (p: { id: string; payToken: string }) => (await orange.transactionStatus({ order_id: p.id, amount: 1200, pay_token: p.payToken })).json;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startSandbox({ port: 0, settleMs: 60 }, [orangeMoneyOperator]);
    orange = new OrangeTestClient(sandbox);
    await orange.login();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('GET payment_url: an HTML page with amount, merchant, MSISDN + OTP fields, Confirmer and Annuler', async () => {
    const p = await create({ reference: 'Boutique <Test>' });
    const page = await orange.call('GET', p.paymentUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('1 200 OUV');
    expect(page.text).toContain('Boutique &lt;Test&gt;');
    expect(page.text).toMatch(/<input name="msisdn"/);
    expect(page.text).toMatch(/<input name="otp"/);
    expect(page.text).toContain('value="approve">Confirmer</button>');
    expect(page.text).toContain('value="cancel">Annuler</button>');
    expect((await orange.call('GET', '/_sandbox/orange-money/pay/unknown')).status).toBe(404);
  });

  it('approve: 302 to return_url, PENDING, then SUCCESS with a txnid and ONE notification {status, notif_token, txnid}', async () => {
    const p = await create();
    const res = await orange.pay(p.paymentUrl, { action: 'approve', msisdn: '7701100100', otp: '1234' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://shop.example.com/return');
    expect(await status(p)).toEqual({ status: 'PENDING', order_id: p.id });

    const [notification] = await waitFor(() => (notificationsFor(p.notifToken).length ? notificationsFor(p.notifToken) : null));
    const done = await status(p);
    expect(done).toEqual({ status: 'SUCCESS', order_id: p.id, txnid: expect.stringMatching(/^MP\d{6}\.\d{4}\.[A-Z]\d{5}$/) });
    expect(notification!.method).toBe('POST');
    expect(notification!.headers['content-type']).toBe('application/json');
    expect(notification!.body).toBe(JSON.stringify({ status: 'SUCCESS', notif_token: p.notifToken, txnid: done.txnid }));
    await sleep(150);
    expect(notificationsFor(p.notifToken)).toHaveLength(1);

    const record = (await orange.control('GET', `/payments/${p.payToken}`)).json;
    expect(record).toMatchObject({ status: 'SUCCESS', msisdn: '7701100100', txnid: done.txnid, notifications: [{ trigger: 'scheduled', httpStatus: 200, error: null }] });
    expect(record.history.map((h: { status: string }) => h.status)).toEqual(['INITIATED', 'PENDING', 'SUCCESS']);
    expect((await orange.pay(p.paymentUrl, { action: 'approve' })).status).toBe(409);
  });

  it.each([
    ['fail', { action: 'fail' }],
    ['a wrong OTP (0000)', { action: 'approve', otp: '0000' }],
  ])('%s: FAILED and one notification {status: FAILED, notif_token}', async (_label, fields) => {
    const p = await create();
    expect((await orange.pay(p.paymentUrl, fields)).status).toBe(302);
    const [notification] = await waitFor(() => (notificationsFor(p.notifToken).length ? notificationsFor(p.notifToken) : null));
    expect(notification!.json).toEqual({ status: 'FAILED', notif_token: p.notifToken });
    expect(await status(p)).toEqual({ status: 'FAILED', order_id: p.id });
  });

  it('the HTML form post works like the JSON one', async () => {
    const p = await create();
    const res = await orange.pay(p.paymentUrl, { action: 'approve', msisdn: '7701100100', otp: '4321' }, true);
    expect(res.status).toBe(302);
    await waitFor(async () => (await status(p)).status === 'SUCCESS');
    const bad = await orange.pay((await create()).paymentUrl, { action: 'approve', msisdn: 'abc' }, true);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('text/html');
  });

  it('cancel: 302 to cancel_url, stays INITIATED, no notification', async () => {
    const p = await create();
    const res = await orange.pay(p.paymentUrl, { action: 'cancel' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://shop.example.com/cancel');
    await sleep(150);
    expect(await status(p)).toEqual({ status: 'INITIATED', order_id: p.id });
    expect(notificationsFor(p.notifToken)).toHaveLength(0);
    expect((await orange.control('GET', `/payments/${p.id}`)).json.cancelledAt).toEqual(expect.any(String));
  });

  it('after the validity: untouched reads EXPIRED; confirming → 410 EXPIRED; no notification', async () => {
    const untouched = await create();
    expect((await orange.control('POST', `/payments/${untouched.payToken}/expire`)).json).toMatchObject({ status: 'EXPIRED' });
    expect(await status(untouched)).toEqual({ status: 'EXPIRED', order_id: untouched.id });
    const res = await orange.pay(untouched.paymentUrl, { action: 'approve' });
    expect(res.status).toBe(410);
    expect(res.json).toMatchObject({ error: 'expired' });
    await sleep(150);
    expect(notificationsFor(untouched.notifToken)).toHaveLength(0);
  });

  it("afterValidity 'INITIATED': an untouched payment stays INITIATED; confirming it then makes it EXPIRED", async () => {
    expect((await orange.control('PUT', '/settings', { afterValidity: 'INITIATED' })).json).toEqual({ afterValidity: 'INITIATED' });
    try {
      const p = await create();
      await orange.control('POST', `/payments/${p.id}/expire`);
      expect(await status(p)).toEqual({ status: 'INITIATED', order_id: p.id });
      expect((await orange.pay(p.paymentUrl, { action: 'approve' })).status).toBe(410);
      expect(await status(p)).toEqual({ status: 'EXPIRED', order_id: p.id });
    } finally {
      await orange.control('PUT', '/settings', { afterValidity: 'EXPIRED' });
    }
    expect((await orange.control('PUT', '/settings', { afterValidity: 'SOON' })).status).toBe(400);
  });

  it('approve with notify: false → SUCCESS without a notification (to test reconciliation)', async () => {
    const p = await create();
    await orange.pay(p.paymentUrl, { action: 'approve', notify: false });
    await waitFor(async () => (await status(p)).status === 'SUCCESS');
    await sleep(100);
    expect(notificationsFor(p.notifToken)).toHaveLength(0);
  });

  it('control: re-send a notification (duplicate), forge one, refuse for a non-final payment; list and filter', async () => {
    const p = await create();
    await orange.pay(p.paymentUrl, { action: 'approve' });
    await waitFor(() => notificationsFor(p.notifToken).length === 1);
    const again = await orange.control('POST', `/payments/${p.payToken}/notify`);
    expect(again.json).toMatchObject({ delivered: true, trigger: 'manual', httpStatus: 200 });
    expect(notificationsFor(p.notifToken)).toHaveLength(2);
    expect(notificationsFor(p.notifToken)[1]!.body).toBe(notificationsFor(p.notifToken)[0]!.body);

    const forged = await orange.control('POST', `/payments/${p.id}/notify`, { notif_token: 'f'.repeat(32), status: 'SUCCESS' });
    expect(JSON.parse(forged.json.body)).toMatchObject({ status: 'SUCCESS', notif_token: 'f'.repeat(32) });

    const fresh = await create();
    expect((await orange.control('POST', `/payments/${fresh.payToken}/notify`)).status).toBe(409);
    expect((await orange.control('POST', `/payments/${fresh.payToken}/notify`, { url: 'nope' })).status).toBe(400);
    expect((await orange.control('POST', '/payments/unknown/notify')).status).toBe(404);

    const list = (await orange.control('GET', `/payments?order_id=${p.id}`)).json;
    expect(list).toHaveLength(1);
    expect(list[0].notifications).toHaveLength(3);
    expect((await orange.control('GET', `/payments?pay_token=${fresh.payToken}&status=INITIATED`)).json).toHaveLength(1);
    expect((await orange.control('GET', `/payments?pay_token=${fresh.payToken}&status=SUCCESS`)).json).toHaveLength(0);
  });
});
