import { randomUUID } from 'node:crypto';
import { readOrangeConfig } from './orange-money.config';
import { orangeAmount, orangeOrderId, orangeUrlProblem, toStatusBody, toWebPaymentBody, transactionIdFromOrderId } from './orange-money.bodies';
import { CALLBACK_URL, PAY_TOKEN, TEST_SECRETS, TX, TX_ORDER_ID, orangeAccount, orangePayment, orangeQuery } from './testing/orange-money.fixtures';

const config = readOrangeConfig(orangeAccount('http://127.0.0.1:9'));

describe('orangeOrderId', () => {
  it('is the UUID in 22 base64url characters, lossless and stable (any letter case)', () => {
    expect(orangeOrderId(TX)).toBe(TX_ORDER_ID);
    expect(orangeOrderId(TX.toUpperCase())).toBe(TX_ORDER_ID);
    expect(orangeOrderId(` ${TX} `)).toBe(TX_ORDER_ID);
    expect(transactionIdFromOrderId(TX_ORDER_ID)).toBe(TX);
  });

  it('is unique for different ids, ≤ 30 characters of [A-Za-z0-9_-]', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = randomUUID();
      const orderId = orangeOrderId(id);
      expect(orderId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(transactionIdFromOrderId(orderId)).toBe(id);
      seen.add(orderId);
    }
    expect(seen.size).toBe(5000);
  });

  it('a non-UUID id gets a 30-character hash form (never the length of a UUID form)', () => {
    const a = orangeOrderId('not-a-uuid');
    expect(a).toMatch(/^x[A-Za-z0-9_-]{29}$/);
    expect(orangeOrderId('not-a-uuid')).toBe(a);
    expect(orangeOrderId('not-a-uuid-2')).not.toBe(a);
    expect(transactionIdFromOrderId(a)).toBeUndefined();
    expect(transactionIdFromOrderId('MY_ORDER_0001')).toBeUndefined();
  });
});

describe('orangeAmount', () => {
  it.each([
    ['1200', 1200],
    ['1200.00', 1200],
    ['1', 1],
    [' 5000 ', 5000],
  ])('%s → %d', (text, value) => expect(orangeAmount(text)).toEqual({ ok: true, value }));

  it.each(['1200.5', '0.01', '0', '0.00', '-5', '1e3', '', 'abc', '99999999999999999999'])('%s is refused', (text) => {
    expect(orangeAmount(text)).toEqual({ ok: false, reason: expect.stringMatching(/^INVALID_AMOUNT: /) });
  });
});

describe('orangeUrlProblem', () => {
  it('takes absolute http(s) URLs up to 120 characters', () => {
    const base = 'https://shop.example.com/';
    expect(orangeUrlProblem('u', base + 'a'.repeat(120 - base.length))).toBeUndefined();
    expect(orangeUrlProblem('u', base + 'a'.repeat(121 - base.length))).toBe('u is 121 characters long; Orange Money accepts at most 120');
    expect(orangeUrlProblem('u', 'ftp://x.example.com/')).toBe('u must be an http(s) URL');
    expect(orangeUrlProblem('u', '/relative')).toBe('u is not an absolute URL');
    expect(orangeUrlProblem('u', null)).toBe('u is missing');
  });
});

describe('toWebPaymentBody', () => {
  it('builds the §3 body: merchant_key, OUV in dev, derived order_id, integer amount, URLs, lang, reference', () => {
    expect(toWebPaymentBody(config, orangePayment())).toEqual({
      ok: true,
      body: {
        merchant_key: TEST_SECRETS.merchantKey,
        currency: 'OUV',
        order_id: TX_ORDER_ID,
        amount: 1200,
        return_url: 'https://shop.example.com/orders/1042/done',
        cancel_url: 'https://shop.example.com/orders/1042/cancelled',
        notif_url: CALLBACK_URL,
        lang: 'fr',
        reference: 'Malipo Shop',
      },
    });
  });

  it('sends the real currency outside dev, no reference without a merchant name', () => {
    const prod = readOrangeConfig(orangeAccount('https://api.orange.com', { environment: 'production', settings: { country: 'CI', lang: 'en' } }));
    const built = toWebPaymentBody(prod, orangePayment({ amount: '1500.00' }));
    expect(built).toMatchObject({ ok: true, body: { currency: 'XOF', amount: 1500, lang: 'en' } });
    expect(built.ok && 'reference' in built.body).toBe(false);
  });

  it.each([
    [{ amount: '1200.50' }, 'amount', /^INVALID_AMOUNT/],
    [{ currency: 'XAF' }, 'currency', /^CURRENCY_NOT_SUPPORTED/],
    [{ returnUrl: null }, 'url', /^returnUrl and cancelUrl are required by Orange Money$/],
    [{ cancelUrl: undefined }, 'url', /^returnUrl and cancelUrl are required by Orange Money$/],
    [{ callbackUrl: null }, 'url', /notif_url\) is required/],
    [{ callbackUrl: `https://gw.example.com/${'t'.repeat(110)}` }, 'url', /^callback URL \(notif_url\) is 133 characters long; Orange Money accepts at most 120$/],
    [{ returnUrl: `https://shop.example.com/${'r'.repeat(100)}` }, 'url', /^returnUrl is 125 characters long/],
    [{ cancelUrl: 'javascript:alert(1)' }, 'url', /^cancelUrl must be an http\(s\) URL$/],
  ] as const)('%j fails locally (%s)', (overrides, problem, reason) => {
    const built = toWebPaymentBody(config, orangePayment(overrides));
    expect(built).toEqual({ ok: false, problem, reason: expect.stringMatching(reason) });
  });
});

describe('toStatusBody', () => {
  it('repeats the init triple', () => {
    expect(toStatusBody(orangeQuery())).toEqual({ order_id: TX_ORDER_ID, amount: 1200, pay_token: PAY_TOKEN });
    expect(toStatusBody(orangeQuery({ providerReference: null }))).toEqual({ order_id: TX_ORDER_ID, amount: 1200, pay_token: PAY_TOKEN });
  });

  it('says what is missing', () => {
    expect(toStatusBody(orangeQuery({ providerData: {} }))).toMatch(/no pay_token kept/);
    expect(toStatusBody(orangeQuery({ providerData: undefined }))).toMatch(/no pay_token kept/);
    expect(toStatusBody(orangeQuery({ amount: undefined }))).toMatch(/needs the initiation amount/);
  });
});
