import { sha256Hex } from '../../common/crypto/hashing';
import { CallbackParseError } from '../provider.port';
import { orangeNotifTokenMatches, parseOrangeCallback } from './orange-money.callbacks';
import { NOTIF_TOKEN, orangeQuery, rawCallback } from './testing/orange-money.fixtures';

const success = { status: 'SUCCESS', notif_token: NOTIF_TOKEN, txnid: 'MP150709.1341.A00073' };
const kept = orangeQuery({ providerData: { payToken: 'p', notifTokenSha256: sha256Hex(NOTIF_TOKEN) } });

describe('parseOrangeCallback', () => {
  it('SUCCESS → succeeded with the txnid; FAILED → failed PAYER_DECLINED; INITIATED/PENDING pending', () => {
    expect(parseOrangeCallback(rawCallback(success))).toEqual({
      outcome: { kind: 'succeeded', providerTransactionId: 'MP150709.1341.A00073', providerStatus: 'SUCCESS' },
    });
    expect(parseOrangeCallback(rawCallback({ status: 'FAILED', notif_token: NOTIF_TOKEN }))).toEqual({
      outcome: { kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: 'FAILED' },
    });
    expect(parseOrangeCallback(rawCallback({ status: 'PENDING', notif_token: NOTIF_TOKEN })).outcome).toEqual({ kind: 'pending', providerStatus: 'PENDING' });
  });

  it('an unrecognised status → unknown (never pending, never failed)', () => {
    expect(parseOrangeCallback(rawCallback({ status: 'REFUNDED', notif_token: NOTIF_TOKEN })).outcome).toEqual({ kind: 'unknown', reason: 'unrecognised Orange status "REFUNDED"' });
  });

  it('never returns the notif_token', () => {
    expect(JSON.stringify(parseOrangeCallback(rawCallback(success)))).not.toContain(NOTIF_TOKEN);
  });

  it('reads a form-encoded notification too', () => {
    const form = rawCallback(`status=SUCCESS&notif_token=${NOTIF_TOKEN}&txnid=MP1`);
    expect(parseOrangeCallback(form).outcome).toMatchObject({ kind: 'succeeded', providerTransactionId: 'MP1' });
    expect(orangeNotifTokenMatches(form, kept)).toBe(true);
  });

  it.each([['not json'], ['[]'], ['null'], ['"SUCCESS"'], ['{}'], ['{"status":"SUCCESS"}'], ['{"notif_token":"abc"}'], ['{"status":201,"notif_token":"abc"}']])(
    'malformed %s → CallbackParseError',
    (text) => {
      expect(() => parseOrangeCallback(rawCallback(text))).toThrow(CallbackParseError);
    },
  );
});

describe('orangeNotifTokenMatches', () => {
  it('right token → true', () => {
    expect(orangeNotifTokenMatches(rawCallback(success), kept)).toBe(true);
    expect(orangeNotifTokenMatches(rawCallback({ ...success, status: 'FAILED' }), kept)).toBe(true);
  });

  it('wrong, missing or malformed token → false', () => {
    expect(orangeNotifTokenMatches(rawCallback({ ...success, notif_token: 'dd497bda3b250e536186fc0663f32f41' }), kept)).toBe(false);
    expect(orangeNotifTokenMatches(rawCallback({ ...success, notif_token: sha256Hex(NOTIF_TOKEN) }), kept)).toBe(false);
    expect(orangeNotifTokenMatches(rawCallback({ status: 'SUCCESS', txnid: 'MP1' }), kept)).toBe(false);
    expect(orangeNotifTokenMatches(rawCallback('garbage'), kept)).toBe(false);
  });

  it('no transaction, or no hash kept → false', () => {
    expect(orangeNotifTokenMatches(rawCallback(success), undefined)).toBe(false);
    expect(orangeNotifTokenMatches(rawCallback(success), orangeQuery({ providerData: { payToken: 'p' } }))).toBe(false);
    expect(orangeNotifTokenMatches(rawCallback(success), orangeQuery({ providerData: undefined }))).toBe(false);
    expect(orangeNotifTokenMatches(rawCallback(success), orangeQuery({ providerData: { notifTokenSha256: 'short' } }))).toBe(false);
  });
});
