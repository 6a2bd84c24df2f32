import { startEnvironment, TestEnvironment, waitForStatus } from '../support/harness';

// MTN's sandbox number 46733123462 answers 503 and records nothing: an outage, each time.
const OUTAGE = '46733123462';
const FINE = '46733123499'; // any number outside MTN's table succeeds

describe('circuit breaker per provider account', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    // Read when the gateway starts: three outages in a row open the circuit, which half-opens after 1 s.
    Object.assign(process.env, { CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_HALF_OPEN_AFTER_SECONDS: '1', RECONCILE_AFTER_SECONDS: '60' });
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  const pay = (phone: string) => env.api().post('/v1/collections').send({ amount: '10', currency: 'EUR', phoneNumber: `+${phone}`, provider: 'mtn-momo' });
  const mtn = async () => (await env.api().get('/v1/providers').expect(200)).body.data.find((p: { id: string }) => p.id === 'mtn-momo');
  const calls = async () => (await fetch(`${env.sandbox.url}/_sandbox/calls`).then((r) => r.json())) as unknown[];

  it('opens after consecutive outages: the next payment is not sent and fails PROVIDER_UNAVAILABLE; it closes again after a good call', async () => {
    for (let i = 0; i < 3; i++) expect((await pay(OUTAGE).expect(202)).body.status).toBe('processing'); // ambiguous: never failed
    const eur = (await mtn()).accounts.find((a: { currencies: string[] }) => a.currencies.includes('EUR'));
    expect(eur.circuit).toBe('open');

    const before = JSON.stringify(await calls()).split('requesttopay').length;
    const refused = await pay(FINE).expect(202);
    expect(refused.body).toMatchObject({ status: 'failed', failureCode: 'PROVIDER_UNAVAILABLE' });
    expect(refused.body.failureReason).toContain('circuit open');
    expect(JSON.stringify(await calls()).split('requesttopay').length).toBe(before); // nothing reached the operator

    await new Promise((r) => setTimeout(r, 1200)); // half-open: one call is let through
    const trial = await pay(FINE).expect(202);
    expect(trial.body.status).toBe('processing');
    expect((await waitForStatus(env, trial.body.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    const after = (await mtn()).accounts.find((a: { currencies: string[] }) => a.currencies.includes('EUR'));
    expect(after.circuit).toBe('closed');
    expect((await mtn()).health.circuit).toBe('closed');
  });
});
