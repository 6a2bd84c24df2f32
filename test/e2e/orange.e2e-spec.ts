import { DataSource } from 'typeorm';
import { ProviderCalls } from '../../src/transactions/provider-calls';
import { events, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

// Côte d'Ivoire: 07 is Orange. The seeded account uses Orange's `dev` path (OUV on the wire, XOF here).
let counter = 0;
const orangeNumber = () => `0707${String(Date.now() % 10000).padStart(4, '0')}${String(++counter % 100).padStart(2, '0')}`;
const REDIRECTS = { returnUrl: 'https://shop.example/orders/1/paid', cancelUrl: 'https://shop.example/orders/1/cancelled' };
const sandbox = (env: TestEnvironment, path: string, init?: RequestInit) =>
  fetch(`${env.sandbox.url}/_sandbox/orange-money${path}`, { redirect: 'manual', ...init });

describe('Orange Money Web Payment end to end', () => {
  let env: TestEnvironment;
  let db: DataSource;
  beforeAll(async () => {
    env = await startEnvironment();
    db = env.gateway.app.get(DataSource);
  });
  afterAll(async () => env?.close());

  const collect = (extra: Record<string, unknown> = REDIRECTS) =>
    env.api().post('/v1/collections').send({ amount: '1500', currency: 'XOF', phoneNumber: orangeNumber(), country: 'CI', ...extra });

  const payToken = (redirectUrl: string) => redirectUrl.split('/').pop() as string;

  it('a collection answers with a redirect; approving on the page leads to a verified notification and succeeded', async () => {
    const created = await collect().expect(202);
    expect(created.body).toMatchObject({ provider: 'orange-money', status: 'processing', nextAction: { type: 'redirect' } });
    const url: string = created.body.nextAction.url;
    expect(url).toContain('/_sandbox/orange-money/pay/');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/id="amount">1\s?500 /);

    const approved = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'approve' }), redirect: 'manual' });
    expect(approved.status).toBe(302);
    expect(approved.headers.get('location')).toBe(REDIRECTS.returnUrl);

    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toMatch(/^MP\d{6}\.\d{4}\.[A-Z]\d{5}$/);
    expect(done.nextAction).toBeNull();
    const [callback] = await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id = $1`, [created.body.id]);
    expect(callback.verdict).toMatch(/applied|duplicate/);
    // Orange's notif_token is kept only as a hash, never in clear.
    const [row] = await db.query(`SELECT provider_data::text AS data FROM transactions WHERE id = $1`, [created.body.id]);
    const record = await (await sandbox(env, `/payments/${payToken(url)}`)).json();
    expect(JSON.stringify(record)).toContain(payToken(url));
    expect(row.data).not.toContain(record.notif_token ?? record.notifToken ?? 'never-there');
  });

  it('a notification with a wrong notif_token moves nothing and is stored as rejected', async () => {
    const created = await collect().expect(202);
    const transaction = await db.query(`SELECT * FROM transactions WHERE id = $1`, [created.body.id]);
    const callbackUrl = env.gateway.app.get(ProviderCalls).callbackUrl({ id: created.body.id, provider: 'orange-money' });
    expect(transaction).toHaveLength(1);
    const forged = await fetch(callbackUrl.replace(process.env.PUBLIC_BASE_URL as string, env.gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'SUCCESS', notif_token: '0123456789abcdef0123456789abcdef', txnid: 'MP260101.1200.A00001' }),
    });
    expect(forged.status).toBe(401);
    const [callback] = await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id = $1 ORDER BY received_at DESC`, [created.body.id]);
    expect(callback.verdict).toBe('rejected_signature');
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('processing');
  });

  it('an abandoned payment (no notification ever) ends failed EXPIRED by reconciliation', async () => {
    const created = await collect().expect(202);
    await sandbox(env, '/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ afterValidity: 'INITIATED' }) });
    // Twenty minutes later, as far as the gateway knows: past Orange's 10-minute validity.
    await db.query(`UPDATE transactions SET created_at = now() - interval '20 minutes', next_reconcile_at = now() WHERE id = $1`, [created.body.id]);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000);
    expect(done).toMatchObject({ status: 'failed', failureCode: 'EXPIRED' });
    expect((await events(env, created.body.id)).find((e) => e.toStatus === 'failed')?.actor).toBe('reconciler');
  });

  it('a disbursement routed to Orange Web Payment gets 422 UNSUPPORTED_OPERATION naming the provider', async () => {
    const res = await env.api().post('/v1/disbursements').send({ amount: '1500', currency: 'XOF', phoneNumber: orangeNumber(), country: 'CI' }).expect(422);
    expect(res.body.code).toBe('UNSUPPORTED_OPERATION');
    expect(res.body.detail).toContain('orange-money');
  });

  it('a collection without returnUrl and cancelUrl is refused with both fields named', async () => {
    const res = await collect({}).expect(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cancelUrl', 'returnUrl']);
  });

  it('a refund of an Orange collection is refused: Web Payment has none', async () => {
    const created = await collect().expect(202);
    await db.query(`UPDATE transactions SET status = 'succeeded', completed_at = now() WHERE id = $1`, [created.body.id]);
    const res = await env.api().post(`/v1/transactions/${created.body.id}/refunds`).send({}).expect(422);
    expect(res.body.code).toBe('UNSUPPORTED_OPERATION');
  });
});
