// The provider against the Malipo sandbox's Orange emulation over real HTTP: the two must agree on every
// wire detail (token, webpayment, payment page, notification, transactionstatus).
import { randomUUID } from 'node:crypto';
import { orangeMoneyOperator } from '../../../sandbox/orange-money/orange-money.sandbox';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import { startCallbackReceiver, waitFor, type CallbackReceiver, type ReceivedCallback } from '../../../sandbox/testing/helpers';
import type { ProviderAccountContext, ProviderExchange, RawCallback, StatusQuery } from '../provider.port';
import { OrangeMoneyProvider } from './orange-money.provider';
import { orangePayment } from './testing/orange-money.fixtures';

const asRaw = (c: ReceivedCallback): RawCallback => ({
  method: c.method,
  headers: c.headers as Record<string, string>,
  rawBody: Buffer.from(c.body),
  body: c.json ?? undefined,
  sourceIp: '127.0.0.1',
  query: {},
});

describe('OrangeMoneyProvider against the sandbox', () => {
  let sandbox: RunningSandbox;
  let receiver: CallbackReceiver;
  let account: ProviderAccountContext;
  const provider = new OrangeMoneyProvider();
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}/_sandbox/orange-money${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

  async function collect(): Promise<{ id: string; query: StatusQuery; url: string; callbackPath: string; exchanges: ProviderExchange[] }> {
    const id = randomUUID();
    const callbackPath = `/v1/webhooks/orange-money/${randomUUID()}`;
    const result = await provider.collect(account, orangePayment({ transactionId: id, callbackUrl: `${receiver.url}${callbackPath}` }));
    if (result.outcome.kind !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result.outcome)}`);
    const query: StatusQuery = {
      transactionId: id,
      type: 'collection',
      providerReference: result.outcome.providerReference ?? null,
      createdAt: new Date(),
      providerData: result.outcome.providerData ?? {},
      amount: '1200',
      currency: 'XOF',
    };
    return { id, query, url: result.outcome.nextAction?.url ?? '', callbackPath, exchanges: result.exchanges };
  }
  const pay = (url: string, fields: Record<string, unknown>) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields), redirect: 'manual' });

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startSandbox({ port: 0, settleMs: 30 }, [orangeMoneyOperator]);
    account = {
      id: 'acc-orange-sandbox',
      provider: 'orange-money',
      environment: 'sandbox',
      baseUrl: sandbox.url,
      settings: { country: 'CI', currency: 'XOF', merchantName: 'Malipo Shop' },
      credentials: { clientId: sandbox.options.orangeClientId, clientSecret: sandbox.options.orangeClientSecret, merchantKey: sandbox.options.orangeMerchantKey },
      timeoutMs: 3000,
    };
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('collect → redirect → approve → notification verified with the kept hash → status SUCCESS', async () => {
    const p = await collect();
    expect(p.url).toMatch(new RegExp(`^${sandbox.url}/_sandbox/orange-money/pay/[0-9a-f]{64}$`));
    expect(p.query.providerData).toEqual({ payToken: expect.stringMatching(/^[0-9a-f]{64}$/), notifTokenSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The audit copy never holds the pay_token, which the sandbox's payment_url carries too.
    expect(JSON.stringify(p.exchanges)).not.toContain(p.query.providerData?.['payToken']);
    expect(JSON.stringify(p.exchanges)).toContain('/_sandbox/orange-money/pay/[REDACTED]');
    expect((await provider.status(account, p.query)).outcome).toMatchObject({ kind: 'pending', providerStatus: 'INITIATED' });

    const res = await pay(p.url, { action: 'approve', otp: '1234' });
    expect(res.status).toBe(302);
    const [notification] = await waitFor(() => (receiver.forPath(p.callbackPath).length ? receiver.forPath(p.callbackPath) : null));
    const raw = asRaw(notification!);
    expect(provider.verifyCallbackSignature(account, raw, p.query)).toBe(true);
    expect(provider.verifyCallbackSignature(account, raw, { ...p.query, providerData: { payToken: 'x', notifTokenSha256: '0'.repeat(64) } })).toBe(false);
    expect(provider.verifyCallbackSignature(account, raw)).toBe(false);
    const claim = provider.parseCallback(account, raw);
    expect(claim.outcome).toMatchObject({ kind: 'succeeded', providerTransactionId: expect.stringMatching(/^MP/) });

    const status = await provider.status(account, p.query);
    expect(status.outcome).toEqual({
      kind: 'succeeded',
      providerReference: p.query.providerReference,
      providerTransactionId: (claim.outcome as { providerTransactionId: string }).providerTransactionId,
      providerStatus: 'SUCCESS',
    });
  });

  it('a wrong OTP → FAILED notification and status failed PAYER_DECLINED', async () => {
    const p = await collect();
    await pay(p.url, { action: 'approve', otp: '0000' });
    const [notification] = await waitFor(() => (receiver.forPath(p.callbackPath).length ? receiver.forPath(p.callbackPath) : null));
    expect(provider.parseCallback(account, asRaw(notification!)).outcome).toEqual({ kind: 'failed', failureCode: 'PAYER_DECLINED', failureReason: 'FAILED' });
    expect((await provider.status(account, p.query)).outcome).toMatchObject({ kind: 'failed', failureCode: 'PAYER_DECLINED' });
  });

  it('the same transaction again → Orange refuses the duplicate order_id: failed PROVIDER_ERROR', async () => {
    const p = await collect();
    const again = await provider.collect(account, orangePayment({ transactionId: p.id, callbackUrl: `${receiver.url}${p.callbackPath}` }));
    expect(again.outcome).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: expect.stringContaining('Duplicate order_id') });
  });

  it('expired by the sandbox → failed EXPIRED; left INITIATED past validity + grace → failed EXPIRED (abandoned)', async () => {
    const expired = await collect();
    await control('POST', `/payments/${expired.query.providerData?.['payToken']}/expire`);
    expect((await provider.status(account, expired.query)).outcome).toMatchObject({ kind: 'failed', failureCode: 'EXPIRED', failureReason: expect.stringMatching(/^EXPIRED/) });

    await control('PUT', '/settings', { afterValidity: 'INITIATED' });
    try {
      const abandoned = await collect();
      await pay(abandoned.url, { action: 'cancel' });
      expect((await provider.status(account, abandoned.query)).outcome).toMatchObject({ kind: 'pending', providerStatus: 'INITIATED' });
      const old = { ...abandoned.query, createdAt: new Date(Date.now() - 13 * 60_000) };
      expect((await provider.status(account, old)).outcome).toMatchObject({ kind: 'failed', failureCode: 'EXPIRED', failureReason: expect.stringMatching(/^ABANDONED/) });
    } finally {
      await control('PUT', '/settings', { afterValidity: 'EXPIRED' });
    }
  });

  it('expired access tokens (401 code 42) are refreshed once, transparently', async () => {
    await collect();
    await control('POST', '/tokens/expire');
    const p = await collect();
    expect(p.url).toContain('/_sandbox/orange-money/pay/');
  });
});
