import { InvalidAmountError, parseAmount } from '../../common/money/money';

/** Per-currency amount limits of an account, in settings: `{ "limits": { "UGX": { "min": "500", "max": "5000000" } } }`. */
export interface AmountLimit {
  min?: string;
  max?: string;
}

export function accountLimits(settings: Record<string, unknown>): Record<string, AmountLimit> {
  const limits = settings.limits;
  return limits && typeof limits === 'object' && !Array.isArray(limits) ? (limits as Record<string, AmountLimit>) : {};
}

/** Why the settings' limits are unusable, or null when they are fine. */
export function limitsProblem(settings: Record<string, unknown>): string | null {
  if (settings.limits === undefined) return null;
  if (!settings.limits || typeof settings.limits !== 'object' || Array.isArray(settings.limits)) return 'settings.limits must be an object keyed by currency';
  for (const [currency, limit] of Object.entries(settings.limits as Record<string, unknown>)) {
    if (!limit || typeof limit !== 'object') return `settings.limits.${currency} must be { "min"?: "…", "max"?: "…" }`;
    for (const bound of ['min', 'max'] as const) {
      const value = (limit as AmountLimit)[bound];
      if (value === undefined) continue;
      try {
        parseAmount(String(value), currency);
      } catch (error) {
        if (error instanceof InvalidAmountError) return `settings.limits.${currency}.${bound}: ${error.message}`;
        return `settings.limits.${currency}: unknown currency`;
      }
    }
  }
  return null;
}

/** Null when the amount fits the account's limits for its currency, else a client-facing reason. */
export function limitViolation(settings: Record<string, unknown>, currency: string, amountMinor: bigint): string | null {
  const limit = accountLimits(settings)[currency];
  if (!limit) return null;
  if (limit.min !== undefined && amountMinor < parseAmount(String(limit.min), currency).minor) return `amount is below the minimum of ${limit.min} ${currency}`;
  if (limit.max !== undefined && amountMinor > parseAmount(String(limit.max), currency).minor) return `amount is above the maximum of ${limit.max} ${currency}`;
  return null;
}
