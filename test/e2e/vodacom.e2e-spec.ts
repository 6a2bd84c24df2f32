import { DataSource } from 'typeorm';
import { events, eventually, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

// Mozambique: 84/85 are Vodacom. The sandbox's outcome is chosen by the last three digits (sandbox/README.md).
let counter = 0;
// 9 digits; the last three stay below 900, away from the magic suffixes.
const vodacomNumber = () => `84${String(Date.now() % 10000).padStart(4, '0')}${100 + (++counter % 800)}`;
const magic = (suffix: string) => `8400${String(Date.now() % 1000).padStart(3, '0')}`.slice(0, 6) + suffix;
const sandbox = (env: TestEnvironment, path: string) => fetch(`${env.sandbox.url}/_sandbox/mpesa-vodacom${path}`).then((r) => r.json());

describe('M-Pesa Mozambique (Vodacom) end to end', () => {
  let env: TestEnvironment;
  let db: DataSource;
  beforeAll(async () => {
    env = await startEnvironment();
    db = env.gateway.app.get(DataSource);
  });
  afterAll(async () => env?.close());

  const collect = (phone: string, amount = '150.00') => env.api().post('/v1/collections').send({ amount, currency: 'MZN', phoneNumber: phone, country: 'MZ' });
  const account = async () => (await env.api().get('/v1/admin/provider-accounts').expect(200)).body.find((a: { provider: string }) => a.provider === 'mpesa-vodacom');

  it('a collection answers processing while the operator still holds the call (30 s), then succeeds', async () => {
    const phone = magic('909');
    const created = await collect(phone).expect(202);
    expect(created.body).toMatchObject({ provider: 'mpesa-vodacom', status: 'processing', phoneNumber: `258${phone}` });
    // The answer came while the C2B call was still open at the operator: it has not answered yet.
    const held = await eventually(() => sandbox(env, `/transactions?msisdn=258${phone}`), (list) => JSON.stringify(list).includes('Pending'), 10000);
    expect(JSON.stringify(held)).toContain('Pending');
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 50000);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toBeTruthy();
    const trail = await events(env, created.body.id);
    expect(trail.filter((e) => e.action === 'initiation.started')).toHaveLength(1);
  }, 70000);

  it('INS-2006 ends failed INSUFFICIENT_FUNDS, keeping the operator code', async () => {
    const created = await collect(magic('905')).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000);
    expect(done).toMatchObject({ status: 'failed', failureCode: 'INSUFFICIENT_FUNDS' });
    expect(done.failureReason).toContain('INS-2006');
  });

  it('a C2B call that times out stays processing and is settled by the status query', async () => {
    const vodacom = await account();
    await env.api().patch(`/v1/admin/provider-accounts/${vodacom.id}`).send({ settings: { ...vodacom.settings, c2bTimeoutMs: 1000 } }).expect(200);
    try {
      const created = await collect(magic('910')).expect(202);
      const settled = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 30000);
      expect(settled.status).toBe('succeeded');
      const trail = await events(env, created.body.id);
      // Never failed while unknown: the only status change after processing is the reconciler's success.
      expect(trail.filter((e) => e.toStatus === 'failed')).toHaveLength(0);
      expect(trail.find((e) => e.toStatus === 'succeeded')?.actor).toBe('reconciler');
      const c2b = trail.find((e) => e.action === 'provider.c2b' || String(e.action).startsWith('provider.c2b'));
      expect(JSON.stringify(c2b ?? trail)).toMatch(/timeout|timed out|ETIMEDOUT|aborted/i);
    } finally {
      await env.api().patch(`/v1/admin/provider-accounts/${vodacom.id}`).send({ settings: vodacom.settings }).expect(200);
    }
  }, 60000);

  it('a reversal of a succeeded collection ends reversed, with the operator call in the audit trail', async () => {
    const created = await collect(vodacomNumber()).expect(202);
    expect((await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000)).status).toBe('succeeded');
    const reversed = await env.api().post(`/v1/admin/transactions/${created.body.id}/reverse`).send({ reason: 'customer paid twice' }).expect(202);
    expect(reversed.body.status).toBe('reversed');
    const trail = await events(env, created.body.id);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['reversal.requested', 'status.changed']));
    expect(trail.find((e) => e.toStatus === 'reversed')).toBeTruthy();
    const record = await sandbox(env, `/transactions/${reversed.body.providerTransactionId}`);
    expect(JSON.stringify(record)).toMatch(/reversedAmount"?:\s*"?150/);
    // Reversing it again is refused: it is no longer succeeded.
    const again = await env.api().post(`/v1/admin/transactions/${created.body.id}/reverse`).send({}).expect(409);
    expect(again.body.code).toBe('INVALID_STATE');
  });

  it('a disbursement pays out by B2C; a refund reverses the whole collection (a partial one is refused)', async () => {
    const payout = await env.api().post('/v1/disbursements').send({ amount: '75.50', currency: 'MZN', phoneNumber: vodacomNumber(), country: 'MZ' }).expect(202);
    expect((await waitForStatus(env, payout.body.id, ['succeeded', 'failed'], 20000)).status).toBe('succeeded');
    const created = await collect(vodacomNumber(), '200.00').expect(202);
    expect((await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000)).status).toBe('succeeded');
    // Whether Vodacom honours input_ReversalAmount is unverified: a partial refund might reverse it all.
    expect((await env.api().post(`/v1/transactions/${created.body.id}/refunds`).send({ amount: '50.00' }).expect(422)).body.code).toBe('UNSUPPORTED_OPERATION');
    const refund = await env.api().post(`/v1/transactions/${created.body.id}/refunds`).send({}).expect(202);
    expect((await waitForStatus(env, refund.body.id, ['succeeded', 'failed'], 20000)).status).toBe('succeeded');
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.refundedAmount).toBe('200.00');
  });

  it('a Vodacom number routes to mpesa-vodacom by itself; other Mozambican operators are not guessed', async () => {
    expect((await env.api().get('/v1/providers/resolve?phoneNumber=%2B258841234567').expect(200)).body.provider).toBe('mpesa-vodacom');
    expect((await env.api().get('/v1/providers/resolve?phoneNumber=%2B258821234567').expect(200)).body.provider).toBeNull();
    const db2 = await db.query(`SELECT count(*)::int AS n FROM provider_accounts WHERE provider = 'mpesa-vodacom'`);
    expect(db2[0].n).toBeGreaterThan(0);
  });
});
