import { collect, events, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

// MTN's own sandbox numbers (fact sheet §11), through the EUR account with target environment `sandbox`.
const ASYNC_FAILURES: [string, string, string][] = [
  ['46733123450', 'PROVIDER_ERROR', 'INTERNAL_PROCESSING_ERROR'],
  ['46733123451', 'PAYER_DECLINED', 'APPROVAL_REJECTED'],
  ['46733123452', 'EXPIRED', 'EXPIRED'],
  ['46733123455', 'PAYER_NOT_FOUND', 'PAYER_NOT_FOUND'],
  ['46733123456', 'ACCOUNT_INACTIVE', 'PAYEE_NOT_ALLOWED_TO_RECEIVE'],
  ['46733123463', 'EXPIRED', 'COULD_NOT_PERFORM_TRANSACTION'],
  ['46733123464', 'PROVIDER_ERROR', 'TRANSFER_TYPE_UNKNOWN'],
];
const SYNC_REJECTIONS: [string, string][] = [
  ['46733123457', 'NOT_ALLOWED'],
  ['46733123458', 'NOT_ALLOWED_TARGET_ENVIRONMENT'],
  ['46733123459', 'INVALID_CALLBACK_URL_HOST'],
  ['46733123460', 'INVALID_CURRENCY'],
];

describe('MTN sandbox numbers end in the right state', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  const pay = (phone: string) => collect(env, { amount: '10.50', currency: 'EUR', phoneNumber: `+${phone}`, provider: 'mtn-momo' });

  it.each(ASYNC_FAILURES)('%s ends failed with %s (%s)', async (phone, failureCode, reason) => {
    const created = await pay(phone).expect(202);
    expect(created.body).toMatchObject({ status: 'processing', country: 'SE', amount: '10.50', phoneNumber: phone });
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode });
    expect(done.failureReason).toContain(reason);
  });

  it.each(SYNC_REJECTIONS)('%s is rejected at once: failed PROVIDER_ERROR (%s), still a 202 with the stored transaction', async (phone, reason) => {
    const created = await pay(phone).expect(202);
    expect(created.body).toMatchObject({ status: 'failed', failureCode: 'PROVIDER_ERROR' });
    expect(created.body.failureReason).toContain(reason);
    const trail = await events(env, created.body.id);
    expect(trail.map((e) => e.toStatus).filter(Boolean)).toEqual(['pending', 'failed']);
  });

  it('46733123461 (500 INTERNAL_PROCESSING_ERROR, recorded) stays processing, then reconciliation finds it failed', async () => {
    const created = await pay('46733123461').expect(202);
    expect(created.body.status).toBe('processing');
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode: 'PROVIDER_ERROR' });
  });

  it('46733123462 (503 SERVICE_UNAVAILABLE) is ambiguous: processing, never failed on the spot', async () => {
    const created = await pay('46733123462').expect(202);
    expect(created.body).toMatchObject({ status: 'processing', failureCode: null });
  });

  it('46733123453 (ongoing) stays processing, then fails EXPIRED when MTN gives up', async () => {
    const created = await pay('46733123453').expect(202);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('processing');
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode: 'EXPIRED' });
  });

  it('any other number succeeds', async () => {
    const created = await pay('46733129999').expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
  });
});
