import { startSandbox, type RunningSandbox } from '../server';
import { sleep, startCallbackReceiver, waitFor, type CallbackReceiver, type ReceivedCallback } from '../testing/helpers';
import { DarajaTestClient } from './mpesa-daraja.client';
import { mpesaDarajaOperator } from './mpesa-daraja.sandbox';
import { darajaMsisdn, MPESA_DARAJA_MAGIC } from './mpesa-daraja.scenarios';

const B2C = MPESA_DARAJA_MAGIC.b2c;

describe('M-Pesa Daraja sandbox: B2C', () => {
  let sandbox: RunningSandbox;
  let daraja: DarajaTestClient;
  let receiver: CallbackReceiver;
  const resultsFor = (conversationId: string, path = '/b2c/result'): ReceivedCallback[] =>
    receiver.forPath(path).filter((c) => (c.json as any)?.Result?.ConversationID === conversationId);
  const result = async (conversationId: string, path?: string): Promise<any> =>
    (await waitFor(() => (resultsFor(conversationId, path).length ? resultsFor(conversationId, path) : null)))[0]?.json.Result;
  const utility = async (): Promise<number> => (await daraja.control('GET', `/balances?shortCode=${daraja.options.darajaB2cShortcode}`)).json[0].utilityCents;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startSandbox({ port: 0, settleMs: 30, slowMs: 250, darajaBalance: '100000' }, [mpesaDarajaOperator]);
    daraja = new DarajaTestClient(sandbox);
    await daraja.login();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('answers at once, then POSTs the success Result with the sheet keys and takes the amount from the utility account', async () => {
    const before = await utility();
    const res = await daraja.b2c(MPESA_DARAJA_MAGIC.testMsisdn, receiver.url, { OriginatorConversationID: 'b2c-first', Amount: '500' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      ConversationID: expect.stringMatching(/^AG_\d{8}_[0-9a-f]{20}$/),
      OriginatorConversationID: 'b2c-first',
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    });
    const r = await result(res.json.ConversationID);
    expect(r).toEqual({
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: 'b2c-first',
      ConversationID: res.json.ConversationID,
      TransactionID: expect.stringMatching(/^[A-Z0-9]{10}$/),
      ResultParameters: {
        ResultParameter: [
          { Key: 'TransactionAmount', Value: 500 },
          { Key: 'TransactionReceipt', Value: r.TransactionID },
          { Key: 'ReceiverPartyPublicName', Value: '254708374149 - John Doe' },
          { Key: 'TransactionCompletedDateTime', Value: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/) },
          { Key: 'B2CUtilityAccountAvailableFunds', Value: (before - 50000) / 100 },
          { Key: 'B2CWorkingAccountAvailableFunds', Value: 0 },
          { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
          { Key: 'B2CChargesPaidAccountAvailableFunds', Value: 0 },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL', Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit' } },
    });
    expect(await utility()).toBe(before - 50000);
    expect((await daraja.control('GET', '/transactions/b2c-first')).json).toMatchObject({ kind: 'b2c', status: 'completed', credential: 'ok', occasion: 'Refund' });
  });

  it('refuses a reused OriginatorConversationID on v3 (500.002.1001) and counts it', async () => {
    await daraja.b2c(darajaMsisdn('200001'), receiver.url, { OriginatorConversationID: 'b2c-dup' });
    const again = await daraja.b2c(darajaMsisdn('200001'), receiver.url, { OriginatorConversationID: 'b2c-dup' });
    expect(again.status).toBe(500);
    expect(again.json).toMatchObject({ errorCode: '500.002.1001', errorMessage: 'Duplicate OriginatorConversationID' });
    expect((await daraja.control('GET', '/transactions/b2c-dup')).json.postCount).toBe(2);
  });

  it('accepts v1 without OriginatorConversationID and with Occasion spelled right', async () => {
    const res = await daraja.b2c(darajaMsisdn('200002'), receiver.url, { OriginatorConversationID: undefined, Occassion: undefined, Occasion: 'Salary' }, 'v1');
    expect(res.status).toBe(200);
    expect(res.json.OriginatorConversationID).toMatch(/^\d+-\d+-\d$/);
    expect((await result(res.json.ConversationID)).ResultCode).toBe(0);
    expect((await daraja.control('GET', `/transactions/${res.json.ConversationID}`)).json).toMatchObject({ version: 'v1', occasion: 'Salary' });
    const v3 = await daraja.b2c(darajaMsisdn('200002'), receiver.url, { OriginatorConversationID: undefined });
    expect(v3.json.errorMessage).toBe('Bad Request - Invalid OriginatorConversationID');
  });

  it('checks the fields (400.002.02)', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['InitiatorName', { InitiatorName: '' }],
      ['SecurityCredential', { SecurityCredential: undefined }],
      ['CommandID', { CommandID: 'MerchantPayment' }],
      ['Amount', { Amount: 10.5 }],
      ['PartyA', { PartyA: '600000' }],
      ['PartyB', { PartyB: '0708374149' }],
      ['Remarks', { Remarks: 'x' }],
      ['Remarks', { Remarks: 'x'.repeat(101) }],
      ['QueueTimeOutURL', { QueueTimeOutURL: 'nope' }],
      ['ResultURL', { ResultURL: undefined }],
      ['Occassion', { Occassion: 'o'.repeat(101) }],
    ];
    for (const [field, overrides] of cases) {
      const res = await daraja.b2c(darajaMsisdn('200003'), receiver.url, overrides);
      expect({ field, status: res.status, message: res.json.errorMessage }).toEqual({ field, status: 400, message: `Bad Request - Invalid ${field}` });
    }
  });

  it('fails with 2001 (asynchronously) on a wrong password, OAEP padding, junk or an unknown initiator; nothing moves', async () => {
    const before = await utility();
    const bad: Array<[string, Record<string, unknown>]> = [
      ['wrong-password', { SecurityCredential: daraja.credential('wrong') }],
      ['oaep-padding', { SecurityCredential: daraja.credential(undefined, 'oaep') }],
      ['not-base64', { SecurityCredential: '%%% not base64 %%%' }],
      ['unknown-initiator', { InitiatorName: 'someone' }],
    ];
    for (const [reason, overrides] of bad) {
      const res = await daraja.b2c(darajaMsisdn('200004'), receiver.url, overrides);
      expect(res.json.ResponseCode).toBe('0');
      const r = await result(res.json.ConversationID);
      expect({ reason, code: r.ResultCode, desc: r.ResultDesc, params: r.ResultParameters }).toEqual({
        reason,
        code: 2001,
        desc: 'The initiator information is invalid.',
        params: undefined,
      });
      expect((await daraja.control('GET', `/transactions/${res.json.ConversationID}`)).json.credential).toBe(reason);
    }
    expect(await utility()).toBe(before);
  });

  it('fails with 1 when the utility account is short, and with the amount limits 2 / 3', async () => {
    await daraja.control('PUT', '/balances', { shortCode: daraja.options.darajaB2cShortcode, amount: '400.00' });
    const short = await daraja.b2c(darajaMsisdn('200005'), receiver.url, { Amount: 500 });
    expect((await result(short.json.ConversationID)).ResultCode).toBe(1);
    expect(await utility()).toBe(40000);
    const low = await daraja.b2c(darajaMsisdn('200005'), receiver.url, { Amount: 9 });
    expect((await result(low.json.ConversationID)).ResultCode).toBe(2);
    const high = await daraja.b2c(darajaMsisdn('200005'), receiver.url, { Amount: 250001 });
    expect((await result(high.json.ConversationID)).ResultCode).toBe(3);
    await daraja.control('PUT', '/balances', { shortCode: daraja.options.darajaB2cShortcode, amount: '100000' });
  });

  it('ends each magic number with its result code, without ResultParameters', async () => {
    await Promise.all(
      Object.entries(B2C.resultCodes).map(async ([code, suffix]) => {
        const res = await daraja.b2c(darajaMsisdn(suffix), receiver.url);
        const r = await result(res.json.ConversationID);
        expect({ code, result: r.ResultCode, params: r.ResultParameters, id: r.TransactionID }).toEqual({
          code,
          result: code === 'SFC_IC0003' ? code : Number(code),
          params: undefined,
          id: '0000000000000000',
        });
      }),
    );
  });

  it('sends 990004 a timeout envelope to QueueTimeOutURL only, yet completes the payment', async () => {
    const before = await utility();
    const res = await daraja.b2c(darajaMsisdn(B2C.queueTimeout), receiver.url, { Amount: 100 });
    const r = await result(res.json.ConversationID, '/b2c/timeout');
    expect(r).toMatchObject({ ResultType: 1, ResultCode: 100000001, OriginatorConversationID: res.json.OriginatorConversationID });
    await sleep(100);
    expect(resultsFor(res.json.ConversationID)).toHaveLength(0);
    expect(await utility()).toBe(before - 10000);
    expect((await daraja.control('GET', `/transactions/${res.json.ConversationID}`)).json.status).toBe('completed');
  });

  it('never sends a Result for 990002 (completed all the same), sends 990003 twice and 990001 after the slow delay', async () => {
    const silent = (await daraja.b2c(darajaMsisdn(B2C.noResult), receiver.url)).json.ConversationID;
    const twice = (await daraja.b2c(darajaMsisdn(B2C.duplicateResult), receiver.url)).json.ConversationID;
    const slow = (await daraja.b2c(darajaMsisdn(B2C.slow), receiver.url)).json.ConversationID;
    const started = Date.now();
    await waitFor(() => resultsFor(twice).length === 2);
    await result(slow);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(resultsFor(silent)).toHaveLength(0);
    expect((await daraja.control('GET', `/transactions/${silent}`)).json).toMatchObject({ status: 'completed', callbacks: [] });
    const sent = await daraja.control('POST', `/transactions/${silent}/callback`);
    expect(sent.json).toMatchObject({ target: 'result', delivered: true });
    expect(JSON.parse(sent.json.sentBody).Result.ResultCode).toBe(0);
  });
});
