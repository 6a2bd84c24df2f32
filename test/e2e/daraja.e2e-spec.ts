import { DataSource } from 'typeorm';
import { ProviderCalls } from '../../src/transactions/provider-calls';
import { events, eventually, startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

// Kenya, Safaricom 0708…: the sandbox picks the outcome from the last six digits (sandbox/README.md).
let counter = 0;
const plain = () => `0708${3}${String(Date.now() % 10000).padStart(4, '0')}${counter++ % 10}`;
const magic = (suffix: string) => `0708${suffix}`;
const sandbox = (env: TestEnvironment, path: string, init?: RequestInit) => fetch(`${env.sandbox.url}/_sandbox/mpesa-daraja${path}`, init);

describe('M-Pesa Kenya (Daraja) end to end', () => {
  let env: TestEnvironment;
  let db: DataSource;
  beforeAll(async () => {
    env = await startEnvironment();
    db = env.gateway.app.get(DataSource);
  });
  afterAll(async () => env?.close());

  const collect = (phone: string, amount = '150') => env.api().post('/v1/collections').send({ amount, currency: 'KES', phoneNumber: phone, country: 'KE', reference: 'INV-42' });
  const disburse = (phone: string, amount = '500') => env.api().post('/v1/disbursements').send({ amount, currency: 'KES', phoneNumber: phone, country: 'KE' });
  const account = async () => (await env.api().get('/v1/admin/provider-accounts').expect(200)).body.find((a: { provider: string }) => a.provider === 'mpesa-daraja');

  it('an STK collection succeeds by callback, with the M-Pesa receipt stored', async () => {
    const created = await collect(plain()).expect(202);
    expect(created.body).toMatchObject({ provider: 'mpesa-daraja', status: 'processing' });
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toMatch(/^[A-Z0-9]{10}$/);
    const [callback] = await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id = $1 ORDER BY received_at`, [created.body.id]);
    expect(callback.verdict).toMatch(/applied|duplicate/);
  });

  it.each([
    ['980001', 'INSUFFICIENT_FUNDS', '1'],
    ['981032', 'PAYER_DECLINED', '1032'],
    ['981037', 'EXPIRED', '1037'],
    ['982001', 'PAYER_DECLINED', '2001'],
    ['981019', 'EXPIRED', '1019'],
    ['989876', 'UNKNOWN', '9876'],
  ])('result code of %s ends failed with %s, keeping code %s', async (suffix, failureCode, code) => {
    const created = await collect(magic(suffix)).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'failed', failureCode });
    expect(done.failureReason).toContain(code);
  });

  it('a callback ahead of the query ("being processed") is held, then settled with the receipt it carried', async () => {
    const created = await collect(magic('990005')).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toMatch(/^[A-Z0-9]{10}$/);
    const verdicts = (await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id = $1`, [created.body.id])).map((r: { verdict: string }) => r.verdict);
    expect(verdicts).toContain('unconfirmed');
  });

  it('a callback delivered twice moves the transaction once; a lying callback is caught by the query', async () => {
    const twice = await collect(magic('990003')).expect(202);
    expect((await waitForStatus(env, twice.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    await eventually(() => db.query(`SELECT count(*)::int AS n FROM provider_callbacks WHERE transaction_id = $1`, [twice.body.id]), (r: { n: number }[]) => r[0].n >= 2);
    expect((await events(env, twice.body.id)).filter((e) => e.toStatus === 'succeeded')).toHaveLength(1);

    const lying = await collect(magic('990007')).expect(202);
    const settled = await waitForStatus(env, lying.body.id, ['succeeded', 'failed']);
    expect(settled).toMatchObject({ status: 'failed', failureCode: 'PAYER_DECLINED' });
  });

  it('a lost STK callback is resolved by reconciliation through the STK query', async () => {
    const created = await collect(magic('990002')).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000);
    expect(done.status).toBe('succeeded');
    expect((await events(env, created.body.id)).find((e) => e.toStatus === 'succeeded')?.actor).toBe('reconciler');
  });

  it('a B2C disbursement succeeds through its asynchronous result, confirmed by a Transaction Status answer', async () => {
    const created = await disburse(plain()).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 20000);
    expect(done.status).toBe('succeeded');
    expect(done.providerTransactionId).toMatch(/^[A-Z0-9]{10}$/);
  });

  it('a B2C queue timeout leaves the disbursement processing, never failed, until the status query settles it', async () => {
    const created = await disburse(magic('990004')).expect(202);
    const done = await waitForStatus(env, created.body.id, ['succeeded', 'failed'], 25000);
    expect(done.status).toBe('succeeded');
    const trail = await events(env, created.body.id);
    expect(trail.filter((e) => e.toStatus === 'failed')).toHaveLength(0);
    const [timeout] = await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id = $1 AND path LIKE '%op=timeout%'`, [created.body.id]);
    expect(timeout.verdict).not.toBe('applied');
  });

  it('a reversal of a succeeded collection ends reversed with an audit trail; reversing a failed one gets 409', async () => {
    const created = await collect(plain()).expect(202);
    expect((await waitForStatus(env, created.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    await env.api().post(`/v1/admin/transactions/${created.body.id}/reverse`).send({ reason: 'paid twice' }).expect(202);
    const reversed = await waitForStatus(env, created.body.id, ['reversed'], 15000);
    expect(reversed.status).toBe('reversed');
    const actions = (await events(env, created.body.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['reversal.requested', 'reversal.accepted', 'status.changed']));

    const failed = await collect(magic('981032')).expect(202);
    await waitForStatus(env, failed.body.id, ['failed']);
    const refused = await env.api().post(`/v1/admin/transactions/${failed.body.id}/reverse`).send({}).expect(409);
    expect(refused.body.code).toBe('INVALID_STATE');
  });

  it('a partial refund of a collection goes out by B2C and succeeds once the status answer confirms it', async () => {
    const created = await collect(plain(), '300').expect(202);
    expect((await waitForStatus(env, created.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    const refund = await env.api().post(`/v1/transactions/${created.body.id}/refunds`).send({ amount: '100' }).expect(202);
    expect((await waitForStatus(env, refund.body.id, ['succeeded', 'failed'], 20000)).status).toBe('succeeded');
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.refundedAmount).toBe('100.00');
    // A collection with a refund cannot also be reversed: the money would go back twice.
    expect((await env.api().post(`/v1/admin/transactions/${created.body.id}/reverse`).send({}).expect(409)).body.code).toBe('INVALID_STATE');
  });

  it('two reversal requests at once: one goes to the operator, the other gets 409', async () => {
    const created = await collect(plain()).expect(202);
    expect((await waitForStatus(env, created.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    const answers = await Promise.all([1, 2].map(() => env.api().post(`/v1/admin/transactions/${created.body.id}/reverse`).send({})));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    expect((await waitForStatus(env, created.body.id, ['reversed'], 15000)).status).toBe('reversed');
    const requested = (await events(env, created.body.id)).filter((e) => e.action === 'provider.mpesa-daraja.reversal' || e.action === 'reversal.requested');
    expect(requested.filter((e) => e.action === 'reversal.requested')).toHaveLength(1);
  });

  it('C2B: one transaction however many times the confirmation comes; validation rejects an unknown account reference', async () => {
    const daraja = await account();
    expect(daraja.customerPaymentUrls.confirmationUrl).toMatch(/\/v1\/webhooks\/c2b\/[0-9a-f]{64}\/confirmation$/);
    const registered = await env.api().post(`/v1/admin/provider-accounts/${daraja.id}/customer-payments/register`).expect(200);
    expect(registered.body).toMatchObject({ registered: true });

    const token = await fetch(`${env.sandbox.url}/oauth/v1/generate?grant_type=client_credentials`, {
      headers: { authorization: `Basic ${Buffer.from(`${process.env.DARAJA_CONSUMER_KEY}:${process.env.DARAJA_CONSUMER_SECRET}`).toString('base64')}` },
    }).then((r) => r.json());
    const simulate = (billRef: string) =>
      fetch(`${env.sandbox.url}/mpesa/c2b/v1/simulate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ShortCode: process.env.DARAJA_SHORTCODE, CommandID: 'CustomerPayBillOnline', Amount: '250', Msisdn: '254708374149', BillRefNumber: billRef }),
      }).then((r) => r.json());

    await simulate('SHOP-7');
    const rows = await eventually(
      () => db.query(`SELECT id, status, provider_transaction_id, amount_minor::text AS amount FROM transactions WHERE channel = 'customer' AND reference = 'SHOP-7'`),
      (r: unknown[]) => r.length === 1,
      15000,
    );
    expect(rows[0]).toMatchObject({ status: 'succeeded', amount: '25000' });
    const receipt = rows[0].provider_transaction_id;
    await sandbox(env, `/c2b/${receipt}/redeliver`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ times: 5 }) });
    await eventually(
      () => db.query(`SELECT count(*)::int AS n FROM provider_callbacks WHERE verdict = 'duplicate' AND path LIKE '%c2b%'`),
      (r: { n: number }[]) => r[0].n >= 5,
      15000,
    );
    expect((await db.query(`SELECT count(*)::int AS n FROM transactions WHERE provider_transaction_id = $1`, [receipt]))[0].n).toBe(1);
    // A customer payment can be reversed like any succeeded collection.
    await env.api().post(`/v1/admin/transactions/${rows[0].id}/reverse`).send({ reason: 'wrong paybill' }).expect(202);
    expect((await waitForStatus(env, rows[0].id, ['reversed'], 15000)).status).toBe('reversed');

    // The rule on: only known account references are accepted.
    await env.api().patch(`/v1/admin/provider-accounts/${daraja.id}`).send({ settings: { ...daraja.settings, customerPayments: { knownReferences: ['SHOP-7'] } } }).expect(200);
    try {
      await simulate('NOBODY-1');
      const rejected = await eventually(
        () => db.query(`SELECT verdict_detail FROM provider_callbacks WHERE path LIKE '%c2b%' AND verdict_detail LIKE 'validation: rejected%'`),
        (r: unknown[]) => r.length > 0,
        15000,
      );
      expect(rejected[0].verdict_detail).toContain('account_reference');
      await new Promise((r) => setTimeout(r, 500));
      expect((await db.query(`SELECT count(*)::int AS n FROM transactions WHERE reference = 'NOBODY-1'`))[0].n).toBe(0);
    } finally {
      await env.api().patch(`/v1/admin/provider-accounts/${daraja.id}`).send({ settings: daraja.settings }).expect(200);
    }
  });

  it('a callback from outside the allowlist is rejected with 403 and stored with that verdict', async () => {
    const created = await collect(magic('990002')).expect(202);
    const daraja = await account();
    await env.api().patch(`/v1/admin/provider-accounts/${daraja.id}`).send({ settings: { ...daraja.settings, callbackIpAllowlist: ['196.201.214.200/32'] } }).expect(200);
    try {
      const url = env.gateway.app.get(ProviderCalls).callbackUrl({ id: created.body.id, provider: 'mpesa-daraja' });
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Body: { stkCallback: { MerchantRequestID: 'x', CheckoutRequestID: 'y', ResultCode: 0, ResultDesc: 'ok' } } }),
      });
      expect(res.status).toBe(403);
      const [row] = await db.query(`SELECT verdict FROM provider_callbacks WHERE transaction_id IS NULL AND verdict = 'rejected_ip' ORDER BY received_at DESC LIMIT 1`);
      expect(row.verdict).toBe('rejected_ip');
    } finally {
      await env.api().patch(`/v1/admin/provider-accounts/${daraja.id}`).send({ settings: daraja.settings }).expect(200);
    }
  });

  it('an answer to our own request posted to the account-level URL is not applied', async () => {
    const created = await disburse(magic('990002')).expect(202); // completes at the operator, no result ever sent
    await db.query(`UPDATE transactions SET next_reconcile_at = now() + interval '1 hour' WHERE id = $1`, [created.body.id]);
    const daraja = await account();
    const forged = await fetch(`${daraja.callbackUrl.replace(process.env.PUBLIC_BASE_URL as string, env.gateway.url)}?op=status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Result: { ResultType: 0, ResultCode: 0, ResultDesc: 'ok', OriginatorConversationID: created.body.id, ConversationID: 'AG_x', TransactionID: 'ABCDEFGHIJ', ResultParameters: { ResultParameter: [{ Key: 'TransactionStatus', Value: 'Completed' }, { Key: 'ReceiptNo', Value: 'ABCDEFGHIJ' }] } } }),
    });
    expect(forged.status).toBe(200);
    const [row] = await db.query(`SELECT verdict FROM provider_callbacks WHERE path LIKE '%op=status%' AND transaction_id IS NULL ORDER BY received_at DESC LIMIT 1`);
    expect(row.verdict).toBe('unmatched');
    expect((await env.api().get(`/v1/transactions/${created.body.id}`)).body.status).toBe('processing');
  });

  it('the balance arrives by callback and is answered within the wait', async () => {
    const res = await env.api().get('/v1/providers/mpesa-daraja/balance').expect(200);
    const [first] = res.body.data;
    expect(first.error).toBeNull();
    expect(first.balances.map((b: { wallet: string }) => b.wallet)).toEqual(expect.arrayContaining(['Utility Account']));
  });
});
