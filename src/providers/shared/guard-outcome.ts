import { ProviderConfigError, ProviderExchange, ProviderResult } from '../provider.port';

/**
 * Runs a provider operation that answers with an outcome. ProviderConfigError passes through (the
 * request never left); any other error is a bug of ours that may come after a call was sent, so it
 * never reads as a failure: unknown.
 */
export async function guardOutcome(run: () => Promise<ProviderResult>, exchanges: ProviderExchange[] = []): Promise<ProviderResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ProviderConfigError) throw err;
    return { outcome: { kind: 'unknown', reason: `internal error: ${err instanceof Error ? err.message : String(err)}` }, exchanges: [...exchanges] };
  }
}
