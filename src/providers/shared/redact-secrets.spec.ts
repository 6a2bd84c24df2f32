import { REDACTED, looksSecret, redactHeaders, redactSecrets, shortenUrl } from './operator-http';

describe('redactSecrets', () => {
  it('replaces the value of every secret-looking field, at any depth, case-insensitively', () => {
    const input = {
      amount: '100',
      payer: { partyIdType: 'MSISDN', partyId: '256772123456' },
      apiKey: 'k-123456',
      Password: 'p4ssw0rd!',
      SecurityCredential: 'cred-abcdef',
      PIN: '1234',
      access_token: 'eyJ.token.value',
      client_secret: 'shh-secret',
      nested: [{ Signature: 'sig-value' }, { authorization: 'Bearer xyz-token' }],
    };
    const out = redactSecrets(input);
    expect(out.amount).toBe('100');
    expect(out.payer).toEqual({ partyIdType: 'MSISDN', partyId: '256772123456' });
    for (const field of ['apiKey', 'Password', 'SecurityCredential', 'PIN', 'access_token', 'client_secret'] as const) {
      expect(out[field]).toBe(REDACTED);
    }
    expect(out.nested).toEqual([{ Signature: REDACTED }, { authorization: REDACTED }]);
    const text = JSON.stringify(out);
    for (const secret of ['k-123456', 'p4ssw0rd!', 'cred-abcdef', 'eyJ.token.value', 'shh-secret', 'sig-value', 'xyz-token']) {
      expect(text).not.toContain(secret);
    }
  });

  it('scrubs known secret values wherever they appear in strings', () => {
    const out = redactSecrets({ message: 'user abc-user-id with key SUBKEY123 refused', list: ['SUBKEY123'] }, [
      'abc-user-id',
      'SUBKEY123',
    ]);
    expect(JSON.stringify(out)).not.toMatch(/abc-user-id|SUBKEY123/);
    expect(out.message).toBe(`user ${REDACTED} with key ${REDACTED} refused`);
  });

  it('redacts secret fields of form-encoded strings', () => {
    expect(redactSecrets('grant_type=client_credentials&client_secret=abc&pin=9999')).toBe(
      `grant_type=client_credentials&client_secret=${REDACTED}&pin=${REDACTED}`,
    );
  });

  it('does not mutate its input and keeps non-objects as they are', () => {
    const input = { apiKey: 'secret-value', n: 1 };
    redactSecrets(input);
    expect(input.apiKey).toBe('secret-value');
    expect(redactSecrets(42)).toBe(42);
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets(undefined)).toBeUndefined();
  });

  it('cuts very long strings', () => {
    const out = redactSecrets('x'.repeat(10000));
    expect(out.length).toBeLessThan(5000);
  });

  it('ignores secret values too short to be scrubbed safely', () => {
    expect(redactSecrets('a b c', ['a'])).toBe('a b c');
  });
});

describe('redactHeaders / shortenUrl / looksSecret', () => {
  it('redacts Authorization, Ocp-Apim-Subscription-Key and secret-looking headers only', () => {
    const out = redactHeaders(
      {
        Authorization: 'Bearer abc.def.ghi',
        'Ocp-Apim-Subscription-Key': 'sub-key-1',
        'X-Api-Token': 'tok',
        'X-Reference-Id': '7c1a2e9e-1111-4aaa-8bbb-123456789abc',
        'X-Target-Environment': 'sandbox',
        'Content-Length': 0,
        'X-Callback-Url': 'https://hooks.example/cb/SECRETTOKEN1',
      },
      ['SECRETTOKEN1'],
    );
    expect(out).toEqual({
      Authorization: REDACTED,
      'Ocp-Apim-Subscription-Key': REDACTED,
      'X-Api-Token': REDACTED,
      'X-Reference-Id': '7c1a2e9e-1111-4aaa-8bbb-123456789abc',
      'X-Target-Environment': 'sandbox',
      'Content-Length': '0',
      'X-Callback-Url': `https://hooks.example/cb/${REDACTED}`,
    });
  });

  it('keeps only the path of a URL', () => {
    expect(shortenUrl('https://sandbox.momodeveloper.mtn.com/collection/v1_0/requesttopay?subscription-key=abc')).toBe(
      '/collection/v1_0/requesttopay',
    );
    expect(shortenUrl('not a url?x=1')).toBe('not a url');
  });

  it.each(['apiKey', 'Ocp-Apim-Subscription-Key', 'client_secret', 'Password', 'pin', 'access_token', 'SecurityCredential', 'x-signature', 'Authorization'])(
    '%s looks secret',
    (name) => expect(looksSecret(name)).toBe(true),
  );

  it.each(['amount', 'currency', 'externalId', 'partyId', 'payerMessage', 'X-Reference-Id', 'status', 'reason'])(
    '%s does not look secret',
    (name) => expect(looksSecret(name)).toBe(false),
  );
});
