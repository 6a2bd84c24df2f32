// Runs before each e2e spec file's imports: the app reads its configuration from these.
import { gatewayEnvForSandbox } from '../../sandbox/options';
import { orangeGatewayEnv } from '../../sandbox/orange-money/orange-money.env';
import { testDatabaseUrl, testPorts, workerIndex } from './worker';

const ports = testPorts();
const worker = workerIndex();
Object.assign(process.env, {
  NODE_ENV: 'test',
  PORT: String(ports.gateway),
  DATABASE_URL: testDatabaseUrl(),
  REDIS_URL: `${process.env.TEST_REDIS_BASE_URL ?? 'redis://127.0.0.1:6379'}/${worker}`,
  QUEUE_PREFIX: `malipo-test-${worker}`,
  PUBLIC_BASE_URL: `http://127.0.0.1:${ports.gateway}`,
  MALIPO_ADMIN_API_KEY: 'test-admin-key-0123456789abcdef',
  MALIPO_WEBHOOK_SECRET: 'test-webhook-secret-0123456789abcdef0123',
  NOTIFY_RETRY_BASE_SECONDS: '0.2',
  NOTIFY_TIMEOUT_MS: '2000',
  NOTIFY_SWEEP_EVERY_SECONDS: '1',
  MALIPO_MASTER_KEY: '4f3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e',
  RECONCILE_AFTER_SECONDS: '1',
  RECONCILE_EVERY_SECONDS: '1',
  RECONCILE_MAX_BACKOFF_SECONDS: '2',
  TRANSACTION_EXPIRY_HOURS: '24',
  PROVIDER_TIMEOUT_MS: '3000',
  IDEMPOTENCY_WAIT_MS: '10000',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  ...gatewayEnvForSandbox(`http://127.0.0.1:${ports.sandbox}`),
  ...orangeGatewayEnv(`http://127.0.0.1:${ports.sandbox}`),
  DEFERRED_CALL_GRACE_SECONDS: '1',
  // Specs provoke outages on purpose; only circuits.e2e-spec lets them open a circuit.
  CIRCUIT_FAILURE_THRESHOLD: '100000',
  BALANCE_WAIT_MS: '5000',
  // Airtel Money account seeded from the environment; its public key comes from the sandbox (harness).
  AIRTEL_MONEY_BASE_URL: `http://127.0.0.1:${ports.sandbox}`,
  AIRTEL_MONEY_CLIENT_ID: 'sandbox-airtel-client',
  AIRTEL_MONEY_CLIENT_SECRET: 'sandbox-airtel-secret',
  AIRTEL_MONEY_COUNTRY: 'UG',
  AIRTEL_MONEY_CURRENCY: 'UGX',
  AIRTEL_MONEY_PIN: '1234',
  AIRTEL_MONEY_CALLBACK_SECRET: 'test-airtel-callback-secret-0123',
  AIRTEL_MONEY_SIGNING: 'off',
  SANDBOX_AIRTEL_CALLBACK_SECRET: 'test-airtel-callback-secret-0123',
  SANDBOX_SETTLE_MS: '150',
  SANDBOX_VODACOM_C2B_DELAY_MS: '300',
  SANDBOX_SLOW_MS: '1500',
  SANDBOX_ONGOING_MS: '2000',
  SANDBOX_HANG_MS: '5000',
  // a second collection subscription key, for a second (Ghana) MTN account
  SANDBOX_MTN_SUBSCRIPTION_KEY: 'sandbox-mtn-subscription-key,sandbox-mtn-ghana-key',
});
