// Access tokens per key (account + product, for example), shared by every caller in this process.
// - A token is reused until less than `marginSeconds` of its life remain, then fetched again.
// - Single flight: concurrent callers needing a token for the same key share one fetch.
// - invalidate(key) drops it (after a 401); with the stale token as second argument it only drops that
//   token, so N requests failing together with the same expired token cause one refetch, not N.
// - A failed fetch caches nothing; every waiter of that fetch gets the error.

export interface FetchedToken {
  token: string;
  /** Lifetime announced by the operator, seconds. */
  expiresInSeconds: number;
}

export interface TokenCacheOptions {
  /** Refresh when fewer than this many seconds remain (default 60). */
  marginSeconds?: number;
  /** Clock in epoch milliseconds (tests inject one). */
  now?: () => number;
}

interface Entry {
  token: string;
  /** Epoch ms after which the token is not handed out any more (expiry minus margin). */
  refreshAt: number;
}

export class TokenCache {
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  /** Bumped by invalidate(), so a fetch started before an invalidation does not store its result. */
  private readonly generations = new Map<string, number>();

  constructor(options: TokenCacheOptions = {}) {
    this.marginMs = Math.max(0, options.marginSeconds ?? 60) * 1000;
    this.now = options.now ?? Date.now;
  }

  /** The cached token for `key`, or the result of `fetch` (shared with concurrent callers). */
  async get(key: string, fetch: () => Promise<FetchedToken>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.refreshAt) return entry.token;
    const running = this.inFlight.get(key);
    if (running) return running;

    const generation = this.generation(key);
    const promise: Promise<string> = this.fetchAndStore(key, generation, fetch).finally(() => {
      if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
    });
    this.inFlight.set(key, promise);
    return promise;
  }

  /**
   * Forget the token for `key`. With `staleToken`, only forget it if it is still the cached one (a
   * concurrent caller may already have replaced it).
   */
  invalidate(key: string, staleToken?: string): void {
    if (staleToken !== undefined) {
      // Already dropped or replaced by a concurrent caller: the refetch is (or was) someone else's.
      if (this.entries.get(key)?.token !== staleToken) return;
      this.entries.delete(key);
      return;
    }
    this.entries.delete(key);
    // A fetch still running was started before this invalidation: do not hand it out or store it.
    this.inFlight.delete(key);
    this.generations.set(key, this.generation(key) + 1);
  }

  clear(): void {
    for (const key of new Set([...this.entries.keys(), ...this.inFlight.keys()])) this.invalidate(key);
  }

  private async fetchAndStore(key: string, generation: number, fetch: () => Promise<FetchedToken>): Promise<string> {
    const startedAt = this.now();
    const fetched = await fetch();
    if (typeof fetched.token !== 'string' || fetched.token === '') throw new Error('empty access token');
    // Not stored when invalidate(key) ran meanwhile: the token may belong to the old credentials.
    if (this.generation(key) === generation) {
      this.entries.set(key, { token: fetched.token, refreshAt: this.refreshAt(startedAt, fetched.expiresInSeconds) });
    }
    return fetched.token;
  }

  private generation(key: string): number {
    return this.generations.get(key) ?? 0;
  }

  /**
   * Expiry (counted from when the fetch started) minus the margin; for a token living less than twice the margin, half its life is used as
   * margin instead, so a short-lived token is still reused for a while rather than never.
   */
  private refreshAt(startedAt: number, expiresInSeconds: number): number {
    const lifeMs = Number.isFinite(expiresInSeconds) && expiresInSeconds > 0 ? expiresInSeconds * 1000 : 0;
    const margin = Math.min(this.marginMs, lifeMs / 2);
    return startedAt + lifeMs - margin;
  }
}
