import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { OrangeTestClient } from './orange-money.client';
import { orangeMoneyOperator } from './orange-money.sandbox';

describe('Orange Money sandbox: token and credentials', () => {
  let sandbox: RunningSandbox;
  let orange: OrangeTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 20, orangeTokenTtlS: 7776000 }, [orangeMoneyOperator]);
    orange = new OrangeTestClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('POST /oauth/v3/token: Basic + form → Bearer token, expires_in as a string', async () => {
    const res = await orange.requestToken();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ token_type: 'Bearer', access_token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), expires_in: '7776000' });
  });

  it.each([
    ['no Authorization', { Authorization: '' }, 40, 'Missing credentials'],
    ['a wrong secret', { Authorization: `Basic ${Buffer.from('sandbox-orange-client:nope').toString('base64')}` }, 41, 'Invalid credentials'],
    ['a Bearer instead of Basic', { Authorization: 'Bearer abc' }, 41, 'Invalid credentials'],
    ['garbage', { Authorization: 'Basic !!!' }, 41, 'Invalid credentials'],
  ])('%s → 401 code %d', async (_label, headers, code, message) => {
    const res = await orange.requestToken(headers);
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ code, message, description: expect.any(String) });
  });

  it('a JSON body or another grant type → 400 (OAuth errors)', async () => {
    const json = await orange.requestToken({ 'Content-Type': 'application/json' }, '{"grant_type":"client_credentials"}');
    expect(json.status).toBe(400);
    expect(json.json).toMatchObject({ error: 'invalid_request' });
    expect((await orange.requestToken({}, 'grant_type=password')).json).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await orange.requestToken({}, '')).json).toMatchObject({ error: 'invalid_request' });
  });

  it('WebPay calls: Bearer missing → 40, unknown → 41, expired → 42; a wrong {cc} → 404 code 60', async () => {
    await orange.login();
    const body = orange.body(randomUUID().slice(0, 30), 'http://127.0.0.1:9/n');
    expect((await orange.webpayment(body, { Authorization: '' })).json).toMatchObject({ code: 40 });
    expect((await orange.webpayment(body, { Authorization: 'Bearer not-a-token' })).json).toMatchObject({ code: 41, message: 'Invalid credentials' });
    const wrongPath = await orange.webpayment(body, {}, 'zz');
    expect(wrongPath.status).toBe(404);
    expect(wrongPath.json).toMatchObject({ code: 60, message: 'Resource not found' });

    expect((await orange.control('POST', '/tokens/expire')).json).toEqual({ expired: expect.any(Number) });
    const expired = await orange.webpayment(body);
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ code: 42, message: 'Expired credentials' });
    await orange.login();
    expect((await orange.webpayment(body)).status).toBe(201);
  });
});
