import { callingCodeOf, InvalidPhoneNumberError, maskMsisdn, normalizeMsisdn } from './phone';

const UG = { msisdn: '256772123456', country: 'UG', nationalNumber: '772123456' };

describe('normalizeMsisdn: accepted forms', () => {
  it.each([
    ['0772 123 456', 'UG'],
    ['0772123456', 'UG'],
    ['772123456', 'UG'],
    ['+256772123456', 'UG'],
    ['+256 772 123 456', 'UG'],
    ['256772123456', 'UG'],
    ['0772-123-456', 'UG'],
    ['(0772) 123456', 'UG'],
    ['0772.123.456', 'UG'],
    ['00256772123456', 'UG'],
    ['  0772 123 456  ', 'UG'],
    ['0772\u00a0123\u00a0456', 'UG'],
    ['+256772123456', undefined],
    ['256772123456', undefined],
    ['00256772123456', undefined],
    ['+256 (772) 123-456', undefined],
    ['0772 123 456', 'ug'],
  ])('%p (country %p)', (input, country) => {
    expect(normalizeMsisdn(input, country)).toEqual(UG);
  });

  it.each([
    ['0712 345 678', 'KE', { msisdn: '254712345678', country: 'KE', nationalNumber: '712345678' }],
    ['0110 123 456', 'KE', { msisdn: '254110123456', country: 'KE', nationalNumber: '110123456' }],
    ['024 123 4567', 'GH', { msisdn: '233241234567', country: 'GH', nationalNumber: '241234567' }],
    // Côte d'Ivoire and Benin: the leading 0 is part of the NSN and stays there.
    ['07 12 34 56 78', 'CI', { msisdn: '2250712345678', country: 'CI', nationalNumber: '0712345678' }],
    ['+225 07 12 34 56 78', undefined, { msisdn: '2250712345678', country: 'CI', nationalNumber: '0712345678' }],
    ['01 96 12 34 56', 'BJ', { msisdn: '2290196123456', country: 'BJ', nationalNumber: '0196123456' }],
    ['06 612 3456', 'CG', { msisdn: '242066123456', country: 'CG', nationalNumber: '066123456' }],
    // Gabon: national dialling keeps a 0 that international drops.
    ['074 12 34 56', 'GA', { msisdn: '24174123456', country: 'GA', nationalNumber: '74123456' }],
    ['84 123 4567', 'MZ', { msisdn: '258841234567', country: 'MZ', nationalNumber: '841234567' }],
  ])('%p (country %p)', (input, country, expected) => {
    expect(normalizeMsisdn(input, country)).toEqual(expected);
  });
});

describe('normalizeMsisdn: rejected input', () => {
  it.each([
    ['', 'UG', 'empty', 'phoneNumber must not be empty'],
    ['   ', 'UG', 'empty', 'phoneNumber must not be empty'],
    ['0772 123 456 0772 123 456 0772 123', 'UG', 'too_long', 'phoneNumber is too long'],
    ['9'.repeat(100_000), 'UG', 'too_long', 'phoneNumber is too long'],
    ['0772abc456', 'UG', 'bad_characters', expect.stringContaining('may contain only digits')],
    ['0772 123 456 ext 1', 'UG', 'bad_characters', expect.stringContaining('may contain only digits')],
    ['+256+772123456', 'UG', 'bad_characters', expect.stringContaining('may contain only digits')],
    ['0772#123456', 'UG', 'bad_characters', expect.stringContaining('may contain only digits')],
    ['٠٧٧٢١٢٣٤٥٦', 'UG', 'bad_characters', expect.stringContaining('may contain only digits')],
    ['-1', 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'],
    ['123', 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'],
    ['0772 123 45', 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'],
    ['0772 123 4567', 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'],
    ['0000000000', 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'],
    ['9'.repeat(18), 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'],
    ['+999 772123456', undefined, 'invalid', 'phoneNumber is not a valid mobile number'],
    ['0772 123 456', undefined, 'invalid', expect.stringContaining('must be in international format')],
    // Ugandan fixed line (Kampala 0414…) and MTN's fixed 3Y block: valid numbers, not mobiles.
    ['0414 123 456', 'UG', 'not_mobile', 'phoneNumber is not a mobile number'],
    ['+256414123456', undefined, 'not_mobile', 'phoneNumber is not a mobile number'],
    ['256414123456', 'UG', 'not_mobile', 'phoneNumber is not a mobile number'],
    ['0393 123 456', 'UG', 'not_mobile', 'phoneNumber is not a mobile number'],
    // A number of another country is never silently accepted.
    ['+254712345678', 'UG', 'wrong_country', 'phoneNumber is not a UG number'],
    ['254712345678', 'UG', 'wrong_country', 'phoneNumber is not a UG number'],
    ['00254712345678', 'UG', 'wrong_country', 'phoneNumber is not a UG number'],
    ['+256772123456', 'KE', 'wrong_country', 'phoneNumber is not a KE number'],
    ['+25471234', 'UG', 'wrong_country', 'phoneNumber is not a UG number'], // explicit +254, even if invalid
    ['+2547', 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'], // too short to parse
    ['12345678', 'UG', 'invalid', 'phoneNumber is not a valid UG mobile number'], // not read as +1 2345678
  ])('%p (country %p) → %s', (input, country, reason, message) => {
    expectPhoneError(() => normalizeMsisdn(input, country), reason, message);
  });

  it.each([null, undefined, 256772123456, {}, ['0772123456']])('rejects non-string %p', (value) => {
    expectPhoneError(() => normalizeMsisdn(value as unknown as string, 'UG'), 'not_a_string', 'phoneNumber must be a string');
  });

  it.each(['', 'XX', 'UGA', 'U', '12', 'constructor'])('rejects country %p', (country) => {
    expectPhoneError(
      () => normalizeMsisdn('0772123456', country),
      'invalid_country',
      'country must be a supported ISO 3166-1 alpha-2 code',
    );
  });
});

describe('maskMsisdn', () => {
  it.each([
    ['256772123456', '256******456'],
    ['+256772123456', '256******456'],
    ['2250712345678', '225*******678'],
    ['254712345678', '254******678'],
    ['27731234567', '27******567'],
    ['12025550123', '1*******123'],
    ['2481234567', '248****567'],
    ['256123', '256***'],
    ['', '***'],
    ['12345', '***'],
    ['0772 123 456', '***'],
    ['abc', '***'],
  ])('%p → %p', (input, expected) => {
    expect(maskMsisdn(input)).toBe(expected);
  });

  it('never throws on non-strings', () => {
    for (const v of [null, undefined, 256772123456, {}]) expect(maskMsisdn(v as unknown as string)).toBe('***');
  });
});

describe('callingCodeOf', () => {
  it.each([
    ['256772123456', '256'],
    ['27731234567', '27'],
    ['12025550123', '1'],
    ['2250712345678', '225'],
    ['999123', undefined],
  ])('%p → %p', (msisdn, code) => {
    expect(callingCodeOf(msisdn)).toBe(code);
  });
});

function expectPhoneError(fn: () => unknown, reason: string, message: unknown): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidPhoneNumberError);
  expect(caught).toMatchObject({ reason, message, field: 'phoneNumber' });
}
