// The sandbox's RSA key pair (generated at each start) and what Airtel does with it (fact sheet §7, §8,
// §9): decrypting the disbursement PIN and the message-signing x-key, checking x-signature (AES-256-CBC
// of the exact body), and the callback `hash` (Base64 HMAC-SHA256). Node >= 20 refuses PKCS#1 v1.5
// private decryption (CVE-2023-46809), so v1.5 is done by hand: raw RSA, then the padding is checked here.
// Nothing here throws on bad input. The client-side helpers at the end are for tests and gateway specs.
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHmac,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

export type RsaPadding = 'pkcs1' | 'oaep-sha1' | 'oaep-sha256';

export interface RsaPlaintext {
  padding: RsaPadding;
  plaintext: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function fromBase64(text: unknown): Buffer | null {
  if (typeof text !== 'string') return null;
  const clean = text.replace(/\s+/g, '');
  if (clean === '' || clean.length % 4 === 1 || !BASE64.test(clean)) return null;
  return Buffer.from(clean, 'base64');
}

/** EME-PKCS1-v1_5 decoding: 00 02 PS(>= 8 non-zero bytes) 00 M. */
function unpadPkcs1(em: Buffer): Buffer | null {
  if (em.length < 11 || em[0] !== 0x00 || em[1] !== 0x02) return null;
  const separator = em.indexOf(0x00, 2);
  if (separator < 10) return null;
  return em.subarray(separator + 1);
}

export class AirtelKeys {
  readonly publicKeyPem: string;
  /** Base64 SPKI DER, as Airtel's portal and /v1/rsa/encryption-keys give it. */
  readonly publicKeyBase64: string;
  readonly modulusBytes: number;
  readonly keyId = 100;
  readonly validUpto: Date;
  private readonly privateKey: KeyObject;

  constructor(bits = 2048) {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    this.privateKey = pair.privateKey;
    this.publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.publicKeyBase64 = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    this.modulusBytes = bits / 8;
    this.validUpto = new Date(Date.now() + 365 * 86_400_000);
  }

  /**
   * Every plaintext a Base64 RSA ciphertext decrypts to, trying PKCS#1 v1.5 first, then OAEP (SHA-1, the
   * usual default, then SHA-256). Empty when nothing decrypts. More than one candidate is possible in
   * theory (an OAEP ciphertext passing the v1.5 check by chance), so callers test each.
   */
  decrypt(ciphertextBase64: unknown): RsaPlaintext[] {
    const raw = fromBase64(ciphertextBase64);
    if (!raw || raw.length > this.modulusBytes || raw.length < this.modulusBytes - 8) return [];
    const block = raw.length === this.modulusBytes ? raw : Buffer.concat([Buffer.alloc(this.modulusBytes - raw.length), raw]);
    const found: RsaPlaintext[] = [];
    try {
      const em = privateDecrypt({ key: this.privateKey, padding: constants.RSA_NO_PADDING }, block);
      const message = unpadPkcs1(em);
      if (message) found.push({ padding: 'pkcs1', plaintext: Buffer.from(message) });
    } catch {
      // ciphertext out of range: nothing decrypts it
    }
    for (const [padding, oaepHash] of [
      ['oaep-sha1', 'sha1'],
      ['oaep-sha256', 'sha256'],
    ] as const) {
      try {
        const plaintext = privateDecrypt({ key: this.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, block);
        found.push({ padding, plaintext });
      } catch {
        // not this padding
      }
    }
    return found;
  }

  /** The PIN check of a disbursement: which padding carried the expected PIN, or why not. */
  checkPin(pinBase64: unknown, expected: string): { ok: true; padding: RsaPadding } | { ok: false; reason: 'undecryptable' | 'wrong-pin' } {
    const candidates = this.decrypt(pinBase64);
    if (candidates.length === 0) return { ok: false, reason: 'undecryptable' };
    const match = candidates.find((c) => c.plaintext.toString('utf8') === expected);
    return match ? { ok: true, padding: match.padding } : { ok: false, reason: 'wrong-pin' };
  }

  /**
   * Message signing (§8): x-key = RSA(base64(aesKey) + ":" + base64(iv)); x-signature = Base64 of
   * AES-256-CBC/PKCS7 of the exact body bytes. True when the signature decrypts to exactly the body.
   */
  verifySignature(body: Buffer, xSignature: string, xKey: string): { ok: true; padding: RsaPadding } | { ok: false; reason: string } {
    const signature = fromBase64(xSignature);
    if (!signature || signature.length === 0 || signature.length % 16 !== 0) return { ok: false, reason: 'x-signature is not Base64 AES-CBC output' };
    const candidates = this.decrypt(xKey);
    if (candidates.length === 0) return { ok: false, reason: 'x-key does not decrypt with the sandbox private key' };
    for (const candidate of candidates) {
      const parts = /^([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$/.exec(candidate.plaintext.toString('utf8').trim());
      const key = parts ? fromBase64(parts[1]) : null;
      const iv = parts ? fromBase64(parts[2]) : null;
      if (!key || !iv || key.length !== 32 || iv.length !== 16) continue;
      try {
        const decipher = createDecipheriv('aes-256-cbc', key, iv);
        const plain = Buffer.concat([decipher.update(signature), decipher.final()]);
        if (plain.equals(body)) return { ok: true, padding: candidate.padding };
        return { ok: false, reason: 'x-signature does not match the payload' };
      } catch {
        return { ok: false, reason: 'x-signature does not decrypt with the key in x-key' };
      }
    }
    return { ok: false, reason: 'x-key does not hold base64(key):base64(iv) of AES-256' };
  }
}

/** The callback `hash`: Base64( HMAC-SHA256( key = secret as UTF-8, message = the JSON text as UTF-8 ) ). */
export function callbackHash(secret: string, message: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('base64');
}

// ---- client side (what a merchant does), for specs and the gateway's tests ----

/** RSA-encrypts with a public key (PEM or Airtel's Base64 SPKI) and returns Base64. */
export function rsaEncrypt(publicKey: string, plaintext: string, padding: 'pkcs1' | 'oaep' = 'pkcs1'): string {
  const key = publicKey.includes('BEGIN') ? publicKey : `-----BEGIN PUBLIC KEY-----\n${publicKey}\n-----END PUBLIC KEY-----\n`;
  return publicEncrypt(
    { key, padding: padding === 'pkcs1' ? constants.RSA_PKCS1_PADDING : constants.RSA_PKCS1_OAEP_PADDING },
    Buffer.from(plaintext, 'utf8'),
  ).toString('base64');
}

/** x-signature and x-key for a body string, with a fresh AES key and IV (§8). */
export function signBody(publicKey: string, body: string, padding: 'pkcs1' | 'oaep' = 'pkcs1'): { 'x-signature': string; 'x-key': string } {
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const signature = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]).toString('base64');
  return { 'x-signature': signature, 'x-key': rsaEncrypt(publicKey, `${key.toString('base64')}:${iv.toString('base64')}`, padding) };
}
