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
