// The input_* bodies built from our requests: local refusals are reported, never thrown, and never show a
// full phone number.
import { toVodacomPaymentBody, toVodacomReversalBody } from './mpesa-vodacom.bodies';
import { readVodacomConfig } from './mpesa-vodacom.config';
import { vodacomAccount, vodacomPayment, vodacomTestKeyPair } from './testing/mpesa-vodacom.fixtures';

const config = readVodacomConfig(vodacomAccount('http://127.0.0.1:9', vodacomTestKeyPair().publicBase64));

describe('Vodacom bodies', () => {
  it('a payment body: the five input_* fields, all strings', () => {
    expect(toVodacomPaymentBody(config, vodacomPayment())).toMatchObject({
      ok: true,
      body: { input_CustomerMSISDN: '258843330333', input_Amount: '150.50', input_ServiceProviderCode: '171717' },
    });
  });

  it('a number that is not Vodacom M-Pesa → msisdn problem, the number masked in the reason', () => {
    const refused = toVodacomPaymentBody(config, vodacomPayment({ msisdn: '258823330333' }));
    expect(refused).toEqual({ ok: false, problem: 'msisdn', reason: 'INVALID_MSISDN: 258******333 is not a Vodacom M-Pesa number (2588[45]XXXXXXX)' });
    expect(JSON.stringify(refused)).not.toContain('823330');
    expect(JSON.stringify(toVodacomPaymentBody(config, vodacomPayment({ msisdn: '0823330333' })))).not.toContain('0823330333');
  });

  it('amount and currency refusals; the reversal amount always goes as input_ReversalAmount', () => {
    expect(toVodacomPaymentBody(config, vodacomPayment({ amount: '1.234' }))).toMatchObject({ ok: false, problem: 'amount' });
    expect(toVodacomPaymentBody(config, vodacomPayment({ currency: 'USD' }))).toMatchObject({ ok: false, problem: 'currency' });
    const reversal = toVodacomReversalBody(config, { transactionId: 'T1', thirdPartyReference: 'R1', amount: '150.50', initiatorIdentifier: 'i', securityCredential: 's' });
    expect(reversal).toMatchObject({ ok: true, body: { input_ReversalAmount: '150.50', input_TransactionID: 'T1' } });
  });
});
