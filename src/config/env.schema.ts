import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';

const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const DB_URL = /^postgres(ql)?:\/\/\S+$/;
const REDIS_URL = /^rediss?:\/\/\S+$/;

/** Every environment variable the gateway reads. Validated once at boot; a bad value stops the boot. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV = 'development';
  @Transform(toNumber) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @Matches(DB_URL, { message: 'DATABASE_URL must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/malipo' })
  DATABASE_URL: string;
  @Transform(toNumber) @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;
  @Matches(REDIS_URL, { message: 'REDIS_URL must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL: string;
  @IsString() @Matches(/^[a-z0-9:_-]{1,40}$/i) QUEUE_PREFIX = 'malipo';

  @IsOptional() @IsString() @MinLength(24, { message: 'MALIPO_ADMIN_API_KEY must be at least 24 characters' })
  MALIPO_ADMIN_API_KEY?: string;
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, {
    message: 'MALIPO_MASTER_KEY must be 32 random bytes as 64 hex characters or 44 base64 characters (openssl rand -hex 32)',
  })
  MALIPO_MASTER_KEY: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  @IsOptional()
  PUBLIC_BASE_URL?: string;

  @IsString() @MinLength(32, { message: 'MALIPO_WEBHOOK_SECRET must be at least 32 characters (openssl rand -hex 32): it signs merchant notifications' })
  MALIPO_WEBHOOK_SECRET: string;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'MERCHANT_WEBHOOK_URL must be an http(s) URL' })
  MERCHANT_WEBHOOK_URL?: string;
  @Transform(toNumber) @IsNumber() @Min(0.01) NOTIFY_RETRY_BASE_SECONDS = 30;
  @Transform(toNumber) @IsInt() @Min(100) @Max(120000) NOTIFY_TIMEOUT_MS = 10000;
  @Transform(toNumber) @IsNumber() @Min(1) NOTIFY_SWEEP_EVERY_SECONDS = 5;
  @Transform(toNumber) @IsInt() @Min(0) @Max(10) TRUSTED_PROXY_HOPS = 0;

  @Transform(toNumber) @IsNumber() @Min(1) RECONCILE_AFTER_SECONDS = 60;
  @Transform(toNumber) @IsNumber() @Min(1) RECONCILE_EVERY_SECONDS = 30;
  @Transform(toNumber) @IsNumber() @Min(1) @Max(100000) RECONCILE_MAX_BACKOFF_SECONDS = 1800;
  @Transform(toNumber) @IsInt() @Min(1) @Max(1000) RECONCILE_BATCH_SIZE = 100;
  /** A deferred call (Vodacom's C2B, held open up to minutes) is not reconciled before this. */
  @Transform(toNumber) @IsNumber() @Min(1) @Max(3600) DEFERRED_CALL_GRACE_SECONDS = 180;
  /** Consecutive outages (no answer or 5xx) of one provider account that open its circuit. */
  @Transform(toNumber) @IsInt() @Min(1) @Max(100000) CIRCUIT_FAILURE_THRESHOLD = 5;
  /** How long an open circuit stays open before one call is let through. */
  @Transform(toNumber) @IsNumber() @Min(0.1) @Max(3600) CIRCUIT_HALF_OPEN_AFTER_SECONDS = 30;
  /** How long GET /v1/providers/{provider}/balance waits for a balance that arrives by callback (Daraja). */
  @Transform(toNumber) @IsInt() @Min(0) @Max(60000) BALANCE_WAIT_MS = 8000;
  @Transform(toNumber) @IsNumber() @Min(0.0001) TRANSACTION_EXPIRY_HOURS = 24;
  @Transform(toNumber) @IsInt() @Min(100) @Max(600000) PROVIDER_TIMEOUT_MS = 30000;
  @Transform(toNumber) @IsInt() @Min(0) @Max(120000) IDEMPOTENCY_WAIT_MS = 10000;
  @Transform(toNumber) @IsInt() @Min(1) RATE_LIMIT_PER_MINUTE = 6000;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';

  // Seed for a first MTN MoMo account (optional: accounts are rows in provider_accounts).
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'MTN_MOMO_BASE_URL must be an http(s) URL' })
  MTN_MOMO_BASE_URL?: string;
  @IsOptional() @IsString() MTN_MOMO_SUBSCRIPTION_KEY?: string;
  @IsOptional() @IsString() MTN_MOMO_API_USER?: string;
  @IsOptional() @IsString() MTN_MOMO_API_KEY?: string;
  @IsOptional() @IsString() MTN_MOMO_TARGET_ENVIRONMENT?: string;
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'MTN_MOMO_CURRENCY must be an ISO 4217 code such as UGX' }) MTN_MOMO_CURRENCY?: string;
  @IsOptional() @Matches(/^[A-Z]{2}(,[A-Z]{2})*$/, { message: 'MTN_MOMO_COUNTRIES must be ISO alpha-2 codes separated by commas, e.g. UG' })
  MTN_MOMO_COUNTRIES?: string;
  @IsOptional() @IsString() MTN_MOMO_CALLBACK_HOST?: string;
  @IsOptional() @IsString() MTN_MOMO_DISBURSEMENT_SUBSCRIPTION_KEY?: string;
  @IsOptional() @IsString() MTN_MOMO_DISBURSEMENT_API_USER?: string;
  @IsOptional() @IsString() MTN_MOMO_DISBURSEMENT_API_KEY?: string;

  // Seed for a first Airtel Money account (optional).
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'AIRTEL_MONEY_BASE_URL must be an http(s) URL' })
  AIRTEL_MONEY_BASE_URL?: string;
  @IsOptional() @IsString() AIRTEL_MONEY_CLIENT_ID?: string;
  @IsOptional() @IsString() AIRTEL_MONEY_CLIENT_SECRET?: string;
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'AIRTEL_MONEY_COUNTRY must be an ISO alpha-2 code such as UG' }) AIRTEL_MONEY_COUNTRY?: string;
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'AIRTEL_MONEY_CURRENCY must be an ISO 4217 code such as UGX' }) AIRTEL_MONEY_CURRENCY?: string;
  @IsOptional() @IsString() AIRTEL_MONEY_PIN?: string;
  @IsOptional() @IsString() AIRTEL_MONEY_PUBLIC_KEY?: string;
  @IsOptional() @IsString() AIRTEL_MONEY_CALLBACK_SECRET?: string;
  @IsOptional() @IsIn(['on', 'off'], { message: 'AIRTEL_MONEY_SIGNING must be on or off' }) AIRTEL_MONEY_SIGNING?: string;

  // First M-Pesa Kenya (Daraja) account, seeded at boot when DARAJA_BASE_URL and the consumer key/secret are set.
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'DARAJA_BASE_URL must be an http(s) URL' })
  DARAJA_BASE_URL?: string;
  @IsOptional() @IsString() DARAJA_CONSUMER_KEY?: string;
  @IsOptional() @IsString() DARAJA_CONSUMER_SECRET?: string;
  @IsOptional() @Matches(/^\d{5,7}$/, { message: 'DARAJA_SHORTCODE must be 5 to 7 digits' }) DARAJA_SHORTCODE?: string;
  @IsOptional() @IsString() DARAJA_PASSKEY?: string;
  @IsOptional() @IsIn(['CustomerPayBillOnline', 'CustomerBuyGoodsOnline'], { message: 'DARAJA_TRANSACTION_TYPE must be CustomerPayBillOnline or CustomerBuyGoodsOnline' })
  DARAJA_TRANSACTION_TYPE?: string;
  @IsOptional() @Matches(/^\d{5,7}$/, { message: 'DARAJA_TILL_NUMBER must be 5 to 7 digits' }) DARAJA_TILL_NUMBER?: string;
  @IsOptional() @Matches(/^\d{5,7}$/, { message: 'DARAJA_B2C_SHORTCODE must be 5 to 7 digits' }) DARAJA_B2C_SHORTCODE?: string;
  @IsOptional() @IsString() DARAJA_INITIATOR_NAME?: string;
  @IsOptional() @IsString() DARAJA_INITIATOR_PASSWORD?: string;
  @IsOptional() @IsString() DARAJA_CERTIFICATE?: string;
  @IsOptional() @IsIn(['b2c', 'reversal'], { message: 'DARAJA_REFUND_METHOD must be b2c or reversal' }) DARAJA_REFUND_METHOD?: string;
  @IsOptional() @IsString() DARAJA_CALLBACK_IP_ALLOWLIST?: string;

  // First Orange Money Web Payment account.
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'ORANGE_MONEY_BASE_URL must be an http(s) URL' })
  ORANGE_MONEY_BASE_URL?: string;
  @IsOptional() @IsString() ORANGE_MONEY_CLIENT_ID?: string;
  @IsOptional() @IsString() ORANGE_MONEY_CLIENT_SECRET?: string;
  @IsOptional() @IsString() ORANGE_MONEY_MERCHANT_KEY?: string;
  @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'ORANGE_MONEY_COUNTRY must be an ISO alpha-2 code such as CI' }) ORANGE_MONEY_COUNTRY?: string;
  @IsOptional() @Matches(/^[a-z]{2,3}$/, { message: 'ORANGE_MONEY_COUNTRY_PATH must be dev or a lower-case country code such as ci' })
  ORANGE_MONEY_COUNTRY_PATH?: string;
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'ORANGE_MONEY_CURRENCY must be an ISO 4217 code such as XOF' }) ORANGE_MONEY_CURRENCY?: string;
  @IsOptional() @IsIn(['fr', 'en'], { message: 'ORANGE_MONEY_LANG must be fr or en' }) ORANGE_MONEY_LANG?: string;
  @IsOptional() @MaxLength(30, { message: 'ORANGE_MONEY_MERCHANT_NAME must be at most 30 characters (Orange shows it on its page)' })
  ORANGE_MONEY_MERCHANT_NAME?: string;

  // First M-Pesa Mozambique (Vodacom) account.
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'MPESA_VODACOM_BASE_URL must be an http(s) URL' })
  MPESA_VODACOM_BASE_URL?: string;
  @IsOptional() @IsString() MPESA_VODACOM_API_KEY?: string;
  @IsOptional() @IsString() MPESA_VODACOM_PUBLIC_KEY?: string;
  @IsOptional() @Matches(/^\d{5,6}$/, { message: 'MPESA_VODACOM_SERVICE_PROVIDER_CODE must be 5 or 6 digits' }) MPESA_VODACOM_SERVICE_PROVIDER_CODE?: string;
  @IsOptional() @IsString() MPESA_VODACOM_INITIATOR_IDENTIFIER?: string;
  @IsOptional() @IsString() MPESA_VODACOM_SECURITY_CREDENTIAL?: string;
  @IsOptional() @IsString() MPESA_VODACOM_ORIGIN?: string;
  @IsOptional() @IsIn(['true', 'false'], { message: 'MPESA_VODACOM_SINGLE_PORT must be true or false' }) MPESA_VODACOM_SINGLE_PORT?: string;
  @IsOptional() @Matches(/^\d{4,6}$/, { message: 'MPESA_VODACOM_C2B_TIMEOUT_MS must be milliseconds, e.g. 120000' }) MPESA_VODACOM_C2B_TIMEOUT_MS?: string;
}

/** Validates process.env; throws one error naming every bad or missing variable. */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const value = raw[e.property];
      const why = value === undefined || value === '' ? `${e.property} is missing` : Object.values(e.constraints ?? {}).join('; ');
      return `  - ${why}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable and its meaning.`);
  }
  if (!env.PUBLIC_BASE_URL) env.PUBLIC_BASE_URL = `http://127.0.0.1:${env.PORT}`;
  env.PUBLIC_BASE_URL = env.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return env;
}
