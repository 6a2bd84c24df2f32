// The sandbox's RSA key pair (a new one at each start) and the Bearer check (fact sheet §1): the token must
// be base64( RSA PKCS#1 v1.5 ( public key, API key ) ). Node >= 20 refuses PKCS#1 v1.5 private decryption
// (CVE-2023-46809), so the raw RSA block is decrypted and the v1.5 padding checked here. Never throws.
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, timingSafeEqual, type KeyObject } from 'node:crypto';

export class VodacomKeys {
  /** Base64 DER SubjectPublicKeyInfo without armour, as the developer portal shows it. */
  readonly publicKeyBase64: string;
  readonly publicKeyPem: string;
  readonly bits: number;
  private readonly privateKey: KeyObject;

  /** The portal's key is 4096-bit; 2048 keeps starts fast and changes nothing for clients. */
  constructor(bits = 2048) {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    this.privateKey = pair.privateKey;
    this.publicKeyBase64 = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    this.publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.bits = bits;
  }

  /** What a Bearer token decrypts to, or null. */
  decryptToken(token: string): Buffer | null {
    const clean = token.trim();
    if (clean === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean)) return null;
    const raw = Buffer.from(clean, 'base64');
    const size = this.bits / 8;
    if (raw.length > size || raw.length < size - 8) return null;
    const block = raw.length === size ? raw : Buffer.concat([Buffer.alloc(size - raw.length), raw]);
    try {
      const em = privateDecrypt({ key: this.privateKey, padding: constants.RSA_NO_PADDING }, block);
      const separator = em.indexOf(0x00, 2);
      if (em[0] !== 0x00 || em[1] !== 0x02 || separator < 10) return null;
      return Buffer.from(em.subarray(separator + 1));
    } catch {
      return null;
    }
  }

  /** True when `authorization` is "Bearer <token>" and the token decrypts to exactly `apiKey`. */
  checkBearer(authorization: string | undefined, apiKey: string): boolean {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    const plain = token ? this.decryptToken(token) : null;
    const expected = Buffer.from(apiKey, 'utf8');
    return plain !== null && plain.length === expected.length && timingSafeEqual(plain, expected);
  }
}

/** Client side (what a merchant does), for specs: the Bearer for an API key and the portal's public key. */
export function vodacomBearer(publicKeyBase64OrPem: string, apiKey: string): string {
  const key = publicKeyBase64OrPem.includes('BEGIN') ? publicKeyBase64OrPem : `-----BEGIN PUBLIC KEY-----\n${publicKeyBase64OrPem}\n-----END PUBLIC KEY-----\n`;
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(apiKey, 'utf8')).toString('base64');
}
