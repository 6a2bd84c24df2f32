import 'reflect-metadata';
import { createApp } from './app.setup';
import { validateEnv } from './config/env.schema';

async function bootstrap(): Promise<void> {
  const env = validateEnv(process.env); // fail fast, naming every bad variable, before anything connects
  const app = await createApp();
  await app.listen(env.PORT, '0.0.0.0');
  process.stdout.write(`Malipo listening on http://127.0.0.1:${env.PORT} (docs at /docs)\n`);
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`Malipo failed to start: ${error.message}\n`);
  process.exit(1);
});
