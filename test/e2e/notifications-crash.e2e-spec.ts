import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { RunningSandbox } from '../../sandbox/server';
import { ADMIN_KEY, eventually, Gateway, startGateway, startTestSandbox } from '../support/harness';
import { startMerchant } from '../support/merchant';
import { testPorts } from '../support/worker';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

describe('a notification survives a crash', () => {
  let sandbox: RunningSandbox;
  let merchant: Awaited<ReturnType<typeof startMerchant>>;
  let restarted: Gateway | undefined;
  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it)`);
    sandbox = await startTestSandbox();
    merchant = await startMerchant(testPorts().merchant + 5, ['hang']);
  });
  afterAll(async () => {
    await restarted?.close();
    await merchant?.close();
    await sandbox?.close();
  });

  it('SIGKILL after the state change, before delivery completed: delivered after restart, same event', async () => {
    const port = testPorts().gateway2;
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PORT: String(port), PUBLIC_BASE_URL: url, NOTIFY_TIMEOUT_MS: '1000' }, stdio: 'ignore' });
    try {
      await eventually(() => fetch(`${url}/health/ready`).then((r) => r.ok).catch(() => false), (ok) => ok, 30000, 200);
      const created = await request(url)
        .post('/v1/collections')
        .set('Authorization', `Bearer ${ADMIN_KEY}`)
        .send({ amount: '4200', currency: 'UGX', phoneNumber: '0772800900', country: 'UG', callbackUrl: merchant.url })
        .expect(202);
      // The payment succeeds, the outbox row is written with it, delivery starts... and the merchant does not answer.
      await eventually(async () => merchant.deliveries.length, (n) => n >= 1, 20000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      merchant.setScript([200]);
      restarted = await startGateway(); // a new instance, same database and queues
      const delivered = await eventually(async () => merchant.deliveries.length, (n) => n >= 2, 30000, 200);
      expect(delivered).toBeGreaterThanOrEqual(2);
      const [first, second] = merchant.deliveries.map((d) => JSON.parse(d.body));
      expect(second.id).toBe(first.id); // the same event: the merchant deduplicates on it
      expect(second).toMatchObject({ type: 'transaction.succeeded', data: { id: created.body.id, status: 'succeeded' } });
      const db = restarted.app.get(DataSource);
      const [row] = await eventually(
        () => db.query('SELECT state FROM notification_events WHERE id = $1', [first.id]),
        (rows: { state: string }[]) => rows[0]?.state === 'delivered',
      );
      expect(row.state).toBe('delivered');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
