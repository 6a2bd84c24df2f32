import { DataSource } from 'typeorm';
import { collect, eventually, events, sandboxRecord, startEnvironment, startGateway, TestEnvironment, waitForStatus } from '../support/harness';
import { testPorts } from '../support/worker';

describe('reconciliation', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  it('brings a transaction whose callback never comes to its final state', async () => {
    const created = await collect(env, { amount: '2500', currency: 'UGX', phoneNumber: '256772990002' }).expect(202);
    expect(created.body.status).toBe('processing');
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const record = await sandboxRecord(env, created.body.id);
    expect(record.callbacks).toHaveLength(0); // no callback: reconciliation did it
    const transition = (await events(env, created.body.id)).find((e) => e.toStatus === 'succeeded');
    expect(transition).toMatchObject({ actor: 'reconciler', fromStatus: 'processing' });
  });

  it('an initiation answered 500 after the sandbox recorded it stays processing, then succeeds: charged once', async () => {
    const created = await collect(env, { amount: '7000', currency: 'UGX', phoneNumber: '0772990004', country: 'UG' }).expect(202);
    expect(created.body).toMatchObject({ status: 'processing', failureCode: null });
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const record = await sandboxRecord(env, created.body.id);
    expect(record).toMatchObject({ status: 'SUCCESSFUL', postCount: 1 }); // one request, one charge
    expect(done.providerTransactionId).toBe(record.financialTransactionId);
  });

  it('a provider timeout is unknown, never failed: processing, then settled by reconciliation', async () => {
    // 990006: the sandbox records the payment, then holds the answer past PROVIDER_TIMEOUT_MS (3 s in tests).
    const created = await collect(env, { amount: '8000', currency: 'UGX', phoneNumber: '256772990006' }).expect(202);
    // Reconciliation may already have found the outcome while the provider sat on its answer.
    expect(['processing', 'succeeded']).toContain(created.body.status);
    expect(created.body.failureCode).toBeNull();
    const trail = await events(env, created.body.id);
    const initiation = await eventually(
      () => events(env, created.body.id),
      (t) => t.some((e) => e.actor === 'gateway' && e.action.startsWith('provider.')),
    );
    expect(initiation.find((e) => e.actor === 'gateway' && e.action.startsWith('provider.'))?.detail?.error).toMatch(/TIMEOUT/);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect((await sandboxRecord(env, created.body.id)).postCount).toBe(1);
  });

  it('a number MTN answered 503 for (nothing recorded) is never failed on the spot, and expires in the end', async () => {
    const created = await collect(env, { amount: '6', currency: 'EUR', phoneNumber: '+46733123462', provider: 'mtn-momo' }).expect(202);
    expect(created.body.status).toBe('processing');
    const db = env.gateway.app.get(DataSource);
    await db.query(`UPDATE transactions SET created_at = now() - interval '25 hours', next_reconcile_at = now() WHERE id = $1`, [created.body.id]);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode: 'EXPIRED' });
    expect(done.failureReason).toContain('not_found');
  });

  it('expires a transaction the provider still calls pending past the maximum age', async () => {
    // 46733123454 stays CREATED forever at MTN; age it past TRANSACTION_EXPIRY_HOURS (24 h).
    const created = await collect(env, { amount: '5', currency: 'EUR', phoneNumber: '+46733123454', provider: 'mtn-momo' }).expect(202);
    const db = env.gateway.app.get(DataSource);
    await db.query(`UPDATE transactions SET created_at = now() - interval '25 hours', next_reconcile_at = now() WHERE id = $1`, [created.body.id]);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode: 'EXPIRED' });
    expect(done.failureReason).toMatch(/within 24 h/);
  });

  it('two instances reconciling the same backlog apply each outcome exactly once', async () => {
    const second = await startGateway(testPorts().gateway2);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await collect(env, { amount: String(100 + i), currency: 'UGX', phoneNumber: '256772990002' }).expect(202);
        ids.push(res.body.id);
      }
      for (const id of ids) {
        const done = await waitForStatus(env, id, ['succeeded', 'failed']);
        expect(done.status).toBe('succeeded');
      }
      for (const id of ids) {
        const trail = await events(env, id);
        expect(trail.filter((e) => e.action === 'status.changed' && e.toStatus === 'succeeded')).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });
});
