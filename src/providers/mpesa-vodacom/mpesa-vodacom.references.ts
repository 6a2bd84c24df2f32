// The references Vodacom asks for (fact sheet §2.1, §2.5, §5), derived from our ids. Every rule is `\w+`
// (we use letters and digits only, which every source agrees is safe):
//  - input_ThirdPartyReference: unique per request, what status queries find a transaction by. Derived from
//    OUR transaction id, so it is known even when the C2B answer is lost: the UUID's 32 hex digits.
//  - input_TransactionReference: 1–20 characters, shown to the customer: the request's reference reduced to
//    letters and digits (cut to 20), else the first 20 characters of the ThirdPartyReference.
//  - a status query carries its OWN new ThirdPartyReference ('Q' + 24 random hex digits).
//  - reverse() has no id of its own in the port: 'R' + the original's ThirdPartyReference (one reversal per
//    transaction; a repeat is refused by Vodacom as a duplicate instead of reversing twice).
import { createHash, randomBytes } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** input_ThirdPartyReference of a collection, disbursement or refund: from our transaction id. */
export function vodacomThirdPartyReference(transactionId: string): string {
  const id = transactionId.trim();
  if (UUID.test(id)) return id.replace(/-/g, '').toLowerCase();
  if (/^[A-Za-z0-9]{1,32}$/.test(id)) return id;
  // Not a UUID (never the case for the gateway's ids): a stable 32-hex digest keeps it unique and `\w`.
  return createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 32);
}

/** input_TransactionReference (1–20 letters/digits) for a payment request. */
export function vodacomTransactionReference(reference: string | null | undefined, transactionId: string): string {
  const cleaned = (reference ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 20);
  return cleaned !== '' ? cleaned : vodacomThirdPartyReference(transactionId).slice(0, 20);
}

/** A fresh input_ThirdPartyReference for one status query call. */
export function vodacomQueryReference(): string {
  return `Q${randomBytes(12).toString('hex')}`;
}

/** input_ThirdPartyReference of reverse(), from the ORIGINAL transaction's id. */
export function vodacomReversalReference(originalTransactionId: string): string {
  return `R${vodacomThirdPartyReference(originalTransactionId)}`;
}

/**
 * The customer number as Vodacom wants it, 2588[45]XXXXXXX (§5), from E.164 digits (with or without + / 00)
 * or the 9-digit national form 8[45]XXXXXXX; undefined for anything else (not a Vodacom M-Pesa number).
 */
export function vodacomMsisdn(msisdn: string): string | undefined {
  const digits = msisdn.trim().replace(/^(\+|00)/, '');
  const national = /^(?:258)?(8[45]\d{7})$/.exec(digits)?.[1];
  return national ? `258${national}` : undefined;
}

/** The amount as sent: the decimal string as given when it is a positive MZN amount (≤ 2 decimals). */
export function vodacomAmount(amount: string): string | undefined {
  const text = amount.trim();
  if (!/^\d{1,15}(\.\d{1,2})?$/.test(text) || !/[1-9]/.test(text)) return undefined;
  return text;
}
