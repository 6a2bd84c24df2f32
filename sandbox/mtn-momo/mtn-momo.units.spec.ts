import { formatMinor, parseAmount } from './mtn-momo.environments';
import { DEFAULT_MTN_SCENARIO, accountHolderCase, resolveMtnScenario } from './mtn-momo.scenarios';
import { isUuidV4, normalizeHost, validateRequestToPay } from './mtn-momo.validation';

describe('MTN amounts', () => {
  it('parses decimal strings into minor units without floats', () => {
    expect(parseAmount('100', 2)).toEqual({ ok: true, minor: 10000n });
    expect(parseAmount('5.0', 2)).toEqual({ ok: true, minor: 500n });
    expect(parseAmount('0.1', 2)).toEqual({ ok: true, minor: 10n });
    expect(parseAmount('12.34', 2)).toEqual({ ok: true, minor: 1234n });
    expect(parseAmount('1500', 0)).toEqual({ ok: true, minor: 1500n });
    expect(parseAmount('1500.00', 0)).toEqual({ ok: true, minor: 1500n });
    expect(parseAmount('999999999999999999.99', 2)).toEqual({ ok: true, minor: 99999999999999999999n });
  });

  it('rejects zero, negatives, junk and excess precision', () => {
    for (const bad of ['0', '0.00', '-1', '1e3', '', ' 1', '1.', '.5', '1,5', 'abc', '0x10']) {
      expect(parseAmount(bad, 2).ok).toBe(false);
    }
    expect(parseAmount('1.5', 0).ok).toBe(false);
    expect(parseAmount('1.005', 2).ok).toBe(false);
  });

  it('formats minor units back', () => {
    expect(formatMinor(0n, 2)).toBe('0');
    expect(formatMinor(10000n, 2)).toBe('100');
    expect(formatMinor(12345n, 2)).toBe('123.45');
    expect(formatMinor(12340n, 2)).toBe('123.40');
    expect(formatMinor(5n, 2)).toBe('0.05');
    expect(formatMinor(1500n, 0)).toBe('1500');
  });
});

describe('MTN scenarios', () => {
  const msisdn = (partyId: string) => resolveMtnScenario({ partyIdType: 'MSISDN', partyId });

  it('matches MTN numbers exactly and Malipo numbers on the last six digits', () => {
    expect(msisdn('46733123451').outcome).toEqual({ status: 'FAILED', reason: 'APPROVAL_REJECTED' });
    expect(msisdn('146733123451')).toBe(DEFAULT_MTN_SCENARIO);
    expect(msisdn('256772990001').id).toBe('slow-success');
    expect(msisdn('233244990002').id).toBe('success-no-callback');
    expect(msisdn('990007').id).toBe('not-enough-funds');
    expect(msisdn('56733123453')).toBe(DEFAULT_MTN_SCENARIO);
    expect(resolveMtnScenario({ partyIdType: 'EMAIL', partyId: '46733123451' })).toBe(DEFAULT_MTN_SCENARIO);
  });

  it('knows the account-holder cases', () => {
    expect(accountHolderCase('msisdn', '46733123450')).toEqual({ kind: 'not-found' });
    expect(accountHolderCase('msisdn', '46733123451')).toEqual({ kind: 'not-active' });
    expect(accountHolderCase('email', 'NotActive@email.com')).toEqual({ kind: 'not-active' });
    expect(accountHolderCase('party_code', '585c07a4-2c80-42f7-9e73-e586b36dee68')).toEqual({
      kind: 'error',
      httpStatus: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(accountHolderCase('msisdn', '256772123456')).toBeNull();
  });
});

describe('MTN validation', () => {
  it('accepts only UUID v4', () => {
    expect(isUuidV4('0f6b4a8e-5f0c-4a51-9a0e-3c1f2b7d9e11')).toBe(true);
    expect(isUuidV4('0f6b4a8e-5f0c-1a51-9a0e-3c1f2b7d9e11')).toBe(false);
    expect(isUuidV4('0f6b4a8e-5f0c-4a51-7a0e-3c1f2b7d9e11')).toBe(false);
    expect(isUuidV4('not-a-uuid')).toBe(false);
    expect(isUuidV4(undefined)).toBe(false);
  });

  it('validates a request-to-pay body', () => {
    const ok = { amount: '1', currency: 'EUR', payer: { partyIdType: 'MSISDN', partyId: '46733123450' } };
    expect(validateRequestToPay(ok)).toEqual({ ok: true, value: ok });
    expect(validateRequestToPay([])).toMatchObject({ ok: false, httpStatus: 400 });
    expect(validateRequestToPay({ ...ok, amount: 1 })).toMatchObject({ ok: false, httpStatus: 400 });
    expect(validateRequestToPay({ ...ok, payer: { partyIdType: 'ALIAS', partyId: 'x' } })).toMatchObject({ httpStatus: 400 });
    expect(validateRequestToPay({ ...ok, payer: { partyIdType: 'MSISDN', partyId: '+4673312345' } })).toMatchObject({ httpStatus: 400 });
    expect(validateRequestToPay({ ...ok, payer: { partyIdType: '', partyId: '' } })).toMatchObject({ httpStatus: 500 });
    expect(validateRequestToPay({ ...ok, payeeNote: 'a'.repeat(161) })).toMatchObject({ httpStatus: 400 });
    expect(validateRequestToPay({ ...ok, payerMessage: "it's" })).toMatchObject({ httpStatus: 400 });
    expect(validateRequestToPay({ ...ok, payerMessage: 'a'.repeat(160) }).ok).toBe(true);
  });

  it('normalizes provider callback hosts', () => {
    expect(normalizeHost('Example.com')).toBe('example.com');
    expect(normalizeHost('https://webhook.site/abc')).toBe('webhook.site');
    expect(normalizeHost('gateway.example:8443')).toBe('gateway.example');
    expect(normalizeHost('')).toBe('');
  });
});
