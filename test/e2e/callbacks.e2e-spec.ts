import { DataSource } from 'typeorm';
import { collect, events, sandboxRecord, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

describe('MTN callbacks', () => {
  let env: TestEnvironment;
  let db: DataSource;
  beforeAll(async () => {
    env = await startEnvironment();
    db = env.gateway.app.get(DataSource);
  });
  afterAll(async () => env?.close());

  const callbackRows = (transactionId: string) =>
    db.query(`SELECT verdict, method, path, source_ip, raw_body FROM provider_callbacks WHERE transaction_id = $1 ORDER BY received_at`, [transactionId]);

  it('the same callback delivered 10 times at once moves the transaction once', async () => {
    // 990002: succeeds at the sandbox without sending a callback, so every delivery below is ours.
    const created = await collect(env, { amount: '3000', currency: 'UGX', phoneNumber: '256772990002' }).expect(202);
    const record = await sandboxRecord(env, created.body.id);
    await new Promise((r) => setTimeout(r, 400)); // let the sandbox settle the payment
    const body = JSON.stringify({ ...record.statusBody, status: 'SUCCESSFUL', financialTransactionId: record.financialTransactionId });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(record.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));

    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const trail = await events(env, created.body.id);
    expect(trail.filter((e) => e.action === 'status.changed' && e.toStatus === 'succeeded')).toHaveLength(1);
    const rows = await callbackRows(created.body.id);
    expect(rows).toHaveLength(10);
    expect(rows.every((r: { raw_body: Buffer }) => r.raw_body.toString() === body)).toBe(true);
    // the callback URL's secret token is never stored in clear
    expect(rows.every((r: { path: string }) => r.path === '/v1/webhooks/mtn-momo/{token}')).toBe(true);
  });

  it('a callback sent twice by the operator is applied once', async () => {
    const created = await collect(env, { amount: '3100', currency: 'UGX', phoneNumber: '256772990003' }).expect(202);
    await waitForStatus(env, created.body.id, ['succeeded']);
    await new Promise((r) => setTimeout(r, 600));
    const rows = await callbackRows(created.body.id);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const trail = await events(env, created.body.id);
    expect(trail.filter((e) => e.toStatus === 'succeeded')).toHaveLength(1);
  });

  it('a callback that arrives before the status query agrees is held as unconfirmed, then settled soon after', async () => {
    // 990005: the callback says SUCCESSFUL while GET status still says PENDING for a while (as observed at MTN).
    const created = await collect(env, { amount: '3200', currency: 'UGX', phoneNumber: '256772990005' }).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const rows = await callbackRows(created.body.id);
    expect(rows.map((r: { verdict: string }) => r.verdict)).toContain('unconfirmed');
  });

  it('a callback claiming success is confirmed by a status query first: a lie moves nothing', async () => {
    // 46733123451 is rejected at MTN; a forged "SUCCESSFUL" callback on its real URL must not make it succeed.
    const created = await collect(env, { amount: '1', currency: 'EUR', phoneNumber: '+46733123451', provider: 'mtn-momo' }).expect(202);
    const record = await sandboxRecord(env, created.body.id);
    const forged = await fetch(record.callbackUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalId: created.body.id, amount: '1', currency: 'EUR', status: 'SUCCESSFUL', financialTransactionId: '999' }),
    });
    expect(forged.status).toBe(200);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode: 'PAYER_DECLINED' });
  });

  it('a forged callback with an unknown token changes nothing and is stored with its verdict', async () => {
    const created = await collect(env, { amount: '4000', currency: 'UGX', phoneNumber: '256772990001' }).expect(202);
    const url = `${env.gateway.url}/v1/webhooks/mtn-momo/not-the-token-${created.body.id}`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ externalId: created.body.id, status: 'FAILED', reason: 'APPROVAL_REJECTED' }) });
    expect(res.status).toBe(401);
    const stored = await db.query(`SELECT verdict, transaction_id FROM provider_callbacks WHERE convert_from(raw_body, 'UTF8') LIKE $1`, [`%${created.body.id}%`]);
    expect(stored).toEqual([{ verdict: 'rejected_token', transaction_id: null }]);
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('processing');
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
  });

  it('an unparseable callback on a real token is stored and answered 400, and changes nothing', async () => {
    const created = await collect(env, { amount: '4100', currency: 'UGX', phoneNumber: '256772990001' }).expect(202);
    const record = await sandboxRecord(env, created.body.id);
    const res = await fetch(record.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status": SUCC' });
    expect(res.status).toBe(400);
    const rows = await callbackRows(created.body.id);
    expect(rows.map((r: { verdict: string }) => r.verdict)).toContain('unparseable');
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('processing');
  });

  it('a late callback that contradicts a settled transaction is recorded and flagged, never applied', async () => {
    const created = await collect(env, { amount: '4200', currency: 'UGX', phoneNumber: '256772990002' }).expect(202);
    await waitForStatus(env, created.body.id, ['succeeded']);
    await db.query(`UPDATE transactions SET status = 'failed', failure_code = 'EXPIRED' WHERE id = $1`, [created.body.id]);
    const record = await sandboxRecord(env, created.body.id);
    const res = await fetch(record.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record.statusBody) });
    expect(res.status).toBe(200);
    const trail = await events(env, created.body.id);
    expect(trail.find((e) => e.action === 'outcome.conflict')).toMatchObject({ detail: expect.objectContaining({ flagged: true, current: 'failed', claimed: 'succeeded' }) });
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('failed');
    const stats = await env.api().get('/v1/admin/stats').expect(200);
    expect(stats.body.flaggedConflicts).toBeGreaterThanOrEqual(1);
    expect(stats.body.callbacks.conflict).toBeGreaterThanOrEqual(1);
  });

  it('admin stats: counts and amounts per status, provider, type and currency, success rate, latencies', async () => {
    const stats = (await env.api().get('/v1/admin/stats').expect(200)).body;
    const ugx = stats.transactions.filter((t: { currency: string; status: string }) => t.currency === 'UGX' && t.status === 'succeeded');
    expect(ugx.length).toBeGreaterThan(0);
    expect(ugx[0]).toMatchObject({ provider: 'mtn-momo', type: 'collection' });
    expect(ugx[0].amount).toMatch(/^\d+$/);
    expect(stats.successRate).toBeGreaterThan(0);
    expect(stats.completionMs.p50).toBeGreaterThanOrEqual(0);
    // The worker's database is shared with other specs: other providers may be listed too.
    expect(stats.providerCalls.find((p: { provider: string }) => p.provider === 'mtn-momo')).toBeTruthy();
    expect((await env.api().get('/v1/admin/stats').query({ from: 'yesterday' }).expect(422)).body.code).toBe('VALIDATION_FAILED');
  });
});
