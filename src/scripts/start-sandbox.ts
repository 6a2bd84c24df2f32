// `npm run start:sandbox`: the provider sandbox plus the gateway wired to it, with development defaults
// for every variable not already set. The first thing a newcomer runs; never use it in production.
import { Client } from 'pg';
import { gatewayEnvForSandbox } from '../../sandbox/options';

const DEV_MASTER_KEY = '6d616c69706f2d6465762d6d61737465722d6b65792d6e6f742d736563726574'; // dev only: not secret
const DEV_ADMIN_KEY = 'malipo-dev-admin-key-not-for-production';

function defaults(): void {
  const port = process.env.PORT ?? '3000';
  const sandboxPort = process.env.SANDBOX_PORT ?? '4010';
  const values: Record<string, string> = {
    PORT: port,
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/malipo',
    REDIS_URL: 'redis://127.0.0.1:6379',
    MALIPO_MASTER_KEY: DEV_MASTER_KEY,
    MALIPO_ADMIN_API_KEY: DEV_ADMIN_KEY,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    RECONCILE_AFTER_SECONDS: '10',
    RECONCILE_EVERY_SECONDS: '5',
    ...gatewayEnvForSandbox(`http://127.0.0.1:${sandboxPort}`),
    SANDBOX_PORT: sandboxPort,
    SANDBOX_LOG: 'true',
  };
  for (const [key, value] of Object.entries(values)) if (process.env[key] === undefined) process.env[key] = value;
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      process.stdout.write(`created database ${name}\n`);
    }
  } finally {
    await admin.end();
  }
}

async function main(): Promise<void> {
  defaults();
  await ensureDatabase(process.env.DATABASE_URL as string);
  // Imported only now: the gateway's configuration is read from the environment set above.
  const { startSandbox } = await import('../../sandbox/server');
  const { sandboxOptionsFromEnv } = await import('../../sandbox/options');
  const { createApp } = await import('../app.setup');
  const sandbox = await startSandbox(sandboxOptionsFromEnv(process.env));
  const app = await createApp();
  const port = Number(process.env.PORT);
  await app.listen(port, '0.0.0.0');
  const api = `http://127.0.0.1:${port}`;
  const key = process.env.MALIPO_ADMIN_API_KEY as string;
  process.stdout.write(
    [
      '',
      'Malipo is running against the provider sandbox.',
      `  API:            ${api}/v1`,
      `  Swagger:        ${api}/docs`,
      `  Health:         ${api}/health/ready`,
      `  Sandbox:        ${sandbox.url}  (magic numbers: sandbox/README.md)`,
      `  Admin API key:  ${key === DEV_ADMIN_KEY ? key : `${key.slice(0, 6)}… (from MALIPO_ADMIN_API_KEY)`}`,
      '',
      'Try a collection:',
      `  curl -s -X POST ${api}/v1/collections -H 'Authorization: Bearer ${key === DEV_ADMIN_KEY ? key : '<key>'}' \\`,
      `    -H 'Content-Type: application/json' -H 'Idempotency-Key: first-try' \\`,
      `    -d '{"amount":"1500","currency":"UGX","phoneNumber":"0772123456","country":"UG","reference":"ORDER-1"}'`,
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await app.close();
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`start:sandbox failed: ${error.message}\n`);
  process.exit(1);
});
