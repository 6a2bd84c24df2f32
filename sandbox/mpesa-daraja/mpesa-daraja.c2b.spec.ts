import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type RunningSandbox } from '../server';
import { sleep, waitFor } from '../testing/helpers';
import { DarajaTestClient } from './mpesa-daraja.client';
import { msisdnHash } from './mpesa-daraja.crypto';
import { mpesaDarajaOperator } from './mpesa-daraja.sandbox';

interface Hit {
  path: string;
  json: any;
}

/** A merchant whose ValidationURL answers what `validationAnswer` says (after `validationDelayMs`). */
async function startMerchant() {
  const hits: Hit[] = [];
  const merchant = {
    hits,
    url: '',
    validationAnswer: '{"ResultCode":"0","ResultDesc":"Accepted"}',
    validationDelayMs: 0,
    for: (path: string, transId: string): Hit[] => hits.filter((h) => h.path === path && h.json?.TransID === transId),
    close: (): Promise<void> => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = { path: req.url ?? '', json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') };
      hits.push(hit);
      const validation = hit.path.endsWith('/validate');
      setTimeout(
        () => {
          if (res.destroyed) return;
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(validation ? merchant.validationAnswer : '{"ResultCode":0,"ResultDesc":"Success"}');
        },
        validation ? merchant.validationDelayMs : 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  merchant.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return merchant;
}

describe('M-Pesa Daraja sandbox: C2B', () => {
  let sandbox: RunningSandbox;
  let daraja: DarajaTestClient;
  let merchant: Awaited<ReturnType<typeof startMerchant>>;
  const payment = async (transId: string): Promise<any> => (await daraja.control('GET', `/transactions/${transId}`)).json;
  const settled = (transId: string): Promise<any> => waitFor(async () => ((await payment(transId)).status !== 'pending' ? payment(transId) : null));

  beforeAll(async () => {
    merchant = await startMerchant();
    sandbox = await startSandbox({ port: 0, settleMs: 20, callbackTimeoutMs: 2000 }, [mpesaDarajaOperator]);
    daraja = new DarajaTestClient(sandbox);
    await daraja.login();
  });
  afterAll(async () => {
    await sandbox.close();
    await merchant.close();
  });

  it('registers URLs (v1 and v2, re-registration allowed) with the misspelled OriginatorCoversationID', async () => {
    const res = await daraja.c2bRegister('600984', merchant.url);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ OriginatorCoversationID: expect.stringMatching(/^\d+-\d+-\d$/), ResponseCode: '0', ResponseDescription: 'Success' });
    expect((await daraja.c2bRegister('600984', merchant.url)).status).toBe(200);
    expect((await daraja.c2bRegister('600985', merchant.url, {}, 'v1')).status).toBe(200);
    const registrations = (await daraja.control('GET', '/c2b/registrations')).json;
    expect(registrations.find((r: { shortCode: string }) => r.shortCode === '600984')).toMatchObject({ version: 'v2', registrations: 2, responseType: 'Completed', validation: { enabled: true } });
  });

  it('refuses a bad ResponseType and URLs with forbidden words (400.002.02)', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['ShortCode', { ShortCode: '60' }],
      ['ResponseType', { ResponseType: 'completed' }],
      ['ResponseType', { ResponseType: 'Canceled' }],
      ['ConfirmationURL', { ConfirmationURL: `${merchant.url}/mpesa/confirm` }],
      ['ConfirmationURL', { ConfirmationURL: `${merchant.url}/Safaricom` }],
      ['ValidationURL', { ValidationURL: `${merchant.url}/c2b/QUERY` }],
      ['ValidationURL', { ValidationURL: `${merchant.url}/run.exe` }],
      ['ValidationURL', { ValidationURL: `${merchant.url}/sqlstuff` }],
      ['ValidationURL', { ValidationURL: `${merchant.url}/cmd` }],
    ];
    for (const [field, overrides] of cases) {
      const res = await daraja.c2bRegister('600990', merchant.url, overrides);
      expect({ field, status: res.status, message: res.json.errorMessage }).toEqual({ field, status: 400, message: `Bad Request - Invalid ${field}` });
    }
  });

  it('simulates a v2 payment: validation (OrgAccountBalance empty), then confirmation with the new balance and a masked MSISDN', async () => {
    await daraja.c2bRegister('600984', merchant.url);
    const res = await daraja.c2bSimulate('600984', '254708374149', { Amount: '150' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ OriginatorCoversationID: expect.any(String), ResponseCode: '0', ResponseDescription: 'Accept the service request successfully.' });
    const [record] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600984')).json.slice(-1);
    const transId = record.transId as string;
    expect(transId).toMatch(/^[A-Z0-9]{10}$/);
    const done = await settled(transId);
    expect(done).toMatchObject({ status: 'completed', validation: { enabled: true, decision: 'accepted', reason: 'answer', resultCode: '0' } });
    await waitFor(() => merchant.for('/c2b/confirm', transId).length === 1);
    const [validation] = merchant.for('/c2b/validate', transId);
    const [confirmation] = merchant.for('/c2b/confirm', transId);
    expect(validation?.json).toEqual({
      TransactionType: 'Pay Bill',
      TransID: transId,
      TransTime: expect.stringMatching(/^20\d{12}$/),
      TransAmount: '150.00',
      BusinessShortCode: '600984',
      BillRefNumber: 'INV-0042',
      InvoiceNumber: '',
      OrgAccountBalance: '',
      ThirdPartyTransID: '',
      MSISDN: '2547 ***** 149',
      FirstName: 'John',
      MiddleName: '',
      LastName: 'Doe',
    });
    const balance = (await daraja.control('GET', '/balances?shortCode=600984')).json[0].utility;
    expect(confirmation?.json).toEqual({ ...validation?.json, OrgAccountBalance: balance });
  });

  it('uses the SHA-256 of the MSISDN for URLs registered with v1, and answers v1 simulate the 2018 way', async () => {
    await daraja.c2bRegister('600985', merchant.url, {}, 'v1');
    const res = await daraja.c2bSimulate('600985', '254712345678', { CommandID: 'CustomerBuyGoodsOnline', BillRefNumber: null }, 'v1');
    expect(res.json).toEqual({ ConversationID: expect.stringMatching(/^AG_/), OriginatorCoversationID: expect.any(String), ResponseDescription: 'Accept the service request successfully.' });
    const [record] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600985')).json.slice(-1);
    await waitFor(() => merchant.for('/c2b/confirm', record.transId).length === 1);
    const [confirmation] = merchant.for('/c2b/confirm', record.transId);
    expect(confirmation?.json).toMatchObject({ TransactionType: 'Buy Goods', BillRefNumber: '', MSISDN: msisdnHash('254712345678') });
    expect(confirmation?.json.MSISDN).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records a rejection (no confirmation, no money), echoes ThirdPartyTransID on acceptance', async () => {
    await daraja.c2bRegister('600986', merchant.url);
    merchant.validationAnswer = '{"ResultCode":"C2B00012","ResultDesc":"Rejected"}';
    await daraja.c2bSimulate('600986', '254708374149');
    const [rejected] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600986')).json;
    const done = await settled(rejected.transId);
    expect(done).toMatchObject({ status: 'rejected', orgBalanceAfterCents: null, validation: { decision: 'rejected', reason: 'answer', resultCode: 'C2B00012', resultDesc: 'Rejected' } });
    await sleep(50);
    expect(merchant.for('/c2b/confirm', rejected.transId)).toHaveLength(0);
    expect((await daraja.control('GET', '/balances?shortCode=600986')).json[0].utility).toBe('0.00');

    merchant.validationAnswer = '{"ResultCode":0,"ResultDesc":"Accepted","ThirdPartyTransID":"order-77"}';
    await daraja.c2bSimulate('600986', '254708374149');
    const [, accepted] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600986')).json;
    await settled(accepted.transId);
    await waitFor(() => merchant.for('/c2b/confirm', accepted.transId).length === 1);
    expect(merchant.for('/c2b/confirm', accepted.transId)[0]?.json.ThirdPartyTransID).toBe('order-77');
    merchant.validationAnswer = '{"ResultCode":"0","ResultDesc":"Accepted"}';
  });

  it('falls back to ResponseType when the ValidationURL is too slow, and skips validation when switched off', async () => {
    await daraja.c2bRegister('600987', merchant.url, { ResponseType: 'Cancelled' });
    await daraja.control('PUT', '/c2b/validation/600987', { enabled: true, timeoutMs: 50 });
    merchant.validationDelayMs = 300;
    await daraja.c2bSimulate('600987', '254708374149');
    const [cancelled] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600987')).json;
    expect(await settled(cancelled.transId)).toMatchObject({ status: 'rejected', validation: { decision: 'rejected', reason: 'timeout' } });

    await daraja.c2bRegister('600987', merchant.url, { ResponseType: 'Completed' });
    await daraja.c2bSimulate('600987', '254708374149');
    const [, completed] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600987')).json;
    expect(await settled(completed.transId)).toMatchObject({ status: 'completed', validation: { reason: 'timeout', decision: 'accepted' } });
    merchant.validationDelayMs = 0;

    const off = await daraja.control('PUT', '/c2b/validation/600987', { enabled: false });
    expect(off.json).toEqual({ shortCode: '600987', enabled: false, timeoutMs: 50 });
    await daraja.c2bSimulate('600987', '254708374149');
    const [, , skipped] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600987')).json;
    expect(await settled(skipped.transId)).toMatchObject({ status: 'completed', validation: { enabled: false, reason: 'disabled' } });
    expect(merchant.for('/c2b/validate', skipped.transId)).toHaveLength(0);
    expect((await daraja.control('PUT', '/c2b/validation/600987', { enabled: 'no' })).status).toBe(400);
  });

  it('redelivers a confirmation N times, refuses unknown shortcodes, and reverses a C2B payment', async () => {
    await daraja.c2bRegister('600988', merchant.url);
    await daraja.c2bSimulate('600988', '254708374149', { Amount: 300 });
    const [record] = (await daraja.control('GET', '/transactions?kind=c2b&shortCode=600988')).json;
    await settled(record.transId);
    await waitFor(() => merchant.for('/c2b/confirm', record.transId).length === 1);
    const again = await daraja.control('POST', `/c2b/${record.transId}/redeliver`, { times: 3 });
    expect(again.json).toHaveLength(3);
    expect(merchant.for('/c2b/confirm', record.transId)).toHaveLength(4);
    expect(new Set(merchant.for('/c2b/confirm', record.transId).map((h) => JSON.stringify(h.json))).size).toBe(1);
    expect((await daraja.control('POST', '/c2b/NOPE000000/redeliver')).status).toBe(404);
    expect((await daraja.control('POST', `/c2b/${record.transId}/redeliver`, { times: 0 })).status).toBe(400);

    const unregistered = await daraja.c2bSimulate('611111', '254708374149');
    expect(unregistered.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid ShortCode' });
    expect((await daraja.c2bSimulate('600988', '254708374149', { CommandID: 'Pay' })).json.errorMessage).toBe('Bad Request - Invalid CommandID');
    expect((await daraja.c2bSimulate('600988', '0708374149')).json.errorMessage).toBe('Bad Request - Invalid Msisdn');

    const reversal = await daraja.reversal(`${merchant.url}/rev`, record.transId, 300, { ReceiverParty: '600988' });
    await waitFor(() => merchant.hits.some((h) => h.path === '/rev/result' && h.json?.Result?.ConversationID === reversal.json.ConversationID));
    const result = merchant.hits.find((h) => h.json?.Result?.ConversationID === reversal.json.ConversationID)?.json.Result;
    expect(result).toMatchObject({ ResultCode: 0 });
    expect(await payment(record.transId)).toMatchObject({ status: 'reversed', reversed: { receipt: result.TransactionID } });
    expect((await daraja.control('GET', '/balances?shortCode=600988')).json[0].utility).toBe('0.00');
  });
});
