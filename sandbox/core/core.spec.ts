import { CallLog, redactHeaders, redactPath } from './call-log';
import { parseJsonBody } from './http';
import { Router } from './router';
import { TimerScope } from './timers';

describe('Router', () => {
  const noop = (): void => undefined;

  it('matches method and pattern, decoding parameters', () => {
    const router = new Router().get('/a/:id/b/:other', noop, 'op');
    const match = router.match('get', '/a/x%20y/b/2');
    expect(match?.params).toEqual({ id: 'x y', other: '2' });
    expect(match?.route.owner).toBe('op');
    expect(router.match('POST', '/a/1/b/2')).toBeNull();
    expect(router.match('GET', '/a/1/b')).toBeNull();
    expect(router.match('GET', '/a/1/b/2/c')).toBeNull();
  });

  it('keeps a bad percent-encoding as is and treats a trailing slash as a different path', () => {
    const router = new Router().get('/t/', noop).get('/p/:id', noop);
    expect(router.match('GET', '/p/%E0%A4%A')?.params.id).toBe('%E0%A4%A');
    expect(router.match('GET', '/t/')).not.toBeNull();
    expect(router.match('GET', '/t')).toBeNull();
  });

  it('escapes regex characters in literal segments', () => {
    const router = new Router().get('/v1.0/x', noop);
    expect(router.match('GET', '/v1.0/x')).not.toBeNull();
    expect(router.match('GET', '/v1x0/x')).toBeNull();
  });
});

describe('call log', () => {
  it('redacts secrets in headers and query strings', () => {
    expect(
      redactHeaders({ authorization: 'Bearer abc.def', 'ocp-apim-subscription-key': 'k', 'x-target-environment': 'sandbox' }),
    ).toEqual({ authorization: 'Bearer [redacted]', 'ocp-apim-subscription-key': '[redacted]', 'x-target-environment': 'sandbox' });
    expect(redactPath('/a?subscription-key=secret&limit=5')).toBe('/a?subscription-key=[redacted]&limit=5');
    expect(redactPath('/a')).toBe('/a');
  });

  it('is bounded and returns the most recent first', () => {
    const log = new CallLog(3);
    for (let i = 0; i < 5; i++) log.start({ direction: 'in', operator: null, method: 'GET', path: `/${i}`, headers: {} });
    expect(log.recent(10).map((e) => e.path)).toEqual(['/4', '/3', '/2']);
    expect(log.recent(1).map((e) => e.path)).toEqual(['/4']);
  });
});

describe('parseJsonBody', () => {
  it('never throws', () => {
    expect(parseJsonBody(Buffer.from(''))).toEqual({ kind: 'empty' });
    expect(parseJsonBody(Buffer.from('  \n'))).toEqual({ kind: 'empty' });
    expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ kind: 'json', value: { a: 1 } });
    expect(parseJsonBody(Buffer.from('\ufeff[1]'))).toEqual({ kind: 'json', value: [1] });
    expect(parseJsonBody(Buffer.from('{"a":')).kind).toBe('invalid');
  });
});

describe('TimerScope', () => {
  it('reports errors of callbacks and clears pending timers on close', async () => {
    const errors: unknown[] = [];
    const scope = new TimerScope((e) => errors.push(e));
    let ran = false;
    scope.after(1, () => {
      throw new Error('sync boom');
    });
    scope.after(1, async () => {
      throw new Error('async boom');
    });
    scope.after(50, () => {
      ran = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(errors).toHaveLength(2);
    scope.close();
    expect(scope.pending).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(ran).toBe(false);
    expect(scope.after(1, () => undefined)).toBeNull();
  });
});
