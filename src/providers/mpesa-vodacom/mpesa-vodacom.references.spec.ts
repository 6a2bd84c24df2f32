import {
  vodacomAmount,
  vodacomMsisdn,
  vodacomQueryReference,
  vodacomReversalReference,
  vodacomThirdPartyReference,
  vodacomTransactionReference,
} from './mpesa-vodacom.references';
import { TX, TX_REF } from './testing/mpesa-vodacom.fixtures';

describe('Vodacom references', () => {
  it('ThirdPartyReference: the UUID hex without dashes (32 chars, \\w), stable and lower-case', () => {
    expect(vodacomThirdPartyReference(TX)).toBe(TX_REF);
    expect(vodacomThirdPartyReference(TX.toUpperCase())).toBe(TX_REF);
    expect(vodacomThirdPartyReference(TX)).toMatch(/^\w{32}$/);
    // Different ids never collide; short alphanumeric ids are kept; anything else becomes a stable digest.
    expect(vodacomThirdPartyReference('9b2e6f3a-1c4d-4e5f-8a7b-6c5d4e3f2a1b')).not.toBe(TX_REF);
    expect(vodacomThirdPartyReference('abc123')).toBe('abc123');
    const odd = vodacomThirdPartyReference('order #7 / retry');
    expect(odd).toMatch(/^[0-9a-f]{32}$/);
    expect(vodacomThirdPartyReference('order #7 / retry')).toBe(odd);
  });

  it('TransactionReference: letters and digits of the request reference, 1–20 chars, else from the id', () => {
    expect(vodacomTransactionReference('ORDER-1042', TX)).toBe('ORDER1042');
    expect(vodacomTransactionReference('Invoice 2024/07 #123456789 for Ana', TX)).toBe('Invoice2024071234567');
    expect(vodacomTransactionReference('Invoice 2024/07 #123456789 for Ana', TX)).toHaveLength(20);
    for (const unusable of [null, undefined, '', ' -/# ']) {
      expect(vodacomTransactionReference(unusable, TX)).toBe(TX_REF.slice(0, 20));
    }
  });

  it('status queries get a new \\w reference per call; reverse() one derived from the original', () => {
    const a = vodacomQueryReference();
    const b = vodacomQueryReference();
    expect(a).toMatch(/^Q[0-9a-f]{24}$/);
    expect(a).not.toBe(b);
    expect(vodacomReversalReference(TX)).toBe(`R${TX_REF}`);
    expect(vodacomReversalReference(TX)).toMatch(/^\w+$/);
  });

  it('MSISDN: 2588[45]XXXXXXX from E.164, +, 00 or the 9-digit national form; anything else refused', () => {
    for (const ok of ['258843330333', '+258843330333', '00258843330333', '843330333', ' 258853330333 ']) {
      expect(vodacomMsisdn(ok)).toMatch(/^2588[45]\d{7}$/);
    }
    expect(vodacomMsisdn('843330333')).toBe('258843330333');
    for (const bad of ['258823330333', '258863330333', '25884333033', '2588433303333', '256772123456', '', 'abc']) {
      expect(vodacomMsisdn(bad)).toBeUndefined();
    }
  });

  it('amount: the decimal string as given, positive, at most 2 decimals', () => {
    expect(vodacomAmount('10')).toBe('10');
    expect(vodacomAmount('10.00')).toBe('10.00');
    expect(vodacomAmount('150.5')).toBe('150.5');
    for (const bad of ['0', '0.00', '-1', '1.234', '1e3', '', 'ten', '1,000']) expect(vodacomAmount(bad)).toBeUndefined();
  });
});
