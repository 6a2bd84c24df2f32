import { randomBytes } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { DarajaTestClient } from './mpesa-daraja.client';
import { mpesaDarajaOperator } from './mpesa-daraja.sandbox';

describe('M-Pesa Daraja sandbox: junk input', () => {
  let sandbox: RunningSandbox;
  let daraja: DarajaTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 20 }, [mpesaDarajaOperator]);
    daraja = new DarajaTestClient(sandbox);
    await daraja.login();
  });
  afterAll(() => sandbox.close());

  const junkBodies: string[] = [
    '',
    'null',
    '[]',
    '"text"',
    '42',
    '{',
    '{"BusinessShortCode":{"$gt":""},"Amount":[1],"PartyA":null,"CallBackURL":{}}',
    '{"BusinessShortCode":174379,"Password":1,"Timestamp":99999999999999,"Amount":1e309,"PhoneNumber":2.5e11}',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"toString":"x","hasOwnProperty":1}',
    '{"OriginatorConversationID":{"a":1},"InitiatorName":["testapi"],"SecurityCredential":"' + 'A'.repeat(5000) + '"}',
    '{"SecurityCredential":"' + 'A'.repeat(344) + '","Initiator":"testapi","CommandID":"TransactionStatusQuery","TransactionID":"x"}',
    '{"ShortCode":"600984","ResponseType":"Completed","ConfirmationURL":"http://[::1","ValidationURL":"javascript:alert(1)"}',
    '{"ShortCode":"600984","CommandID":"CustomerPayBillOnline","Amount":"-5","Msisdn":"254708374149","BillRefNumber":{"x":1}}',
    '{"RecieverIdentifierType":{"toString":"11"},"TransactionID":true,"Amount":"NaN","times":1e9,"enabled":"yes"}',
    randomBytes(256).toString('latin1'),
  ];
  const apiPosts = [
    '/mpesa/stkpush/v1/processrequest',
    '/mpesa/stkpushquery/v1/query',
    '/mpesa/b2c/v3/paymentrequest',
    '/mpesa/b2c/v1/paymentrequest',
    '/mpesa/transactionstatus/v1/query',
    '/mpesa/accountbalance/v1/query',
    '/mpesa/reversal/v1/request',
    '/mpesa/c2b/v1/registerurl',
    '/mpesa/c2b/v2/registerurl',
    '/mpesa/c2b/v1/simulate',
    '/mpesa/c2b/v2/simulate',
  ];
  const controlCalls: Array<[string, string]> = [
    ['POST', '/_sandbox/mpesa-daraja/transactions/x/callback'],
    ['PUT', '/_sandbox/mpesa-daraja/balances'],
    ['PUT', '/_sandbox/mpesa-daraja/c2b/validation/600984'],
    ['PUT', '/_sandbox/mpesa-daraja/c2b/validation/%E0%A4%A'],
    ['POST', '/_sandbox/mpesa-daraja/c2b/x/redeliver'],
  ];

  it('answers every junk API body with a 4xx Daraja envelope, never the sandbox error', async () => {
    for (const path of apiPosts) {
      for (const body of junkBodies) {
        for (const contentType of ['application/json', 'text/plain']) {
          const res = await daraja.post(path, body, { 'Content-Type': contentType });
          expect({ path, body: body.slice(0, 40), status: res.status < 500 && res.status >= 400, envelope: typeof res.json?.errorCode }).toEqual({
            path,
            body: body.slice(0, 40),
            status: true,
            envelope: 'string',
          });
        }
      }
    }
  });

  it('survives junk on the control endpoints, odd headers and odd paths', async () => {
    for (const [method, path] of controlCalls) {
      for (const body of junkBodies) {
        const res = await daraja.call(method, path, { headers: { 'Content-Type': 'application/json' }, body });
        expect({ path, body: body.slice(0, 40), status: res.status < 500, sandboxError: res.json?.code === 'SANDBOX_ERROR' }).toEqual({
          path,
          body: body.slice(0, 40),
          status: true,
          sandboxError: false,
        });
      }
    }
    const headers: Array<Record<string, string>> = [
      { Authorization: 'Bearer' },
      { Authorization: 'Basic ' + 'A'.repeat(4000) },
      { Authorization: `Basic ${Buffer.from(':').toString('base64')}` },
      { Authorization: 'Basic %%%' },
    ];
    for (const h of headers) {
      const token = await daraja.call('GET', '/oauth/v1/generate?grant_type=client_credentials&grant_type=x', { headers: h });
      expect(token.status).toBe(400);
      const api = await daraja.call('POST', '/mpesa/stkpush/v1/processrequest', { headers: { ...h, 'Content-Type': 'application/json' }, body: '{}' });
      expect(api.status).toBe(404);
    }
    for (const path of ['/_sandbox/mpesa-daraja/transactions/%E0%A4%A', '/_sandbox/mpesa-daraja/transactions/__proto__', '/_sandbox/mpesa-daraja/c2b/validation/__proto__']) {
      expect((await daraja.call('GET', path)).status).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still works after all that.
    await daraja.login();
    expect((await daraja.stkPush('254708374149', 'http://127.0.0.1:9/cb')).status).toBe(200);
  });
});
