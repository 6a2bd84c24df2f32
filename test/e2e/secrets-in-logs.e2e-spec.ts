import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ADMIN_KEY, eventually, startTestSandbox } from '../support/harness';
import { testPorts } from '../support/worker';
import type { RunningSandbox } from '../../sandbox/server';

// The gateway as `npm start` runs it (compiled, `npm test` builds it), logging everything it can
// (LOG_LEVEL=trace), while it is given and uses provider credentials. Then its whole output is searched.
const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
const SECRET_SUBSCRIPTION_KEY = 'sandbox-mtn-ghana-key'; // accepted by the sandbox (see test/support/env.ts)
const SECRET_API_KEY = process.env.MTN_MOMO_API_KEY as string;
const WRONG_SECRET = 'wrong-secret-value-7f3a9c';
const PHONE = '256772987654';

describe('secrets and phone numbers never reach the logs', () => {
  let sandbox: RunningSandbox;
  let child: ChildProcess;
  let output = '';
  const port = testPorts().gateway2;
  const url = `http://127.0.0.1:${port}`;
  const api = () => request.agent(url).set('Authorization', `Bearer ${ADMIN_KEY}`);

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it)`);
    sandbox = await startTestSandbox();
    child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: String(port), PUBLIC_BASE_URL: url, LOG_LEVEL: 'trace' } });
    child.stdout?.on('data', (d) => (output += d.toString()));
    child.stderr?.on('data', (d) => (output += d.toString()));
    await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok).catch(() => false), (ok) => ok, 30000, 200);
  });
  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await sandbox?.close();
  });

  it('through account creation, payments, a token refresh and a credential failure', async () => {
    const account = await api()
      .post('/v1/admin/provider-accounts')
      .send({
        provider: 'mtn-momo',
        name: `logs check ${Date.now()}`,
        environment: 'sandbox',
        baseUrl: sandbox.url,
        countries: ['RW'],
        currencies: ['RWF'],
        settings: { targetEnvironment: 'mtnrwanda' },
        credentials: { subscriptionKey: SECRET_SUBSCRIPTION_KEY, apiUser: process.env.MTN_MOMO_API_USER, apiKey: SECRET_API_KEY },
      })
      .expect(201);
    const paid = await api().post('/v1/collections').send({ amount: '100', currency: 'RWF', phoneNumber: '+250788123456' }).expect(202);
    await api().post('/v1/collections').send({ amount: '1500', currency: 'UGX', phoneNumber: PHONE }).expect(202);
    await fetch(`${sandbox.url}/_sandbox/mtn-momo/tokens/expire`, { method: 'POST' });
    await api().post('/v1/collections').send({ amount: '101', currency: 'RWF', phoneNumber: '+250788123457' }).expect(202);
    await api().patch(`/v1/admin/provider-accounts/${account.body.id}`).send({ credentials: { subscriptionKey: WRONG_SECRET } }).expect(200);
    const refused = await api().post('/v1/collections').send({ amount: '102', currency: 'RWF', phoneNumber: '+250788123458' }).expect(202);
    expect(refused.body.status).toBe('failed');
    await api().get(`/v1/transactions/${paid.body.id}/events`).expect(200);
    await new Promise((r) => setTimeout(r, 1500)); // callbacks and reconciliation get logged too

    expect(output.length).toBeGreaterThan(1000); // it did log, at trace level
    for (const secret of [SECRET_SUBSCRIPTION_KEY, SECRET_API_KEY, WRONG_SECRET, ADMIN_KEY, process.env.MALIPO_MASTER_KEY!, process.env.MTN_MOMO_SUBSCRIPTION_KEY!]) {
      expect(output).not.toContain(secret);
    }
    for (const phone of [PHONE, '250788123456', '788123456', '772987654']) expect(output).not.toContain(phone);
  });

  it('through Daraja, Orange and Vodacom payments, reversals and a balance (their keys, passkey, initiator secrets, tokens)', async () => {
    const before = output.length;
    const stk = await api().post('/v1/collections').send({ amount: '150', currency: 'KES', phoneNumber: '+254708311122' }).expect(202);
    await api().post('/v1/disbursements').send({ amount: '120', currency: 'KES', phoneNumber: '+254708311133' }).expect(202);
    const orange = await api()
      .post('/v1/collections')
      .send({ amount: '1500', currency: 'XOF', phoneNumber: '+2250707311144', returnUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/no' })
      .expect(202);
    await fetch(orange.body.nextAction.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'approve' }), redirect: 'manual' });
    const mz = await api().post('/v1/collections').send({ amount: '10.00', currency: 'MZN', phoneNumber: '+258843111550' }).expect(202);
    for (const id of [stk.body.id, mz.body.id]) {
      await eventually(() => api().get(`/v1/transactions/${id}`).then((r) => r.body.status), (status) => status === 'succeeded', 20000);
      await api().post(`/v1/admin/transactions/${id}/reverse`).send({ reason: 'log check' }).expect(202);
    }
    await api().get('/v1/providers/mpesa-daraja/balance').expect(200);
    await new Promise((r) => setTimeout(r, 1500));

    const logged = output.slice(before);
    expect(logged.length).toBeGreaterThan(1000);
    const secrets = [
      process.env.DARAJA_CONSUMER_SECRET!,
      process.env.DARAJA_PASSKEY!,
      process.env.DARAJA_INITIATOR_PASSWORD!,
      process.env.ORANGE_MONEY_CLIENT_SECRET!,
      process.env.ORANGE_MONEY_MERCHANT_KEY!,
      process.env.MPESA_VODACOM_API_KEY!,
      process.env.MPESA_VODACOM_SECURITY_CREDENTIAL!,
    ];
    for (const secret of secrets) expect(logged).not.toContain(secret);
    for (const phone of ['254708311122', '708311122', '254708311133', '2250707311144', '0707311144', '258843111550', '843111550']) expect(logged).not.toContain(phone);
  }, 60000);
});
