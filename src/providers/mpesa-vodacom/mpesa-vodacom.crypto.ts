// The Bearer of every /ipg/v1x/ call (fact sheet §1): base64( RSA-encrypt PKCS#1 v1.5 ( public key, API key ) ).
// There is no token endpoint and no expiry: the encrypted API key IS the credential. PKCS#1 v1.5 padding is
// random, so each call gets a different (equally valid) token; one is made per request.
import { KeyObject, constants, publicEncrypt } from 'node:crypto';

export function vodacomBearerToken(apiKey: string, publicKey: KeyObject): string {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(apiKey, 'utf8')).toString('base64');
}
