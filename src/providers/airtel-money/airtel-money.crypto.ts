// Airtel's two uses of its RSA public key (fact sheet §8, §9): message signing (x-signature / x-key)
// and the encrypted disbursement PIN. Pure functions over node:crypto; the randomness can be injected
// so the AES part can be checked against the fact sheet's test vector.
import { KeyObject, constants, createCipheriv, publicEncrypt, randomBytes } from 'node:crypto';
import type { AirtelRsaPadding } from './airtel-money.config';

export interface AirtelSignatureHeaders {
  'x-signature': string;
  'x-key': string;
}

/** A fresh AES-256 key and IV per message (tests pass fixed ones). */
export interface AirtelAesMaterial {
  key: Buffer;
  iv: Buffer;
}

/**
 * Message signing (§8):
 *  - x-signature = Base64( AES-256-CBC / PKCS#7 ( key, iv, UTF-8 of the exact JSON body string ) );
 *  - x-key = Base64( RSA-encrypt( Airtel's public key, base64(key) + ":" + base64(iv) ) ), padding per
 *    settings.pinPadding (PKCS#1 v1.5 or OAEP: the fact sheet's sources disagree).
 * `bodyText` must be byte for byte the body that is sent.
 */
export function signAirtelBody(
  bodyText: string,
  publicKey: KeyObject,
  padding: AirtelRsaPadding,
  material: AirtelAesMaterial = { key: randomBytes(32), iv: randomBytes(16) },
): AirtelSignatureHeaders {
  if (material.key.length !== 32 || material.iv.length !== 16) throw new Error('AES-256-CBC needs a 32-byte key and a 16-byte IV');
  const cipher = createCipheriv('aes-256-cbc', material.key, material.iv);
  const signature = Buffer.concat([cipher.update(bodyText, 'utf8'), cipher.final()]).toString('base64');
  const keyText = `${material.key.toString('base64')}:${material.iv.toString('base64')}`;
  return { 'x-signature': signature, 'x-key': rsaEncryptBase64(publicKey, padding, Buffer.from(keyText, 'utf8')) };
}

/** The disbursement PIN as Airtel wants it (§9): Base64( RSA-encrypt( public key, PIN digits ) ). */
export function encryptAirtelPin(pin: string, publicKey: KeyObject, padding: AirtelRsaPadding): string {
  return rsaEncryptBase64(publicKey, padding, Buffer.from(pin, 'utf8'));
}

function rsaEncryptBase64(publicKey: KeyObject, padding: AirtelRsaPadding, data: Buffer): string {
  const options =
    padding === 'oaep'
      ? { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }
      : { key: publicKey, padding: constants.RSA_PKCS1_PADDING };
  return publicEncrypt(options, data).toString('base64');
}
