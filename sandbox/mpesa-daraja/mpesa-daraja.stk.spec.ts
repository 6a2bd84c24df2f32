import { startSandbox, type RunningSandbox } from '../server';
import { sleep, startCallbackReceiver, waitFor, type CallbackReceiver, type ReceivedCallback } from '../testing/helpers';
import { DarajaTestClient } from './mpesa-daraja.client';
import { mpesaDarajaOperator } from './mpesa-daraja.sandbox';
import { darajaMsisdn, MPESA_DARAJA_MAGIC } from './mpesa-daraja.scenarios';

const STK = MPESA_DARAJA_MAGIC.stk;

describe('M-Pesa Daraja sandbox: M-Pesa Express (STK Push)', () => {
  let sandbox: RunningSandbox;
  let daraja: DarajaTestClient;
  let receiver: CallbackReceiver;
  const callbackUrl = (): string => `${receiver.url}/stk/callback`;
  const callbacksFor = (checkoutRequestId: string): ReceivedCallback[] =>
    receiver.received.filter((c) => (c.json as any)?.Body?.stkCallback?.CheckoutRequestID === checkoutRequestId);
  const firstCallback = async (id: string): Promise<any> => (await waitFor(() => (callbacksFor(id).length ? callbacksFor(id) : null)))[0]?.json;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startSandbox({ port: 0, settleMs: 40, slowMs: 300 }, [mpesaDarajaOperator]);
    daraja = new DarajaTestClient(sandbox);
    await daraja.login();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('accepts a push, answers "being processed" (HTTP 500) until final, then calls back with the sheet shape', async () => {
    const msisdn = MPESA_DARAJA_MAGIC.testMsisdn;
    const res = await daraja.stkPush(msisdn, callbackUrl(), { Amount: '150' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      MerchantRequestID: expect.stringMatching(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\d{4}$/),
      CheckoutRequestID: expect.stringMatching(/^ws_CO_\d{14}\d{3}708374149$/),
      ResponseCode: '0',
      ResponseDescription: 'Success. Request accepted for processing',
      CustomerMessage: 'Success. Request accepted for processing',
    });
    const { CheckoutRequestID: id, MerchantRequestID: merchantId } = res.json;
    const pending = await daraja.stkQuery(id);
    expect(pending.status).toBe(500);
    expect(pending.json).toEqual({ requestId: id, errorCode: '500.001.1001', errorMessage: 'The transaction is being processed' });

    const callback = await firstCallback(id);
    expect(callback).toEqual({
      Body: {
        stkCallback: {
          MerchantRequestID: merchantId,
          CheckoutRequestID: id,
          ResultCode: 0,
          ResultDesc: 'The service request is processed successfully.',
          CallbackMetadata: {
            Item: [
              { Name: 'Amount', Value: 150 },
              { Name: 'MpesaReceiptNumber', Value: expect.stringMatching(/^[A-Z0-9]{10}$/) },
              { Name: 'Balance' },
              { Name: 'TransactionDate', Value: expect.any(Number) },
              { Name: 'PhoneNumber', Value: 254708374149 },
            ],
          },
        },
      },
    });
    expect(String(callback.Body.stkCallback.CallbackMetadata.Item[3].Value)).toMatch(/^20\d{12}$/);
    const final = await daraja.stkQuery(id);
    expect(final.status).toBe(200);
    expect(final.json).toEqual({
      ResponseCode: '0',
      ResponseDescription: 'The service request has been accepted successfully',
      MerchantRequestID: merchantId,
      CheckoutRequestID: id,
      ResultCode: '0',
      ResultDesc: 'The service request is processed successfully.',
    });
    const record = (await daraja.control('GET', `/transactions/${id}`)).json;
    expect(record).toMatchObject({ kind: 'stk', status: 'completed', postCount: 1, callbacks: [{ target: 'callback', httpStatus: 200, error: null }] });
    expect((await daraja.control('GET', `/transactions/${record.outcome.receipt}`)).json.id).toBe(id);
  });

  it('refuses a wrong Password (500 Wrong credentials) and an unknown shortcode (Merchant does not exist)', async () => {
    const wrong = await daraja.stkPush(darajaMsisdn('100001'), callbackUrl(), { Password: Buffer.from('nope').toString('base64') });
    expect(wrong.status).toBe(500);
    expect(wrong.json).toMatchObject({ errorCode: '500.001.1001', errorMessage: 'Wrong credentials' });
    const otherTime = await daraja.stkPush(darajaMsisdn('100001'), callbackUrl(), { Timestamp: '20210628092408' });
    expect(otherTime.json.errorMessage).toBe('Wrong credentials');
    const unknown = await daraja.stkPush(darajaMsisdn('100001'), callbackUrl(), { BusinessShortCode: '600000' });
    expect(unknown.json).toMatchObject({ errorCode: '500.001.1001', errorMessage: 'Merchant does not exist' });
  });

  it('checks each field: 400.002.02 "Bad Request - Invalid <Field>"', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['BusinessShortCode', { BusinessShortCode: '17' }],
      ['Password', { Password: '' }],
      ['Timestamp', { Timestamp: '2021-06-28' }],
      ['TransactionType', { TransactionType: 'CustomerPayBill' }],
      ['Amount', { Amount: 0 }],
      ['Amount', { Amount: '1.5' }],
      ['Amount', { Amount: 250001 }],
      ['PartyA', { PartyA: '0708374149' }],
      ['PartyB', { PartyB: 'abc' }],
      ['PartyB', { PartyB: '600000' }],
      ['PhoneNumber', { PhoneNumber: '255708374149' }],
      ['CallBackURL', { CallBackURL: 'not a url' }],
      ['CallBackURL', { CallBackURL: 'ftp://x.test/cb' }],
      ['AccountReference', { AccountReference: 'ABCDEFGHIJKLM' }],
      ['AccountReference', { AccountReference: undefined }],
      ['TransactionDesc', { TransactionDesc: 'ABCDEFGHIJKLMN' }],
    ];
    for (const [field, overrides] of cases) {
      const res = await daraja.stkPush(darajaMsisdn('100002'), callbackUrl(), overrides);
      expect({ field, status: res.status, body: res.json }).toEqual({
        field,
        status: 400,
        body: { requestId: expect.any(String), errorCode: '400.002.02', errorMessage: `Bad Request - Invalid ${field}` },
      });
    }
    const ok = await daraja.stkPush(darajaMsisdn('100002'), callbackUrl(), { AccountReference: 'ABCDEFGHIJKL', TransactionDesc: undefined, Amount: 250000, PartyA: 254112345678 });
    expect(ok.status).toBe(200);
  });

  it('locks the subscriber while a push is open (500.001.1001) and frees it once final', async () => {
    const msisdn = darajaMsisdn('100003');
    const first = await daraja.stkPush(msisdn, callbackUrl());
    const second = await daraja.stkPush(msisdn, callbackUrl());
    expect(second.status).toBe(500);
    expect(second.json).toMatchObject({ errorCode: '500.001.1001', errorMessage: 'Unable to lock subscriber, a transaction is already in process for the current subscriber' });
    await daraja.waitForStkFinal(first.json.CheckoutRequestID);
    expect((await daraja.stkPush(msisdn, callbackUrl())).status).toBe(200);
  });

  it('ends each magic number with its result code, in the callback (number) and the query (string)', async () => {
    await Promise.all(
      Object.entries(STK.resultCodes).map(async ([code, suffix]) => {
        const res = await daraja.stkPush(darajaMsisdn(suffix), callbackUrl());
        const id = res.json.CheckoutRequestID as string;
        const callback = (await firstCallback(id)).Body.stkCallback;
        const expected = code === 'SFC_IC0003' ? code : Number(code);
        expect({ code, result: callback.ResultCode, keys: Object.keys(callback) }).toEqual({
          code,
          result: expected,
          keys: ['MerchantRequestID', 'CheckoutRequestID', 'ResultCode', 'ResultDesc'],
        });
        const query = await daraja.waitForStkFinal(id);
        expect({ code, query: query.json.ResultCode, desc: query.json.ResultDesc }).toEqual({ code, query: code, desc: callback.ResultDesc });
      }),
    );
    expect((await daraja.control('GET', `/transactions?msisdn=${darajaMsisdn('981032')}`)).json[0].status).toBe('failed');
  });

  it('fails a push whose PartyB is the wrong kind for the TransactionType with 2028', async () => {
    const other = await startSandbox({ port: 0, settleMs: 20, darajaTillNumber: '5234567' }, [mpesaDarajaOperator]);
    try {
      const client = new DarajaTestClient(other);
      await client.login();
      const till = await client.stkPush(darajaMsisdn('100004'), callbackUrl(), { TransactionType: 'CustomerBuyGoodsOnline', PartyB: '5234567' });
      expect((await client.waitForStkFinal(till.json.CheckoutRequestID)).json.ResultCode).toBe('0');
      const wrong = await client.stkPush(darajaMsisdn('100005'), callbackUrl(), { TransactionType: 'CustomerPayBillOnline', PartyB: '5234567' });
      expect((await client.waitForStkFinal(wrong.json.CheckoutRequestID)).json.ResultCode).toBe('2028');
    } finally {
      await other.close();
    }
  });

  it('never calls back for 990002 though the query shows the outcome; calls back twice for 990003', async () => {
    const silent = (await daraja.stkPush(darajaMsisdn(STK.noCallback), callbackUrl())).json.CheckoutRequestID;
    const twice = (await daraja.stkPush(darajaMsisdn(STK.duplicateCallback), callbackUrl())).json.CheckoutRequestID;
    expect((await daraja.waitForStkFinal(silent)).json.ResultCode).toBe('0');
    await waitFor(() => callbacksFor(twice).length === 2);
    const [a, b] = callbacksFor(twice);
    expect(a?.body).toBe(b?.body);
    await sleep(100);
    expect(callbacksFor(silent)).toHaveLength(0);
    // The control plane can deliver the callback the gateway never got.
    const sent = await daraja.control('POST', `/transactions/${silent}/callback`);
    expect(sent.json).toMatchObject({ delivered: true, target: 'callback', httpStatus: 200 });
    expect(callbacksFor(silent)).toHaveLength(1);
    const again = await daraja.control('POST', `/transactions/${twice}/callback`);
    expect(JSON.parse(again.json.sentBody)).toEqual(a?.json);
  });

  it('sends the 990005 callback while the query still says "being processed", then final', async () => {
    const id = (await daraja.stkPush(darajaMsisdn(STK.callbackBeforeQuery), callbackUrl())).json.CheckoutRequestID;
    expect((await firstCallback(id)).Body.stkCallback.ResultCode).toBe(0);
    const query = await daraja.stkQuery(id);
    expect(query.status).toBe(500);
    expect(query.json.errorMessage).toBe('The transaction is being processed');
    expect((await daraja.waitForStkFinal(id, 3000)).json.ResultCode).toBe('0');
  });

  it('keeps 990001 "being processed" for the slow delay', async () => {
    const started = Date.now();
    const id = (await daraja.stkPush(darajaMsisdn(STK.slow), callbackUrl())).json.CheckoutRequestID;
    await sleep(120);
    expect((await daraja.stkQuery(id)).status).toBe(500);
    expect(callbacksFor(id)).toHaveLength(0);
    await daraja.waitForStkFinal(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await firstCallback(id);
  });

  it('lies with 990007: the callback says 0 with a receipt, the query says 1032 and no money moved', async () => {
    const before = (await daraja.control('GET', `/balances?shortCode=${daraja.options.darajaShortcode}`)).json[0].utilityCents;
    const id = (await daraja.stkPush(darajaMsisdn(STK.lyingCallback), callbackUrl())).json.CheckoutRequestID;
    const callback = (await firstCallback(id)).Body.stkCallback;
    expect(callback.ResultCode).toBe(0);
    expect(callback.CallbackMetadata.Item[1].Value).toMatch(/^[A-Z0-9]{10}$/);
    expect((await daraja.waitForStkFinal(id)).json).toMatchObject({ ResultCode: '1032', ResultDesc: 'Request cancelled by user' });
    expect((await daraja.control('GET', `/balances?shortCode=${daraja.options.darajaShortcode}`)).json[0].utilityCents).toBe(before);
  });

  it('answers 400.002.02 Invalid CheckoutRequestID to an unknown id', async () => {
    const res = await daraja.stkQuery('ws_CO_00000000000000000708374149');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid CheckoutRequestID' });
    expect((await daraja.stkQuery('x', { Password: 'bad' })).json.errorMessage).toBe('Wrong credentials');
  });
});
