import { airtelReference, toAirtelAmount, toAirtelMsisdn, toCollectionBody, toDisbursementBody, toRefundBody } from './airtel-money.bodies';
import { readAirtelConfig } from './airtel-money.config';
import { airtelAccount, airtelPayment, testKeyPair } from './testing/airtel-money.fixtures';

describe('toAirtelAmount (decimal string → exact JSON number)', () => {
  it.each([
    ['1000', 1000],
    ['25.50', 25.5],
    ['0.01', 0.01],
    ['007', 7],
    ['19999.91', 19999.91],
    ['123456789012.34', 123456789012.34],
  ])('%s → %s', (amount, expected) => {
    expect(toAirtelAmount(amount)).toBe(expected);
    expect(JSON.stringify({ amount: toAirtelAmount(amount) })).toBe(`{"amount":${expected}}`);
  });

  it.each([['0'], ['0.00'], ['-5'], ['1e3'], ['1,000'], [''], ['12.'], ['99999999999999999999'], ['0.1234567890123456789'], ['9007199254740993']])(
    'refuses %j (not positive, not decimal, or not exact as a double)',
    (amount) => expect(toAirtelAmount(amount)).toBeUndefined(),
  );
});

describe('toAirtelMsisdn (no country code)', () => {
  it.each([
    ['256752604392', 'UG', '752604392'],
    ['+256752604392', 'UG', '752604392'],
    ['752604392', 'UG', '752604392'],
    ['0752604392', 'UG', '752604392'],
    ['260978980279', 'ZM', '978980279'],
    ['242055123456', 'CG', '055123456'],
    ['23566123456', 'TD', '66123456'],
    ['2348021234567', 'NG', '8021234567'],
    ['24827123456', 'SC', '27123456'], // 8 digits where 7 are expected, but unverified: sent, Airtel judges
    ['2482712345', 'SC', '2712345'],
    ['25675260439', 'UG', undefined], // 8 digits: Uganda's 9 is verified
    ['254752604392', 'UG', undefined], // a Kenyan number on a Ugandan wallet
    ['254712345678', 'KE', '712345678'],
    ['2547123456789', 'KE', '7123456789'], // unverified length: sent, Airtel judges
    ['256abc', 'UG', undefined],
  ])('%s (%s) → %s', (msisdn, country, expected) => {
    expect(toAirtelMsisdn(msisdn, country)).toBe(expected);
  });
});

describe('bodies', () => {
  const pair = testKeyPair();
  const config = readAirtelConfig(airtelAccount('https://openapiuat.airtel.africa', {}, pair.publicPem));

  it('collection: reference, subscriber without country code, transaction with our id', () => {
    expect(toCollectionBody(config, airtelPayment({ amount: '5000.50' }))).toEqual({
      ok: true,
      body: {
        reference: 'ORDER-1042',
        subscriber: { country: 'UG', currency: 'UGX', msisdn: '752604392' },
        transaction: { amount: 5000.5, country: 'UG', currency: 'UGX', id: '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10' },
      },
    });
  });

  it.each([
    ['a currency other than the wallet', { currency: 'KES' }, 'currency', 'CURRENCY_MISMATCH'],
    ['an amount that is not exact', { amount: '99999999999999999999' }, 'amount', 'AMOUNT_NOT_REPRESENTABLE'],
    ['a number of another country', { msisdn: '254712345678' }, 'msisdn', 'MSISDN_INVALID'],
  ])('refuses %s', (_label, overrides, problem, reason) => {
    expect(toCollectionBody(config, airtelPayment(overrides))).toMatchObject({ ok: false, problem, reason: expect.stringContaining(reason) });
  });

  it('disbursement v1 and v2', () => {
    const payout = airtelPayment({ type: 'disbursement', amount: '25.50', reference: 'PAYOUT0001' });
    expect(toDisbursementBody(config, payout, 'ENC')).toEqual({
      ok: true,
      body: { payee: { msisdn: '752604392' }, reference: 'PAYOUT0001', pin: 'ENC', transaction: { amount: 25.5, id: payout.transactionId } },
    });
    const v2 = { ...config, settings: { ...config.settings, disbursementVersion: 'v2' as const } };
    expect(toDisbursementBody(v2, payout, 'ENC')).toMatchObject({
      body: { payee: { msisdn: '752604392', currency: 'UGX' }, transaction: { amount: 25.5, id: payout.transactionId, type: 'B2C' } },
    });
  });

  it('refund body carries Airtel id of the original', () => {
    expect(toRefundBody('CI210104.1549.C00029')).toEqual({ transaction: { airtel_money_id: 'CI210104.1549.C00029' } });
  });

  it('reference: reference, else description, else our id; one line, at most 64', () => {
    expect(airtelReference(airtelPayment({ reference: null, description: 'Line\none\t two' }))).toBe('Line one two');
    expect(airtelReference(airtelPayment({ reference: null, description: null }))).toBe('3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10');
    expect(airtelReference(airtelPayment({ reference: 'x'.repeat(80) }))).toHaveLength(64);
  });
});
