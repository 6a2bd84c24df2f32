/** Each jest worker gets its own database, Redis db, queue prefix and ports, so workers never meet. */
export function workerIndex(): number {
  return Number(process.env.JEST_WORKER_ID ?? '1');
}

export const TEST_DB_PREFIX = 'malipo_test_';
export const MAX_WORKERS = 4;

export function testDatabaseUrl(worker = workerIndex()): string {
  const base = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  return `${base}/${TEST_DB_PREFIX}${worker}`;
}

export function testPorts(worker = workerIndex()) {
  const base = Number(process.env.TEST_PORT_BASE ?? 23000) + worker * 20;
  return { gateway: base, gateway2: base + 1, sandbox: base + 2, merchant: base + 3 };
}
