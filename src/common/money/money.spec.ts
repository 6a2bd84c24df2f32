import { currencyExponent, isSupportedCurrency, SUPPORTED_CURRENCIES } from './currencies';
import { formatMinor, InvalidAmountError, MAX_MINOR_UNITS, parseAmount, UnsupportedCurrencyError } from './money';

describe('currencies', () => {
  it.each([
    ['UGX', 0], ['RWF', 0], ['XOF', 0], ['XAF', 0], ['GNF', 0], ['KMF', 0], ['BIF', 0], ['DJF', 0],
    ['MGA', 2], ['KES', 2], ['GHS', 2], ['ZMW', 2], ['MZN', 2], ['TZS', 2], ['MWK', 2], ['NGN', 2],
    ['CDF', 2], ['SLE', 2], ['LRD', 2], ['SSP', 2], ['SZL', 2], ['EGP', 2], ['MAD', 2], ['ZAR', 2],
    ['EUR', 2], ['USD', 2], ['GBP', 2], ['TND', 3], ['JOD', 3],
  ])('%s has exponent %i', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
    expect(isSupportedCurrency(code)).toBe(true);
  });

  it.each(['', 'ugx', 'XXX', 'constructor', '__proto__', 'toString', 'UGXX', ' UGX'])(
    'unknown code %p',
    (code) => {
      expect(currencyExponent(code)).toBeUndefined();
      expect(isSupportedCurrency(code)).toBe(false);
    },
  );

  it('is safe on non-string runtime values', () => {
    for (const v of [null, undefined, 0, {}, ['UGX']]) {
      expect(isSupportedCurrency(v)).toBe(false);
      expect(currencyExponent(v as unknown as string)).toBeUndefined();
    }
  });

  it('lists sorted codes with integer exponents 0..3', () => {
    expect([...SUPPORTED_CURRENCIES]).toEqual([...SUPPORTED_CURRENCIES].sort());
    for (const c of SUPPORTED_CURRENCIES) expect([0, 2, 3]).toContain(currencyExponent(c));
  });
});

describe('parseAmount', () => {
  it.each([
    ['1500', 'UGX', 1500n, '1500'],
    ['1', 'UGX', 1n, '1'],
    ['12.50', 'KES', 1250n, '12.50'],
    ['12.5', 'KES', 1250n, '12.50'],
    ['12', 'KES', 1200n, '12.00'],
    ['0.01', 'KES', 1n, '0.01'],
    ['0.5', 'GHS', 50n, '0.50'],
    ['100', 'XOF', 100n, '100'],
    ['1.005', 'TND', 1005n, '1.005'],
    ['1000.50', 'MGA', 100050n, '1000.50'],
    ['1000000000000000', 'UGX', 10n ** 15n, '1000000000000000'],
    ['10000000000000.00', 'KES', 10n ** 15n, '10000000000000.00'],
    ['9999999999999.99', 'KES', 999999999999999n, '9999999999999.99'],
  ])('%p %s → %p minor', (input, currency, minor, canonical) => {
    const parsed = parseAmount(input, currency);
    expect(parsed.minor).toBe(minor);
    expect(parsed.amount).toBe(canonical);
    expect(typeof parsed.minor).toBe('bigint');
  });

  const POSITIVE = 'amount must be a positive decimal string';
  it.each([
    ['', 'KES', 'malformed', POSITIVE],
    ['  ', 'KES', 'malformed', POSITIVE],
    [' 12', 'KES', 'malformed', POSITIVE],
    ['12 ', 'KES', 'malformed', POSITIVE],
    ['-1', 'KES', 'malformed', POSITIVE],
    ['+1', 'KES', 'malformed', POSITIVE],
    ['-0', 'KES', 'malformed', POSITIVE],
    ['1e3', 'KES', 'malformed', POSITIVE],
    ['1E3', 'UGX', 'malformed', POSITIVE],
    ['0x10', 'UGX', 'malformed', POSITIVE],
    ['1.', 'KES', 'malformed', POSITIVE],
    ['.5', 'KES', 'malformed', POSITIVE],
    ['1..5', 'KES', 'malformed', POSITIVE],
    ['1.2.3', 'KES', 'malformed', POSITIVE],
    ['1,500', 'UGX', 'malformed', POSITIVE],
    ['1 500', 'UGX', 'malformed', POSITIVE],
    ['12,50', 'KES', 'malformed', POSITIVE],
    ['١٢٣', 'UGX', 'malformed', POSITIVE],
    ['１２３', 'UGX', 'malformed', POSITIVE],
    ['Infinity', 'UGX', 'malformed', POSITIVE],
    ['NaN', 'UGX', 'malformed', POSITIVE],
    ['12\n', 'KES', 'malformed', POSITIVE],
    ['0', 'UGX', 'not_positive', 'amount must be greater than zero'],
    ['0', 'KES', 'not_positive', 'amount must be greater than zero'],
    ['0.00', 'KES', 'not_positive', 'amount must be greater than zero'],
    ['0.0', 'KES', 'not_positive', 'amount must be greater than zero'],
    ['007', 'UGX', 'leading_zeros', 'amount must not have leading zeros'],
    ['00', 'UGX', 'leading_zeros', 'amount must not have leading zeros'],
    ['01.50', 'KES', 'leading_zeros', 'amount must not have leading zeros'],
    ['12.345', 'KES', 'too_many_decimals', 'amount has more decimals than KES allows (2)'],
    ['12.500', 'KES', 'too_many_decimals', 'amount has more decimals than KES allows (2)'],
    ['1500.0', 'UGX', 'too_many_decimals', 'amount has more decimals than UGX allows (0)'],
    ['1500.00', 'UGX', 'too_many_decimals', 'amount has more decimals than UGX allows (0)'],
    ['0.5', 'XOF', 'too_many_decimals', 'amount has more decimals than XOF allows (0)'],
    ['1.0001', 'TND', 'too_many_decimals', 'amount has more decimals than TND allows (3)'],
    ['1000000000000001', 'UGX', 'too_large', 'amount is too large'],
    ['10000000000000.01', 'KES', 'too_large', 'amount is too large'],
    ['99999999999999999', 'UGX', 'too_large', 'amount is too large'],
    ['1208925819614629174706176', 'UGX', 'too_large', 'amount is too large'], // 2^80
    ['9'.repeat(10_000), 'KES', 'too_large', 'amount is too large'],
  ])('rejects %p %s (%s)', (input, currency, reason, message) => {
    expectAmountError(() => parseAmount(input, currency), reason, message);
  });

  it.each([
    [1500, 'amount must be a decimal string (e.g. "12.50"), not a number'],
    [12.5, 'amount must be a decimal string (e.g. "12.50"), not a number'],
    [1500n, 'amount must be a decimal string (e.g. "12.50"), not a number'],
    [null, POSITIVE],
    [undefined, POSITIVE],
    [{}, POSITIVE],
    [['1500'], POSITIVE],
    [true, POSITIVE],
  ])('rejects non-string runtime value %p', (value, message) => {
    expectAmountError(() => parseAmount(value as unknown as string, 'UGX'), 'not_a_string', message);
  });

  it.each(['ugx', 'XXX', '', 'constructor', null, 12])('rejects unsupported currency %p', (currency) => {
    expect(() => parseAmount('1500', currency as unknown as string)).toThrow(UnsupportedCurrencyError);
  });

  it('names a well-formed unknown currency, never echoes arbitrary input', () => {
    expect(() => parseAmount('1', 'XYZ')).toThrow('currency XYZ is not supported');
    expect(() => parseAmount('1', '<script>')).toThrow('currency must be a supported ISO 4217 code (e.g. "UGX", "KES")');
  });

  it('bounds are exact', () => {
    expect(MAX_MINOR_UNITS).toBe(1_000_000_000_000_000n);
    expect(MAX_MINOR_UNITS < BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(parseAmount('1000.000', 'TND').minor).toBe(1_000_000n);
    expect(() => parseAmount('1000000000000.001', 'TND')).toThrow('amount is too large');
  });
});

describe('formatMinor', () => {
  it.each([
    [1500n, 'UGX', '1500'],
    [0n, 'UGX', '0'],
    [1250n, 'KES', '12.50'],
    [1200n, 'KES', '12.00'],
    [5n, 'KES', '0.05'],
    [50n, 'KES', '0.50'],
    [0n, 'KES', '0.00'],
    [-1250n, 'KES', '-12.50'],
    [-5n, 'KES', '-0.05'],
    [1n, 'TND', '0.001'],
    [1005n, 'TND', '1.005'],
    [10n ** 15n, 'KES', '10000000000000.00'],
    [2n ** 80n, 'UGX', '1208925819614629174706176'],
  ])('%p %s → %p', (minor, currency, expected) => {
    expect(formatMinor(minor, currency)).toBe(expected);
  });

  it('round-trips with parseAmount', () => {
    for (const [s, c] of [['1500', 'UGX'], ['12.50', 'KES'], ['0.01', 'GHS'], ['7.250', 'JOD']]) {
      expect(formatMinor(parseAmount(s, c).minor, c)).toBe(s);
    }
  });

  it('rejects numbers and unknown currencies', () => {
    expect(() => formatMinor(1500 as unknown as bigint, 'UGX')).toThrow(TypeError);
    expect(() => formatMinor(1500n, 'ABC')).toThrow(UnsupportedCurrencyError);
  });
});

function expectAmountError(fn: () => unknown, reason: string, message: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidAmountError);
  const error = caught as InvalidAmountError;
  expect(error.reason).toBe(reason);
  expect(error.message).toBe(message);
  expect(error.field).toBe('amount');
}
