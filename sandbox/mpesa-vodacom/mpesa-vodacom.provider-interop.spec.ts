// The gateway's MpesaVodacomProvider against this sandbox over real HTTP (single port): the two agree on
// auth, bodies, references, codes and statuses, including the held C2B the client gives up on.
import { randomUUID } from 'node:crypto';
import type { PaymentRequest, ProviderAccountContext, StatusQuery } from '../../src/providers/provider.port';
import { MpesaVodacomProvider } from '../../src/providers/mpesa-vodacom/mpesa-vodacom.provider';
import { readMpesaVodacomSeed } from '../../src/providers/mpesa-vodacom/mpesa-vodacom.seed';
import type { EnvironmentVariables } from '../../src/config/env.schema';
import { startSandbox, type RunningSandbox } from '../server';
import { sleep } from '../testing/helpers';
import type { MpesaVodacomState } from './mpesa-vodacom.state';
import { mpesaVodacomGatewayEnv, mpesaVodacomOperator } from './mpesa-vodacom.sandbox';

const DELAY = 150;

describe('MpesaVodacomProvider against the Vodacom sandbox', () => {
  let sandbox: RunningSandbox;
  let account: ProviderAccountContext;
  const provider = new MpesaVodacomProvider();
  const payment = (msisdn: string, overrides: Partial<PaymentRequest> = {}): PaymentRequest => ({
    transactionId: randomUUID(),
    type: 'collection',
    amount: '100.00',
    amountMinor: 10000n,
    currency: 'MZN',
    country: 'MZ',
    msisdn,
    reference: 'Order 77',
    description: null,
    callbackUrl: null,
    ...overrides,
  });
  const query = (request: PaymentRequest, extra: Partial<StatusQuery> = {}): StatusQuery => ({
    transactionId: request.transactionId,
    type: request.type,
    providerReference: null,
    createdAt: new Date(),
    ...extra,
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, vodacomC2bDelayMs: DELAY }, [mpesaVodacomOperator]);
    const state = sandbox.operators['mpesa-vodacom'] as MpesaVodacomState;
    account = {
      id: 'acc-vodacom-sandbox',
      provider: 'mpesa-vodacom',
      environment: 'sandbox',
      baseUrl: sandbox.url,
      settings: { serviceProviderCode: sandbox.options.vodacomServiceProviderCode, singlePort: true, c2bTimeoutMs: 2000 },
      credentials: {
        apiKey: sandbox.options.vodacomApiKey,
        publicKey: state.publicKeyBase64,
        initiatorIdentifier: sandbox.options.vodacomInitiatorIdentifier,
        securityCredential: sandbox.options.vodacomSecurityCredential,
      },
      timeoutMs: 2000,
    };
  });
  afterAll(() => sandbox.close());

  it('collect → succeeded; status → Completed; partial refund, its status, then reverse the rest', async () => {
    const request = payment('258843330333');
    const collected = await provider.collect(account, request);
    expect(collected.outcome).toMatchObject({ kind: 'succeeded', providerTransactionId: expect.any(String), providerReference: expect.any(String) });
    const ids = collected.outcome as { providerTransactionId: string; providerReference: string };
    const original = query(request, { providerTransactionId: ids.providerTransactionId, providerReference: ids.providerReference });
    expect((await provider.status(account, original)).outcome).toMatchObject({ kind: 'succeeded', providerTransactionId: ids.providerTransactionId });

    const refund = payment('258843330333', { type: 'refund', amount: '40.00', amountMinor: 4000n });
    expect((await provider.refund(account, refund, original)).outcome.kind).toBe('succeeded');
    expect((await provider.status(account, query(refund))).outcome.kind).toBe('succeeded');
    const reversal = { ...original, amount: '60.00', amountMinor: 6000n, currency: 'MZN', msisdn: request.msisdn, reason: null };
    expect((await provider.reverse(account, reversal)).outcome.kind).toBe('succeeded');
    // Nothing left: Vodacom's duplicate answer → unknown (never a false failure).
    expect((await provider.reverse(account, reversal)).outcome.kind).toBe('unknown');
  });

  it('a C2B the client gives up on (…910) → unknown; a later status query → succeeded', async () => {
    const request = payment('258840000910');
    const result = await provider.collect({ ...account, settings: { ...account.settings, c2bTimeoutMs: 60 } }, request);
    expect(result.outcome).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('TIMEOUT') });
    await sleep(DELAY + 30);
    expect((await provider.status(account, query(request))).outcome.kind).toBe('succeeded');
  });

  it.each([
    ['258840000901', { kind: 'failed', failureCode: 'PAYER_DECLINED' }, { kind: 'failed', failureCode: 'PAYER_DECLINED' }],
    ['258840000903', { kind: 'unknown' }, { kind: 'failed', failureCode: 'EXPIRED' }],
    ['258840000905', { kind: 'failed', failureCode: 'INSUFFICIENT_FUNDS' }, { kind: 'failed', failureCode: 'UNKNOWN' }],
    ['258840000906', { kind: 'failed', failureCode: 'PAYER_NOT_FOUND' }, { kind: 'not_found' }],
    ['258840000904', { kind: 'unknown' }, { kind: 'succeeded' }],
    ['258840000911', { kind: 'unknown' }, { kind: 'succeeded' }],
  ])('collect from %s → %o, then status → %o', async (msisdn, initiation, later) => {
    const request = payment(msisdn);
    expect((await provider.collect(account, request)).outcome).toMatchObject(initiation);
    expect((await provider.status(account, query(request))).outcome).toMatchObject(later);
  });

  it('disburse → succeeded; to an insufficient-funds number → failed INSUFFICIENT_FUNDS', async () => {
    expect((await provider.disburse(account, payment('258853330333', { type: 'disbursement' }))).outcome.kind).toBe('succeeded');
    expect((await provider.disburse(account, payment('258840000905', { type: 'disbursement' }))).outcome).toMatchObject({ kind: 'failed', failureCode: 'INSUFFICIENT_FUNDS' });
  });

  it('an account seeded from mpesaVodacomGatewayEnv works as is', async () => {
    const state = sandbox.operators['mpesa-vodacom'] as MpesaVodacomState;
    const env = mpesaVodacomGatewayEnv(sandbox.url, sandbox.options, state.publicKeyBase64);
    const seed = readMpesaVodacomSeed(env as unknown as EnvironmentVariables)!;
    expect(seed.settings).toEqual({ serviceProviderCode: '171717', singlePort: true });
    const seeded: ProviderAccountContext = { id: 'seeded', ...seed, timeoutMs: 2000 };
    expect((await provider.collect(seeded, payment('258843330333'))).outcome.kind).toBe('succeeded');
  });

  it('a wrong API key → failed PROVIDER_ERROR (INS-2 in the body), nothing recorded', async () => {
    const wrong = { ...account, credentials: { ...account.credentials, apiKey: 'wrong' } };
    expect((await provider.collect(wrong, payment('258843330333'))).outcome).toMatchObject({ kind: 'failed', failureCode: 'PROVIDER_ERROR', failureReason: 'INS-2: Invalid API Key' });
  });
});
