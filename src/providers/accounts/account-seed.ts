import type { EnvironmentVariables } from '../../config/env.schema';
import type { ProviderId } from '../provider.port';

/** An account described by environment variables, for a first start without the admin API. */
export interface AccountSeed {
  provider: ProviderId;
  name: string;
  environment: 'sandbox' | 'production';
  baseUrl: string;
  countries: string[];
  currencies: string[];
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
}

export type AccountSeedReader = (env: EnvironmentVariables) => AccountSeed | null;

export function listFromCsv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim().toUpperCase())
    .filter(Boolean);
}

/** Drops unset optional credentials so they are not stored as empty strings. */
export function presentOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
}
