import { startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

interface SandboxBalance {
  targetEnvironment: string;
  product: string;
  currency: string;
  available: string;
}

describe('MTN disbursements', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  const disburse = (body: Record<string, unknown>) => env.api().post('/v1/disbursements').send(body);
  const sandboxBalance = async (): Promise<bigint> => {
    const all: SandboxBalance[] = await fetch(`${env.sandbox.url}/_sandbox/mtn-momo/balances`).then((r) => r.json());
    const ug = all.find((b) => b.targetEnvironment === 'mtnuganda' && b.product === 'disbursement');
    return BigInt(ug?.available ?? '0'); // UGX has no decimals
  };
  const setSandboxBalance = (available: string) =>
    fetch(`${env.sandbox.url}/_sandbox/mtn-momo/balances`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ targetEnvironment: 'mtnuganda', product: 'disbursement', available }),
    });

  it('succeeds, and the balance at the sandbox drops by exactly its amount', async () => {
    await setSandboxBalance('1000000');
    const before = await sandboxBalance();
    const created = await disburse({ amount: '2500', currency: 'UGX', phoneNumber: '0772300400', country: 'UG', reference: 'PAYOUT-1' }).expect(202);
    expect(created.body).toMatchObject({ type: 'disbursement', status: 'processing', amount: '2500', provider: 'mtn-momo' });
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toBeTruthy();
    expect(before - (await sandboxBalance())).toBe(2500n);

    const balance = await env.api().get('/v1/providers/mtn-momo/balance').expect(200);
    const ug = balance.body.data.find((d: { account: { name: string } }) => d.account.name === 'mtn-momo (env)');
    expect(ug.error).toBeNull();
    expect(ug.balances).toEqual(expect.arrayContaining([expect.objectContaining({ wallet: 'disbursement', currency: 'UGX', available: String(before - 2500n) })]));
  });

  it('to an inactive wallet fails fast with PAYER_NOT_FOUND, without a transfer call', async () => {
    const payee = '256772990009';
    const created = await disburse({ amount: '1000', currency: 'UGX', phoneNumber: payee }).expect(202);
    expect(created.body).toMatchObject({ status: 'failed', failureCode: 'PAYER_NOT_FOUND' });
    const transfers = await fetch(`${env.sandbox.url}/_sandbox/mtn-momo/transfers?payee=${payee}`).then((r) => r.json());
    expect(transfers).toHaveLength(0);
  });

  it('to an unknown wallet fails fast with PAYER_NOT_FOUND too', async () => {
    const created = await disburse({ amount: '1000', currency: 'UGX', phoneNumber: '256772990010' }).expect(202);
    expect(created.body).toMatchObject({ status: 'failed', failureCode: 'PAYER_NOT_FOUND' });
  });

  it('above the balance fails with INSUFFICIENT_FUNDS and moves nothing', async () => {
    await setSandboxBalance('1000');
    try {
      const created = await disburse({ amount: '5000', currency: 'UGX', phoneNumber: '0772300401', country: 'UG' }).expect(202);
      const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
      expect(done).toMatchObject({ status: 'failed', failureCode: 'INSUFFICIENT_FUNDS' });
      expect(await sandboxBalance()).toBe(1000n);
    } finally {
      await setSandboxBalance('1000000');
    }
  });

  it('settles by reconciliation when the callback never comes', async () => {
    const created = await disburse({ amount: '700', currency: 'UGX', phoneNumber: '256772990002' }).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
  });
});
