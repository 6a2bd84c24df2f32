import request from 'supertest';
import { collect, startEnvironment, TestEnvironment } from '../support/harness';

describe('listing, health and documentation', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await startEnvironment();
  });
  afterAll(async () => env?.close());

  it('lists with filters and cursor pagination, newest first, without gaps or repeats', async () => {
    const reference = `LIST-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await collect(env, { amount: String(10 + i), currency: 'UGX', phoneNumber: '0772555111', country: 'UG', reference }).expect(202)).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await env.api().get('/v1/transactions').query({ reference, limit: 3, ...(cursor ? { cursor } : {}) }).expect(200);
      seen.push(...page.body.data.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const byPhone = await env.api().get('/v1/transactions').query({ phoneNumber: '+256 772 555 111', reference }).expect(200);
    expect(byPhone.body.data).toHaveLength(7);
    const none = await env.api().get('/v1/transactions').query({ reference, status: 'reversed' }).expect(200);
    expect(none.body).toEqual({ data: [], nextCursor: null });
  });

  it('GET /metrics: HTTP latency by route pattern and money-safety gauges, no ids or tokens', async () => {
    const created = await collect(env, { amount: '10', currency: 'UGX', phoneNumber: '256772990001' }).expect(202);
    await env.api().get(`/v1/transactions/${created.body.id}`).expect(200);
    const text = (await request(env.gateway.url).get('/metrics').expect(200)).text;
    expect(text).toMatch(/malipo_http_request_duration_seconds_count\{method="GET",route="\/v1\/transactions\/:id",status="200"\} \d+/);
    expect(text).toMatch(/malipo_open_transactions\{provider="mtn-momo",type="collection",status="processing"\} [1-9]/);
    expect(text).toContain('malipo_pending_notifications');
    expect(text).toContain('malipo_process_cpu_seconds_total');
    expect(text).not.toContain(created.body.id);
    expect(text).not.toContain('256772990001');
  });

  it('health: live and ready (PostgreSQL and Redis)', async () => {
    await request(env.gateway.url).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(env.gateway.url).get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('Swagger documents every route, the DTOs and the problem answers', async () => {
    const doc = (await request(env.gateway.url).get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/collections', '/v1/transactions', '/v1/transactions/{id}', '/v1/transactions/{id}/events', '/v1/webhooks/{provider}/{token}', '/health/ready']),
    );
    expect(doc.components.schemas).toHaveProperty('CreatePaymentDto');
    expect(doc.components.schemas).toHaveProperty('TransactionDto');
    expect(doc.components.schemas).toHaveProperty('ProblemDto');
    expect(doc.paths['/v1/collections'].post.responses).toHaveProperty('422');
    await request(env.gateway.url).get('/docs').expect(200);
  });
});
