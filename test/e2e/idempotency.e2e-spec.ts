import { DataSource } from 'typeorm';
import { IdempotencyService } from '../../src/idempotency/idempotency.service';
import { collect, startEnvironment, TestEnvironment, ugandaMtnNumber } from '../support/harness';

describe('Idempotency-Key', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  it('20 concurrent POSTs with the same key create one transaction and all get the same answer', async () => {
    const key = `order-${Date.now()}`;
    const body = { amount: '5000', currency: 'UGX', phoneNumber: ugandaMtnNumber(), reference: key };
    const answers = await Promise.all(Array.from({ length: 20 }, () => collect(env, body, key)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const first = JSON.stringify(answers[0].body);
    expect(answers.every((a) => JSON.stringify(a.body) === first)).toBe(true);
    const count = await env.gateway.app.get(DataSource).query(`SELECT count(*)::int AS n FROM transactions WHERE reference = $1`, [key]);
    expect(count[0].n).toBe(1);
    const sandboxCalls = await fetch(`${env.sandbox.url}/_sandbox/mtn-momo/requesttopay/${[...ids][0]}`).then((r) => r.json());
    expect(sandboxCalls.postCount).toBe(1);
  });

  it('the same key later replays the original answer, even after the transaction moved on', async () => {
    const key = `replay-${Date.now()}`;
    const body = { amount: '5100', currency: 'UGX', phoneNumber: ugandaMtnNumber() };
    const first = await collect(env, body, key).expect(202);
    await new Promise((r) => setTimeout(r, 500));
    const again = await collect(env, body, key).expect(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = `reuse-${Date.now()}`;
    await collect(env, { amount: '5200', currency: 'UGX', phoneNumber: ugandaMtnNumber() }, key).expect(202);
    const res = await collect(env, { amount: '5201', currency: 'UGX', phoneNumber: ugandaMtnNumber() }, key).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('a request that failed validation does not burn its key', async () => {
    const key = `fix-${Date.now()}`;
    await collect(env, { amount: 'abc', currency: 'UGX', phoneNumber: ugandaMtnNumber() }, key).expect(422);
    await collect(env, { amount: '10', currency: 'UGX', phoneNumber: ugandaMtnNumber() }, key).expect(202);
  });

  it('expired keys are purged, and the key can then be used afresh', async () => {
    const key = `old-${Date.now()}`;
    const body = { amount: '5300', currency: 'UGX', phoneNumber: ugandaMtnNumber() };
    const first = await collect(env, body, key).expect(202);
    const db = env.gateway.app.get(DataSource);
    await db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const deleted = await env.gateway.app.get(IdempotencyService).purgeExpired(1);
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key])).toHaveLength(0);
    // The transaction's own unique (api key, idempotency key) still answers with the first transaction.
    const again = await collect(env, body, key).expect(202);
    expect(again.body.id).toBe(first.body.id);
  });

  it('a key longer than 255 characters is refused', async () => {
    const res = await collect(env, { amount: '10', currency: 'UGX', phoneNumber: ugandaMtnNumber() }, 'k'.repeat(256)).expect(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
