import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { decryptSecret, parseMasterKey } from '../../src/common/crypto/secret-box';
import { rotateMasterKey } from '../../src/providers/accounts/rotate-master-key';
import { collect, sandboxRecord, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

const GHANA_KEY = 'sandbox-mtn-ghana-key';
const GHANA_ACCOUNT = {
  provider: 'mtn-momo',
  name: 'MTN Ghana (test)',
  environment: 'sandbox',
  countries: ['GH'],
  currencies: ['GHS'],
  settings: { targetEnvironment: 'mtnghana' },
};

describe('provider accounts as data', () => {
  let env: TestEnvironment;
  let ghanaId: string;
  beforeAll(async () => {
    env = await startEnvironment();
    const created = await env
      .api()
      .post('/v1/admin/provider-accounts')
      .send({
        ...GHANA_ACCOUNT,
        baseUrl: env.sandbox.url,
        credentials: { subscriptionKey: GHANA_KEY, apiUser: process.env.MTN_MOMO_API_USER, apiKey: process.env.MTN_MOMO_API_KEY },
      })
      .expect(201);
    ghanaId = created.body.id;
  });
  afterAll(async () => env?.close());

  it('creates an account whose credentials are write-only: never in any answer', async () => {
    const list = await env.api().get('/v1/admin/provider-accounts').expect(200);
    const ghana = list.body.find((a: { id: string }) => a.id === ghanaId);
    expect(ghana).toMatchObject({ ...GHANA_ACCOUNT, active: true, priority: 100, source: 'api', credentialsSet: ['apiKey', 'apiUser', 'subscriptionKey'] });
    const everything = JSON.stringify([list.body, (await env.api().get(`/v1/admin/provider-accounts/${ghanaId}`)).body, (await env.api().get('/v1/providers')).body]);
    for (const secret of [GHANA_KEY, process.env.MTN_MOMO_API_KEY!, process.env.MTN_MOMO_SUBSCRIPTION_KEY!]) expect(everything).not.toContain(secret);
    // stored encrypted, not in clear
    const [row] = await env.gateway.app.get(DataSource).query('SELECT credentials_enc FROM provider_accounts WHERE id = $1', [ghanaId]);
    expect(row.credentials_enc).not.toContain(GHANA_KEY);
  });

  it('routes by phone number to the right account, target environment and subscription key', async () => {
    const ug = await collect(env, { amount: '1500', currency: 'UGX', phoneNumber: '+256772100200' }).expect(202);
    const gh = await collect(env, { amount: '12.50', currency: 'GHS', phoneNumber: '0244123456', country: 'GH' }).expect(202);
    expect(gh.body).toMatchObject({ provider: 'mtn-momo', country: 'GH', amount: '12.50' });
    const ugAtSandbox = await sandboxRecord(env, ug.body.id);
    const ghAtSandbox = await sandboxRecord(env, gh.body.id);
    expect(ugAtSandbox).toMatchObject({ targetEnvironment: 'mtnuganda', subscriptionKey: process.env.MTN_MOMO_SUBSCRIPTION_KEY });
    expect(ghAtSandbox).toMatchObject({ targetEnvironment: 'mtnghana', subscriptionKey: GHANA_KEY });
    expect((await waitForStatus(env, gh.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    const trail = JSON.stringify((await env.api().get(`/v1/transactions/${gh.body.id}/events`).expect(200)).body);
    expect(trail).toContain('provider.'); // the provider exchanges are there, redacted
    expect(trail).not.toContain(GHANA_KEY);
    expect(trail).not.toContain(process.env.MTN_MOMO_API_KEY!);
  });

  it('account limits: amounts outside them are refused with a clear 422, and GET /v1/providers shows them', async () => {
    const body = {
      provider: 'mtn-momo',
      name: 'MTN Cameroon (test)',
      environment: 'sandbox',
      baseUrl: env.sandbox.url,
      countries: ['CM'],
      currencies: ['XAF'],
      settings: { targetEnvironment: 'mtncameroon', limits: { XAF: { min: '100', max: '10000' } } },
      credentials: { subscriptionKey: GHANA_KEY, apiUser: process.env.MTN_MOMO_API_USER, apiKey: process.env.MTN_MOMO_API_KEY },
    };
    const bad = await env.api().post('/v1/admin/provider-accounts').send({ ...body, settings: { ...body.settings, limits: { XAF: { max: '1.5' } } } }).expect(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'settings' });
    await env.api().post('/v1/admin/provider-accounts').send(body).expect(201);
    const pay = (amount: string) => collect(env, { amount, currency: 'XAF', phoneNumber: '+237671234567', provider: 'mtn-momo' });
    const low = await pay('50').expect(422);
    expect(low.body.errors).toEqual([{ field: 'amount', message: 'amount is below the minimum of 100 XAF' }]);
    expect((await pay('20000').expect(422)).body.errors[0].message).toBe('amount is above the maximum of 10000 XAF');
    await pay('5000').expect(202);
    const providers = await env.api().get('/v1/providers').expect(200);
    const mtn = providers.body.data.find((p: { id: string }) => p.id === 'mtn-momo');
    expect(mtn.accounts.find((a: { name: string }) => a.name === 'MTN Cameroon (test)').limits).toEqual({ XAF: { min: '100', max: '10000' } });
  });

  it('deactivating an account takes effect at once, without a restart', async () => {
    await env.api().patch(`/v1/admin/provider-accounts/${ghanaId}`).send({ active: false }).expect(200);
    const refused = await collect(env, { amount: '5', currency: 'GHS', phoneNumber: '0244123457', country: 'GH' }).expect(422);
    expect(refused.body.code).toBe('UNSUPPORTED_ROUTE');
    await env.api().patch(`/v1/admin/provider-accounts/${ghanaId}`).send({ active: true }).expect(200);
    await collect(env, { amount: '5', currency: 'GHS', phoneNumber: '0244123457', country: 'GH' }).expect(202);
  });

  it('rotating credentials by PATCH is used by the next call', async () => {
    await env.api().patch(`/v1/admin/provider-accounts/${ghanaId}`).send({ credentials: { subscriptionKey: 'wrong-key' } }).expect(200);
    const bad = await collect(env, { amount: '6', currency: 'GHS', phoneNumber: '0244123458', country: 'GH' }).expect(202);
    expect(bad.body.status).toBe('failed'); // the token call is refused: the request never reached the operator
    expect(bad.body.failureCode).toBe('PROVIDER_UNAVAILABLE');
    await env.api().patch(`/v1/admin/provider-accounts/${ghanaId}`).send({ credentials: { subscriptionKey: GHANA_KEY } }).expect(200);
    await collect(env, { amount: '6', currency: 'GHS', phoneNumber: '0244123458', country: 'GH' }).expect(202).then((r) => expect(r.body.status).toBe('processing'));
  });

  it('a better-priority account wins the route', async () => {
    const second = await env
      .api()
      .post('/v1/admin/provider-accounts')
      .send({ ...GHANA_ACCOUNT, name: 'MTN Ghana preferred (test)', priority: 10, baseUrl: env.sandbox.url, credentials: { subscriptionKey: GHANA_KEY, apiUser: process.env.MTN_MOMO_API_USER, apiKey: process.env.MTN_MOMO_API_KEY } })
      .expect(201);
    const gh = await collect(env, { amount: '7', currency: 'GHS', phoneNumber: '0244123459', country: 'GH' }).expect(202);
    const [row] = await env.gateway.app.get(DataSource).query('SELECT provider_account_id FROM transactions WHERE id = $1', [gh.body.id]);
    expect(row.provider_account_id).toBe(second.body.id);
    await env.api().patch(`/v1/admin/provider-accounts/${second.body.id}`).send({ active: false }).expect(200);
  });

  it('refuses bad accounts with a clear 422, and non-admin keys with 403', async () => {
    const bad = await env.api().post('/v1/admin/provider-accounts').send({ ...GHANA_ACCOUNT, name: 'x', baseUrl: 'ftp://nope', credentials: {} }).expect(422);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const noCurrency = await env.api().post('/v1/admin/provider-accounts').send({ ...GHANA_ACCOUNT, name: 'y', currencies: ['XYZ'], baseUrl: env.sandbox.url, credentials: { subscriptionKey: 'a', apiUser: 'b', apiKey: 'c' } }).expect(422);
    expect(noCurrency.body.errors[0].field).toBe('currencies');
    const { key } = await env.gateway.app.get(ApiKeysService).create('payments only', ['payments:write', 'payments:read']);
    await request(env.gateway.url).get('/v1/admin/provider-accounts').set('Authorization', `Bearer ${key}`).expect(403);
  });

  it('rotating the master key re-encrypts every account, all or nothing', async () => {
    const db = env.gateway.app.get(DataSource);
    const oldKey = parseMasterKey(process.env.MALIPO_MASTER_KEY, 'MALIPO_MASTER_KEY');
    const newKey = parseMasterKey('11'.repeat(32), 'new');
    const count = await rotateMasterKey(db, oldKey, newKey);
    expect(count).toBeGreaterThanOrEqual(3);
    const rows: { credentials_enc: string }[] = await db.query('SELECT credentials_enc FROM provider_accounts');
    for (const row of rows) expect(() => JSON.parse(decryptSecret(row.credentials_enc, newKey))).not.toThrow();
    await expect(rotateMasterKey(db, oldKey, newKey)).rejects.toThrow(/cannot be decrypted with the current key/);
    expect(await rotateMasterKey(db, newKey, oldKey)).toBe(count); // back, for the other tests
  });

  it('a token the sandbox expired early is refreshed once and the call succeeds', async () => {
    await collect(env, { amount: '100', currency: 'UGX', phoneNumber: '+256772100201' }).expect(202); // a token is cached
    const expiredAt = new Date().toISOString();
    await fetch(`${env.sandbox.url}/_sandbox/mtn-momo/tokens/expire`, { method: 'POST' });
    const res = await collect(env, { amount: '101', currency: 'UGX', phoneNumber: '+256772100202' }).expect(202);
    expect(res.body.status).toBe('processing');
    expect((await waitForStatus(env, res.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    // Since the expiry (callbacks and reconciliation share tokens): some call met a 401, and tokens were
    // fetched again at most once per account (each account has its own token; the client's specs pin one refresh).
    const calls: { method: string; path: string; status: number; time: string }[] = await fetch(`${env.sandbox.url}/_sandbox/calls?limit=200`).then((r) => r.json());
    const since = calls.filter((c) => c.time >= expiredAt && c.path.startsWith('/collection/')).map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}$/, '{id}')} ${c.status}`);
    const accounts = (await env.api().get('/v1/admin/provider-accounts').expect(200)).body.filter((a: { active: boolean }) => a.active).length;
    expect(since.some((c) => c.endsWith(' 401'))).toBe(true);
    const refreshes = since.filter((c) => c === 'POST /collection/token/ 200').length;
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(accounts);
    expect(since).toContain('POST /collection/v1_0/requesttopay 202');
  });

  it('GET /v1/providers lists operations, countries, currencies and accounts without secrets; resolve tells operators apart', async () => {
    const res = await env.api().get('/v1/providers').expect(200);
    const mtn = res.body.data.find((p: { id: string }) => p.id === 'mtn-momo');
    expect(mtn).toMatchObject({ configured: true, operations: expect.arrayContaining(['collect', 'status']) });
    expect(mtn.countries).toEqual(expect.arrayContaining(['UG', 'GH']));
    expect(mtn.currencies).toEqual(expect.arrayContaining(['UGX', 'GHS', 'EUR']));
    expect(mtn.health.calls).toBeGreaterThan(0);
    const airtel = await env.api().get('/v1/providers/resolve').query({ phoneNumber: '0752123456', country: 'UG' }).expect(200);
    expect(airtel.body).toMatchObject({ phoneNumber: '256752123456', provider: 'airtel-money', available: true });
    const mtnUg = await env.api().get('/v1/providers/resolve').query({ phoneNumber: '+256772123456' }).expect(200);
    expect(mtnUg.body).toMatchObject({ provider: 'mtn-momo', country: 'UG', available: true });
  });
});
