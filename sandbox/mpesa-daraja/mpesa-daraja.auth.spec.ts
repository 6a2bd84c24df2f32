import { X509Certificate } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { DarajaTestClient } from './mpesa-daraja.client';
import { DarajaKeys, securityCredential, stkPassword } from './mpesa-daraja.crypto';
import { eatDotted, eatTimestamp, formatCents, isTimestamp, parseCents } from './mpesa-daraja.format';
import { MPESA_DARAJA_MAGIC, mpesaDarajaOperator } from './mpesa-daraja.sandbox';
import { parseC2bUrl, parseMsisdn, parseWholeAmount } from './mpesa-daraja.validation';

describe('M-Pesa Daraja sandbox: units', () => {
  it('builds the STK password of the fact sheet test vector', () => {
    expect(stkPassword('174379', 'bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919', '20210628092408')).toBe(
      'MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4',
    );
  });

  it('formats EAT times, money and checks fields', () => {
    const at = Date.UTC(2025, 2, 7, 11, 31, 2); // 14:31:02 EAT
    expect(eatTimestamp(at)).toBe('20250307143102');
    expect(eatDotted(at)).toBe('07.03.2025 14:31:02');
    expect(isTimestamp('20250229120000')).toBe(false);
    expect(isTimestamp('20240229120000')).toBe(true);
    expect(formatCents(2515000)).toBe('25150.00');
    expect(formatCents(-1500)).toBe('-15.00');
    expect(parseCents('2500.5')).toBe(250050);
    expect(parseMsisdn(254708374149)).toBe('254708374149');
    expect(parseMsisdn('254112345678')).toBe('254112345678');
    for (const bad of ['0708374149', '+254708374149', '255708374149', '25470837414', 2547.5]) expect(parseMsisdn(bad)).toBeNull();
    expect(parseWholeAmount('100.00', 1, 250000)).toBe(100);
    for (const bad of ['1.5', 0, 250001, '1e3', 1.5, null]) expect(parseWholeAmount(bad, 1, 250000)).toBeNull();
    expect(parseC2bUrl('https://pay.example.com/c2b/confirm')).not.toBeNull();
    for (const bad of ['https://x.test/MPESA/c', 'https://safaricom.x.test/', 'https://x.test/run.exe', 'http://x.test/Query', 'ftp://x.test/']) {
      expect(parseC2bUrl(bad)).toBeNull();
    }
  });

  it('makes a self-signed X.509 certificate and reads PKCS#1 v1.5 credentials only', () => {
    const keys = new DarajaKeys();
    const cert = new X509Certificate(keys.certificatePem);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(keys.publicKeyPem);
    expect(keys.checkCredential(securityCredential(keys.certificatePem, 'Safaricom999!*!'), 'Safaricom999!*!')).toBe('ok');
    expect(keys.checkCredential(securityCredential(keys.publicKeyPem, 'Safaricom999!*!', 'oaep'), 'Safaricom999!*!')).toBe('oaep-padding');
    expect(keys.checkCredential(securityCredential(keys.certificatePem, 'other'), 'Safaricom999!*!')).toBe('wrong-password');
    expect(keys.checkCredential('not base64!', 'x')).toBe('not-base64');
    expect(keys.checkCredential(Buffer.alloc(256, 0xff).toString('base64'), 'x')).toBe('undecryptable');
  });
});

describe('M-Pesa Daraja sandbox: OAuth, tokens and request checks', () => {
  let sandbox: RunningSandbox;
  let daraja: DarajaTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 20, darajaTokenTtlS: 3599 }, [mpesaDarajaOperator]);
    daraja = new DarajaTestClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('issues a token with expires_in as the string "3599"', async () => {
    const res = await daraja.requestToken();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ access_token: expect.any(String), expires_in: '3599' });
    expect(Object.keys(res.json)).toEqual(['access_token', 'expires_in']);
  });

  it('refuses bad headers (400.008.01), bad grants (400.008.02) and wrong credentials', async () => {
    for (const auth of ['', 'Bearer abc', 'Basic', `Basic ${Buffer.from('no-colon').toString('base64')}`]) {
      const res = await daraja.requestToken(auth);
      expect({ auth, status: res.status, code: res.json?.errorCode }).toEqual({ auth, status: 400, code: '400.008.01' });
    }
    const grant = await daraja.requestToken(undefined, 'password');
    expect(grant.status).toBe(400);
    expect(grant.json).toEqual({ requestId: expect.stringMatching(/^\d+-\d+-\d$/), errorCode: '400.008.02', errorMessage: 'Invalid grant type passed' });
    const noGrant = await daraja.call('GET', '/oauth/v1/generate', { headers: { Authorization: daraja.basic() } });
    expect(noGrant.json.errorCode).toBe('400.008.02');
    const wrong = await daraja.requestToken(daraja.basic('key', 'nope'));
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ errorCode: '400.008.01', errorMessage: 'Invalid client id passed' });
  });

  it('answers 404.001.03 to unknown or expired tokens and 404.001.04 without a Bearer header', async () => {
    await daraja.login();
    const body = daraja.stkBody('254708374149', 'http://127.0.0.1:9/cb');
    const unknown = await daraja.post('/mpesa/stkpush/v1/processrequest', body, { Authorization: 'Bearer not-a-token' });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ errorCode: '404.001.03', errorMessage: 'Invalid Access Token' });
    const missing = await daraja.post('/mpesa/b2c/v3/paymentrequest', {}, { Authorization: '' });
    expect(missing.json.errorCode).toBe('404.001.04');
    expect((await daraja.control('POST', '/tokens/expire')).json.expired).toBeGreaterThanOrEqual(1);
    const expired = await daraja.post('/mpesa/stkpush/v1/processrequest', body);
    expect(expired.json.errorCode).toBe('404.001.03');
    await daraja.login();
    expect((await daraja.post('/mpesa/stkpush/v1/processrequest', body)).status).toBe(200);
  });

  it('answers 405.001 to the wrong method', async () => {
    const get = await daraja.call('GET', '/mpesa/stkpush/v1/processrequest');
    expect(get.status).toBe(405);
    expect(get.json).toMatchObject({ errorCode: '405.001', errorMessage: 'Method Not Allowed' });
    expect((await daraja.call('POST', '/oauth/v1/generate?grant_type=client_credentials')).status).toBe(405);
    expect((await daraja.call('PUT', '/mpesa/reversal/v1/request')).json.errorCode).toBe('405.001');
  });

  it('reads no body without Content-Type: application/json (400.002.02 on the first field) and refuses non-objects', async () => {
    await daraja.login();
    const body = JSON.stringify(daraja.stkBody('254708374149', 'http://127.0.0.1:9/cb'));
    const plain = await daraja.post('/mpesa/stkpush/v1/processrequest', body, { 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(400);
    expect(plain.json).toMatchObject({ errorCode: '400.002.02', errorMessage: 'Bad Request - Invalid BusinessShortCode' });
    const b2c = await daraja.post('/mpesa/b2c/v3/paymentrequest', '{}', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(b2c.json.errorMessage).toBe('Bad Request - Invalid OriginatorConversationID');
    for (const junk of ['[]', '"x"', '{', 'null']) {
      const res = await daraja.post('/mpesa/stkpush/v1/processrequest', junk);
      expect({ junk, status: res.status, code: res.json?.errorCode }).toEqual({ junk, status: 400, code: '400.002.05' });
    }
  });

  it('lists the magic numbers with their delays', async () => {
    const table = (await daraja.control('GET', '/scenarios')).json;
    const stkSuffixes = table.stk.map((s: { suffix: string }) => s.suffix);
    const b2cSuffixes = table.b2c.map((s: { suffix: string }) => s.suffix);
    const { resultCodes: stkCodes, ...stkBehaviours } = MPESA_DARAJA_MAGIC.stk;
    const { resultCodes: b2cCodes, ...b2cBehaviours } = MPESA_DARAJA_MAGIC.b2c;
    expect(stkSuffixes).toEqual(expect.arrayContaining([...Object.values(stkBehaviours), ...Object.values(stkCodes), '*']));
    expect(b2cSuffixes).toEqual(expect.arrayContaining([...Object.values(b2cBehaviours), ...Object.values(b2cCodes), '*']));
    expect(table.stk.find((s: { id: string }) => s.id === 'callback-before-query')).toMatchObject({ decidedAfterMs: 20, queryFinalAfterMs: 1020, callbacksAtMs: [20] });
    expect(stkCodes).toMatchObject({ '1': '980001', '1032': '981032', SFC_IC0003: '970003', '9876': '989876' });
  });

  it('serves the certificate as PEM and JSON, the same one the state holds', async () => {
    const pem = await daraja.control('GET', '/certificate');
    expect(pem.status).toBe(200);
    expect(pem.text).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(pem.text).toBe(daraja.state.certificatePem);
    const json = await daraja.control('GET', '/certificate?format=json');
    expect(json.json).toMatchObject({ certificate: pem.text, publicKey: expect.stringContaining('BEGIN PUBLIC KEY'), padding: 'RSA PKCS#1 v1.5' });
    expect(new X509Certificate(pem.text).fingerprint256).toBe(json.json.fingerprint256);
  });
});
