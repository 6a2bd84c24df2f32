import { CallbackParseError } from '../provider.port';
import { DARAJA_CALLBACK_ACK, parseAccountBalance, parseDarajaCallback } from './mpesa-daraja.callbacks';
import { MpesaDarajaProvider } from './mpesa-daraja.provider';
import { STK_CALLBACK_SUCCESS, b2cResult, darajaAccount, rawCallback } from './testing/mpesa-daraja.fixtures';

const CKID = 'ws_CO_07032025143015123708374149';
const ACK = { ResultCode: 0, ResultDesc: 'Accepted' };
/** The same body with every number turned into a string (Daraja sends both). */
const stringified = (body: unknown): unknown => JSON.parse(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'number' ? String(v) : v)));
const parse = (body: unknown, op?: string) => parseDarajaCallback(rawCallback(body, op));

function result(fields: Record<string, unknown>, params?: [string, unknown][]) {
  return {
    Result: {
      ResultType: 0,
      OriginatorConversationID: '5118-111210482-1',
      ConversationID: 'AG_20250307_00004e48cf7e3533f581',
      TransactionID: 'TC70000000',
      ...(params ? { ResultParameters: { ResultParameter: params.map(([Key, Value]) => ({ Key, Value })) } } : {}),
      ReferenceData: { ReferenceItem: [{ Key: 'Occasion', Value: '' }] },
      ...fields,
    },
  };
}

describe('Daraja callbacks', () => {
  it.each([['numbers', STK_CALLBACK_SUCCESS], ['strings', stringified(STK_CALLBACK_SUCCESS)]])('STK success (%s): receipt looked up by Name', (_label, body) => {
    expect(parse(body)).toEqual({
      outcome: { kind: 'succeeded', providerReference: CKID, providerTransactionId: 'TC74XK2P9Q', providerStatus: '0' },
      providerReference: CKID,
      externalId: '5d1a-4c2e-9b77-0e3f1a2b3c4d112233',
      subject: 'payment',
      acknowledgement: ACK,
    });
  });

  it('STK: items in any order, a single Item object, and failures without metadata', () => {
    const items = STK_CALLBACK_SUCCESS.Body.stkCallback.CallbackMetadata.Item;
    const shuffled = { Body: { stkCallback: { ...STK_CALLBACK_SUCCESS.Body.stkCallback, CallbackMetadata: { Item: [...items].reverse() } } } };
    expect(parse(shuffled).outcome).toMatchObject({ providerTransactionId: 'TC74XK2P9Q' });
    const single = { Body: { stkCallback: { ...STK_CALLBACK_SUCCESS.Body.stkCallback, CallbackMetadata: { Item: { Name: 'MpesaReceiptNumber', Value: 'NLJ7RT61SV' } } } } };
    expect(parse(single).outcome).toMatchObject({ providerTransactionId: 'NLJ7RT61SV' });
    const cancelled = { Body: { stkCallback: { MerchantRequestID: 'm-1', CheckoutRequestID: CKID, ResultCode: 1032, ResultDesc: 'Request cancelled by user' } } };
    expect(parse(cancelled).outcome).toEqual({ kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: '1032: Request cancelled by user', providerReference: CKID });
    const unreachable = { Body: { stkCallback: { CheckoutRequestID: CKID, ResultCode: '1037', ResultDesc: 'No response from user.' } } };
    expect(parse(unreachable).outcome).toMatchObject({ kind: 'failed', failureCode: 'EXPIRED', failureReason: '1037: No response from user.' });
  });

  it.each([['numbers', b2cResult()], ['strings', stringified(b2cResult())]])('B2C result (op=b2c, %s) → succeeded with the receipt', (_label, body) => {
    expect(parse(body, 'b2c')).toEqual({
      outcome: { kind: 'succeeded', providerReference: 'AG_20250307_2010a1b2c3d4e5f6a7b8', providerTransactionId: 'TC75QW8ERT', providerStatus: '0' },
      providerReference: 'AG_20250307_2010a1b2c3d4e5f6a7b8',
      externalId: 'b2c-7f3e9a',
      subject: 'payment',
      acknowledgement: ACK,
    });
  });

  it('B2C failure → failed mapped with the Result API meaning; queue timeout → pending, never failed', () => {
    const failed = b2cResult({ ResultCode: 2001, ResultDesc: 'The initiator information is invalid.', ResultParameters: undefined, TransactionID: 'TC70000000' });
    expect(parse(failed, 'b2c').outcome).toEqual({
      kind: 'failed',
      failureCode: 'PROVIDER_ERROR',
      failureReason: '2001: The initiator information is invalid.',
      providerReference: 'AG_20250307_2010a1b2c3d4e5f6a7b8',
    });
    expect(parse(b2cResult({ ResultCode: 'SFC_IC0003', ResultDesc: 'MSISDN invalid' }), 'b2c').outcome).toMatchObject({ failureCode: 'PAYER_NOT_FOUND' });
    const timeout = parse(b2cResult({ ResultCode: 1, ResultDesc: 'Request timed out in queue' }), 'timeout');
    expect(timeout).toMatchObject({ subject: 'payment', outcome: { kind: 'pending' }, acknowledgement: ACK });
  });

  it('Transaction Status (op=status): Completed → succeeded with ReceiptNo; other statuses', () => {
    const params = (status: string): [string, unknown][] => [
      ['ReceiptNo', 'TC75QW8ERT'],
      ['ConversationID', 'AG_20250307_2010a1b2c3d4e5f6a7b8'],
      ['FinalisedTime', 20250307143309],
      ['Amount', 500],
      ['TransactionStatus', status],
      ['ReasonType', 'Salary Payment via API'],
      ['DebitPartyCharges', 'Fee For B2C Payment|KES|22.40'],
      ['OriginatorConversationID', 'b2c-7f3e9a'],
    ];
    const completed = parse(result({ ResultCode: 0, ResultDesc: 'The service request is processed successfully.' }, params('Completed')), 'status');
    expect(completed).toEqual({
      outcome: { kind: 'succeeded', providerTransactionId: 'TC75QW8ERT', providerStatus: 'Completed' },
      providerReference: 'AG_20250307_2010a1b2c3d4e5f6a7b8',
      externalId: 'b2c-7f3e9a',
      subject: 'status-answer',
      acknowledgement: ACK,
    });
    expect(parse(stringified(result({ ResultCode: 0 }, params('Completed'))), 'status').outcome.kind).toBe('succeeded');
    expect(parse(result({ ResultCode: 0 }, params('Pending')), 'status').outcome.kind).toBe('pending');
    expect(parse(result({ ResultCode: 0 }, params('Expired')), 'status').outcome).toMatchObject({ kind: 'failed', failureCode: 'EXPIRED' });
    expect(parse(result({ ResultCode: 0 }, params('Failed')), 'status').outcome).toMatchObject({ kind: 'failed', failureReason: 'TransactionStatus Failed: Salary Payment via API' });
    expect(parse(result({ ResultCode: 0 }, params('Reversed')), 'status').outcome.kind).toBe('unknown');
  });

  it('Transaction Status: a failed QUERY is no failed transaction (unknown), an unknown id is not_found', () => {
    expect(parse(result({ ResultCode: 2001, ResultDesc: 'The initiator information is invalid.' }), 'status').outcome).toEqual({
      kind: 'unknown',
      reason: 'Transaction Status query failed: 2001: The initiator information is invalid.',
    });
    expect(parse(result({ ResultCode: 'R000002', ResultDesc: 'The OriginalTransactionID is invalid.' }), 'status').outcome.kind).toBe('not_found');
    expect(parse(result({ ResultCode: 1, ResultDesc: 'Transaction not found' }), 'status').outcome.kind).toBe('not_found');
    expect(parse(result({ ResultCode: 1 }), 'status-timeout')).toMatchObject({ subject: 'status-answer', outcome: { kind: 'unknown' } });
  });

  it('Reversal (op=reversal): reversed, already reversed (R000001) and refused; timeout → pending', () => {
    const ok = parse(result({ ResultCode: 0, ResultDesc: 'The service request is processed successfully.' }, [['OriginalTransactionID', 'TC74XK2P9Q'], ['Amount', 150]]), 'reversal');
    // The outcome is about the ORIGINAL transaction: it does not carry the reversal's own id as a receipt.
    expect(ok).toMatchObject({ subject: 'reversal', outcome: { kind: 'succeeded', providerStatus: '0' }, acknowledgement: ACK });
    expect(ok.outcome).not.toHaveProperty('providerTransactionId');
    expect(parse(result({ ResultCode: 'R000001', ResultDesc: 'The transaction has already been reversed.' }), 'reversal').outcome).toMatchObject({ kind: 'succeeded', providerStatus: 'R000001' });
    expect(parse(result({ ResultCode: '11', ResultDesc: 'The DebitParty is in an invalid state.' }), 'reversal').outcome).toMatchObject({ kind: 'failed', failureCode: 'ACCOUNT_INACTIVE' });
    expect(parse(result({ ResultCode: 1 }), 'reversal-timeout')).toMatchObject({ subject: 'reversal', outcome: { kind: 'pending' } });
  });

  it("refund by reversal (op=refund-reversal) is the refund's own outcome (subject payment, reversal id as receipt)", () => {
    expect(parse(result({ ResultCode: 0 }), 'refund-reversal')).toMatchObject({
      subject: 'payment',
      outcome: { kind: 'succeeded', providerReference: 'AG_20250307_00004e48cf7e3533f581', providerTransactionId: 'TC70000000' },
    });
    expect(parse(result({ ResultCode: 'R000002', ResultDesc: 'invalid' }), 'refund-reversal')).toMatchObject({ subject: 'payment', outcome: { kind: 'failed', failureCode: 'PROVIDER_ERROR' } });
  });

  it('Account Balance (op=balance): balances parsed from the string, ResultCode as string; failure → [] and failed', () => {
    const balanceString = 'Working Account|KES|700000.00|700000.00|0.00|0.00&Utility Account|KES|228037.00|228037.00|0.00|0.00&Charges Paid Account|KES|-1540.00|-1540.00|0.00|0.00';
    const ok = parse(result({ ResultType: '0', ResultCode: '0', ResultDesc: 'The service request is processed successfully.' }, [['AccountBalance', balanceString], ['BOCompletedTime', 20250307143309]]), 'balance');
    expect(ok).toEqual({
      outcome: { kind: 'succeeded', providerStatus: '0' },
      providerReference: 'AG_20250307_00004e48cf7e3533f581',
      externalId: '5118-111210482-1',
      subject: 'balance',
      requestId: '5118-111210482-1',
      balances: [
        { wallet: 'Working Account', currency: 'KES', available: '700000.00' },
        { wallet: 'Utility Account', currency: 'KES', available: '228037.00' },
        { wallet: 'Charges Paid Account', currency: 'KES', available: '-1540.00' },
      ],
      acknowledgement: ACK,
    });
    const refused = parse(result({ ResultCode: 2001, ResultDesc: 'The initiator information is invalid.' }), 'balance');
    expect(refused).toMatchObject({ subject: 'balance', requestId: '5118-111210482-1', balances: [], outcome: { kind: 'failed', failureCode: 'PROVIDER_ERROR' } });
    expect(parse(result({ ResultCode: 1 }), 'balance-timeout')).toMatchObject({ subject: 'balance', balances: [], outcome: { kind: 'pending' } });
  });

  it('parseAccountBalance keeps decimal text exactly (no floats) and skips malformed entries', () => {
    expect(parseAccountBalance('Utility Account|KES|12345678901234567.89|0|0|0&broken&Working Account|KES|abc|0|0|0&Float|kes|0.10|||')).toEqual([
      { wallet: 'Utility Account', currency: 'KES', available: '12345678901234567.89' },
      { wallet: 'Float', currency: 'KES', available: '0.10' },
    ]);
  });

  it('unusable bodies → CallbackParseError', () => {
    expect(() => parse('not json')).toThrow(CallbackParseError);
    expect(() => parse([])).toThrow(CallbackParseError);
    expect(() => parse({ hello: 'world' })).toThrow(/neither Body.stkCallback nor Result/);
    expect(() => parse({ Body: { stkCallback: { ResultCode: 0 } } })).toThrow(/CheckoutRequestID/);
    expect(() => parse({ Body: { stkCallback: { CheckoutRequestID: CKID } } })).toThrow(/ResultCode/);
    expect(() => parse(b2cResult())).toThrow(/unknown op/);
    expect(() => parse(b2cResult(), 'nonsense')).toThrow(/unknown op/);
    expect(() => parse(result({ ResultCode: undefined }), 'b2c')).toThrow(/no ResultCode/);
    expect(() => parse(result({ ResultCode: 0, OriginatorConversationID: undefined }, [['AccountBalance', 'x']]), 'balance')).toThrow(/OriginatorConversationID/);
  });

  it('the provider parses with raw.query.op and always sets the acknowledgement', () => {
    const provider = new MpesaDarajaProvider();
    const parsed = provider.parseCallback(darajaAccount('http://127.0.0.1:9'), rawCallback(b2cResult(), 'b2c'));
    expect(parsed.subject).toBe('payment');
    expect(parsed.acknowledgement).toEqual(DARAJA_CALLBACK_ACK);
  });
});
