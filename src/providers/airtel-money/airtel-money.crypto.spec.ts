import { createPublicKey } from 'node:crypto';
import { encryptAirtelPin, signAirtelBody } from './airtel-money.crypto';
import { decryptSignature, rsaDecrypt, testKeyPair } from './testing/airtel-money.fixtures';

// The fact sheet's test vector (§8), taken from Airtel's documentation (note the space in "test_id ").
const VECTOR = {
  key: 'PSw37xtnShLl7zgWn4dLSnf1J5GRhRsOD4OfvJOuLIM=',
  iv: 'gGIhDvCBnSBhBgYiXCyMnw==',
  body: '{"reference":"1234","subscriber":{"country":"UG","currency":"UGX","msisdn":"752604392"},"transaction":{"amount":"100","country":"UG","currency":"UGX","id":"test_id "}}',
  signature:
    'bDOsVGZzbK0P5jO/M5QVMH/qxSmRJLEvIPZCdW6H81xvsZNI6jZej54oBQlHZ38yy63QNeyyYcfEkGJ8f3f15wHWs86V9BCIpHSesS3SrhozE/gGA1fLydeSS26mw0jhyt9XIpabk1RjDH59SfsrkHKU38I5mRlthG/t2qXJck0FhNR64bgOExm9CsuxUlfpsSoW1g81g1u5a4yMFIHhp77f+h3EXNHzcEsdSWhqTho=',
};

describe('Airtel message signing (x-signature / x-key)', () => {
  const pair = testKeyPair();
  const publicKey = createPublicKey(pair.publicPem);

  it('x-signature matches the fact sheet test vector (AES-256-CBC of the exact body)', () => {
    const headers = signAirtelBody(VECTOR.body, publicKey, 'pkcs1', { key: Buffer.from(VECTOR.key, 'base64'), iv: Buffer.from(VECTOR.iv, 'base64') });
    expect(headers['x-signature']).toBe(VECTOR.signature);
  });

  it.each(['pkcs1', 'oaep'] as const)('x-key carries base64(key):base64(iv), RSA-encrypted (%s): round trip with a local key pair', (padding) => {
    const material = { key: Buffer.from(VECTOR.key, 'base64'), iv: Buffer.from(VECTOR.iv, 'base64') };
    const headers = signAirtelBody(VECTOR.body, publicKey, padding, material);
    expect(Buffer.from(headers['x-key'], 'base64')).toHaveLength(128);
    expect(rsaDecrypt(headers['x-key'], pair.privateKey, padding)).toBe(`${VECTOR.key}:${VECTOR.iv}`);
    expect(decryptSignature(headers, pair.privateKey, padding)).toBe(VECTOR.body);
  });

  it('uses a fresh random key and IV per message', () => {
    const a = signAirtelBody(VECTOR.body, publicKey, 'pkcs1');
    const b = signAirtelBody(VECTOR.body, publicKey, 'pkcs1');
    expect(a['x-signature']).not.toBe(b['x-signature']);
    expect(decryptSignature(a, pair.privateKey, 'pkcs1')).toBe(VECTOR.body);
    expect(decryptSignature(b, pair.privateKey, 'pkcs1')).toBe(VECTOR.body);
  });

  it('signs UTF-8 bytes of the text', () => {
    const body = '{"reference":"Café Ünïcode"}';
    expect(decryptSignature(signAirtelBody(body, publicKey, 'oaep'), pair.privateKey, 'oaep')).toBe(body);
  });

  it('refuses AES material of the wrong size', () => {
    expect(() => signAirtelBody('{}', publicKey, 'pkcs1', { key: Buffer.alloc(16), iv: Buffer.alloc(16) })).toThrow('32-byte key');
  });
});

describe('encryptAirtelPin', () => {
  const pair = testKeyPair();
  const publicKey = createPublicKey(pair.publicPem);

  it.each(['pkcs1', 'oaep'] as const)('RSA-encrypts the PIN digits, base64 (%s); 1024-bit key → 172 characters', (padding) => {
    const encrypted = encryptAirtelPin('4827', publicKey, padding);
    expect(encrypted).toHaveLength(172);
    expect(rsaDecrypt(encrypted, pair.privateKey, padding)).toBe('4827');
    expect(encryptAirtelPin('4827', publicKey, padding)).not.toBe(encrypted); // randomised padding
  });

  it('pkcs1 and oaep ciphertexts are not interchangeable', () => {
    expect(() => rsaDecrypt(encryptAirtelPin('4827', publicKey, 'pkcs1'), pair.privateKey, 'oaep')).toThrow();
  });
});
