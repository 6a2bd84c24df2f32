// MTN MoMo callbacks (what MTN POSTs or PUTs to X-Callback-Url). Accepted shapes:
//  - request-to-pay / transfer / refund: the GET status body of that resource (`payer` for a
//    request-to-pay, `payee` for a transfer or refund; neither is read), WITHOUT the referenceId: only
//    our externalId;
//  - v2 (PUT): `{referenceId, status, financialTransactionId?, reason?: {code, message}}`.
// MTN signs nothing and sends no auth header, so a parsed callback is a hint: the gateway matches it by
// the token in the callback URL and confirms it with a status query before money is considered moved.
import { CallbackParseError, ParsedCallback } from '../provider.port';
import { mapMtnStatusBody } from './mtn-momo.mapper';

/** Parses (never trusts) a callback body. Throws CallbackParseError when it is unusable. */
export function parseMtnMomoCallback(body: unknown): ParsedCallback {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new CallbackParseError('MTN MoMo callback body is not a JSON object');
  }
  const b = body as Record<string, unknown>;
  if (b['status'] === undefined || b['status'] === null) {
    throw new CallbackParseError('MTN MoMo callback has no status');
  }
  if (typeof b['status'] !== 'string' || b['status'].trim() === '') {
    throw new CallbackParseError('MTN MoMo callback status is not a non-empty string');
  }
  // v2 callbacks carry a referenceId (our X-Reference-Id); request-to-pay/transfer/refund callbacks do not.
  const providerReference = typeof b['referenceId'] === 'string' && b['referenceId'] !== '' ? b['referenceId'] : undefined;
  const externalId = typeof b['externalId'] === 'string' && b['externalId'] !== '' ? b['externalId'] : undefined;
  return {
    outcome: mapMtnStatusBody(b, providerReference),
    ...(providerReference ? { providerReference } : {}),
    ...(externalId ? { externalId } : {}),
  };
}
