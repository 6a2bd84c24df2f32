import { DataSource } from 'typeorm';
import { events, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

const AIRTEL = (suffix: string) => `0752${suffix}`; // Uganda: 075 is Airtel
const sandboxPath = (env: TestEnvironment, path: string) => fetch(`${env.sandbox.url}/_sandbox/airtel-money${path}`).then((r) => r.json());

describe('Airtel Money end to end', () => {
  let env: TestEnvironment;
  let db: DataSource;
  beforeAll(async () => {
    env = await startEnvironment();
    db = env.gateway.app.get(DataSource);
  });
  afterAll(async () => env?.close());

  const collect = (phone: string, amount = '5000') => env.api().post('/v1/collections').send({ amount, currency: 'UGX', phoneNumber: phone, country: 'UG' });

  it('a Uganda collection to an Airtel number routes to Airtel automatically and succeeds by a signed callback', async () => {
    const created = await collect('0752123456').expect(202);
    expect(created.body).toMatchObject({ provider: 'airtel-money', status: 'processing', phoneNumber: '256752123456' });
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toBeTruthy();
    const record = await sandboxPath(env, `/payments/${created.body.id}`);
    expect(JSON.stringify(record)).toContain('"752123456"'); // the msisdn went without the country code
    const [callback] = await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id = $1`, [created.body.id]);
    expect(callback?.verdict).toMatch(/applied|duplicate/);
  });

  it.each([
    ['991008', 'PAYER_DECLINED'],
    ['991007', 'INSUFFICIENT_FUNDS'],
    ['991029', 'EXPIRED'],
  ])('TF with %s ends failed with %s, keeping Airtel code', async (suffix, failureCode) => {
    const created = await collect(AIRTEL(suffix)).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode });
    expect(done.failureReason).toContain('DP008000010');
  });

  it('TA (ambiguous) stays processing and is settled by reconciliation', async () => {
    const created = await collect(AIRTEL('991000')).expect(202);
    await new Promise((r) => setTimeout(r, 800));
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('processing');
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000);
    expect(done.status).toBe('succeeded');
    expect((await events(env, created.body.id)).find((e) => e.toStatus === 'succeeded')?.actor).toBe('reconciler');
  });

  it('a callback with a wrong hash moves nothing and is stored with its verdict; with the right hash it does', async () => {
    const created = await collect(AIRTEL('990002')).expect(202); // succeeds at Airtel without a callback
    await db.query(`UPDATE transactions SET next_reconcile_at = now() + interval '1 hour' WHERE id = $1`, [created.body.id]);
    await new Promise((r) => setTimeout(r, 400));
    const wrong = await fetch(`${env.sandbox.url}/_sandbox/airtel-money/payments/${created.body.id}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hash: 'd3JvbmcgaGFzaA==' }),
    }).then((r) => r.json());
    expect(JSON.stringify(wrong)).toContain('401');
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('processing');
    const rows = await db.query(`SELECT verdict FROM provider_callbacks WHERE provider = 'airtel-money' AND convert_from(raw_body, 'UTF8') LIKE $1 ORDER BY received_at`, [`%${created.body.id}%`]);
    expect(rows.map((r: { verdict: string }) => r.verdict)).toEqual(['rejected_signature']);

    await fetch(`${env.sandbox.url}/_sandbox/airtel-money/payments/${created.body.id}/callback`, { method: 'POST' });
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
  });

  it('a full refund and a disbursement succeed end to end; partial refunds are refused for Airtel', async () => {
    const paid = await collect('0752123457', '3000').expect(202);
    await waitForStatus(env, paid.body.id, ['succeeded']);
    expect((await env.api().post(`/v1/transactions/${paid.body.id}/refunds`).send({ amount: '1000' }).expect(422)).body.code).toBe('UNSUPPORTED_OPERATION');
    const refund = await env.api().post(`/v1/transactions/${paid.body.id}/refunds`).send({}).expect(202);
    expect((await waitForStatus(env, refund.body.id, ['succeeded', 'failed'], 20000)).status).toBe('succeeded');
    expect((await env.api().get(`/v1/transactions/${paid.body.id}`)).body.refundedAmount).toBe('3000');

    const payout = await env.api().post('/v1/disbursements').send({ amount: '2000', currency: 'UGX', phoneNumber: '0752123458', country: 'UG' }).expect(202);
    expect(payout.body.provider).toBe('airtel-money');
    expect((await waitForStatus(env, payout.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
  });

  it('a disbursement with a bad PIN configuration fails with a clear provider error and moves no money', async () => {
    const accounts = (await env.api().get('/v1/admin/provider-accounts').expect(200)).body;
    const airtel = accounts.find((a: { name: string }) => a.name === 'airtel-money (env)');
    const before = JSON.stringify(await sandboxPath(env, '/balances'));
    await env.api().patch(`/v1/admin/provider-accounts/${airtel.id}`).send({ credentials: { pin: '9999' } }).expect(200);
    try {
      const payout = await env.api().post('/v1/disbursements').send({ amount: '2500', currency: 'UGX', phoneNumber: '0752123459', country: 'UG' }).expect(202);
      const done = await waitForStatus(env, payout.body.id, ['succeeded', 'failed']);
      expect(done.status).toBe('failed');
      expect(done.failureReason).toMatch(/PIN|DP00900001/i);
      expect(JSON.stringify(await sandboxPath(env, '/balances'))).toBe(before);
    } finally {
      await env.api().patch(`/v1/admin/provider-accounts/${airtel.id}`).send({ credentials: { pin: '1234' } }).expect(200);
    }
  });

  it('GET /v1/providers/resolve tells MTN from Airtel in Uganda, and Safaricom from Airtel in Kenya', async () => {
    const resolve = async (phoneNumber: string, country: string) => (await env.api().get('/v1/providers/resolve').query({ phoneNumber, country }).expect(200)).body;
    expect(await resolve('0752123456', 'UG')).toMatchObject({ provider: 'airtel-money', available: true });
    expect(await resolve('0701234567', 'UG')).toMatchObject({ provider: 'airtel-money' });
    expect(await resolve('0772123456', 'UG')).toMatchObject({ provider: 'mtn-momo', available: true });
    expect(await resolve('0712345678', 'KE')).toMatchObject({ provider: 'mpesa-daraja', available: true });
    expect(await resolve('0733123456', 'KE')).toMatchObject({ provider: 'airtel-money', country: 'KE' });
    expect(await resolve('0110123456', 'KE')).toMatchObject({ provider: 'mpesa-daraja' });
  });
});
