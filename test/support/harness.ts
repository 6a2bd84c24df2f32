import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startSandbox, RunningSandbox } from '../../sandbox/server';
import { darajaGatewayEnv, sandboxOptionsFromEnv } from '../../sandbox/options';
import { mpesaVodacomGatewayEnv } from '../../sandbox/mpesa-vodacom/mpesa-vodacom.sandbox';
import { createApp } from '../../src/app.setup';
import { ProviderAccountsService } from '../../src/providers/accounts/provider-accounts.service';
import { testPorts } from './worker';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface Gateway {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Boots the gateway exactly as `npm start` does (migrations, queues, scheduler) on a real port. */
export async function startGateway(port = testPorts().gateway): Promise<Gateway> {
  const app = await createApp();
  await app.listen(port, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export async function startTestSandbox(): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ ...sandboxOptionsFromEnv(process.env), port: testPorts().sandbox });
  // The sandbox makes a new RSA key pair at each start: the Airtel account encrypts PINs with its public half.
  const answer = await fetch(`${sandbox.url}/_sandbox/airtel-money/public-key`).then((r) => r.text());
  process.env.AIRTEL_MONEY_PUBLIC_KEY = answer.trim().startsWith('{') ? JSON.parse(answer).publicKey : answer;
  // Vodacom's bearer is the API key encrypted with the portal's public key: the sandbox's, made at start.
  const vodacomKey = await fetch(`${sandbox.url}/_sandbox/mpesa-vodacom/public-key?format=base64`).then((r) => r.text());
  Object.assign(process.env, mpesaVodacomGatewayEnv(sandbox.url, sandbox.options, vodacomKey.trim()));
  // Daraja's initiator password is encrypted with Safaricom's certificate: the sandbox's, made at start.
  const certificate = await fetch(`${sandbox.url}/_sandbox/mpesa-daraja/certificate`).then((r) => r.text());
  Object.assign(process.env, darajaGatewayEnv(sandbox.url, sandbox.options, certificate.trim()));
  return sandbox;
}

/** Airtel's callback URL is set in its portal: register the seeded account's URL at the sandbox's app. */
export async function registerAirtelCallbackUrl(sandbox: RunningSandbox, gateway: Gateway): Promise<string> {
  const accounts = await request(gateway.url).get('/v1/admin/provider-accounts').set('Authorization', `Bearer ${ADMIN_KEY}`).expect(200);
  const airtel = accounts.body.find((a: { name: string }) => a.name === 'airtel-money (env)');
  const url = airtel.callbackUrl.replace(process.env.PUBLIC_BASE_URL as string, gateway.url);
  const res = await fetch(`${sandbox.url}/_sandbox/airtel-money/apps/${process.env.AIRTEL_MONEY_CLIENT_ID}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ callbackUrl: url, callbackSecret: process.env.AIRTEL_MONEY_CALLBACK_SECRET }),
  });
  if (!res.ok) throw new Error(`sandbox refused the Airtel callback URL: ${res.status} ${await res.text()}`);
  return url;
}

export interface TestEnvironment {
  gateway: Gateway;
  sandbox: RunningSandbox;
  api: () => request.Agent;
  close(): Promise<void>;
}

/** The gateway, the provider sandbox, and an MTN "sandbox" target-environment account (EUR, for MTN's test numbers). */
export async function startEnvironment(): Promise<TestEnvironment> {
  const sandbox = await startTestSandbox();
  const gateway = await startGateway();
  await ensureMtnEurAccount(gateway.app);
  await registerAirtelCallbackUrl(sandbox, gateway);
  return {
    gateway,
    sandbox,
    api: () => request.agent(gateway.url).set('Authorization', `Bearer ${ADMIN_KEY}`),
    close: async () => {
      await gateway.close();
      await sandbox.close();
    },
  };
}

/** MTN's own sandbox numbers (467331234xx) are Swedish and settle in EUR under target environment `sandbox`. */
export async function ensureMtnEurAccount(app: INestApplication): Promise<void> {
  const accounts = app.get(ProviderAccountsService);
  const existing = await accounts.candidates('mtn-momo', 'SE', 'EUR');
  if (existing.length > 0) return;
  await accounts.create({
    provider: 'mtn-momo',
    name: 'mtn-momo sandbox EUR (test)',
    environment: 'sandbox',
    baseUrl: process.env.MTN_MOMO_BASE_URL as string,
    countries: ['SE'],
    currencies: ['EUR'],
    settings: { targetEnvironment: 'sandbox' },
    credentials: {
      subscriptionKey: process.env.MTN_MOMO_SUBSCRIPTION_KEY as string,
      apiUser: process.env.MTN_MOMO_API_USER as string,
      apiKey: process.env.MTN_MOMO_API_KEY as string,
    },
  });
}

/** Polls until `read` returns a value `done` accepts; fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    last = await read();
  }
  return last;
}

let counter = 0;
/** A Ugandan MTN number that is not a magic number: succeeds with a callback. */
export function ugandaMtnNumber(): string {
  counter = (counter + 1) % 1000;
  const middle = String(Math.floor(Math.random() * 900) + 100);
  return `256772${middle}${String(counter).padStart(3, '0')}`;
}

export async function waitForStatus(env: TestEnvironment, id: string, statuses: string[], timeoutMs = 15000) {
  const answer = await eventually(
    () => env.api().get(`/v1/transactions/${id}`),
    (res) => statuses.includes(res.body.status),
    timeoutMs,
  );
  return answer.body;
}

export async function events(env: TestEnvironment, id: string): Promise<Array<Record<string, any>>> {
  const res = await env.api().get(`/v1/transactions/${id}/events`).expect(200);
  return res.body.data;
}

export async function sandboxRecord(env: TestEnvironment, id: string): Promise<Record<string, any>> {
  const res = await fetch(`${env.sandbox.url}/_sandbox/mtn-momo/requesttopay/${id}`);
  return res.json();
}

export function collect(env: TestEnvironment, body: Record<string, unknown>, idempotencyKey?: string) {
  const req = env.api().post('/v1/collections');
  if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
  return req.send(body);
}
