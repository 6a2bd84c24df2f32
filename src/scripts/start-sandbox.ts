// `npm run start:sandbox`: the provider sandbox plus the gateway wired to it, with development defaults
// for every variable not already set. The first thing a newcomer runs; never use it in production.
import { applyDevDefaults, DEV_ADMIN_KEY, ensureDatabase } from './dev-env';

async function main(): Promise<void> {
  applyDevDefaults({ SANDBOX_LOG: process.env.SANDBOX_LOG ?? 'true' });
  if (await ensureDatabase(process.env.DATABASE_URL as string)) process.stdout.write('created the database\n');
  // Imported only now: the gateway's configuration is read from the environment set above.
  const { startSandbox } = await import('../../sandbox/server');
  const { sandboxOptionsFromEnv } = await import('../../sandbox/options');
  const { createApp } = await import('../app.setup');
  const sandbox = await startSandbox(sandboxOptionsFromEnv(process.env));
  await seedSandboxOperators(sandbox.url, sandbox.options);
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

/**
 * Daraja, Orange and Vodacom accounts against the sandbox (unless their variables are set already). The
 * Daraja certificate and the Vodacom public key are made at each sandbox start: read from it.
 */
async function seedSandboxOperators(url: string, options: import('../../sandbox/options').SandboxOptions): Promise<void> {
  const { darajaGatewayEnv } = await import('../../sandbox/options');
  const { orangeGatewayEnv } = await import('../../sandbox/orange-money/orange-money.env');
  const { mpesaVodacomGatewayEnv } = await import('../../sandbox/mpesa-vodacom/mpesa-vodacom.sandbox');
  const certificate = (await fetch(`${url}/_sandbox/mpesa-daraja/certificate`).then((r) => r.text())).trim();
  const vodacomKey = (await fetch(`${url}/_sandbox/mpesa-vodacom/public-key?format=base64`).then((r) => r.text())).trim();
  const values = { ...darajaGatewayEnv(url, options, certificate), ...orangeGatewayEnv(url, options), ...mpesaVodacomGatewayEnv(url, options, vodacomKey) };
  for (const [key, value] of Object.entries(values)) if (process.env[key] === undefined) process.env[key] = value;
}

main().catch((error: Error) => {
  process.stderr.write(`start:sandbox failed: ${error.message}\n`);
  process.exit(1);
});
