import { OperatorHttp, classifyTransportError } from './operator-http';
import { TestHttpServer, closedPortUrl, sendJson } from './testing/test-http-server';

describe('OperatorHttp against a real HTTP server', () => {
  let server: TestHttpServer;
  const http = new OperatorHttp();

  beforeEach(async () => {
    server = await TestHttpServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends JSON, returns any status without throwing, parses the answer and builds a redacted exchange', async () => {
    server.handler = (req, res) => sendJson(res, 500, { code: 'NOT_ALLOWED', message: 'echo', apiKey: 'SECRET-KEY-1', seen: req.body });
    const result = await http.request({
      operation: 'test.post',
      method: 'POST',
      url: `${server.url}/collection/v1_0/requesttopay?subscription-key=SUB-KEY-QS`,
      headers: { Authorization: 'Bearer TOKEN-VALUE-1', 'Ocp-Apim-Subscription-Key': 'SUB-KEY-1', 'X-Reference-Id': 'ref-1' },
      body: { amount: '100', note: 'for user API-USER-1' },
      timeoutMs: 2000,
      secretValues: ['API-USER-1'],
    });
    expect(result.kind).toBe('response');
    if (result.kind !== 'response') return;
    expect(result.status).toBe(500);
    expect(result.headers['content-type']).toBe('application/json');
    expect(result.body).toMatchObject({ code: 'NOT_ALLOWED', apiKey: 'SECRET-KEY-1' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    const received = server.requests[0];
    expect(received?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received?.body ?? '')).toEqual({ amount: '100', note: 'for user API-USER-1' });

    const ex = result.exchange;
    expect(ex.operation).toBe('test.post');
    expect(ex.request.url).toBe('/collection/v1_0/requesttopay');
    expect(ex.request.headers['X-Reference-Id']).toBe('ref-1');
    expect(ex.response?.status).toBe(500);
    const text = JSON.stringify(ex);
    for (const secret of ['TOKEN-VALUE-1', 'SUB-KEY-1', 'SUB-KEY-QS', 'SECRET-KEY-1', 'API-USER-1']) {
      expect(text).not.toContain(secret);
    }
  });

  it('sends Content-Length: 0 on a bodyless POST', async () => {
    server.handler = (_req, res) => sendJson(res, 200, { ok: true });
    await http.request({ operation: 'test.token', method: 'POST', url: `${server.url}/collection/token/`, timeoutMs: 2000 });
    const received = server.requests[0];
    expect(received?.headers['content-length']).toBe('0');
    expect(received?.headers['transfer-encoding']).toBeUndefined();
    expect(received?.body).toBe('');
  });

  it('gives undefined for an empty body and the text for a non-JSON body', async () => {
    server.handler = (req, res) => {
      if (req.url === '/empty') return sendJson(res, 202);
      res.writeHead(411, { 'Content-Type': 'text/html' });
      res.end('<html><body>Length Required</body></html>');
    };
    const empty = await http.request({ operation: 't', method: 'GET', url: `${server.url}/empty`, timeoutMs: 2000 });
    const html = await http.request({ operation: 't', method: 'GET', url: `${server.url}/html`, timeoutMs: 2000 });
    expect(empty).toMatchObject({ kind: 'response', status: 202, body: undefined });
    expect(html).toMatchObject({ kind: 'response', status: 411, body: '<html><body>Length Required</body></html>' });
  });

  it('does not follow redirects', async () => {
    server.handler = (_req, res) => sendJson(res, 302, undefined, { Location: 'http://127.0.0.1:1/elsewhere' });
    const result = await http.request({ operation: 't', method: 'POST', url: `${server.url}/x`, body: {}, timeoutMs: 2000 });
    expect(result).toMatchObject({ kind: 'response', status: 302 });
  });

  it('classifies a server that never answers as a timeout that may have been received', async () => {
    server.handler = () => undefined; // hang
    const started = Date.now();
    const result = await http.request({ operation: 't', method: 'POST', url: `${server.url}/hang`, body: {}, timeoutMs: 200 });
    expect(result).toMatchObject({ kind: 'transport_failure', sent: 'maybe', code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.exchange.error).toContain('TIMEOUT');
  });

  it('classifies a connection dropped after the request as maybe sent', async () => {
    server.handler = (_req, res) => {
      res.socket?.destroy();
    };
    const result = await http.request({ operation: 't', method: 'POST', url: `${server.url}/drop`, body: {}, timeoutMs: 2000 });
    expect(result).toMatchObject({ kind: 'transport_failure', sent: 'maybe' });
  });

  it('classifies a refused connection as certainly not sent', async () => {
    const url = await closedPortUrl();
    const result = await http.request({ operation: 't', method: 'POST', url: `${url}/x`, body: {}, timeoutMs: 2000 });
    expect(result).toMatchObject({ kind: 'transport_failure', sent: false, code: 'ECONNREFUSED' });
  });

  it.each(['not a url', 'ftp://example.com/x', ''])('classifies the invalid URL %p as not sent', async (url) => {
    const result = await http.request({ operation: 't', method: 'GET', url, timeoutMs: 2000 });
    expect(result).toMatchObject({ kind: 'transport_failure', sent: false, code: 'ERR_INVALID_URL' });
  });
});

describe('classifyTransportError', () => {
  const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('%s → not sent', (code) => {
    expect(classifyTransportError(Object.assign(new Error('x'), { code, cause: withCode(code) }))).toMatchObject({ sent: false, code });
  });

  it.each(['ECONNRESET', 'EPIPE', 'ERR_BAD_RESPONSE'])('%s → maybe', (code) => {
    expect(classifyTransportError(withCode(code)).sent).toBe('maybe');
  });

  it('treats timeouts as maybe', () => {
    expect(classifyTransportError(withCode('ECONNABORTED'))).toMatchObject({ sent: 'maybe', code: 'TIMEOUT' });
    expect(classifyTransportError(withCode('ERR_CANCELED'), true, 200)).toMatchObject({ sent: 'maybe', code: 'TIMEOUT' });
  });

  it('treats an AggregateError as unsent only when every attempt was refused', () => {
    const allRefused = Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), { code: 'ECONNREFUSED' });
    const mixed = Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNRESET')]), { code: 'ECONNREFUSED' });
    expect(classifyTransportError(allRefused).sent).toBe(false);
    expect(classifyTransportError(mixed).sent).toBe('maybe');
  });

  it('treats errors without a code, and non-errors, as maybe', () => {
    expect(classifyTransportError(new Error('socket hang up')).sent).toBe('maybe');
    expect(classifyTransportError('boom').sent).toBe('maybe');
    expect(classifyTransportError(undefined).sent).toBe('maybe');
  });
});
