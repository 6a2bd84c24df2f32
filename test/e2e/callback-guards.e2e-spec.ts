import { DataSource } from 'typeorm';
import { collect, events, sandboxRecord, startEnvironment, startGateway, TestEnvironment, waitForStatus, Gateway } from '../support/harness';
import { testPorts } from '../support/worker';

// An account of its own (MTN Côte d'Ivoire, XOF) whose callbacks may only come from 10.9.8.0/24 and 2001:db8::/32.
const ALLOWLIST = ['10.9.8.0/24', '2001:db8::/32'];

describe('callback guards', () => {
  let env: TestEnvironment;
  let db: DataSource;
  let accountId: string;
  beforeAll(async () => {
    env = await startEnvironment();
    db = env.gateway.app.get(DataSource);
    const account = await env
      .api()
      .post('/v1/admin/provider-accounts')
      .send({
        provider: 'mtn-momo',
        name: 'MTN Ivory Coast (guards test)',
        environment: 'sandbox',
        baseUrl: env.sandbox.url,
        countries: ['CI'],
        currencies: ['XOF'],
        settings: { targetEnvironment: 'mtnivorycoast', callbackIpAllowlist: ALLOWLIST },
        credentials: { subscriptionKey: process.env.MTN_MOMO_SUBSCRIPTION_KEY, apiUser: process.env.MTN_MOMO_API_USER, apiKey: process.env.MTN_MOMO_API_KEY },
      })
      .expect(201);
    accountId = account.body.id;
  });
  afterAll(async () => env?.close());

  /** A collection at that account whose payment succeeds at the sandbox but sends no callback of its own. */
  const pendingPayment = async () => {
    const created = await collect(env, { amount: '500', currency: 'XOF', phoneNumber: '+2250512990002', provider: 'mtn-momo' }).expect(202);
    await db.query(`UPDATE transactions SET next_reconcile_at = now() + interval '1 hour' WHERE id = $1`, [created.body.id]); // keep reconciliation out of it
    const record = await sandboxRecord(env, created.body.id);
    await new Promise((r) => setTimeout(r, 300));
    return { id: created.body.id as string, url: record.callbackUrl as string, body: JSON.stringify({ ...record.statusBody, status: 'SUCCESSFUL' }) };
  };
  const send = (url: string, body: string, forwardedFor?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }, body });
  const verdicts = async (transactionId: string) =>
    (await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id = $1 OR (token_hash = (SELECT callback_token_hash FROM transactions WHERE id = $1)) ORDER BY received_at`, [transactionId])).map(
      (r: { verdict: string }) => r.verdict,
    );

  it('a callback from a disallowed address gets 403, is stored with that verdict, and moves nothing', async () => {
    const payment = await pendingPayment();
    const res = await send(payment.url, payment.body);
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('FORBIDDEN');
    expect(await verdicts(payment.id)).toEqual(['rejected_ip']);
    expect((await env.api().get(`/v1/transactions/${payment.id}`)).body.status).toBe('processing');
    expect((await events(env, payment.id)).some((e) => e.action === 'callback.received')).toBe(false);
  });

  it('with no trusted proxy configured, a forged X-Forwarded-For does not get a request in', async () => {
    const payment = await pendingPayment();
    expect((await send(payment.url, payment.body, '10.9.8.7')).status).toBe(403);
    expect((await env.api().get(`/v1/transactions/${payment.id}`)).body.status).toBe('processing');
  });

  describe('behind one trusted proxy', () => {
    let proxied: Gateway;
    beforeAll(async () => {
      process.env.TRUSTED_PROXY_HOPS = '1';
      try {
        proxied = await startGateway(testPorts().gateway2);
      } finally {
        delete process.env.TRUSTED_PROXY_HOPS;
      }
    });
    afterAll(async () => proxied?.close());

    const viaProxy = (url: string) => url.replace(env.gateway.url, proxied.url);

    it('the first untrusted address of X-Forwarded-For is the one checked', async () => {
      const payment = await pendingPayment();
      // The proxy appends the address it saw: the client's claims to the left of it are not trusted.
      expect((await send(viaProxy(payment.url), payment.body, '203.0.113.9')).status).toBe(403);
      expect((await send(viaProxy(payment.url), payment.body, '10.9.8.7, 203.0.113.9')).status).toBe(403);
      expect((await env.api().get(`/v1/transactions/${payment.id}`)).body.status).toBe('processing');
      expect((await send(viaProxy(payment.url), payment.body, '203.0.113.9, 10.9.8.7')).status).toBe(200);
      expect((await waitForStatus(env, payment.id, ['succeeded'])).status).toBe('succeeded');
      expect(await verdicts(payment.id)).toEqual(['rejected_ip', 'rejected_ip', 'applied']);
    });

    it('IPv6 ranges work too', async () => {
      const payment = await pendingPayment();
      expect((await send(viaProxy(payment.url), payment.body, '2001:db8::42')).status).toBe(200);
      expect((await send(viaProxy(payment.url), payment.body, '2001:db9::42')).status).toBe(403);
    });
  });

  it('an unknown token is 401 and kept; admins see unmatched callbacks', async () => {
    const res = await send(`${env.gateway.url}/v1/webhooks/mtn-momo/forged-token-${Date.now()}`, '{"status":"SUCCESSFUL","externalId":"x-forged"}');
    expect(res.status).toBe(401);
    const list = await env.api().get('/v1/admin/callbacks').query({ matched: 'false', provider: 'mtn-momo' }).expect(200);
    expect(list.body.data.find((c: { body: string }) => c.body.includes('x-forged'))).toMatchObject({ verdict: 'rejected_token', transactionId: null, path: '/v1/webhooks/mtn-momo/{token}' });
    expect((await env.api().get('/v1/admin/callbacks').query({ matched: 'maybe' }).expect(422)).body.code).toBe('VALIDATION_FAILED');
  });

  it('a malformed allowlist is refused when the account is saved', async () => {
    const bad = await env.api().patch(`/v1/admin/provider-accounts/${accountId}`).send({ settings: { targetEnvironment: 'mtnivorycoast', callbackIpAllowlist: ['10.0.0.0/33'] } }).expect(422);
    expect(bad.body.errors[0].message).toMatch(/callbackIpAllowlist/);
  });
});
