import { CallbackParseError } from '../provider.port';
import { airtelCallbackHash, airtelCallbackHashMatches, airtelCallbackSignedTexts, parseAirtelCallback } from './airtel-money.callbacks';

const SECRET = 'portal-private-key-Zx81';
const TRANSACTION = {
  id: 'order-7781',
  message: 'Paid UGX 5,000 to SHOP LTD, Trans ID MP210603.1234.L06941.',
  status_code: 'TS',
  airtel_money_id: 'MP210603.1234.L06941',
};
/** The documented form (Java example): compact `{"transaction":{…}}`, fields id, message, status_code, airtel_money_id. */
const SIGNED_TEXT = JSON.stringify({ transaction: TRANSACTION });

describe('parseAirtelCallback', () => {
  it('TS → succeeded with airtel_money_id; providerReference/externalId = transaction.id', () => {
    expect(parseAirtelCallback({ transaction: TRANSACTION, hash: 'x' })).toEqual({
      outcome: { kind: 'succeeded', providerReference: 'order-7781', providerTransactionId: 'MP210603.1234.L06941', providerStatus: 'TS' },
      providerReference: 'order-7781',
      externalId: 'order-7781',
    });
  });

  it('TF → failed (no code in a callback: UNKNOWN, reason keeps the message)', () => {
    const parsed = parseAirtelCallback({ transaction: { id: 'order-9', message: 'Transaction failed: insufficient funds', status_code: 'TF' } });
    expect(parsed.outcome).toEqual({ kind: 'failed', failureCode: 'UNKNOWN', failureReason: 'TF: Transaction failed: insufficient funds', providerReference: 'order-9' });
  });

  it.each([['TIP'], ['TA'], ['SOMETHING']])('%s → pending (to confirm by enquiry)', (status) => {
    expect(parseAirtelCallback({ transaction: { id: 'o', status_code: status } }).outcome).toMatchObject({ kind: 'pending', providerStatus: status });
  });

  it('accepts `status` when `status_code` is absent', () => {
    expect(parseAirtelCallback({ transaction: { id: 'o', status: 'ts', airtel_money_id: 'A1' } }).outcome).toMatchObject({ kind: 'succeeded', providerTransactionId: 'A1' });
  });

  it.each([
    ['undefined', undefined],
    ['an array', [TRANSACTION]],
    ['a string', 'transaction=TS'],
    ['no transaction', { status_code: 'TS' }],
    ['a transaction array', { transaction: [TRANSACTION] }],
    ['no id', { transaction: { status_code: 'TS' } }],
    ['a numeric id', { transaction: { id: 12, status_code: 'TS' } }],
    ['no status_code', { transaction: { id: 'o' } }],
    ['an empty status_code', { transaction: { id: 'o', status_code: ' ' } }],
  ])('throws CallbackParseError for %s', (_label, body) => {
    expect(() => parseAirtelCallback(body)).toThrow(CallbackParseError);
  });
});

describe('airtelCallbackHashMatches: hash = Base64(HMAC-SHA256(secret, callback JSON without hash))', () => {
  const hash = airtelCallbackHash(SIGNED_TEXT, SECRET);
  const raw = (text: string) => Buffer.from(text, 'utf8');

  it('right: the documented compact form, hash appended', () => {
    expect(airtelCallbackHashMatches(raw(`{"transaction":${JSON.stringify(TRANSACTION)},"hash":"${hash}"}`), SECRET)).toBe(true);
  });

  it('right: hash first, pretty-printed body (the received bytes with the hash member cut out)', () => {
    const pretty = `{\n  "transaction": {\n    "id": "order-7781",\n    "status_code": "TS"\n  }\n}`;
    const prettyHash = airtelCallbackHash(pretty, SECRET);
    const body = `{\n  "hash": "${prettyHash}",\n  "transaction": {\n    "id": "order-7781",\n    "status_code": "TS"\n  }\n}`;
    expect(airtelCallbackSignedTexts(raw(body))?.texts[0]).toBe(pretty);
    expect(airtelCallbackHashMatches(raw(body), SECRET)).toBe(true);
  });

  it('right: spaced body whose hash was computed over the compact re-serialisation', () => {
    const body = `{ "transaction": ${JSON.stringify(TRANSACTION, null, 1)}, "hash": "${hash}" }`;
    expect(airtelCallbackHashMatches(raw(body), SECRET)).toBe(true);
  });

  it('right: hash over the transaction object alone (one Go client)', () => {
    const txHash = airtelCallbackHash(JSON.stringify(TRANSACTION), SECRET);
    expect(airtelCallbackHashMatches(raw(JSON.stringify({ transaction: TRANSACTION, hash: txHash })), SECRET)).toBe(true);
  });

  it('lists the candidate texts in order: raw cut, compact re-serialisation, transaction alone', () => {
    const body = `{"transaction": ${JSON.stringify(TRANSACTION)}, "hash": "${hash}"}`;
    expect(airtelCallbackSignedTexts(raw(body))).toEqual({
      hash,
      texts: [`{"transaction": ${JSON.stringify(TRANSACTION)}}`, SIGNED_TEXT, JSON.stringify(TRANSACTION)],
    });
  });

  it.each([
    ['a wrong secret', () => raw(JSON.stringify({ transaction: TRANSACTION, hash })), 'another-secret'],
    ['a tampered status', () => raw(JSON.stringify({ transaction: { ...TRANSACTION, status_code: 'TF' }, hash })), SECRET],
    ['a tampered id', () => raw(JSON.stringify({ transaction: { ...TRANSACTION, id: 'order-1' }, hash })), SECRET],
    ['a hex hash', () => raw(JSON.stringify({ transaction: TRANSACTION, hash: Buffer.from(hash, 'base64').toString('hex') })), SECRET],
    ['an absent hash', () => raw(JSON.stringify({ transaction: TRANSACTION })), SECRET],
    ['an empty hash', () => raw(JSON.stringify({ transaction: TRANSACTION, hash: '' })), SECRET],
    ['a numeric hash', () => raw(JSON.stringify({ transaction: TRANSACTION, hash: 12 })), SECRET],
    ['a non-JSON body', () => raw(`transaction=TS&hash=${hash}`), SECRET],
    ['an empty secret', () => raw(JSON.stringify({ transaction: TRANSACTION, hash })), ''],
  ])('wrong: %s', (_label, body, secret) => {
    expect(airtelCallbackHashMatches(body(), secret)).toBe(false);
  });
});
