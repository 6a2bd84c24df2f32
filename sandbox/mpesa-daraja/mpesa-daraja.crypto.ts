// The sandbox's stand-in for Safaricom's public certificate (fact sheet §6): an RSA 2048 key pair made at
// each start and a self-signed X.509 v3 certificate over it (DER built here, signed sha256WithRSA with
// node:crypto; no key is ever committed). The gateway encrypts the initiator password with the
// certificate's public key, PKCS#1 v1.5, Base64: that is the SecurityCredential checked here. Node >= 20
// refuses PKCS#1 v1.5 private decryption (CVE-2023-46809), so it is done by hand: raw RSA, then the
// padding is checked here. Nothing here throws on bad input.
import {
  constants,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';

// ---- minimal DER ----
function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    len = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const seq = (...c: Buffer[]): Buffer => der(0x30, ...c);
const set = (...c: Buffer[]): Buffer => der(0x31, ...c);
const NULL = Buffer.from([0x05, 0x00]);

function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && ((b[1] ?? 0) & 0x80) === 0) b = b.subarray(1);
  return der(0x02, (b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // yyyyMMddHHmmss
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`));
}

function name(cn: string): Buffer {
  const rdn = (type: string, value: Buffer): Buffer => set(seq(oid(type), value));
  return seq(
    rdn('2.5.4.6', der(0x13, Buffer.from('KE'))),
    rdn('2.5.4.10', der(0x0c, Buffer.from('Malipo provider sandbox (TEST ONLY)'))),
    rdn('2.5.4.3', der(0x0c, Buffer.from(cn))),
  );
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** A self-signed X.509 v3 certificate (PEM) for the key pair, valid from a day ago for five years. */
export function selfSignedCertificate(publicKey: KeyObject, privateKey: KeyObject, commonName: string): string {
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const algorithm = seq(oid(SHA256_WITH_RSA), NULL);
  const subject = name(commonName);
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    subject,
    seq(time(new Date(now - 86_400_000)), time(new Date(now + 5 * 365 * 86_400_000))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const cert = seq(tbs, algorithm, der(0x03, Buffer.from([0]), signature));
  const lines = cert.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

// ---- SecurityCredential ----
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** EME-PKCS1-v1_5 decoding: 00 02 PS(>= 8 non-zero bytes) 00 M. */
function unpadPkcs1(em: Buffer): Buffer | null {
  if (em.length < 11 || em[0] !== 0x00 || em[1] !== 0x02) return null;
  const separator = em.indexOf(0x00, 2);
  return separator < 10 ? null : em.subarray(separator + 1);
}

/** Why a SecurityCredential was refused (kept on records), or 'ok'. */
export type CredentialCheck = 'ok' | 'unknown-initiator' | 'not-base64' | 'undecryptable' | 'oaep-padding' | 'wrong-password';

export class DarajaKeys {
  readonly certificatePem: string;
  readonly publicKeyPem: string;
  /** SHA-256 of the certificate DER, colon-separated hex (as X509Certificate.fingerprint256 shows it). */
  readonly fingerprint256: string;
  readonly validFrom: string;
  readonly validTo: string;
  private readonly privateKey: KeyObject;
  private readonly modulusBytes = 256;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.certificatePem = selfSignedCertificate(pair.publicKey, pair.privateKey, 'apisandbox.malipo.test (Daraja emulation)');
    const x509 = new X509Certificate(this.certificatePem);
    this.fingerprint256 = x509.fingerprint256;
    this.validFrom = x509.validFrom;
    this.validTo = x509.validTo;
  }

  /** The plaintext of a Base64 PKCS#1 v1.5 ciphertext, or why there is none. */
  decrypt(credential: unknown): { ok: true; plaintext: string } | { ok: false; reason: Exclude<CredentialCheck, 'ok' | 'wrong-password'> } {
    const clean = typeof credential === 'string' ? credential.replace(/\s+/g, '') : '';
    if (clean === '' || clean.length % 4 === 1 || !BASE64.test(clean)) return { ok: false, reason: 'not-base64' };
    const raw = Buffer.from(clean, 'base64');
    if (raw.length > this.modulusBytes || raw.length < this.modulusBytes - 8) return { ok: false, reason: 'undecryptable' };
    const block = Buffer.concat([Buffer.alloc(this.modulusBytes - raw.length), raw]);
    try {
      const message = unpadPkcs1(privateDecrypt({ key: this.privateKey, padding: constants.RSA_NO_PADDING }, block));
      if (message) return { ok: true, plaintext: message.toString('utf8') };
    } catch {
      // out of range for the modulus
    }
    try {
      privateDecrypt({ key: this.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, block);
      return { ok: false, reason: 'oaep-padding' };
    } catch {
      return { ok: false, reason: 'undecryptable' };
    }
  }

  /** The SecurityCredential rule: PKCS#1 v1.5 of exactly the initiator password. */
  checkCredential(credential: unknown, password: string): CredentialCheck {
    const result = this.decrypt(credential);
    if (!result.ok) return result.reason;
    return result.plaintext === password ? 'ok' : 'wrong-password';
  }
}

// ---- what a merchant does (specs, gateway tests) ----

/** STK Password: base64(BusinessShortCode + Passkey + Timestamp). */
export function stkPassword(shortCode: string, passkey: string, timestamp: string): string {
  return Buffer.from(`${shortCode}${passkey}${timestamp}`, 'utf8').toString('base64');
}

/** SecurityCredential: RSA PKCS#1 v1.5 with the certificate's (or a PEM public key's) key, Base64. */
export function securityCredential(certificateOrKeyPem: string, initiatorPassword: string, padding: 'pkcs1' | 'oaep' = 'pkcs1'): string {
  return publicEncrypt(
    { key: certificateOrKeyPem, padding: padding === 'pkcs1' ? constants.RSA_PKCS1_PADDING : constants.RSA_PKCS1_OAEP_PADDING },
    Buffer.from(initiatorPassword, 'utf8'),
  ).toString('base64');
}

/** v1 C2B notifications carry the MSISDN as SHA-256 hex (fact sheet §5, library comments). */
export function msisdnHash(msisdn: string): string {
  return createHash('sha256').update(msisdn, 'utf8').digest('hex');
}
