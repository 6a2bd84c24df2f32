import { AppConfig } from '../../config/app-config';
import type { ProviderExchange, ProviderResult } from '../provider.port';
import { isOutage, ProviderCircuits } from './provider-circuits.service';

const exchange = (status?: number, error?: string): ProviderExchange => ({
  operation: 'op',
  request: { method: 'POST', url: 'http://operator/x', headers: {} },
  ...(status ? { response: { status } } : {}),
  ...(error ? { error } : {}),
  durationMs: 1,
});
const result = (outcome: ProviderResult['outcome'], exchanges: ProviderExchange[] = []): ProviderResult => ({ outcome, exchanges });

describe('isOutage: what counts against a provider account', () => {
  it.each([
    ['a timeout (unknown, no response)', result({ kind: 'unknown', reason: 'timeout' }, [exchange(undefined, 'timeout of 3000ms exceeded')]), true],
    ['a 503 read as unknown', result({ kind: 'unknown', reason: '503' }, [exchange(503)]), true],
    ['connection refused (rejected_unsent)', result({ kind: 'rejected_unsent', reason: 'ECONNREFUSED' }, [exchange(undefined, 'ECONNREFUSED')]), true],
    ['a business refusal (failed, 400)', result({ kind: 'failed', failureCode: 'PAYER_NOT_FOUND', failureReason: 'x' }, [exchange(400)]), false],
    ["Daraja's pending query answered as a 500", result({ kind: 'pending' }, [exchange(500)]), false],
    ['an accepted asynchronous status query (unknown, 200)', result({ kind: 'unknown', reason: 'answer comes by callback' }, [exchange(200)]), false],
    ['a misconfigured account (nothing sent)', result({ kind: 'rejected_unsent', reason: 'provider account misconfigured: no key' }), false],
  ])('%s → %s', (_label, value, expected) => {
    expect(isOutage(value)).toBe(expected);
  });
});

describe('ProviderCircuits', () => {
  const config = { get: (key: string) => ({ CIRCUIT_FAILURE_THRESHOLD: 2, CIRCUIT_HALF_OPEN_AFTER_SECONDS: 60 })[key] } as unknown as AppConfig;

  it('opens one account after consecutive outages and stops calling it; other accounts are untouched', async () => {
    const circuits = new ProviderCircuits(config);
    let made = 0;
    const outage = async () => {
      made++;
      return result({ kind: 'unknown', reason: '503' }, [exchange(503)]);
    };
    await circuits.run('a', outage);
    expect(circuits.state('a')).toBe('closed');
    await circuits.run('a', outage);
    expect(circuits.state('a')).toBe('open');
    expect(await circuits.run('a', outage)).toBeNull();
    expect(made).toBe(2);
    expect(circuits.state('b')).toBe('closed');
    expect((await circuits.run('b', async () => result({ kind: 'accepted' })))?.outcome.kind).toBe('accepted');
  });

  it('a clear answer between outages resets the count', async () => {
    const circuits = new ProviderCircuits(config);
    await circuits.run('a', async () => result({ kind: 'unknown', reason: '503' }, [exchange(503)]));
    await circuits.run('a', async () => result({ kind: 'failed', failureCode: 'EXPIRED', failureReason: 'x' }, [exchange(200)]));
    await circuits.run('a', async () => result({ kind: 'unknown', reason: '503' }, [exchange(503)]));
    expect(circuits.state('a')).toBe('closed');
  });
});
