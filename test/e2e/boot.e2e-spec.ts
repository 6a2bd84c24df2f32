import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Runs the compiled gateway (`npm test` builds it first) as `npm start` would, with a broken environment.
const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

function boot(overrides: Record<string, string | undefined>) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...overrides })) if (v !== undefined) env[k] = v;
  return spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 20000 });
}

describe('boot fails fast on bad configuration', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (npm test does it)`);
  });

  it('names a missing DATABASE_URL', () => {
    const run = boot({ DATABASE_URL: undefined });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL is missing');
  });

  it('names a bad MALIPO_MASTER_KEY without echoing it', () => {
    const run = boot({ MALIPO_MASTER_KEY: 'too-short-secret-value' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('MALIPO_MASTER_KEY must be 32 random bytes');
    expect(run.stderr).not.toContain('too-short-secret-value');
  });

  it('names every bad variable at once', () => {
    const run = boot({ DATABASE_URL: 'mysql://x', REDIS_URL: undefined, PORT: 'eighty' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL must be a postgres/);
    expect(run.stderr).toContain('REDIS_URL is missing');
    expect(run.stderr).toContain('PORT');
  });
});
