import { startSandbox, type RunningSandbox } from '../server';
import { startCallbackReceiver, waitFor, type CallbackReceiver, type ReceivedCallback } from '../testing/helpers';
import { DarajaTestClient } from './mpesa-daraja.client';
import { mpesaDarajaOperator } from './mpesa-daraja.sandbox';
import { darajaMsisdn, MPESA_DARAJA_MAGIC } from './mpesa-daraja.scenarios';

type Params = Record<string, unknown>;

describe('M-Pesa Daraja sandbox: Transaction Status, Account Balance, reversal', () => {
  let sandbox: RunningSandbox;
  let daraja: DarajaTestClient;
  let receiver: CallbackReceiver;
  let base: string;
  const resultsFor = (conversationId: string, path: string): ReceivedCallback[] =>
    receiver.forPath(path).filter((c) => (c.json as any)?.Result?.ConversationID === conversationId);
  const result = async (conversationId: string, path = '/q/result'): Promise<any> =>
    (await waitFor(() => (resultsFor(conversationId, path).length ? resultsFor(conversationId, path) : null)))[0]?.json.Result;
  const params = (r: any): Params => Object.fromEntries((r.ResultParameters?.ResultParameter ?? []).map((p: { Key: string; Value?: unknown }) => [p.Key, p.Value]));
  /** A completed STK push: its CheckoutRequestID and receipt. */
  const paidPush = async (suffix: string, amount = 150): Promise<{ id: string; receipt: string }> => {
    const id = (await daraja.stkPush(darajaMsisdn(suffix), `${receiver.url}/stk`, { Amount: amount })).json.CheckoutRequestID as string;
    await daraja.waitForStkFinal(id);
    return { id, receipt: (await daraja.control('GET', `/transactions/${id}`)).json.outcome.receipt };
  };
  const status = async (ids: { TransactionID?: string; OriginalConversationID?: string }, overrides: Params = {}): Promise<any> => {
    const res = await daraja.transactionStatus(base, ids, overrides);
    expect(res.json).toEqual({
      OriginatorConversationID: expect.stringMatching(/^\d+-\d+-\d$/),
      ConversationID: expect.stringMatching(/^AG_\d{8}_[0-9a-f]{20}$/),
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    });
    return result(res.json.ConversationID);
  };

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    base = `${receiver.url}/q`;
    sandbox = await startSandbox({ port: 0, settleMs: 30, darajaBalance: '5000.50' }, [mpesaDarajaOperator]);
    daraja = new DarajaTestClient(sandbox);
    await daraja.login();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('reports a completed push by receipt and by CheckoutRequestID', async () => {
    const { id, receipt } = await paidPush('300001');
    const byReceipt = await status({ TransactionID: receipt });
    expect(byReceipt).toMatchObject({ ResultType: 0, ResultCode: 0, TransactionID: receipt, ReferenceData: { ReferenceItem: { Key: 'Occasion' } } });
    expect(params(byReceipt)).toEqual({
      DebitPartyName: '254708300001 - John Doe',
      CreditPartyName: '174379 - Malipo Sandbox',
      OriginatorConversationID: expect.any(String),
      InitiatedTime: expect.any(Number),
      DebitAccountType: 'MMF Account For Customer',
      DebitPartyCharges: undefined,
      TransactionReason: undefined,
      ReasonType: 'Pay Bill Online',
      TransactionStatus: 'Completed',
      FinalisedTime: expect.any(Number),
      Amount: 150,
      ConversationID: id,
      ReceiptNo: receipt,
    });
    const keys = byReceipt.ResultParameters.ResultParameter.map((p: { Key: string }) => p.Key);
    expect(keys).toEqual(expect.arrayContaining(['ReceiptNo', 'ConversationID', 'FinalisedTime', 'InitiatedTime', 'Amount', 'TransactionStatus', 'ReasonType', 'DebitPartyName', 'CreditPartyName', 'OriginatorConversationID']));
    expect(params(await status({ TransactionID: '', OriginalConversationID: id })).ReceiptNo).toBe(receipt);
  });

  it('reports a B2C by ConversationID and by OriginatorConversationID, a pending push as Pending, and an unknown id as 2032', async () => {
    const b2c = await daraja.b2c(darajaMsisdn('300002'), base, { OriginatorConversationID: 'status-b2c', Amount: 100 });
    await result(b2c.json.ConversationID, '/q/b2c/result');
    const byConversation = params(await status({ OriginalConversationID: b2c.json.ConversationID }));
    expect(byConversation).toMatchObject({ TransactionStatus: 'Completed', ReasonType: 'Business Payment to Customer via API', DebitPartyName: '600996 - Malipo Sandbox', CreditPartyName: '254708300002 - John Doe', DebitPartyCharges: 'Fee For B2C Payment|KES|0.00', Amount: 100 });
    expect(params(await status({ OriginalConversationID: 'status-b2c' })).ReceiptNo).toBe(byConversation.ReceiptNo);

    const pending = (await daraja.stkPush(darajaMsisdn(MPESA_DARAJA_MAGIC.stk.slow), `${receiver.url}/stk`)).json.CheckoutRequestID;
    const shown = params(await status({ OriginalConversationID: pending }));
    expect(shown).toMatchObject({ TransactionStatus: 'Pending', ReceiptNo: undefined, FinalisedTime: undefined });

    const unknown = await status({ TransactionID: 'ZZZ0000000' });
    expect(unknown).toMatchObject({ ResultCode: 2032, TransactionID: 'ZZZ0000000' });
    expect(unknown.ResultParameters).toBeUndefined();
    const badCredential = await status({ TransactionID: 'ZZZ0000000' }, { SecurityCredential: daraja.credential('nope') });
    expect(badCredential.ResultCode).toBe(2001);
    const missing = await daraja.transactionStatus(base, {});
    expect(missing.json.errorMessage).toBe('Bad Request - Invalid TransactionID');
  });

  it('answers the balance as one string, ResultType/ResultCode as strings', async () => {
    const res = await daraja.accountBalance(base);
    expect(res.json.ResponseCode).toBe('0');
    const r = await result(res.json.ConversationID);
    expect(r).toMatchObject({ ResultType: '0', ResultCode: '0', ReferenceData: { ReferenceItem: { Key: 'QueueTimeoutURL' } } });
    const p = params(r);
    const utility = (await daraja.control('GET', '/balances?shortCode=600996')).json[0].utility as string;
    expect(p.AccountBalance).toBe(
      `Working Account|KES|0.00|0.00|0.00|0.00&Float Account|KES|0.00|0.00|0.00|0.00&Utility Account|KES|${utility}|${utility}|0.00|0.00&Charges Paid Account|KES|0.00|0.00|0.00|0.00&Organization Settlement Account|KES|0.00|0.00|0.00|0.00`,
    );
    expect(String(p.BOCompletedTime)).toMatch(/^20\d{12}$/);
    const unknownShortcode = await daraja.accountBalance(base, { PartyA: '700001' });
    expect((await result(unknownShortcode.json.ConversationID)).ResultCode).toBe('21');
    const bad = await daraja.accountBalance(base, { Initiator: 'nobody' });
    expect((await result(bad.json.ConversationID)).ResultCode).toBe('2001');
    expect((await daraja.accountBalance(base, { CommandID: 'Balance' })).json.errorMessage).toBe('Bad Request - Invalid CommandID');
  });

  it('reverses a completed push (money back, record reversed), then R000001; unknown ids R000002', async () => {
    const { id, receipt } = await paidPush('300003', 200);
    const before = (await daraja.control('GET', '/balances?shortCode=174379')).json[0].utilityCents as number;
    const res = await daraja.reversal(base, receipt, 200);
    expect(res.json.ResponseCode).toBe('0');
    const r = await result(res.json.ConversationID);
    expect(r).toMatchObject({ ResultType: 0, ResultCode: 0, TransactionID: expect.stringMatching(/^[A-Z0-9]{10}$/) });
    expect(r.ReferenceData.ReferenceItem.Value).toContain('reversalresults');
    expect(params(r)).toEqual({
      DebitAccountBalance: expect.stringMatching(/^Utility Account\|KES\|\d+\.\d{2}\|\d+\.\d{2}\|0\.00\|0\.00$/),
      Amount: 200,
      TransCompletedTime: expect.any(Number),
      OriginalTransactionID: receipt,
      Charge: 0,
      CreditPartyPublicName: '254708300003 - John Doe',
      DebitPartyPublicName: '174379 - Malipo Sandbox',
    });
    expect((await daraja.control('GET', '/balances?shortCode=174379')).json[0].utilityCents).toBe(before - 20000);
    expect((await daraja.control('GET', `/transactions/${id}`)).json).toMatchObject({ status: 'reversed', reversed: { receipt: r.TransactionID } });
    expect(params(await status({ TransactionID: receipt })).TransactionStatus).toBe('Reversed');

    const again = await daraja.reversal(base, receipt, 200);
    expect((await result(again.json.ConversationID)).ResultCode).toBe('R000001');
    const unknown = await daraja.reversal(base, 'ZZZ0000001', 200);
    const unknownResult = await result(unknown.json.ConversationID);
    expect(unknownResult).toMatchObject({ ResultCode: 'R000002', ResultDesc: 'The OriginalTransactionID is invalid.' });
    expect(unknownResult.ResultParameters).toBeUndefined();
  });

  it('refuses the correct spelling ReceiverIdentifierType alone, and a type other than 11', async () => {
    const { receipt } = await paidPush('300004');
    const spelled = await daraja.reversal(base, receipt, 150, { RecieverIdentifierType: undefined, ReceiverIdentifierType: '11' });
    expect(spelled.status).toBe(400);
    expect(spelled.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid RecieverIdentifierType' });
    expect((await daraja.reversal(base, receipt, 150, { RecieverIdentifierType: '4' })).json.errorMessage).toBe('Bad Request - Invalid RecieverIdentifierType');
    const numeric = await daraja.reversal(base, receipt, 150, { RecieverIdentifierType: 11, Amount: 149 });
    expect((await result(numeric.json.ConversationID)).ResultCode).toBe(25);
    const badCredential = await daraja.reversal(base, receipt, 150, { SecurityCredential: daraja.credential('x') });
    expect((await result(badCredential.json.ConversationID)).ResultCode).toBe(2001);
    const otherParty = await daraja.reversal(base, receipt, 150, { ReceiverParty: '600000' });
    expect((await result(otherParty.json.ConversationID)).ResultCode).toBe('R000002');
  });
});
