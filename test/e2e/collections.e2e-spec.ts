import { events, startEnvironment, TestEnvironment, ugandaMtnNumber, waitForStatus } from '../support/harness';

describe('MTN MoMo collections end to end', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  it('goes processing, then succeeded by callback, with the financial transaction id and an audit trail', async () => {
    const phone = ugandaMtnNumber();
    const created = await env
      .api()
      .post('/v1/collections')
      .send({ amount: '1500', currency: 'UGX', phoneNumber: `0${phone.slice(3)}`, country: 'UG', reference: 'ORDER-1042', metadata: { orderId: 1042 } })
      .expect(202);
    expect(created.body).toMatchObject({
      type: 'collection',
      status: 'processing',
      amount: '1500',
      currency: 'UGX',
      country: 'UG',
      phoneNumber: phone,
      provider: 'mtn-momo',
      reference: 'ORDER-1042',
      metadata: { orderId: 1042 },
      refundedAmount: '0',
      failureCode: null,
    });

    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toMatch(/^\d+$/);
    expect(done.completedAt).not.toBeNull();

    const trail = await events(env, created.body.id);
    const transitions = trail.filter((e) => e.action === 'status.changed').map((e) => `${e.fromStatus}->${e.toStatus}`);
    expect(transitions).toEqual(['pending->processing', 'processing->succeeded']);
    expect(trail[0]).toMatchObject({ action: 'transaction.created', toStatus: 'pending' });
    expect(trail.some((e) => e.action === 'provider.requestToPay' || e.action.startsWith('provider.'))).toBe(true);
    expect(trail.some((e) => e.action === 'callback.received')).toBe(true);
    // secrets never reach the audit trail
    const dump = JSON.stringify(trail);
    for (const secret of [process.env.MTN_MOMO_API_KEY!, process.env.MTN_MOMO_SUBSCRIPTION_KEY!]) expect(dump).not.toContain(secret);

    const sandboxRecord = await fetch(`${env.sandbox.url}/_sandbox/mtn-momo/requesttopay/${created.body.id}`).then((r) => r.json());
    expect(sandboxRecord).toMatchObject({ postCount: 1 });
  });
});
