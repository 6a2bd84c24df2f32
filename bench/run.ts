// `npm run bench`: the gateway and the provider sandbox in a child process (as `start:sandbox` runs them),
// loaded by autocannon from this one. Prints requests/s and p50/p99 latency of each scenario beside a
// baseline measured in the same run (GET /health/live: the HTTP stack with no database work).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { applyDevDefaults, DEV_ADMIN_KEY, ensureDatabase } from '../src/scripts/dev-env';

// autocannon ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function waitReady(url: string, deadline = Date.now() + 30_000): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health/ready`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the gateway did not become ready');
}

async function main(): Promise<void> {
  applyDevDefaults({
    PORT: process.env.BENCH_PORT ?? '3900',
    SANDBOX_PORT: process.env.BENCH_SANDBOX_PORT ?? '4900',
    DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/malipo_bench',
    QUEUE_PREFIX: 'malipo-bench',
    LOG_LEVEL: 'warn',
    SANDBOX_LOG: 'false',
    SANDBOX_SETTLE_MS: '200',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  await ensureDatabase(process.env.DATABASE_URL as string);
  const server = spawn(process.execPath, [join(__dirname, '..', 'src', 'scripts', 'start-sandbox.js')], { env: process.env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${process.env.PORT}`;
  const auth = { authorization: `Bearer ${DEV_ADMIN_KEY}`, 'content-type': 'application/json' };
  try {
    await waitReady(url);
    const first = await fetch(`${url}/v1/collections`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ amount: '1500', currency: 'UGX', phoneNumber: '0772123456', country: 'UG' }),
    }).then((r) => r.json());

    const scenarios: [string, Record<string, unknown>][] = [
      ['GET /health/live (baseline)', { url: `${url}/health/live` }],
      ['GET /v1/transactions/{id}', { url: `${url}/v1/transactions/${first.id}`, headers: auth }],
      ['GET /v1/transactions?limit=20', { url: `${url}/v1/transactions?limit=20`, headers: auth }],
      [
        'POST /v1/collections (store, call the sandbox, apply)',
        {
          url: `${url}/v1/collections`,
          method: 'POST',
          headers: { ...auth, 'idempotency-key': 'bench-[<id>]' },
          body: JSON.stringify({ amount: '1500', currency: 'UGX', phoneNumber: '0772123456', country: 'UG', reference: 'bench-[<id>]' }),
          idReplacement: true,
        },
      ],
    ];
    const rows: string[] = [];
    let baseline = 0;
    for (const [name, options] of scenarios) {
      const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
      if (!baseline) baseline = result.requests.average;
      const share = ((result.requests.average / baseline) * 100).toFixed(0);
      rows.push(
        `${name.padEnd(54)} ${result.requests.average.toFixed(0).padStart(7)} req/s (${share.padStart(3)}% of baseline)` +
          `  p50 ${String(result.latency.p50).padStart(4)} ms  p99 ${String(result.latency.p99).padStart(4)} ms` +
          `  non-2xx ${result.non2xx}  errors ${result.errors + result.timeouts}`,
      );
    }
    process.stdout.write(`\n${CONNECTIONS} connections, ${SECONDS} s per scenario\n${rows.join('\n')}\n`);
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
