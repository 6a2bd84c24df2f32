import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { collect, events, sandboxRecord, startEnvironment, TestEnvironment, waitForStatus, eventually } from '../support/harness';
import { readmeSnippet, startMerchant } from '../support/merchant';
import { testPorts } from '../support/worker';

const SECRET = process.env.MALIPO_WEBHOOK_SECRET as string;
type Verify = (rawBody: string, header: string, secret: string, toleranceSeconds?: number) => boolean;
// The README's Node helper, run as written.
const verifyFromReadme = new Function('require', `${readmeSnippet('verify-node')}; return verifyMalipoSignature;`)(require) as Verify;

describe('merchant notifications', () => {
  let env: TestEnvironment;
  let merchant: Awaited<ReturnType<typeof startMerchant>>;
  let db: DataSource;
  beforeAll(async () => {
    env = await startEnvironment();
    merchant = await startMerchant(testPorts().merchant);
    db = env.gateway.app.get(DataSource);
  });
  afterAll(async () => {
    await merchant?.close();
    await env?.close();
  });

  const deliveriesFor = (transactionId: string) => merchant.deliveries.filter((d) => JSON.parse(d.body).data.id === transactionId);

  it('a merchant failing 3 times then answering 200 gets the event on the 4th try, every attempt listed, signed as the README verifies', async () => {
    merchant.setScript([500, 503, 404, 200]);
    const created = await collect(env, { amount: '1500', currency: 'UGX', phoneNumber: '0772600700', country: 'UG', callbackUrl: merchant.url }).expect(202);
    await waitForStatus(env, created.body.id, ['succeeded']);
    const trail = await eventually(() => events(env, created.body.id), (t) => t.filter((e) => e.action === 'notification.attempt').length >= 4, 20000);
    const attempts = trail.filter((e) => e.action === 'notification.attempt').map((e) => e.detail);
    expect(attempts.map((a) => a.statusCode)).toEqual([500, 503, 404, 200]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    expect(new Set(attempts.map((a) => a.eventId)).size).toBe(1);

    const received = deliveriesFor(created.body.id);
    expect(received).toHaveLength(4);
    const last = received[3];
    const event = JSON.parse(last.body);
    expect(event).toMatchObject({ id: attempts[0].eventId, type: 'transaction.succeeded', data: { id: created.body.id, status: 'succeeded', amount: '1500' } });
    expect(last.headers['malipo-event-id']).toBe(event.id);
    expect(received.every((d) => d.body === last.body)).toBe(true); // the same bytes every time
    const header = String(last.headers['malipo-signature']);
    expect(verifyFromReadme(last.body, header, SECRET)).toBe(true);
    expect(verifyFromReadme(last.body.replace('1500', '9500'), header, SECRET)).toBe(false);
    expect(verifyFromReadme(last.body, header, 'another-secret-another-secret-00')).toBe(false);
    // a replay older than the tolerance fails, even with a valid signature for its timestamp
    const old = Math.floor(Date.now() / 1000) - 301;
    const replay = `t=${old},v1=${createHmac('sha256', SECRET).update(`${old}.${last.body}`).digest('hex')}`;
    expect(verifyFromReadme(last.body, replay, SECRET)).toBe(false);
    expect(verifyFromReadme(last.body, replay, SECRET, 600)).toBe(true);

    // The Python helper of the README agrees.
    const python = spawnSync('python3', ['-c', `${readmeSnippet('verify-python')}\nimport sys\nprint(verify_malipo_signature(sys.stdin.buffer.read(), sys.argv[1], sys.argv[2]))`, header, SECRET], { input: last.body, encoding: 'utf8' });
    if (python.error) console.warn('python3 not available: README Python helper not checked');
    else expect(python.stdout.trim()).toBe('True');
    merchant.setScript([200]);
  });

  it('50 concurrent duplicates of a success callback: one transition, one notification event', async () => {
    const created = await collect(env, { amount: '2000', currency: 'UGX', phoneNumber: '256772990002', callbackUrl: merchant.url }).expect(202);
    const record = await sandboxRecord(env, created.body.id);
    await new Promise((r) => setTimeout(r, 400));
    const body = JSON.stringify({ ...record.statusBody, status: 'SUCCESSFUL', financialTransactionId: record.financialTransactionId });
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(record.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await waitForStatus(env, created.body.id, ['succeeded']);
    const trail = await events(env, created.body.id);
    expect(trail.filter((e) => e.action === 'status.changed' && e.toStatus === 'succeeded')).toHaveLength(1);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM notification_events WHERE transaction_id = $1', [created.body.id]);
    expect(n).toBe(1);
    await eventually(async () => deliveriesFor(created.body.id).length, (count) => count >= 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(deliveriesFor(created.body.id)).toHaveLength(1);
  });

  it('failed and refund events; a stale event is dropped; an admin can send one again, same event id', async () => {
    const failed = await collect(env, { amount: '1', currency: 'EUR', phoneNumber: '+46733123457', provider: 'mtn-momo', callbackUrl: merchant.url }).expect(202);
    await eventually(async () => deliveriesFor(failed.body.id).length, (c) => c >= 1);
    expect(JSON.parse(deliveriesFor(failed.body.id)[0].body)).toMatchObject({ type: 'transaction.failed', data: { failureCode: 'PROVIDER_ERROR' } });

    const paid = await collect(env, { amount: '900', currency: 'UGX', phoneNumber: '0772600701', country: 'UG', callbackUrl: merchant.url }).expect(202);
    await waitForStatus(env, paid.body.id, ['succeeded']);
    const refund = await env.api().post(`/v1/transactions/${paid.body.id}/refunds`).send({ amount: '400' }).expect(202);
    await eventually(async () => deliveriesFor(refund.body.id).length, (c) => c >= 1);
    expect(JSON.parse(deliveriesFor(refund.body.id)[0].body)).toMatchObject({ type: 'refund.succeeded', data: { parentId: paid.body.id, amount: '400' } });

    await eventually(async () => deliveriesFor(paid.body.id).length, (c) => c >= 1); // delivery is asynchronous
    const first = JSON.parse(deliveriesFor(paid.body.id)[0].body);
    const resent = await env.api().post(`/v1/admin/transactions/${paid.body.id}/notify`).expect(202);
    expect(resent.body).toMatchObject({ eventId: first.id, state: 'pending' });
    await eventually(async () => deliveriesFor(paid.body.id).length, (c) => c >= 2);
    expect(JSON.parse(deliveriesFor(paid.body.id)[1].body).id).toBe(first.id);

    const open = await collect(env, { amount: '10', currency: 'UGX', phoneNumber: '256772990001' }).expect(202);
    expect((await env.api().post(`/v1/admin/transactions/${open.body.id}/notify`).expect(409)).body.code).toBe('INVALID_STATE');

    // The transaction moved on before the event went out: the event is dropped, not delivered.
    merchant.setScript([503]);
    const moving = await collect(env, { amount: '950', currency: 'UGX', phoneNumber: '0772600702', country: 'UG', callbackUrl: merchant.url }).expect(202);
    await waitForStatus(env, moving.body.id, ['succeeded']);
    await eventually(async () => deliveriesFor(moving.body.id).length, (c) => c >= 1);
    await db.query(`UPDATE transactions SET status = 'reversed' WHERE id = $1`, [moving.body.id]);
    merchant.setScript([200]);
    const trail = await eventually(() => events(env, moving.body.id), (t) => t.some((e) => e.action === 'notification.dropped'), 20000);
    expect(trail.find((e) => e.action === 'notification.dropped')?.detail.reason).toMatch(/stale/);
  });
});
