import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { buildCallback } from './airtel-money.callbacks';
import { AirtelTestClient } from './airtel-money.client';
import { checkMsisdn, formatMoney, parseAmount, AIRTEL_COUNTRIES } from './airtel-money.countries';

describe('Airtel Money sandbox: units', () => {
  it('parses amounts into minor units without floats', () => {
    expect(parseAmount(1000, 0)).toEqual({ ok: true, minor: 1000n });
    expect(parseAmount('25.5', 2)).toEqual({ ok: true, minor: 2550n });
    expect(parseAmount(0.1, 2)).toEqual({ ok: true, minor: 10n });
    expect(parseAmount('100.00', 0)).toEqual({ ok: true, minor: 100n });
    for (const bad of [0, -5, '1.5', 1e21, NaN, Infinity, '', 'abc', null, {}, [], true]) {
      expect(parseAmount(bad, 0).ok).toBe(false);
    }
    expect(formatMoney(1234567n, AIRTEL_COUNTRIES.ZM!)).toBe('ZMW 12,345.67');
  });

  it('checks msisdns per country', () => {
    const ug = AIRTEL_COUNTRIES.UG!;
    expect(checkMsisdn('752604392', ug)).toEqual({ ok: true, msisdn: '752604392' });
    expect(checkMsisdn(752604392, ug)).toEqual({ ok: true, msisdn: '752604392' });
    for (const bad of ['256752604392', '+752604392', '75260439', '75260439x', '', null, 1.5, {}]) {
      expect(checkMsisdn(bad, ug).ok).toBe(false);
    }
    expect(checkMsisdn('1234567', AIRTEL_COUNTRIES.SC!).ok).toBe(true);
    expect(checkMsisdn('8012345678', AIRTEL_COUNTRIES.NG!).ok).toBe(true);
  });

  it('hashes the compact {"transaction":{…}} JSON and inserts hash last', () => {
    const transaction = { id: 'o-1', message: 'Paid', status_code: 'TS', airtel_money_id: 'MP1' };
    const built = buildCallback(transaction, 'secret');
    expect(built.hashedMessage).toBe('{"transaction":{"id":"o-1","message":"Paid","status_code":"TS","airtel_money_id":"MP1"}}');
    expect(built.body).toBe(`{"transaction":{"id":"o-1","message":"Paid","status_code":"TS","airtel_money_id":"MP1"},"hash":"${built.hash}"}`);
    // Base64(HMAC-SHA256(key "secret", message)), computed independently.
    expect(built.hash).toBe(createHmac('sha256', 'secret').update(built.hashedMessage ?? '').digest('base64'));
    expect(buildCallback(transaction, null)).toMatchObject({ hash: null, hashMode: 'none', body: built.hashedMessage });
    expect(buildCallback(transaction, 'secret', 'wrong').hash).not.toBe(built.hash);
  });
});

describe('Airtel Money sandbox: junk input', () => {
  let sandbox: RunningSandbox;
  let airtel: AirtelTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 20 });
    airtel = new AirtelTestClient(sandbox);
    await airtel.login();
  });
  afterAll(() => sandbox.close());

  const junkBodies: string[] = [
    '',
    'null',
    '[]',
    '"text"',
    '42',
    '{',
    '{"transaction":null,"subscriber":[],"reference":{}}',
    '{"transaction":{"id":{"$gt":""},"amount":"1e3"},"subscriber":{"msisdn":["752604392"]},"reference":"r"}',
    '{"transaction":{"id":"x","amount":1e309},"subscriber":{"msisdn":"752604392"},"reference":"r"}',
    '{"transaction":{"id":"a/b","amount":5},"subscriber":{"msisdn":"752604392"},"reference":"r"}',
    '{"transaction":{"id":"' + 'i'.repeat(5000) + '","amount":5},"subscriber":{"msisdn":"752604392"},"reference":"r"}',
    '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
    '{"pin":12345,"payee":{"msisdn":null},"transaction":{"amount":-1}}',
    '{"pin":"' + 'A'.repeat(344) + '","payee":{"msisdn":"752604392"},"reference":"r","transaction":{"amount":1,"id":"z"}}',
    '{"pin":"%%%","payee":{"msisdn":"752604392"},"reference":"r","transaction":{"amount":1,"id":"z"}}',
    randomBytes(256).toString('latin1'),
  ];
  const posts = [
    '/auth/oauth2/token',
    '/merchant/v1/payments/',
    '/merchant/v2/payments/',
    '/standard/v1/payments/refund',
    '/standard/v1/disbursements/',
    '/standard/v2/disbursements/',
    '/_sandbox/airtel-money/payments/x/callback',
    '/_sandbox/airtel-money/apps/junk-app',
    '/_sandbox/airtel-money/balances',
  ];

  it('never crashes and never answers with the sandbox error', async () => {
    for (const path of posts) {
      for (const body of junkBodies) {
        const method = path.endsWith('/balances') || path.includes('/apps/') ? 'PUT' : 'POST';
        const junkSignature = Buffer.from(body.slice(0, 40)).toString('base64') || 'AA==';
        for (const extra of [{}, { 'x-signature': junkSignature, 'x-key': junkSignature }] as Array<Record<string, string>>) {
          const res = await airtel.call(method, path, { headers: airtel.headers(extra), body });
          expect({ path, body: body.slice(0, 40), sandboxError: res.json?.code === 'SANDBOX_ERROR' }).toMatchObject({ sandboxError: false });
          expect(res.status).toBeLessThan(500);
        }
      }
    }
    const weirdHeaders: Array<Record<string, string>> = [
      { 'X-Country': 'U\u0000G' },
      { 'X-Country': '__proto__' },
      { 'X-Country': 'constructor', 'X-Currency': 'x' },
      { 'X-Currency': 'UGX, UGX' },
      { Authorization: 'Bearer' },
      { Authorization: 'Basic abc' },
      { 'x-key': '!!!', 'x-signature': '@@@' },
    ];
    for (const headers of weirdHeaders) {
      for (const path of ['/standard/v1/payments/abc', '/standard/v1/users/%E0%A4%A', '/standard/v1/disbursements/%00', '/standard/v1/users/balance']) {
        const res = await airtel.call('GET', path, { headers: airtel.headers(headers) }).catch(() => null);
        if (res) expect(res.status).toBeLessThan(500);
      }
    }
    expect((await airtel.call('GET', '/_sandbox/health')).json.operators).toContain('airtel-money');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still works after all that.
    expect((await airtel.pay(randomUUID(), '752604392')).json.status.success).toBe(true);
  });
});
