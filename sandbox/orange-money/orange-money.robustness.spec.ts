import { randomBytes } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { OrangeTestClient } from './orange-money.client';
import { orangeMoneyOperator } from './orange-money.sandbox';

describe('Orange Money sandbox: junk input', () => {
  let sandbox: RunningSandbox;
  let orange: OrangeTestClient;
  let paymentPath: string;
  let payToken: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 20 }, [orangeMoneyOperator]);
    orange = new OrangeTestClient(sandbox);
    await orange.login();
    const created = await orange.webpayment(orange.body('robust-1', 'http://127.0.0.1:9/n'));
    payToken = created.json.pay_token;
    paymentPath = new URL(created.json.payment_url).pathname;
  });
  afterAll(() => sandbox.close());

  const junkBodies: string[] = [
    '',
    'null',
    '[]',
    '"text"',
    '42',
    '{',
    '{"merchant_key":{"$ne":""},"amount":"1e3","order_id":["x"]}',
    '{"merchant_key":"a86b2087","currency":"OUV","order_id":"x","amount":1e309}',
    '{"merchant_key":"a86b2087","currency":"OUV","order_id":"' + 'i'.repeat(5000) + '","amount":5}',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    '{"order_id":null,"amount":null,"pay_token":null}',
    '{"order_id":"robust-1","amount":{"n":1},"pay_token":["a"]}',
    '{"action":["approve"],"msisdn":{},"otp":1234}',
    '{"action":"approve","msisdn":"7701100100","otp":"12ab"}',
    '{"status":5,"notif_token":{},"txnid":[],"url":"javascript:x"}',
    '{"afterValidity":null}',
    'grant_type=client_credentials&grant_type=x',
    randomBytes(256).toString('latin1'),
  ];

  it('never crashes and never answers with the sandbox error', async () => {
    const posts: Array<[string, string]> = [
      ['POST', '/oauth/v3/token'],
      ['POST', '/orange-money-webpay/dev/v1/webpayment'],
      ['POST', '/orange-money-webpay/dev/v1/transactionstatus'],
      ['POST', '/orange-money-webpay/%E0%A4%A/v1/webpayment'],
      ['POST', '/orange-money-webpay/__proto__/v1/webpayment'],
      ['POST', '/orange-money-webpay/constructor/v1/transactionstatus'],
      ['POST', paymentPath.replace(payToken, 'unknown')],
      ['POST', `/_sandbox/orange-money/payments/${payToken}/notify`],
      ['POST', '/_sandbox/orange-money/payments/__proto__/expire'],
      ['PUT', '/_sandbox/orange-money/settings'],
    ];
    for (const [method, path] of posts) {
      for (const body of junkBodies) {
        for (const contentType of ['application/json', 'application/x-www-form-urlencoded', 'text/plain']) {
          const res = await orange.call(method, path, { headers: orange.headers({ 'Content-Type': contentType }), body });
          expect({ path, body: body.slice(0, 40), sandboxError: res.json?.code === 'SANDBOX_ERROR' }).toMatchObject({ sandboxError: false });
          expect(res.status).toBeLessThan(500);
        }
      }
    }
    for (const body of junkBodies) {
      const res = await orange.call('POST', paymentPath, { headers: { 'Content-Type': 'application/json' }, body });
      expect(res.status).toBeLessThan(500);
    }
    const bad = await orange.call('POST', '/orange-money-webpay/dev/v1/webpayment', { headers: orange.headers(), body: '{' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ status: 400, message: 'Bad Request', description: 'Malformed JSON body' });
    for (const path of ['/_sandbox/orange-money/payments/%00', '/_sandbox/orange-money/pay/%E0%A4%A', '/_sandbox/orange-money/payments?status=__proto__']) {
      expect((await orange.call('GET', path)).status).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still works after all that.
    expect((await orange.webpayment(orange.body('robust-2', 'http://127.0.0.1:9/n'))).status).toBe(201);
  });
});
