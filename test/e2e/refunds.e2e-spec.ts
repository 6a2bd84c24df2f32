import { DataSource } from 'typeorm';
import { collect, events, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

describe('refunds', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  const succeededCollection = async (amount: string) => {
    const created = await collect(env, { amount, currency: 'UGX', phoneNumber: '0772400500', country: 'UG' }).expect(202);
    return waitForStatus(env, created.body.id, ['succeeded']);
  };
  const refund = (id: string, body: Record<string, unknown> = {}) => env.api().post(`/v1/transactions/${id}/refunds`).send(body);

  it('a full refund succeeds, reaches the sandbox with the original reference, and counts on the collection', async () => {
    const original = await succeededCollection('3000');
    const created = await refund(original.id).expect(202);
    expect(created.body).toMatchObject({ type: 'refund', status: 'processing', amount: '3000', parentId: original.id, phoneNumber: original.phoneNumber });
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const after = (await env.api().get(`/v1/transactions/${original.id}`).expect(200)).body;
    expect(after).toMatchObject({ status: 'succeeded', refundedAmount: '3000' });
    const atSandbox = await fetch(`${env.sandbox.url}/_sandbox/mtn-momo/refunds/${created.body.id}`).then((r) => r.json());
    expect(atSandbox.requestBody).toMatchObject({ referenceIdToRefund: original.id, amount: '3000' });
    const trail = await events(env, original.id);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['refund.requested', 'refund.succeeded']));
    // nothing left to refund
    expect((await refund(original.id).expect(422)).body.code).toBe('REFUND_EXCEEDS_AMOUNT');
  });

  it('two concurrent partial refunds whose sum exceeds the collection: exactly one is accepted', async () => {
    const original = await succeededCollection('1000');
    const answers = await Promise.all([refund(original.id, { amount: '600' }), refund(original.id, { amount: '600' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 422]);
    expect(answers.find((a) => a.status === 422)?.body.code).toBe('REFUND_EXCEEDS_AMOUNT');
    const accepted = answers.find((a) => a.status === 202)!.body;
    await waitForStatus(env, accepted.id, ['succeeded']);
    expect((await env.api().get(`/v1/transactions/${original.id}`)).body.refundedAmount).toBe('600');
    await refund(original.id, { amount: '400' }).expect(202); // what remains is still refundable
    expect((await refund(original.id, { amount: '1' }).expect(422)).body.code).toBe('REFUND_EXCEEDS_AMOUNT');
  });

  it('many concurrent refunds never exceed the collection', async () => {
    const original = await succeededCollection('1000');
    const answers = await Promise.all(Array.from({ length: 8 }, () => refund(original.id, { amount: '300' })));
    expect(answers.filter((a) => a.status === 202)).toHaveLength(3);
    const [{ total }] = await env.gateway.app
      .get(DataSource)
      .query(`SELECT sum(amount_minor)::text AS total FROM transactions WHERE parent_id = $1 AND status <> 'failed'`, [original.id]);
    expect(total).toBe('900');
  });

  it('refusing what cannot be refunded: a failed or processing collection (409), a disbursement (409), too much (422), bad amount (422)', async () => {
    const failed = await collect(env, { amount: '1', currency: 'EUR', phoneNumber: '+46733123457', provider: 'mtn-momo' }).expect(202);
    expect(failed.body.status).toBe('failed');
    expect((await refund(failed.body.id).expect(409)).body.code).toBe('INVALID_STATE');
    const processing = await collect(env, { amount: '10', currency: 'UGX', phoneNumber: '256772990001' }).expect(202);
    expect((await refund(processing.body.id).expect(409)).body.code).toBe('INVALID_STATE');
    const payout = await env.api().post('/v1/disbursements').send({ amount: '10', currency: 'UGX', phoneNumber: '0772400501', country: 'UG' }).expect(202);
    expect((await refund(payout.body.id).expect(409)).body.code).toBe('INVALID_STATE');
    const original = await succeededCollection('500');
    expect((await refund(original.id, { amount: '501' }).expect(422)).body.code).toBe('REFUND_EXCEEDS_AMOUNT');
    expect((await refund(original.id, { amount: '10.5' }).expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await refund(original.id, { amount: 10 }).expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await refund('0b9f0b5e-7c1e-4e43-9a57-5d3a3e0f6a21').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('is idempotent with an Idempotency-Key', async () => {
    const original = await succeededCollection('800');
    const key = `refund-${original.id}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => env.api().post(`/v1/transactions/${original.id}/refunds`).set('Idempotency-Key', key).send({ amount: '100' })));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.every((a) => a.status === 202)).toBe(true);
  });
});
