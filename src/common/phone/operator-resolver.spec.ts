import { PROVIDER_IDS } from '../../providers/provider.port';
import { countriesForProvider, listCountries, resolveOperator } from './operator-resolver';
import { normalizeMsisdn } from './phone';

/** Normalize like the API does, then resolve. */
const resolve = (phone: string, country?: string) => resolveOperator(normalizeMsisdn(phone, country));

describe('resolveOperator: routing cases', () => {
  it.each([
    // Uganda: MTN vs Airtel, no portability
    ['0772 123456', 'UG', 'MTN Uganda', 'mtn-momo'],
    ['0762 123456', 'UG', 'MTN Uganda', 'mtn-momo'],
    ['0790 123456', 'UG', 'MTN Uganda', 'mtn-momo'],
    ['0724 123456', 'UG', 'MTN Uganda', 'mtn-momo'],
    ['0701 123456', 'UG', 'Airtel Uganda', 'airtel-money'],
    ['0752 123456', 'UG', 'Airtel Uganda', 'airtel-money'],
    ['0744 123456', 'UG', 'Airtel Uganda', 'airtel-money'],
    ['0795 123456', 'UG', 'Airtel Uganda', 'airtel-money'],
    // Kenya: Safaricom (M-Pesa Daraja) vs Airtel, including the 01xx ranges
    ['0712 345678', 'KE', 'Safaricom', 'mpesa-daraja'],
    ['0110 123456', 'KE', 'Safaricom', 'mpesa-daraja'],
    ['0111 123456', 'KE', 'Safaricom', 'mpesa-daraja'],
    ['0733 123456', 'KE', 'Airtel Kenya', 'airtel-money'],
    ['0100 123456', 'KE', 'Airtel Kenya', 'airtel-money'],
    // Mozambique: Vodacom (M-Pesa) 84/85 only
    ['84 123 4567', 'MZ', 'Vodacom Moçambique', 'mpesa-vodacom'],
    ['85 123 4567', 'MZ', 'Vodacom Moçambique', 'mpesa-vodacom'],
    // Côte d'Ivoire: 07 Orange, 05 MTN (the 0 is part of the NSN)
    ['+225 07 12 34 56 78', undefined, 'Orange Côte d\'Ivoire', 'orange-money'],
    ['+225 05 12 34 56 78', undefined, 'MTN Côte d\'Ivoire', 'mtn-momo'],
    // Ghana
    ['024 123 4567', 'GH', 'MTN Ghana', 'mtn-momo'],
    ['059 123 4567', 'GH', 'MTN Ghana', 'mtn-momo'],
  ])('%p %p → %s / %s', (phone, country, operator, provider) => {
    expect(resolve(phone, country)).toMatchObject({ operator, provider, confidence: 'prefix', candidateProvider: null });
  });

  it.each([
    // Known operators whose wallets we do not integrate: provider null, never another provider
    ['82 123 4567', 'MZ', 'Tmcel (ex-mcel)'],
    ['86 123 4567', 'MZ', 'Movitel'],
    ['0772 123456', 'KE', 'Telkom Kenya'], // T-Kash
    ['020 123 4567', 'GH', 'Telecel Ghana (ex-Vodafone Ghana)'],
    ['026 123 4567', 'GH', 'AT Ghana (ex-AirtelTigo, state-owned)'], // AT is not Airtel
    ['0712 123456', 'UG', 'Uganda Telecom (UTL)'],
    ['0754 123456', 'TZ', 'Vodacom Tanzania'], // its M-Pesa is not our mpesa-vodacom (MZ)
    ['+225 01 12 34 56 78', undefined, "Moov Africa Côte d'Ivoire"],
  ])('%p %p → %s, provider null', (phone, country, operator) => {
    expect(resolve(phone, country)).toMatchObject({ operator, provider: null, confidence: 'prefix', candidateProvider: null });
  });

  it('carries portability from the country', () => {
    expect(resolve('0712345678', 'KE').portability).toBe(true);
    expect(resolve('0772123456', 'UG').portability).toBe(false);
    expect(resolve('+2250712345678').portability).toBe(true);
  });

  it.each([
    ['KE', '749123456', 'Safaricom', 'mpesa-daraja'], // unverifiedPrefixes
    ['UG', '393123456', 'MTN Uganda', 'mtn-momo'], // fixed 3Y block, unverifiedPrefixes
    ['GN', '661234567', 'Areeba Guinée (ex-MTN Guinea)', 'mtn-momo'], // operator unverified: true
    ['TN', '51234567', 'Orange Tunisie', 'orange-money'],
    ['GA', '60123456', 'Moov Africa Gabon Telecom (Moov + Libertis)', null],
  ])('%s %s → unverified, never auto-routed', (country, nationalNumber, operator, candidate) => {
    expect(resolveOperator({ country, nationalNumber })).toEqual({
      country,
      operator,
      provider: null,
      portability: expect.any(Boolean),
      confidence: 'unverified',
      candidateProvider: candidate,
    });
  });

  it('accepts E.164 digits with or without +', () => {
    for (const n of ['256772123456', '+256772123456']) {
      expect(resolveOperator(n)).toMatchObject({ country: 'UG', operator: 'MTN Uganda', provider: 'mtn-momo' });
    }
    expect(resolveOperator('2250712345678')).toMatchObject({ country: 'CI', provider: 'orange-money' });
    expect(resolveOperator('258841234567')).toMatchObject({ country: 'MZ', provider: 'mpesa-vodacom' });
  });

  it.each([
    ['UG', '412345678'], // fixed line range, no operator
    ['FR', '612345678'], // country not in the sheet
    ['', '772123456'],
    ['UG', ''],
  ])('%p %p → none', (country, nationalNumber) => {
    expect(resolveOperator({ country, nationalNumber })).toMatchObject({
      operator: null,
      provider: null,
      confidence: 'none',
    });
  });

  it('returns none for a non-sheet country given as E.164', () => {
    expect(resolveOperator('33612345678')).toEqual({
      country: 'FR',
      operator: null,
      provider: null,
      portability: false,
      confidence: 'none',
      candidateProvider: null,
    });
  });

  it.each(['', 'abc', '0772 123 456', '12', '1'.repeat(16)])('rejects malformed E.164 %p', (msisdn) => {
    expect(() => resolveOperator(msisdn)).toThrow(TypeError);
  });
});

describe('countriesForProvider / listCountries', () => {
  it('maps providers to countries by verified prefixes only', () => {
    expect(countriesForProvider('mpesa-daraja')).toEqual(['KE']);
    expect(countriesForProvider('mpesa-vodacom')).toEqual(['MZ']);
    expect(countriesForProvider('mtn-momo')).toEqual(expect.arrayContaining(['UG', 'GH', 'CI', 'ZA', 'NG']));
    expect(countriesForProvider('mtn-momo')).not.toContain('GN'); // Areeba, unverified
    expect(countriesForProvider('orange-money')).not.toContain('TN'); // unverified reach
    expect(countriesForProvider('airtel-money')).toEqual(expect.arrayContaining(['UG', 'KE', 'TZ', 'CG']));
    expect(countriesForProvider('airtel-money')).not.toContain('GH');
  });

  it('lists every sheet country once, with its calling code', () => {
    const countries = listCountries();
    expect(countries).toHaveLength(43);
    expect(new Set(countries.map((c) => c.country)).size).toBe(43);
    expect(countries.find((c) => c.country === 'UG')).toEqual({
      country: 'UG',
      name: 'Uganda',
      callingCode: '256',
      portability: false,
      providers: expect.arrayContaining(['mtn-momo', 'airtel-money']),
    });
    for (const c of countries) for (const p of c.providers) expect(PROVIDER_IDS).toContain(p);
  });
});
