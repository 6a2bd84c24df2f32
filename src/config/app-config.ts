import { Injectable } from '@nestjs/common';
import { EnvironmentVariables, validateEnv } from './env.schema';

/**
 * Typed read access to the validated environment. ConfigModule has already loaded `.env` into
 * process.env and refused to boot on a bad value; this reads the same variables, typed.
 */
@Injectable()
export class AppConfig {
  readonly env: EnvironmentVariables = validateEnv(process.env);

  get<K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] {
    return this.env[key];
  }

  get masterKey(): Buffer {
    const raw = this.env.MALIPO_MASTER_KEY;
    return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  }

  get publicBaseUrl(): string {
    return this.env.PUBLIC_BASE_URL as string;
  }
}
