import type { PaymentRequest } from '../provider.port';
import { cutText, sanitizeMtnNote, toRefundBody, toRequestToPayBody, toTransferBody } from './mtn-momo.bodies';

const TX = '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10';

function request(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    transactionId: TX,
    type: 'collection',
    amount: '1500',
    amountMinor: 1500n,
    currency: 'UGX',
    country: 'UG',
    msisdn: '256772123456',
    reference: 'ORDER-1042',
    description: 'Order 1042',
    callbackUrl: null,
    ...overrides,
  };
}

describe('toRequestToPayBody', () => {
  it('builds the MTN body with the amount as a string and the payer MSISDN', () => {
    expect(toRequestToPayBody(request())).toEqual({
      amount: '1500',
      currency: 'UGX',
      externalId: 'ORDER-1042',
      payer: { partyIdType: 'MSISDN', partyId: '256772123456' },
      payerMessage: 'Order 1042',
      payeeNote: 'Order 1042',
    });
  });

  it('uses our transaction id as externalId without a reference, and truncates long references to 64', () => {
    expect(toRequestToPayBody(request({ reference: null })).externalId).toBe(TX);
    expect(toRequestToPayBody(request({ reference: 'R'.repeat(100) })).externalId).toBe('R'.repeat(64));
  });

  it("strips ' and & from the notes and cuts them to 160 characters", () => {
    const body = toRequestToPayBody(request({ description: `Tom's fish & chips ${'x'.repeat(300)}` }));
    expect(body.payerMessage?.startsWith('Toms fish  chips'.replace('  ', ' '))).toBe(true);
    expect(body.payerMessage).not.toMatch(/['&]/);
    expect(Array.from(body.payerMessage ?? '').length).toBeLessThanOrEqual(160);
    expect(body.payeeNote).toBe(body.payerMessage);
  });

  it('falls back to the reference for the notes, and omits them when there is nothing to say', () => {
    expect(toRequestToPayBody(request({ description: null })).payerMessage).toBe('ORDER-1042');
    const bare = toRequestToPayBody(request({ description: null, reference: null }));
    expect(bare).not.toHaveProperty('payerMessage');
    expect(bare).not.toHaveProperty('payeeNote');
  });

  it('sanitizeMtnNote keeps one line and does not split characters', () => {
    expect(sanitizeMtnNote("a\nb\t&c'")).toBe('a b c');
    expect(Array.from(sanitizeMtnNote('😀'.repeat(200)))).toHaveLength(160);
  });
});

describe('toTransferBody', () => {
  it('builds the MTN transfer body with a payee instead of a payer, the amount as a string', () => {
    expect(toTransferBody(request({ type: 'disbursement', amount: '2500.50' }))).toEqual({
      amount: '2500.50',
      currency: 'UGX',
      externalId: 'ORDER-1042',
      payee: { partyIdType: 'MSISDN', partyId: '256772123456' },
      payerMessage: 'Order 1042',
      payeeNote: 'Order 1042',
    });
  });

  it('applies the same externalId and note rules as request-to-pay', () => {
    const body = toTransferBody(request({ reference: null, description: "Salary & bonus for Ann's team" }));
    expect(body.externalId).toBe(TX);
    expect(body.payerMessage).toBe('Salary bonus for Anns team');
    expect(body).not.toHaveProperty('payer');
  });
});

describe('toRefundBody', () => {
  it('carries referenceIdToRefund and no party', () => {
    const original = '9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b';
    expect(toRefundBody(request({ type: 'refund', amount: '200' }), original)).toEqual({
      amount: '200',
      currency: 'UGX',
      externalId: 'ORDER-1042',
      payerMessage: 'Order 1042',
      payeeNote: 'Order 1042',
      referenceIdToRefund: original,
    });
  });

  it('omits empty notes', () => {
    const body = toRefundBody(request({ description: null, reference: null }), 'x');
    expect(body).toEqual({ amount: '1500', currency: 'UGX', externalId: TX, referenceIdToRefund: 'x' });
  });
});

describe('cutText', () => {
  it('cuts by characters, not UTF-16 units', () => {
    expect(cutText('abc', 5)).toBe('abc');
    expect(cutText('😀😀😀', 2)).toBe('😀😀');
  });
});
