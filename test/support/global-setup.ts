// Fresh databases and Redis dbs for every jest worker, once per run. The app applies migrations at boot.
import { Client } from 'pg';
import Redis from 'ioredis';
import { MAX_WORKERS, TEST_DB_PREFIX } from './worker';

export default async function globalSetup(): Promise<void> {
  const base = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const admin = new Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    for (let worker = 1; worker <= MAX_WORKERS; worker++) {
      const name = `${TEST_DB_PREFIX}${worker}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  const redisBase = process.env.TEST_REDIS_BASE_URL ?? 'redis://127.0.0.1:6379';
  for (let worker = 1; worker <= MAX_WORKERS; worker++) {
    const redis = new Redis(`${redisBase}/${worker}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.flushdb();
    redis.disconnect();
  }
}
