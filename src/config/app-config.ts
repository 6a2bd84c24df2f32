import { Injectable } from '@nestjs/common';
import { parseMasterKey } from '../common/crypto/secret-box';
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
    return parseMasterKey(this.env.MALIPO_MASTER_KEY, 'MALIPO_MASTER_KEY');
  }

  get publicBaseUrl(): string {
    return this.env.PUBLIC_BASE_URL as string;
  }
}
