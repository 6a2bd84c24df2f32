import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { MtnTestClient } from '../testing/helpers';
import type { MtnMomoState } from './mtn-momo.state';

const APIM_INVALID_KEY = {
  statusCode: 401,
  message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
};

describe('MTN MoMo sandbox: provisioning and tokens', () => {
  let sandbox: RunningSandbox;
  let mtn: MtnTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 50, mtnSubscriptionKey: 'primary-key,secondary-key' });
    mtn = new MtnTestClient(sandbox);
  });
  afterAll(() => sandbox.close());

  describe('provisioning', () => {
    const subKey = { 'Ocp-Apim-Subscription-Key': 'primary-key', 'Content-Type': 'application/json' };

    it('creates an API user (201, empty), refuses its reuse (409), issues keys and reads it back', async () => {
      const id = randomUUID();
      const body = JSON.stringify({ providerCallbackHost: 'gateway.example' });
      const created = await mtn.call('POST', '/v1_0/apiuser', { headers: { ...subKey, 'X-Reference-Id': id }, body });
      expect(created.status).toBe(201);
      expect(created.text).toBe('');

      const again = await mtn.call('POST', '/v1_0/apiuser', { headers: { ...subKey, 'X-Reference-Id': id }, body });
      expect(again.status).toBe(409);
      expect(again.json).toEqual({ code: 'RESOURCE_ALREADY_EXIST', message: 'Duplicated reference id. Creation of resource failed.' });

      const key = await mtn.call('POST', `/v1_0/apiuser/${id}/apikey`, { headers: subKey });
      expect(key.status).toBe(201);
      expect(key.json.apiKey).toMatch(/^[0-9a-f]{32}$/);

      const read = await mtn.call('GET', `/v1_0/apiuser/${id}`, { headers: subKey });
      expect(read.status).toBe(200);
      expect(read.json).toEqual({ providerCallbackHost: 'gateway.example', targetEnvironment: 'sandbox' });

      const token = await mtn.requestToken({ Authorization: mtn.basic(id, key.json.apiKey) });
      expect(token.status).toBe(200);

      // A new key replaces the old one.
      const key2 = await mtn.call('POST', `/v1_0/apiuser/${id}/apikey`, { headers: subKey });
      expect((await mtn.requestToken({ Authorization: mtn.basic(id, key.json.apiKey) })).status).toBe(500);
      expect((await mtn.requestToken({ Authorization: mtn.basic(id, key2.json.apiKey) })).status).toBe(200);
    });

    it('validates the reference id, body, user and subscription key', async () => {
      const body = JSON.stringify({ providerCallbackHost: 'gateway.example' });
      expect((await mtn.call('POST', '/v1_0/apiuser', { headers: { ...subKey, 'X-Reference-Id': 'nope' }, body })).status).toBe(400);
      expect(
        (await mtn.call('POST', '/v1_0/apiuser', { headers: { ...subKey, 'X-Reference-Id': randomUUID() }, body: '{"x":' })).status,
      ).toBe(400);
      expect((await mtn.call('POST', '/v1_0/apiuser', { headers: { ...subKey, 'X-Reference-Id': randomUUID() }, body: '{}' })).status).toBe(400);
      const unknown = await mtn.call('POST', `/v1_0/apiuser/${randomUUID()}/apikey`, { headers: subKey });
      expect(unknown.status).toBe(404);
      expect(unknown.json.code).toBe('RESOURCE_NOT_FOUND');
      expect((await mtn.call('GET', `/v1_0/apiuser/${randomUUID()}`, { headers: subKey })).status).toBe(404);
      const badKey = await mtn.call('POST', '/v1_0/apiuser', {
        headers: { 'Ocp-Apim-Subscription-Key': 'wrong', 'X-Reference-Id': randomUUID() },
        body,
      });
      expect(badKey.status).toBe(401);
      expect(badKey.json).toEqual(APIM_INVALID_KEY);
    });

    it('has the preconfigured user from the options', async () => {
      const read = await mtn.call('GET', `/v1_0/apiuser/${sandbox.options.mtnApiUser}`, { headers: subKey });
      expect(read.json).toEqual({ providerCallbackHost: '', targetEnvironment: 'sandbox' });
    });
  });

  describe('POST /collection/token/', () => {
    it('issues a JWT-like access token', async () => {
      const res = await mtn.requestToken();
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ access_token: expect.any(String), token_type: 'access_token', expires_in: 3600 });
      const [header, payload, signature] = (res.json.access_token as string).split('.');
      expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'R256' });
      expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toMatchObject({ clientId: sandbox.options.mtnApiUser });
      expect(signature).toBeTruthy();
    });

    it('accepts the path without trailing slash, the secondary key and a body', async () => {
      expect((await mtn.requestToken({}, '/collection/token')).status).toBe(200);
      expect((await mtn.requestToken({ 'Ocp-Apim-Subscription-Key': 'secondary-key' })).status).toBe(200);
      const withBody = await mtn.call('POST', '/collection/token/', {
        headers: { 'Ocp-Apim-Subscription-Key': 'primary-key', Authorization: mtn.basic(), 'Content-Type': 'application/json' },
        body: '{"grant_type":"client_credentials"}',
      });
      expect(withBody.status).toBe(200);
    });

    it('refuses a bad or missing subscription key with the APIM body', async () => {
      const bad = await mtn.requestToken({ 'Ocp-Apim-Subscription-Key': 'wrong' });
      expect(bad.status).toBe(401);
      expect(bad.json).toEqual(APIM_INVALID_KEY);
      const disbursementKey = await mtn.requestToken({ 'Ocp-Apim-Subscription-Key': sandbox.options.mtnDisbursementSubscriptionKey });
      expect(disbursementKey.json).toEqual(APIM_INVALID_KEY);
      const missing = await mtn.call('POST', '/collection/token/', { headers: { Authorization: mtn.basic() } });
      expect(missing.status).toBe(401);
      expect(missing.json.message).toMatch(/missing subscription key/);
    });

    it('answers bad credentials with HTTP 500 login_failed', async () => {
      for (const authorization of [mtn.basic(sandbox.options.mtnApiUser, 'wrong'), mtn.basic(randomUUID(), 'x'), 'Basic !!!', '']) {
        const res = await mtn.requestToken({ Authorization: authorization });
        expect(res.status).toBe(500);
        expect(res.json).toEqual({ error: 'login_failed' });
      }
    });

    it('issues disbursement tokens with the disbursement key, not valid on collection', async () => {
      const res = await mtn.requestToken({ 'Ocp-Apim-Subscription-Key': sandbox.options.mtnDisbursementSubscriptionKey }, '/disbursement/token/');
      expect(res.status).toBe(200);
      const client = new MtnTestClient(sandbox);
      client.token = res.json.access_token;
      const status = await client.call('GET', '/collection/v1_0/account/balance', {
        headers: { ...client.productHeaders(), 'Ocp-Apim-Subscription-Key': 'primary-key' },
      });
      expect(status.status).toBe(401);
      expect(status.json.code).toBe('UNAUTHORIZED');
    });
  });

  describe('Bearer token and target environment on product calls', () => {
    const balance = (client: MtnTestClient, headers: Record<string, string> = {}) =>
      client.call('GET', '/collection/v1_0/account/balance', { headers: client.productHeaders(headers) });

    it('checks subscription key, token and environment', async () => {
      const client = new MtnTestClient(sandbox);
      await client.login();
      expect((await balance(client)).status).toBe(200);
      expect((await balance(client, { 'Ocp-Apim-Subscription-Key': 'wrong' })).json).toEqual(APIM_INVALID_KEY);
      for (const authorization of ['', 'Bearer nope', `Basic ${client.token}`]) {
        const res = await balance(client, { Authorization: authorization });
        expect(res.status).toBe(401);
        expect(res.json).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
      }
      for (const env of ['production', 'SANDBOX', '']) {
        const res = await balance(client, { 'X-Target-Environment': env });
        expect(res.status).toBe(500);
        expect(res.json.code).toBe('NOT_ALLOWED_TARGET_ENVIRONMENT');
      }
    });

    it('expires every token through the control endpoint', async () => {
      const client = new MtnTestClient(sandbox);
      await client.login();
      const expired = await client.control('POST', '/tokens/expire');
      expect(expired.status).toBe(200);
      expect(expired.json.expired).toBeGreaterThanOrEqual(1);
      const res = await balance(client);
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ code: 'UNAUTHORIZED', message: 'Access token expired.' });
      await client.login();
      expect((await balance(client)).status).toBe(200);
    });

    it('expires tokens after the TTL', async () => {
      const state = sandbox.operators['mtn-momo'] as MtnMomoState;
      const client = new MtnTestClient(sandbox);
      await client.login();
      const token = state.tokens.get(client.token);
      expect(token && token.expiresAt - token.issuedAt).toBe(3600_000);
      if (token) token.expiresAt = Date.now() - 1;
      expect((await balance(client)).json.message).toBe('Access token expired.');
    });
  });
});
