// Development defaults shared by `npm run start:sandbox` and the benchmarks: never for production.
import { Client } from 'pg';
import { gatewayEnvForSandbox } from '../../sandbox/options';

export const DEV_MASTER_KEY = '6d616c69706f2d6465762d6d61737465722d6b65792d6e6f742d736563726574'; // dev only: not secret
export const DEV_ADMIN_KEY = 'malipo-dev-admin-key-not-for-production';
export const DEV_WEBHOOK_SECRET = 'malipo-dev-webhook-secret-not-for-production';

/** Sets every variable the gateway and the sandbox need, unless already set. */
export function applyDevDefaults(overrides: Record<string, string> = {}): void {
  const port = overrides.PORT ?? process.env.PORT ?? '3000';
  const sandboxPort = overrides.SANDBOX_PORT ?? process.env.SANDBOX_PORT ?? '4010';
  const values: Record<string, string> = {
    PORT: port,
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/malipo',
    REDIS_URL: 'redis://127.0.0.1:6379',
    MALIPO_MASTER_KEY: DEV_MASTER_KEY,
    MALIPO_ADMIN_API_KEY: DEV_ADMIN_KEY,
    MALIPO_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    RECONCILE_AFTER_SECONDS: '10',
    RECONCILE_EVERY_SECONDS: '5',
    ...gatewayEnvForSandbox(`http://127.0.0.1:${sandboxPort}`),
    SANDBOX_PORT: sandboxPort,
    ...overrides,
  };
  for (const [key, value] of Object.entries(values)) if (process.env[key] === undefined || key in overrides) process.env[key] = value;
}

/** Creates the database named in the URL if it does not exist. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return exists.rowCount === 0;
  } finally {
    await admin.end();
  }
}
