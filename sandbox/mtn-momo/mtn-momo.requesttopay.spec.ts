import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { MtnTestClient, startCallbackReceiver, waitFor, type CallbackReceiver } from '../testing/helpers';
import type { MtnMomoState } from './mtn-momo.state';

describe('MTN MoMo sandbox: request-to-pay', () => {
  let sandbox: RunningSandbox;
  let mtn: MtnTestClient;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 100 });
    mtn = new MtnTestClient(sandbox);
    await mtn.login();
    receiver = await startCallbackReceiver();
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('answers 202 with an empty body, then settles to SUCCESSFUL and sends one callback', async () => {
    const ref = randomUUID();
    const path = `/callbacks/mtn/${ref}`;
    const res = await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733999999'), { 'X-Callback-Url': `${receiver.url}${path}` });
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(res.headers.get('content-length')).toBe('0');

    const pending = await mtn.status(ref);
    expect(pending.status).toBe(200);
    expect(pending.json).toEqual({
      externalId: 'order-123',
      amount: '100',
      currency: 'EUR',
      payer: { partyIdType: 'MSISDN', partyId: '46733999999' },
      payerMessage: 'Pay order 123',
      payeeNote: 'order 123',
      status: 'PENDING',
    });

    const done = await mtn.waitForStatus(ref, 'SUCCESSFUL');
    expect(done.json.financialTransactionId).toMatch(/^\d{6,12}$/);
    expect(done.json).not.toHaveProperty('reason');
    expect(Object.keys(done.json)).toEqual([
      'financialTransactionId',
      'externalId',
      'amount',
      'currency',
      'payer',
      'payerMessage',
      'payeeNote',
      'status',
    ]);

    const [callback] = await waitFor(() => (receiver.forPath(path).length ? receiver.forPath(path) : null));
    expect(callback?.method).toBe('POST');
    expect(callback?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(callback?.headers['user-agent']).toBe('LWAC Http Client 1.0');
    expect(callback?.headers.authorization).toBeUndefined();
    expect(callback?.json).toEqual(done.json);

    const record = await mtn.control('GET', `/requesttopay/${ref}`);
    expect(record.json).toMatchObject({
      referenceId: ref,
      status: 'SUCCESSFUL',
      postCount: 1,
      targetEnvironment: 'sandbox',
      subscriptionKey: mtn.subscriptionKey,
      callbackUrl: `${receiver.url}${path}`,
      requestBody: MtnTestClient.rtpBody('46733999999'),
      requestHeaders: { 'x-target-environment': 'sandbox', 'x-callback-url': `${receiver.url}${path}` },
    });
    await waitFor(async () => (await mtn.control('GET', `/requesttopay/${ref}`)).json.callbacks.length === 1);
    const after = await mtn.control('GET', `/requesttopay/${ref}`);
    expect(after.json.callbacks[0]).toMatchObject({ trigger: 'scheduled', url: `${receiver.url}${path}`, httpStatus: 200, error: null });
  });

  it('sends no callback without X-Callback-Url and omits absent optional fields', async () => {
    const ref = randomUUID();
    const before = receiver.received.length;
    const body = { amount: '5.0', currency: 'EUR', payer: { partyIdType: 'EMAIL', partyId: 'someone@example.com' } };
    expect((await mtn.requestToPay(ref, body)).status).toBe(202);
    const done = await mtn.waitForStatus(ref, 'SUCCESSFUL');
    expect(done.json).toEqual({ financialTransactionId: expect.any(String), amount: '5.0', currency: 'EUR', payer: body.payer, status: 'SUCCESSFUL' });
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.length).toBe(before);
  });

  it('answers 409 on a reused reference id and counts every POST', async () => {
    const ref = randomUUID();
    expect((await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733999998'))).status).toBe(202);
    for (let i = 0; i < 2; i++) {
      const again = await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733999998'));
      expect(again.status).toBe(409);
      expect(again.json).toEqual({ code: 'RESOURCE_ALREADY_EXIST', message: 'Duplicated reference id. Creation of resource failed.' });
    }
    expect((await mtn.control('GET', `/requesttopay/${ref}`)).json.postCount).toBe(3);
  });

  it.each([
    ['a missing X-Reference-Id', () => mtn.requestToPay('', MtnTestClient.rtpBody('46733999997'))],
    ['a non-v4 X-Reference-Id', () => mtn.requestToPay('0f6b4a8e-5f0c-1a51-9a0e-3c1f2b7d9e11', MtnTestClient.rtpBody('46733999997'))],
    ['an empty body', () => mtn.requestToPay(randomUUID(), '')],
    ['invalid JSON', () => mtn.requestToPay(randomUUID(), '{"amount": "1",')],
    ['a JSON array', () => mtn.requestToPay(randomUUID(), '[]')],
    ['a numeric amount', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { amount: 100 }))],
    ['a zero amount', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { amount: '0' }))],
    ['a negative amount', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { amount: '-5' }))],
    ['too many decimals', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { amount: '1.001' }))],
    ['a missing payer', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { payer: undefined }))],
    ['an unknown partyIdType', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('x', { payer: { partyIdType: 'ALIAS', partyId: 'x' } }))],
    ['an MSISDN with +', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('+46733999997'))],
    ['& in payerMessage', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { payerMessage: 'A & B' }))],
    ["' in payeeNote", () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { payeeNote: "it's" }))],
    ['a 161-char payeeNote', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997', { payeeNote: 'n'.repeat(161) }))],
    ['a relative X-Callback-Url', () => mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999997'), { 'X-Callback-Url': '/cb' })],
  ])('answers 400 for %s and records nothing', async (_name, send) => {
    const before = (sandbox.operators['mtn-momo'] as MtnMomoState).requestsToPay.size;
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 'BAD_REQUEST', message: expect.any(String) });
    expect((sandbox.operators['mtn-momo'] as MtnMomoState).requestsToPay.size).toBe(before);
  });

  it('answers 500 for a payer with empty fields (as observed)', async () => {
    const res = await mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('x', { payer: { partyIdType: '', partyId: '' } }));
    expect(res.status).toBe(500);
  });

  it('requires the currency of the target environment', async () => {
    const res = await mtn.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999996', { currency: 'UGX' }));
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ code: 'INVALID_CURRENCY', message: expect.any(String) });

    const uganda = new MtnTestClient(sandbox, 'mtnuganda');
    uganda.token = mtn.token;
    const ref = randomUUID();
    expect((await uganda.requestToPay(ref, MtnTestClient.rtpBody('256772123456', { amount: '1500', currency: 'UGX' }))).status).toBe(202);
    expect((await uganda.requestToPay(randomUUID(), MtnTestClient.rtpBody('256772123456', { amount: '1500', currency: 'EUR' }))).json.code).toBe(
      'INVALID_CURRENCY',
    );
    expect((await uganda.requestToPay(randomUUID(), MtnTestClient.rtpBody('256772123456', { amount: '1.5', currency: 'UGX' }))).status).toBe(400);
    expect((await uganda.waitForStatus(ref, 'SUCCESSFUL')).json.currency).toBe('UGX');
    // Resources live in their target environment.
    expect((await mtn.status(ref)).status).toBe(404);
  });

  it('GET status: 400 for a non-UUID reference, 404 for an unknown one', async () => {
    const bad = await mtn.status('not-a-uuid');
    expect(bad.status).toBe(400);
    const unknown = await mtn.status(randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ code: 'RESOURCE_NOT_FOUND', message: 'Requested resource was not found.' });
  });

  it('enforces the API user providerCallbackHost', async () => {
    const other = await startSandbox({ port: 0, settleMs: 50, mtnCallbackHost: 'gateway.example' });
    try {
      const client = new MtnTestClient(other);
      await client.login();
      const wrong = await client.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999995'), {
        'X-Callback-Url': 'https://evil.example/cb',
      });
      expect(wrong.status).toBe(500);
      expect(wrong.json.code).toBe('INVALID_CALLBACK_URL_HOST');
      const right = await client.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999995'), {
        'X-Callback-Url': 'https://GATEWAY.example:8443/cb',
      });
      expect(right.status).toBe(202);
      expect((await client.requestToPay(randomUUID(), MtnTestClient.rtpBody('46733999995'))).status).toBe(202);
    } finally {
      await other.close();
    }
  });

  it('keeps the balance in minor units and credits SUCCESSFUL collections only', async () => {
    const other = await startSandbox({ port: 0, settleMs: 40 });
    try {
      const client = new MtnTestClient(other);
      await client.login();
      const balance = async () =>
        (await client.call('GET', '/collection/v1_0/account/balance', { headers: client.productHeaders() })).json;
      expect(await balance()).toEqual({ availableBalance: '0', currency: 'EUR' });
      const refs = [randomUUID(), randomUUID(), randomUUID()];
      await client.requestToPay(refs[0] ?? '', MtnTestClient.rtpBody('46733111111', { amount: '0.1' }));
      await client.requestToPay(refs[1] ?? '', MtnTestClient.rtpBody('46733111112', { amount: '0.2' }));
      await client.requestToPay(refs[2] ?? '', MtnTestClient.rtpBody('46733123451', { amount: '1000' }));
      for (const ref of refs) await waitFor(async () => (await client.status(ref)).json.status !== 'PENDING');
      expect(await balance()).toEqual({ availableBalance: '0.30', currency: 'EUR' });
      const byCurrency = await client.call('GET', '/collection/v1_0/account/balance/EUR', { headers: client.productHeaders() });
      expect(byCurrency.json).toEqual({ availableBalance: '0.30', currency: 'EUR' });
      const wrong = await client.call('GET', '/collection/v1_0/account/balance/UGX', { headers: client.productHeaders() });
      expect(wrong.json.code).toBe('INVALID_CURRENCY');
      expect((other.operators['mtn-momo'] as MtnMomoState).balances.get('collection:sandbox')).toBe(30n);
    } finally {
      await other.close();
    }
  });

  it('answers account-holder checks with the sandbox cases', async () => {
    const active = (type: string, id: string) =>
      mtn.call('GET', `/collection/v1_0/accountholder/${type}/${encodeURIComponent(id)}/active`, { headers: mtn.productHeaders() });
    expect((await active('msisdn', '256772123456')).json).toEqual({ result: true });
    const notFound = await active('msisdn', '46733123450');
    expect(notFound.status).toBe(404);
    expect(notFound.json.code).toBe('RESOURCE_NOT_FOUND');
    expect((await active('msisdn', '46733123451')).json).toEqual({ result: false });
    expect((await active('msisdn', '46733123452')).json.code).toBe('NOT_ALLOWED');
    expect((await active('msisdn', '46733123454')).json.code).toBe('INTERNAL_PROCESSING_ERROR');
    expect((await active('msisdn', '46733123455')).status).toBe(503);
    expect((await active('email', 'notactive@email.com')).json).toEqual({ result: false });
    expect((await active('party_code', '5cecb5a7-8bd0-4f49-87b1-8eb9ecc7b7bc')).status).toBe(404);
    expect((await active('alias', 'x')).status).toBe(400);
  });

  it('lists records by externalId through the control endpoint', async () => {
    const externalId = `order-${randomUUID()}`;
    const refs = [randomUUID(), randomUUID()];
    for (const ref of refs) await mtn.requestToPay(ref, MtnTestClient.rtpBody('46733999994', { externalId }));
    const list = await mtn.control('GET', `/requesttopay?externalId=${encodeURIComponent(externalId)}`);
    expect(list.status).toBe(200);
    expect((list.json as Array<{ referenceId: string }>).map((r) => r.referenceId).sort()).toEqual([...refs].sort());
    expect((await mtn.control('GET', `/requesttopay/${randomUUID()}`)).status).toBe(404);
  });
});
