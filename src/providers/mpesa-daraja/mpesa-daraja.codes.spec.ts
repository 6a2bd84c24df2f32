import { FAILURE_CODES } from '../provider.port';
import { DARAJA_RESULT_CODES, describeDaraja, mapDarajaResultCode, readDarajaAnswer } from './mpesa-daraja.codes';

describe('mapDarajaResultCode', () => {
  it.each([
    ['1', 'INSUFFICIENT_FUNDS'],
    ['2', 'INVALID_AMOUNT'],
    ['3', 'INVALID_AMOUNT'],
    ['4', 'LIMIT_EXCEEDED'],
    ['8', 'LIMIT_EXCEEDED'],
    ['17', 'DUPLICATE'],
    ['26', 'PROVIDER_UNAVAILABLE'],
    ['1001', 'PROVIDER_ERROR'],
    ['1019', 'EXPIRED'],
    ['1025', 'PROVIDER_ERROR'],
    ['9999', 'PROVIDER_ERROR'],
    ['1032', 'PAYER_DECLINED'],
    ['1036', 'EXPIRED'],
    ['1037', 'EXPIRED'],
    ['2001', 'PAYER_DECLINED'],
    ['2028', 'PROVIDER_ERROR'],
    ['8006', 'ACCOUNT_INACTIVE'],
    ['SFC_IC0003', 'PROVIDER_ERROR'],
  ])('STK %s → %s', (code, expected) => {
    expect(mapDarajaResultCode(code, 'desc', 'stk').failureCode).toBe(expected);
  });

  it.each([
    ['1', 'INSUFFICIENT_FUNDS'],
    ['11', 'ACCOUNT_INACTIVE'],
    ['17', 'PROVIDER_ERROR'],
    ['21', 'PROVIDER_ERROR'],
    ['2001', 'PROVIDER_ERROR'],
    ['2006', 'ACCOUNT_INACTIVE'],
    ['2040', 'PAYER_NOT_FOUND'],
    ['8006', 'PROVIDER_ERROR'],
    ['SFC_IC0003', 'PAYER_NOT_FOUND'],
    ['R000002', 'PROVIDER_ERROR'],
    ['100000007', 'PROVIDER_UNAVAILABLE'],
  ])('Result envelope (B2C, reversal…) %s → %s', (code, expected) => {
    expect(mapDarajaResultCode(code, 'desc', 'result').failureCode).toBe(expected);
  });

  it('keeps "<code>: <desc>", falling back to the meaning when Daraja sends none', () => {
    expect(mapDarajaResultCode('1032', 'Request cancelled by user')).toEqual({ failureCode: 'PAYER_DECLINED', failureReason: '1032: Request cancelled by user' });
    expect(mapDarajaResultCode('1037', '')).toEqual({ failureCode: 'EXPIRED', failureReason: '1037: DS timeout user cannot be reached' });
    expect(mapDarajaResultCode('sfc_ic0003', undefined, 'result').failureCode).toBe('PAYER_NOT_FOUND');
  });

  it('unknown codes → UNKNOWN, raw code kept', () => {
    expect(mapDarajaResultCode('4242', 'Something new')).toEqual({ failureCode: 'UNKNOWN', failureReason: '4242: Something new' });
    expect(mapDarajaResultCode('X1', null, 'result')).toEqual({ failureCode: 'UNKNOWN', failureReason: 'X1: no description' });
  });


  it('the exported table is enumerable, unique, and only uses contract failure codes (never success or pending)', () => {
    const codes = DARAJA_RESULT_CODES.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).not.toContain('0');
    expect(codes).not.toContain('4999');
    for (const entry of DARAJA_RESULT_CODES) {
      expect(FAILURE_CODES).toContain(entry.stk);
      expect(FAILURE_CODES).toContain(entry.result);
      expect(mapDarajaResultCode(entry.code, null).failureReason).toBe(`${entry.code}: ${entry.meaning}`);
    }
  });
});

describe('readDarajaAnswer', () => {
  it('reads the error envelope and synchronous fields, numbers or strings, misspelled OriginatorCoversationID too', () => {
    expect(readDarajaAnswer({ requestId: '11728-2929992-1', errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid Amount' })).toEqual({
      requestId: '11728-2929992-1',
      errorCode: '400.002.02',
      errorMessage: 'Bad Request - Invalid Amount',
    });
    expect(readDarajaAnswer({ OriginatorCoversationID: '7619-37765134-1', ResponseCode: 0, ResponseDescription: 'Success' })).toEqual({
      originatorConversationId: '7619-37765134-1',
      responseCode: '0',
      responseDescription: 'Success',
    });
    expect(readDarajaAnswer('<html>oops</html>')).toEqual({});
    expect(readDarajaAnswer({ Envelope: { Body: { Fault: {} } } })).toEqual({});
  });

  it('describes whatever came', () => {
    expect(describeDaraja(readDarajaAnswer({ errorCode: '500.003.02', errorMessage: 'Spike arrest violation' }), 500)).toBe('500.003.02: Spike arrest violation (HTTP 500)');
    expect(describeDaraja({}, 502)).toBe('no Daraja code (HTTP 502)');
  });
});
