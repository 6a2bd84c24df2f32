import { FetchedToken, TokenCache } from './token-cache';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TokenCache', () => {
  let now: number;
  let fetches: number;
  const clock = () => now;
  const fetcher = (expiresInSeconds = 3600) => async (): Promise<FetchedToken> => {
    fetches += 1;
    return { token: `token-${fetches}`, expiresInSeconds };
  };

  beforeEach(() => {
    now = 1_000_000;
    fetches = 0;
  });

  it('fetches once and reuses the token until the margin', async () => {
    const cache = new TokenCache({ now: clock });
    expect(await cache.get('a', fetcher())).toBe('token-1');
    now += (3600 - 61) * 1000;
    expect(await cache.get('a', fetcher())).toBe('token-1');
    expect(fetches).toBe(1);
  });

  it('refreshes when fewer than marginSeconds remain', async () => {
    const cache = new TokenCache({ now: clock, marginSeconds: 60 });
    await cache.get('a', fetcher());
    now += (3600 - 59) * 1000;
    expect(await cache.get('a', fetcher())).toBe('token-2');
    expect(fetches).toBe(2);
  });

  it('honours a custom margin', async () => {
    const cache = new TokenCache({ now: clock, marginSeconds: 300 });
    await cache.get('a', fetcher());
    now += (3600 - 299) * 1000;
    expect(await cache.get('a', fetcher())).toBe('token-2');
  });

  it('still reuses a token living less than twice the margin, for half its life', async () => {
    const cache = new TokenCache({ now: clock, marginSeconds: 60 });
    await cache.get('a', fetcher(30));
    now += 14_000;
    expect(await cache.get('a', fetcher(30))).toBe('token-1');
    now += 2_000;
    expect(await cache.get('a', fetcher(30))).toBe('token-2');
  });

  it('keeps keys apart', async () => {
    const cache = new TokenCache({ now: clock });
    expect(await cache.get('acc-1:collection', fetcher())).toBe('token-1');
    expect(await cache.get('acc-1:disbursement', fetcher())).toBe('token-2');
    expect(await cache.get('acc-1:collection', fetcher())).toBe('token-1');
  });

  it('shares one fetch between concurrent callers (single flight)', async () => {
    const cache = new TokenCache({ now: clock });
    const gate = deferred<FetchedToken>();
    let calls = 0;
    const slow = () => {
      calls += 1;
      return gate.promise;
    };
    const waiting = Promise.all([1, 2, 3, 4, 5].map(() => cache.get('a', slow)));
    gate.resolve({ token: 'shared', expiresInSeconds: 3600 });
    expect(await waiting).toEqual(['shared', 'shared', 'shared', 'shared', 'shared']);
    expect(calls).toBe(1);
    expect(await cache.get('a', slow)).toBe('shared');
    expect(calls).toBe(1);
  });

  it('invalidate(key) forces a new fetch', async () => {
    const cache = new TokenCache({ now: clock });
    await cache.get('a', fetcher());
    cache.invalidate('a');
    expect(await cache.get('a', fetcher())).toBe('token-2');
  });

  it('invalidate(key, stale) is a no-op when the token was already replaced', async () => {
    const cache = new TokenCache({ now: clock });
    await cache.get('a', fetcher()); // token-1
    cache.invalidate('a', 'token-1');
    expect(await cache.get('a', fetcher())).toBe('token-2');
    cache.invalidate('a', 'token-1'); // a second request failing with the old token
    expect(await cache.get('a', fetcher())).toBe('token-2');
    expect(fetches).toBe(2);
  });

  it('does not store a token whose fetch started before invalidate(key)', async () => {
    const cache = new TokenCache({ now: clock });
    const gate = deferred<FetchedToken>();
    const first = cache.get('a', () => gate.promise);
    cache.invalidate('a');
    gate.resolve({ token: 'old-credentials', expiresInSeconds: 3600 });
    expect(await first).toBe('old-credentials');
    expect(await cache.get('a', fetcher())).toBe('token-1');
  });

  it('caches nothing when the fetch fails, and gives the error to every waiter', async () => {
    const cache = new TokenCache({ now: clock });
    const gate = deferred<FetchedToken>();
    const a = cache.get('a', () => gate.promise);
    const b = cache.get('a', () => gate.promise);
    gate.reject(new Error('login_failed'));
    await expect(a).rejects.toThrow('login_failed');
    await expect(b).rejects.toThrow('login_failed');
    expect(await cache.get('a', fetcher())).toBe('token-1');
  });

  it('rejects an empty token', async () => {
    const cache = new TokenCache({ now: clock });
    await expect(cache.get('a', async () => ({ token: '', expiresInSeconds: 3600 }))).rejects.toThrow('empty access token');
  });
});
