import { CallbackParseError } from '../provider.port';
import { parseMtnMomoCallback } from './mtn-momo.callbacks';

describe('parseMtnMomoCallback', () => {
  it('parses a success callback (no referenceId, only externalId)', () => {
    const parsed = parseMtnMomoCallback({
      financialTransactionId: '1232581108',
      externalId: 'order-123',
      amount: '100',
      currency: 'EUR',
      payer: { partyIdType: 'MSISDN', partyId: '46733123999' },
      payerMessage: 'Pay order 123',
      payeeNote: 'order 123',
      status: 'SUCCESSFUL',
    });
    expect(parsed).toEqual({
      outcome: { kind: 'succeeded', providerTransactionId: '1232581108', providerStatus: 'SUCCESSFUL' },
      externalId: 'order-123',
    });
  });

  it('parses a failure with a string reason', () => {
    const parsed = parseMtnMomoCallback({ externalId: 'order-9', amount: '100', currency: 'EUR', status: 'FAILED', reason: 'APPROVAL_REJECTED' });
    expect(parsed.outcome).toEqual({ kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: 'APPROVAL_REJECTED' });
    expect(parsed.externalId).toBe('order-9');
    expect(parsed.providerReference).toBeUndefined();
  });

  it('parses a failure with an object reason', () => {
    const parsed = parseMtnMomoCallback({ status: 'FAILED', reason: { code: 'EXPIRED', message: 'timed out' } });
    expect(parsed.outcome).toMatchObject({ kind: 'failed', failureCode: 'EXPIRED', failureReason: 'EXPIRED' });
  });

  it('keeps a referenceId when one is present (v2 payment callbacks)', () => {
    const parsed = parseMtnMomoCallback({ referenceId: 'abc-123', status: 'SUCCESSFUL' });
    expect(parsed.providerReference).toBe('abc-123');
    expect(parsed.outcome).toMatchObject({ kind: 'succeeded', providerReference: 'abc-123' });
  });

  it('parses transfer and refund callbacks (payee instead of payer)', () => {
    const payee = { partyIdType: 'MSISDN', partyId: '46733123457' };
    expect(parseMtnMomoCallback({ externalId: 'payout-7', amount: '100', currency: 'EUR', payee, status: 'FAILED', reason: 'PAYEE_NOT_FOUND' })).toEqual({
      outcome: { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'PAYEE_NOT_FOUND' },
      externalId: 'payout-7',
    });
    expect(parseMtnMomoCallback({ externalId: 'payout-8', payee, status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' }).outcome).toMatchObject({
      failureCode: 'INSUFFICIENT_FUNDS',
    });
    expect(
      parseMtnMomoCallback({ financialTransactionId: '998', externalId: 'refund-1', amount: '50', currency: 'EUR', payee, payeeNote: 'n', status: 'SUCCESSFUL' }),
    ).toEqual({ outcome: { kind: 'succeeded', providerTransactionId: '998', providerStatus: 'SUCCESSFUL' }, externalId: 'refund-1' });
  });

  it('parses v2 PUT bodies {referenceId, status, financialTransactionId?, reason?: {code,message}}', () => {
    const ref = '9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b';
    expect(parseMtnMomoCallback({ referenceId: ref, status: 'SUCCESSFUL', financialTransactionId: '42' })).toEqual({
      outcome: { kind: 'succeeded', providerReference: ref, providerTransactionId: '42', providerStatus: 'SUCCESSFUL' },
      providerReference: ref,
    });
    expect(parseMtnMomoCallback({ referenceId: ref, status: 'FAILED', reason: { code: 'PAYEE_NOT_FOUND', message: 'Payee does not exist' } })).toEqual({
      outcome: { kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'PAYEE_NOT_FOUND', providerReference: ref },
      providerReference: ref,
    });
    expect(parseMtnMomoCallback({ referenceId: ref, status: 'PENDING' }).outcome).toEqual({ kind: 'pending', providerReference: ref, providerStatus: 'PENDING' });
  });

  it('treats an unknown status as pending', () => {
    expect(parseMtnMomoCallback({ status: 'ONGOING' }).outcome).toEqual({ kind: 'pending', providerStatus: 'ONGOING' });
    expect(parseMtnMomoCallback({ status: 'WHATEVER' }).outcome.kind).toBe('pending');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'status=SUCCESSFUL'],
    ['an array', [{ status: 'SUCCESSFUL' }]],
    ['no status', { externalId: 'x' }],
    ['a numeric status', { status: 1 }],
    ['an object status', { status: { code: 'SUCCESSFUL' } }],
    ['an empty status', { status: '' }],
  ])('throws CallbackParseError for %s', (_label, body) => {
    expect(() => parseMtnMomoCallback(body)).toThrow(CallbackParseError);
  });
});
