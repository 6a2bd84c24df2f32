import request from 'supertest';
import { ADMIN_KEY, startEnvironment, TestEnvironment } from '../support/harness';

const VALID = { amount: '1500', currency: 'UGX', phoneNumber: '0772123456', country: 'UG' };

describe('bad input gets the contract status and code, never a 500', () => {
  let env: TestEnvironment;
  let paymentsReadOnlyKey: string;
  beforeAll(async () => {
    env = await startEnvironment();
    const { ApiKeysService } = await import('../../src/auth/api-keys.service');
    paymentsReadOnlyKey = (await env.gateway.app.get(ApiKeysService).create('read only', ['payments:read'])).key;
  });
  afterAll(async () => env?.close());

  const post = (body: unknown) => env.api().post('/v1/collections').send(body as object);

  // Every row has four values: jest reads a missing one as a `done` callback and waits forever.
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['amount as a JSON number', { ...VALID, amount: 1500 }, 'amount', ''],
    ['negative amount', { ...VALID, amount: '-5' }, 'amount', ''],
    ['zero amount', { ...VALID, amount: '0' }, 'amount', ''],
    ['too many decimals for UGX', { ...VALID, amount: '10.5' }, 'amount', 'UGX'],
    ['exponent notation', { ...VALID, amount: '1e3' }, 'amount', ''],
    ['absurdly large amount', { ...VALID, amount: '9'.repeat(30) }, 'amount', ''],
    ['unknown currency', { ...VALID, currency: 'XYZ' }, 'currency', ''],
    ['lower-case currency', { ...VALID, currency: 'ugx' }, 'currency', ''],
    ['invalid phone', { ...VALID, phoneNumber: '12345' }, 'phoneNumber', ''],
    ['fixed line, not mobile', { ...VALID, phoneNumber: '0414123456' }, 'phoneNumber', ''],
    ['phone with letters', { ...VALID, phoneNumber: '0772ABC456' }, 'phoneNumber', ''],
    ['phone as an object', { ...VALID, phoneNumber: { number: '0772123456' } }, 'phoneNumber', ''],
    ['oversized metadata', { ...VALID, metadata: { blob: 'x'.repeat(9000) } }, 'metadata', ''],
    ['metadata as an array', { ...VALID, metadata: [1, 2] }, 'metadata', ''],
    ['unknown provider', { ...VALID, provider: 'bitcoin' }, 'provider', ''],
    ['reference too long', { ...VALID, reference: 'r'.repeat(65) }, 'reference', ''],
    ['callbackUrl not a URL', { ...VALID, callbackUrl: 'javascript:alert(1)' }, 'callbackUrl', ''],
    ['unknown field', { ...VALID, surprise: true }, 'surprise', ''],
    ['missing everything', {}, 'amount', ''],
  ];

  it.each(cases)('%s -> 422 VALIDATION_FAILED naming the field', async (_name, body, field, detail) => {
    const res = await post(body).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', type: '/problems/validation-failed' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    if (detail) expect(JSON.stringify(res.body)).toContain(detail);
  });

  it('malformed JSON -> 400 MALFORMED_REQUEST', async () => {
    const res = await env.api().post('/v1/collections').set('content-type', 'application/json').send('{"amount": "15').expect(400);
    expect(res.body).toMatchObject({ code: 'MALFORMED_REQUEST', status: 400 });
  });

  it('a JSON body that is not an object -> 4xx, not 500', async () => {
    for (const raw of ['"just a string"', '[1,2,3]', 'null', '12']) {
      const res = await env.api().post('/v1/collections').set('content-type', 'application/json').send(raw);
      expect([400, 422]).toContain(res.status);
    }
  });

  it('an oversized body -> 413', async () => {
    const res = await post({ ...VALID, description: 'x'.repeat(100_000) }).expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a number of an operator we do not integrate -> 422 UNSUPPORTED_ROUTE', async () => {
    const res = await post({ ...VALID, phoneNumber: '0712345678' }).expect(422); // Uganda Telecom
    expect(res.body.code).toBe('UNSUPPORTED_ROUTE');
  });

  it('a route no account serves -> 422 UNSUPPORTED_ROUTE', async () => {
    // No test configures an MTN Zambia account.
    const res = await post({ amount: '100', currency: 'ZMW', phoneNumber: '+260961234567', provider: 'mtn-momo' }).expect(422);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_ROUTE' });
  });

  it('missing API key -> 401, wrong key -> 401, missing scope -> 403', async () => {
    const noKey = await request(env.gateway.url).post('/v1/collections').send(VALID).expect(401);
    expect(noKey.body.code).toBe('UNAUTHORIZED');
    const wrong = await request(env.gateway.url).post('/v1/collections').set('Authorization', 'Bearer nope-nope-nope').send(VALID).expect(401);
    expect(wrong.body.code).toBe('UNAUTHORIZED');
    const basic = await request(env.gateway.url).get('/v1/transactions').set('Authorization', `Basic ${ADMIN_KEY}`).expect(401);
    expect(basic.body.code).toBe('UNAUTHORIZED');
    const scoped = await request(env.gateway.url).post('/v1/collections').set('Authorization', `Bearer ${paymentsReadOnlyKey}`).send(VALID).expect(403);
    expect(scoped.body.code).toBe('FORBIDDEN');
    await request(env.gateway.url).get('/v1/transactions').set('Authorization', `Bearer ${paymentsReadOnlyKey}`).expect(200);
  });

  it('unknown or malformed ids -> 404, bad list filters -> 422', async () => {
    expect((await env.api().get('/v1/transactions/0b9f0b5e-7c1e-4e43-9a57-5d3a3e0f6a21').expect(404)).body.code).toBe('NOT_FOUND');
    expect((await env.api().get("/v1/transactions/1' OR '1'='1").expect(404)).body.code).toBe('NOT_FOUND');
    expect((await env.api().get('/v1/transactions?limit=1000').expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await env.api().get('/v1/transactions?status=done').expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await env.api().get('/v1/transactions?cursor=garbage').expect(422)).body.code).toBe('VALIDATION_FAILED');
    expect((await env.api().get('/v1/nothing-here').expect(404)).body.code).toBe('NOT_FOUND');
  });
});
