import {
  accountReferenceFor,
  checkPayment,
  darajaMsisdn,
  forbiddenUrlWords,
  remarksFor,
  toReversalBody,
  toStkPushBody,
  toTransactionStatusBody,
  transactionDescFor,
  wholeAmount,
  withOp,
} from './mpesa-daraja.bodies';
import { readDarajaConfig, requireInitiator } from './mpesa-daraja.config';
import { stkPassword } from './mpesa-daraja.crypto';
import { TEST_CERTIFICATE_PRIVATE_KEY, TEST_SECRETS, darajaAccount, darajaPayment, decryptSecurityCredential } from './testing/mpesa-daraja.fixtures';

const config = readDarajaConfig(darajaAccount('http://127.0.0.1:9'));

describe('Daraja request bodies', () => {
  it.each([
    ['150', '150'],
    ['150.00', '150'],
    ['007', '7'],
    ['1', '1'],
    ['250000.0', '250000'],
  ])('amount %s → whole number %s', (input, expected) => {
    expect(wholeAmount(input)).toBe(expected);
  });

  it.each(['150.50', '0.99', '0', '0.00', '-5', '1e3', 'abc', '1234567890123456'])('amount %s is refused (KES has no fraction, at least 1)', (input) => {
    expect(wholeAmount(input)).toBeUndefined();
  });

  it('takes 2547… and 2541… numbers (and national 07…/01…), nothing else', () => {
    expect(darajaMsisdn('254708374149')).toBe('254708374149');
    expect(darajaMsisdn('254110123456')).toBe('254110123456');
    expect(darajaMsisdn('+254 712 345678')).toBe('254712345678');
    expect(darajaMsisdn('0712345678')).toBe('254712345678');
    expect(darajaMsisdn('256772123456')).toBeUndefined();
    expect(darajaMsisdn('25470837414')).toBeUndefined();
    expect(darajaMsisdn('254208374149')).toBeUndefined();
  });

  it('checkPayment fails locally: fractional amount → INVALID_AMOUNT, foreign number → PAYER_NOT_FOUND, other currency', () => {
    expect(checkPayment({ amount: '150.50', currency: 'KES', msisdn: '254708374149' })).toMatchObject({ ok: false, failureCode: 'INVALID_AMOUNT' });
    expect(checkPayment({ amount: '150', currency: 'KES', msisdn: '256772123456' })).toMatchObject({ ok: false, failureCode: 'PAYER_NOT_FOUND' });
    expect(checkPayment({ amount: '150', currency: 'UGX', msisdn: '254708374149' })).toMatchObject({ ok: false, failureCode: 'PROVIDER_ERROR' });
  });

  it('an invalid number is masked in the failure reason (no full phone number in reasons)', () => {
    const refused = checkPayment({ amount: '150', currency: 'KES', msisdn: '256772123456' });
    expect(refused).toEqual({ ok: false, failureCode: 'PAYER_NOT_FOUND', reason: 'MSISDN_INVALID: 256******456 is not a Kenyan 2547…/2541… number' });
    expect(JSON.stringify(refused)).not.toContain('772123');
    const local = checkPayment({ amount: '150', currency: 'KES', msisdn: '0772123456789' });
    expect(JSON.stringify(local)).not.toContain('0772123456789');
  });

  it('AccountReference: alphanumerics of the reference, at most 12; else derived from our id', () => {
    expect(accountReferenceFor({ reference: 'ORDER-1042', transactionId: 'x' })).toBe('ORDER1042');
    expect(accountReferenceFor({ reference: 'Invoice #2025/03/07-0042', transactionId: 'x' })).toBe('Invoice20250');
    expect(accountReferenceFor({ reference: '---', transactionId: '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10' })).toBe('3f1c5a0e8d2b');
    expect(accountReferenceFor({ reference: null, transactionId: '3f1c5a0e-8d2b-4c7e-9a61-0b5d2e7f4a10' })).toBe('3f1c5a0e8d2b');
  });

  it('TransactionDesc: at most 13 chars, description first, then reference, else "Payment"', () => {
    expect(transactionDescFor({ description: 'Order 1042', reference: null })).toBe('Order 1042');
    expect(transactionDescFor({ description: 'Monthly subscription, March', reference: null })).toBe('Monthly subsc');
    expect(transactionDescFor({ description: 'Pay  for:  ', reference: null })).toBe('Pay for');
    expect(transactionDescFor({ description: '!!!', reference: 'R-1' })).toBe('R 1');
    expect(transactionDescFor({ description: null, reference: null })).toBe('Payment');
    expect(transactionDescFor({ description: 'Malipo ya bidhaa zote', reference: null }).length).toBeLessThanOrEqual(13);
  });

  it('Remarks: 2 to 100 printable characters, else the fallback', () => {
    expect(remarksFor('x', 'Payment')).toBe('Payment');
    expect(remarksFor('a'.repeat(150), 'Payment')).toHaveLength(100);
    expect(remarksFor('Salaire\u00e9 mars\n2025', 'Payment')).toBe('Salaire mars 2025');
    expect(remarksFor(null, 'Refund')).toBe('Refund');
  });

  it('withOp appends ?op= correctly, whether or not the URL has a query already', () => {
    expect(withOp('https://pay.example.com/cb/tok123', 'b2c')).toBe('https://pay.example.com/cb/tok123?op=b2c');
    expect(withOp('https://pay.example.com/cb/tok123?x=1', 'status')).toBe('https://pay.example.com/cb/tok123?x=1&op=status');
    expect(withOp('https://pay.example.com/cb/tok123?op=old&x=1', 'reversal')).toBe('https://pay.example.com/cb/tok123?op=reversal&x=1');
  });

  it('finds the words Daraja forbids in C2B URLs, in any case', () => {
    expect(forbiddenUrlWords('https://pay.example.com/c2b/confirm')).toEqual([]);
    expect(forbiddenUrlWords('https://pay.example.com/v1/webhooks/MPESA-daraja/x')).toEqual(['mpesa']);
    expect(forbiddenUrlWords('https://safaricom.example/Exec?Query=1')).toEqual(['safaricom', 'exe', 'exec', 'query']);
    expect(forbiddenUrlWords('https://x.example/cmd/SQL')).toEqual(['cmd', 'sql']);
  });

  it('STK Push body (§2): Password built with the same Timestamp, PartyB by transaction type', () => {
    const built = toStkPushBody(config, darajaPayment(), '20250307143015');
    expect(built).toEqual({
      ok: true,
      body: {
        BusinessShortCode: '174379',
        Password: stkPassword('174379', TEST_SECRETS.passkey, '20250307143015'),
        Timestamp: '20250307143015',
        TransactionType: 'CustomerPayBillOnline',
        Amount: 150,
        PartyA: '254708374149',
        PartyB: '174379',
        PhoneNumber: '254708374149',
        CallBackURL: 'https://pay.example.com/v1/webhooks/daraja/tok_9f8e7d6c5b4a3f2e1d0c',
        AccountReference: 'ORDER1042',
        TransactionDesc: 'Order 1042',
      },
    });
    const till = readDarajaConfig(darajaAccount('http://127.0.0.1:9', { settings: { shortcode: '174379', transactionType: 'CustomerBuyGoodsOnline', tillNumber: '5123456', initiatorName: 'testapi' } }));
    const goods = toStkPushBody(till, darajaPayment({ amount: '200.00' }), '20250307143015');
    expect(goods.ok && goods.body).toMatchObject({ BusinessShortCode: '174379', TransactionType: 'CustomerBuyGoodsOnline', PartyB: '5123456', Amount: 200 });
    expect(toStkPushBody(config, darajaPayment({ callbackUrl: null }), '20250307143015')).toMatchObject({ ok: false, failureCode: 'PROVIDER_ERROR' });
  });

  it('Reversal body (§7): RecieverIdentifierType (sic) "11", Amount a string; Transaction Status by receipt or ConversationID', () => {
    const initiator = requireInitiator(config, 'test');
    const reversal = toReversalBody(initiator, { receipt: 'TC74XK2P9Q', amount: '150', receiverParty: '174379', remarks: 'Refund', resultUrl: 'https://r', queueTimeoutUrl: 'https://t' });
    expect(reversal).toMatchObject({ Initiator: 'testapi', CommandID: 'TransactionReversal', TransactionID: 'TC74XK2P9Q', Amount: '150', ReceiverParty: '174379', RecieverIdentifierType: '11' });
    expect(reversal).not.toHaveProperty('ReceiverIdentifierType');
    expect(decryptSecurityCredential(reversal.SecurityCredential, TEST_CERTIFICATE_PRIVATE_KEY)).toBe(TEST_SECRETS.initiatorPassword);

    const byReceipt = toTransactionStatusBody(initiator, { receipt: 'TC75QW8ERT', partyA: '600984', resultUrl: 'https://r', queueTimeoutUrl: 'https://t' });
    expect(byReceipt).toMatchObject({ CommandID: 'TransactionStatusQuery', TransactionID: 'TC75QW8ERT', PartyA: '600984', IdentifierType: '4' });
    expect(byReceipt).not.toHaveProperty('OriginalConversationID');
    const byConversation = toTransactionStatusBody(initiator, { conversationId: 'AG_20250307_2010a1b2c3d4e5f6a7b8', partyA: '600984', resultUrl: 'https://r', queueTimeoutUrl: 'https://t' });
    expect(byConversation).toMatchObject({ OriginalConversationID: 'AG_20250307_2010a1b2c3d4e5f6a7b8' });
    expect(byConversation).not.toHaveProperty('TransactionID');
  });
});
