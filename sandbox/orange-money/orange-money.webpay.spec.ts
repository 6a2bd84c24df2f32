import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { OrangeTestClient } from './orange-money.client';
import { orangeMoneyOperator } from './orange-money.sandbox';

const NOTIF = 'http://127.0.0.1:9/notify';
const orderId = (): string => randomUUID().replace(/-/g, '').slice(0, 30);

/** A raw POST with a chosen Host header (fetch cannot set Host). */
function postWithHost(url: string, host: string, headers: Record<string, string>, body: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, Host: host, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Orange Money sandbox: webpayment and transactionstatus', () => {
  let sandbox: RunningSandbox;
  let orange: OrangeTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 20 }, [orangeMoneyOperator]);
    orange = new OrangeTestClient(sandbox);
    await orange.login();
  });
  afterAll(() => sandbox.close());

  it('201 {status, message, pay_token (64 hex), payment_url (the sandbox page), notif_token (32 hex)}', async () => {
    const id = orderId();
    const res = await orange.webpayment(orange.body(id, NOTIF));
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      status: 201,
      message: 'OK',
      pay_token: expect.stringMatching(/^[0-9a-f]{64}$/),
      payment_url: `${sandbox.url}/_sandbox/orange-money/pay/${res.json.pay_token}`,
      notif_token: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const record = await orange.control('GET', `/payments/${id}`);
    expect(record.json).toMatchObject({ orderId: id, payToken: res.json.pay_token, notifToken: res.json.notif_token, status: 'INITIATED', amount: 1200, currency: 'OUV', countryPath: 'dev', reference: 'Malipo Shop' });
  });

  it('payment_url is built from the Host header of the request', async () => {
    const res = await postWithHost(`${sandbox.url}/orange-money-webpay/dev/v1/webpayment`, 'pay.sandbox.test:8443', orange.headers({ 'X-Forwarded-Proto': 'https' }), JSON.stringify(orange.body(orderId(), NOTIF)));
    expect(res.status).toBe(201);
    expect(res.json.payment_url).toBe(`https://pay.sandbox.test:8443/_sandbox/orange-money/pay/${res.json.pay_token}`);
  });

  it('country paths take their own currency (ci → XOF), not OUV', async () => {
    expect((await orange.webpayment(orange.body(orderId(), NOTIF, { currency: 'XOF' }), {}, 'ci')).status).toBe(201);
    expect((await orange.webpayment(orange.body(orderId(), NOTIF, { currency: 'OUV' }), {}, 'ci')).json).toMatchObject({ message: 'Invalid currency' });
    expect((await orange.webpayment(orange.body(orderId(), NOTIF, { currency: 'GNF' }), {}, 'GN')).status).toBe(201);
  });

  it.each([
    [{ merchant_key: undefined }, 'Missing merchant_key'],
    [{ merchant_key: 'ffffffff' }, 'Invalid merchant key'],
    [{ currency: 'XOF' }, 'Invalid currency'],
    [{ order_id: '' }, 'Missing order_id'],
    [{ order_id: 'o'.repeat(31) }, 'Invalid order_id'],
    [{ amount: undefined }, 'Missing amount'],
    [{ amount: 12.5 }, 'Invalid amount'],
    [{ amount: '12.50' }, 'Invalid amount'],
    [{ amount: 0 }, 'Invalid amount'],
    [{ amount: -5 }, 'Invalid amount'],
    [{ amount: 10_000_001 }, 'Amount over limit'],
    [{ return_url: undefined }, 'Missing return_url'],
    [{ cancel_url: 'ftp://x.example/' }, 'Invalid cancel_url'],
    [{ notif_url: `https://gw.example.com/${'n'.repeat(100)}` }, 'Invalid notif_url'],
    [{ notif_url: '/relative' }, 'Invalid notif_url'],
    [{ lang: 'de' }, 'Invalid lang'],
    [{ lang: undefined }, 'Missing lang'],
    [{ reference: 'r'.repeat(31) }, 'Invalid reference'],
    [{ reference: 42 }, 'Invalid reference'],
  ])('%j → 400 %s', async (overrides, message) => {
    const res = await orange.webpayment(orange.body(orderId(), NOTIF, overrides));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ status: 400, message, description: expect.any(String) });
  });

  it('takes a digit-string amount, no reference, URLs of exactly 120 characters', async () => {
    const url120 = `https://shop.example.com/${'u'.repeat(120 - 'https://shop.example.com/'.length)}`;
    const res = await orange.webpayment(orange.body(orderId(), url120, { amount: '1500', reference: undefined, return_url: url120 }));
    expect(res.status).toBe(201);
  });

  it('a reused order_id → 400 Duplicate order_id', async () => {
    const id = orderId();
    expect((await orange.webpayment(orange.body(id, NOTIF))).status).toBe(201);
    const again = await orange.webpayment(orange.body(id, NOTIF));
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ message: 'Duplicate order_id' });
  });

  it('transactionstatus: the init triple → 201 {status, order_id}; a mismatch or unknown token → error JSON', async () => {
    const id = orderId();
    const created = (await orange.webpayment(orange.body(id, NOTIF))).json;
    const ok = await orange.transactionStatus({ order_id: id, amount: 1200, pay_token: created.pay_token });
    expect(ok.status).toBe(201);
    expect(ok.json).toEqual({ status: 'INITIATED', order_id: id });
    expect((await orange.transactionStatus({ order_id: id, amount: '1200', pay_token: created.pay_token })).status).toBe(201);

    const wrongAmount = await orange.transactionStatus({ order_id: id, amount: 1300, pay_token: created.pay_token });
    expect(wrongAmount.status).toBe(400);
    expect(wrongAmount.json).toEqual({ status: 400, message: 'Bad Request', description: 'order_id, amount and pay_token do not match the payment' });
    expect((await orange.transactionStatus({ order_id: 'other', amount: 1200, pay_token: created.pay_token })).status).toBe(400);
    expect((await orange.transactionStatus({ order_id: id, amount: 1200, pay_token: 'f'.repeat(64) })).status).toBe(404);
    expect((await orange.transactionStatus({ order_id: id, amount: 1200, pay_token: created.pay_token }, 'ci')).status).toBe(404);
    expect((await orange.transactionStatus({ order_id: id })).status).toBe(400);
  });
});
