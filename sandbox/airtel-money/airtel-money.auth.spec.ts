import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { AirtelTestClient } from './airtel-money.client';
import { rsaEncrypt, signBody } from './airtel-money.crypto';

const INVALID_TOKEN = { error_description: 'The access token is invalid or has expired', error: 'invalid_token' };
const INVALID_CLIENT = { error_description: 'Invalid client authentication', error: 'invalid_client' };

describe('Airtel Money sandbox: token, headers and signing', () => {
  let sandbox: RunningSandbox;
  let airtel: AirtelTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 50 });
    airtel = new AirtelTestClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('issues bearer tokens with expires_in as a string', async () => {
    const res = await airtel.requestToken();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ access_token: expect.any(String), expires_in: '180', token_type: 'bearer' });
    airtel.token = res.json.access_token as string;
    expect((await airtel.get('/standard/v1/users/balance')).status).toBe(200);
  });

  it.each([
    ['a wrong secret', { client_id: 'sandbox-airtel-client', client_secret: 'nope', grant_type: 'client_credentials' }, 401, INVALID_CLIENT],
    ['an unknown client', { client_id: 'who', client_secret: 'sandbox-airtel-secret', grant_type: 'client_credentials' }, 401, INVALID_CLIENT],
    ['a JSON array', [], 401, INVALID_CLIENT],
    ['broken JSON', '{"client_id":', 401, INVALID_CLIENT],
    ['another grant type', { client_id: 'sandbox-airtel-client', client_secret: 'sandbox-airtel-secret', grant_type: 'password' }, 400, { error: 'unsupported_grant_type', error_description: expect.any(String) }],
  ])('refuses a token request with %s', async (_name, body, status, answer) => {
    const res = await airtel.requestToken(body);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(answer);
  });

  it('refuses a form-encoded token request with invalid_client', async () => {
    const res = await airtel.call('POST', '/auth/oauth2/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=sandbox-airtel-client&client_secret=sandbox-airtel-secret&grant_type=client_credentials',
    });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(INVALID_CLIENT);
  });

  it('answers 401 invalid_token to a missing, unknown or expired token', async () => {
    const fresh = new AirtelTestClient(sandbox);
    await fresh.login();
    expect((await fresh.call('GET', '/standard/v1/payments/x', { headers: { 'X-Country': 'UG', 'X-Currency': 'UGX' } })).json).toEqual(INVALID_TOKEN);
    fresh.token = 'not-a-token';
    expect((await fresh.enquiry('x')).status).toBe(401);
    await fresh.login();
    expect((await fresh.control('POST', '/tokens/expire')).json.expired).toBeGreaterThanOrEqual(1);
    const expired = await fresh.enquiry('x');
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual(INVALID_TOKEN);
    await airtel.login();
  });

  it('expires tokens after the TTL', async () => {
    const short = await startSandbox({ port: 0, airtelTokenTtlS: 0 });
    try {
      const client = new AirtelTestClient(short);
      await client.login();
      expect((await client.enquiry('x')).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('provisions a second app with its own credentials and callback settings', async () => {
    const put = await airtel.control('PUT', '/apps/second-app', { clientSecret: 's2', callbackUrl: 'http://127.0.0.1:9/cb', callbackSecret: 'k2' });
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({ clientId: 'second-app', clientSecret: 's2', callbackUrl: 'http://127.0.0.1:9/cb', callbackSecret: 'k2', preconfigured: false });
    expect((await airtel.control('PUT', '/apps/second-app', { callbackUrl: null })).json).toMatchObject({ callbackUrl: null, callbackSecret: 'k2' });
    expect((await airtel.control('PUT', '/apps/second-app', { callbackUrl: 'ftp://x' })).status).toBe(400);
    const second = new AirtelTestClient(sandbox);
    second.clientId = 'second-app';
    second.clientSecret = 's2';
    await second.login();
    const id = randomUUID();
    expect((await second.pay(id, '752604392')).json.status.success).toBe(true);
    // Another app does not see it.
    expect((await airtel.enquiry(id)).json.status.result_code).toBe('ESB000045');
    expect((await second.enquiry(id)).json.status.success).toBe(true);
  });

  it.each([
    ['no X-Country', { 'X-Country': '' }, 400, { status_message: expect.stringMatching(/^Partner [0-9a-f]{32} not found$/), status_code: 'ROUTER110' }],
    ['a 3-letter X-Country', { 'X-Country': 'UGA' }, 400, { data: {}, status: { code: '400', message: 'Invalid Country Code', result_code: 'ESB000034', success: false } }],
    ['an unknown X-Country', { 'X-Country': 'GH', 'X-Currency': 'GHS' }, 400, { data: {}, status: expect.objectContaining({ result_code: 'ROUTER006', success: false }) }],
    ['a lower-case X-Country', { 'X-Country': 'ug' }, 400, { data: {}, status: expect.objectContaining({ result_code: 'ROUTER006' }) }],
    ['no X-Currency', { 'X-Currency': '' }, 200, { data: {}, status: expect.objectContaining({ code: '400', result_code: 'ESB000008' }) }],
    ['another country currency', { 'X-Currency': 'KES' }, 400, { data: {}, status: expect.objectContaining({ result_code: 'ROUTER112' }) }],
  ])('refuses %s and records nothing', async (_name, headers, status, answer) => {
    const id = randomUUID();
    const res = await airtel.pay(id, '752604392', 1000, headers);
    expect(res.status).toBe(status);
    expect(res.json).toEqual(answer);
    expect((await airtel.control('GET', `/payments/${id}`)).status).toBe(404);
  });

  it('applies each country: Kenya KES with 2 decimals, Chad 8-digit numbers, Congo numbers with a leading 0', async () => {
    const kenya = new AirtelTestClient(sandbox, 'KE', 'KES');
    kenya.token = airtel.token;
    expect((await kenya.pay(randomUUID(), '733123456', 10.5)).json.status.success).toBe(true);
    expect((await kenya.pay(randomUUID(), '733123456', 10.555)).json.status).toMatchObject({ response_code: 'DP00800001004' });
    const chad = new AirtelTestClient(sandbox, 'TD', 'XAF');
    chad.token = airtel.token;
    expect((await chad.pay(randomUUID(), '66123456')).json.status.success).toBe(true);
    expect((await chad.pay(randomUUID(), '661234567')).json.status).toMatchObject({ result_code: 'ESB000033', message: 'Invalid MSISDN Length. MSISDN Length should be 8' });
    const congo = new AirtelTestClient(sandbox, 'CG', 'XAF');
    congo.token = airtel.token;
    expect((await congo.pay(randomUUID(), '051234567')).json.status.success).toBe(true);
    expect((await congo.pay(randomUUID(), '551234567')).json.status.result_code).toBe('ESB000036');
    expect((await airtel.pay(randomUUID(), '0752604392')).json.status.result_code).toBe('ESB000033');
    expect((await airtel.pay(randomUUID(), '075260439')).json.status.result_code).toBe('ESB000036');
    expect((await airtel.pay(randomUUID(), '752604392', 10.5)).json.status.response_code).toBe('DP00800001004');
    const mismatch = airtel.payBody(randomUUID(), '752604392');
    (mismatch.subscriber as Record<string, unknown>).country = 'KE';
    expect((await airtel.post('/merchant/v1/payments/', mismatch)).json.status.result_code).toBe('ESB000034');
  });

  it('verifies x-signature/x-key when present and requires them on v2', async () => {
    const signed = randomUUID();
    expect((await airtel.paySigned(signed, '752604392')).json.status.success).toBe(true);
    expect((await airtel.control('GET', `/payments/${signed}`)).json).toMatchObject({ signed: true, path: '/merchant/v2/payments/' });

    const body = JSON.stringify(airtel.payBody(randomUUID(), '752604392'));
    const headers = signBody(airtel.state.publicKeyPem, body, 'oaep');
    const tampered = body.replace('1000', '1');
    const res = await airtel.post('/merchant/v1/payments/', tampered, headers);
    expect(res.json.status).toMatchObject({ response_code: 'DP00800001026', success: false });
    expect((await airtel.pay(randomUUID(), '752604392', 1000, { 'x-signature': headers['x-signature'] })).json.status.response_code).toBe('DP00800001026');
    expect((await airtel.post('/merchant/v2/payments/', airtel.payBody(randomUUID(), '752604392'))).json.status.response_code).toBe('DP00800001026');
    const disbursement = await airtel.post(
      '/standard/v1/disbursements/',
      { payee: { msisdn: '752604392' }, reference: 'r', pin: airtel.encryptPin(), transaction: { amount: 1, id: randomUUID() } },
      { 'x-signature': 'AAAA', 'x-key': 'AAAA' },
    );
    expect(disbursement.json.status.response_code).toBe('DP00900001016');
  });

  it("accepts the fact sheet's signing test vector (x-key made with the sandbox key)", async () => {
    const key = 'PSw37xtnShLl7zgWn4dLSnf1J5GRhRsOD4OfvJOuLIM=';
    const iv = 'gGIhDvCBnSBhBgYiXCyMnw==';
    const body =
      '{"reference":"1234","subscriber":{"country":"UG","currency":"UGX","msisdn":"752604392"},"transaction":{"amount":"100","country":"UG","currency":"UGX","id":"test_id "}}';
    const signature =
      'bDOsVGZzbK0P5jO/M5QVMH/qxSmRJLEvIPZCdW6H81xvsZNI6jZej54oBQlHZ38yy63QNeyyYcfEkGJ8f3f15wHWs86V9BCIpHSesS3SrhozE/gGA1fLydeSS26mw0jhyt9XIpabk1RjDH59SfsrkHKU38I5mRlthG/t2qXJck0FhNR64bgOExm9CsuxUlfpsSoW1g81g1u5a4yMFIHhp77f+h3EXNHzcEsdSWhqTho=';
    expect(airtel.state.keys.verifySignature(Buffer.from(body), signature, rsaEncrypt(airtel.state.publicKeyPem, `${key}:${iv}`))).toEqual({ ok: true, padding: 'pkcs1' });
    const res = await airtel.post('/merchant/v1/payments/', body, { 'x-signature': signature, 'x-key': rsaEncrypt(airtel.state.publicKeyPem, `${key}:${iv}`) });
    expect(res.json.status.success).toBe(true);
  });

  it('refuses unsigned POSTs when airtelRequireSigning is on', async () => {
    const strict = await startSandbox({ port: 0, airtelRequireSigning: true });
    try {
      const client = new AirtelTestClient(strict);
      await client.login();
      const unsigned = await client.pay(randomUUID(), '752604392');
      expect(unsigned.json.status).toMatchObject({ response_code: 'DP00800001026', success: false });
      expect((await client.paySigned(randomUUID(), '752604392', 1000, '/merchant/v1/payments/')).json.status.success).toBe(true);
      expect((await client.get('/standard/v1/users/balance')).json.status.success).toBe(true);
    } finally {
      await strict.close();
    }
  });
});
