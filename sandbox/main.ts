// Entry point: `npm run sandbox` (or node dist/sandbox/main.js). Configured by SANDBOX_* variables,
// see sandbox/README.md.
import { sandboxOptionsFromEnv } from './options';
import { startSandbox } from './server';

async function main(): Promise<void> {
  const sandbox = await startSandbox(sandboxOptionsFromEnv(process.env));
  console.log(
    `Malipo provider sandbox listening on ${sandbox.url} (operators: ${Object.keys(sandbox.operators).join(', ')})`,
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, closing the sandbox`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Malipo provider sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
