import { randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { MtnTestClient, startCallbackReceiver, waitFor } from '../testing/helpers';
import { MtnDisbursementClient } from '../testing/mtn-disbursement';

describe('MTN MoMo sandbox: disbursement accounts, balances, tokens and API users', () => {
  let sandbox: RunningSandbox;
  let collection: MtnTestClient;
  let disbursement: MtnDisbursementClient;

  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      settleMs: 50,
      mtnSubscriptionKey: 'coll-primary,coll-secondary',
      mtnDisbursementSubscriptionKey: 'disb-primary,disb-secondary',
      mtnDisbursementBalance: '2500.75',
    });
    collection = new MtnTestClient(sandbox);
    await collection.login();
    disbursement = new MtnDisbursementClient(sandbox);
    await disbursement.login();
  });
  afterAll(() => sandbox.close());

  it('answers account-holder checks on both products, with Malipo 990009 (inactive) and 990010 (404), and counts them', async () => {
    const active = (client: MtnTestClient, msisdn: string) =>
      client.call('GET', `/${client === collection ? 'collection' : 'disbursement'}/v1_0/accountholder/msisdn/${msisdn}/active`, {
        headers: client.productHeaders(),
      });
    for (const client of [collection, disbursement]) {
      expect((await active(client, '256772123456')).json).toEqual({ result: true });
      expect((await active(client, '256772990009')).json).toEqual({ result: false });
      const unknown = await active(client, '233244990010');
      expect(unknown.status).toBe(404);
      expect(unknown.json).toEqual({ code: 'RESOURCE_NOT_FOUND', message: expect.any(String) });
      expect((await active(client, '46733123450')).status).toBe(404);
      expect((await active(client, '46733123451')).json).toEqual({ result: false });
    }
    const email = await disbursement.call('GET', '/disbursement/v1_0/accountholder/email/NotActive@email.com/active', {
      headers: disbursement.productHeaders(),
    });
    expect(email.json).toEqual({ result: false });

    const counted = await disbursement.control('GET', '/accountholder-checks?msisdn=256772990009');
    expect(counted.json).toEqual({
      idType: 'msisdn',
      id: '256772990009',
      count: 2,
      byProduct: { collection: 1, disbursement: 1 },
      byTargetEnvironment: { sandbox: 2 },
    });
    expect((await disbursement.control('GET', '/accountholder-checks?msisdn=256772000000')).json.count).toBe(0);
    expect((await disbursement.control('GET', '/accountholder-checks?email=notactive@email.com')).json.count).toBe(1);
  });

  it('starts from the configured disbursement balance (truncated for currencies without decimals) and collection 0', async () => {
    const list = (await disbursement.control('GET', '/balances')).json as Array<Record<string, string>>;
    expect(list).toHaveLength(30);
    expect(list).toEqual(
      expect.arrayContaining([
        { targetEnvironment: 'sandbox', product: 'disbursement', currency: 'EUR', available: '2500.75', availableMinor: '250075' },
        { targetEnvironment: 'sandbox', product: 'collection', currency: 'EUR', available: '0', availableMinor: '0' },
        { targetEnvironment: 'mtnuganda', product: 'disbursement', currency: 'UGX', available: '2500', availableMinor: '2500' },
      ]),
    );
    expect(await disbursement.balance()).toBe('2500.75');
    const byCurrency = await disbursement.call('GET', '/disbursement/v1_0/account/balance/EUR', { headers: disbursement.productHeaders() });
    expect(byCurrency.json).toEqual({ availableBalance: '2500.75', currency: 'EUR' });
    await expect(startSandbox({ port: 0, mtnDisbursementBalance: 'lots' })).rejects.toThrow(/mtnDisbursementBalance/);
  });

  it('sets a balance through PUT /_sandbox/mtn-momo/balances and validates it', async () => {
    const liberia = new MtnDisbursementClient(sandbox, 'mtnliberia');
    liberia.token = disbursement.token;
    expect((await liberia.setBalance('12.30')).json).toMatchObject({ available: '12.30', currency: 'LRD' });
    expect(await liberia.balance()).toBe('12.30');
    expect((await disbursement.control('PUT', '/balances', { targetEnvironment: 'mtnliberia', product: 'collection', available: '7' })).status).toBe(200);
    expect((await disbursement.control('GET', '/balances?targetEnvironment=mtnliberia&product=collection')).json[0].available).toBe('7');
    for (const body of [
      { targetEnvironment: 'mars', product: 'disbursement', available: '1' },
      { targetEnvironment: 'sandbox', product: 'remittance', available: '1' },
      { targetEnvironment: 'sandbox', product: 'disbursement', available: 1 },
      { targetEnvironment: 'sandbox', product: 'disbursement', available: '1.234' },
      { targetEnvironment: 'mtnuganda', product: 'disbursement', available: '1.5' },
      { targetEnvironment: 'sandbox', product: 'disbursement', available: '1', currency: 'UGX' },
      [],
    ]) {
      const res = await disbursement.control('PUT', '/balances', body);
      expect([res.status, res.json?.error]).toEqual([400, 'bad_request']);
    }
    const raw = await fetch(`${sandbox.url}/_sandbox/mtn-momo/balances`, { method: 'PUT', body: '{"oops' });
    expect(raw.status).toBe(400);
  });

  it('expires disbursement tokens with POST /_sandbox/mtn-momo/tokens/expire (optionally one product only)', async () => {
    const d = new MtnDisbursementClient(sandbox);
    await d.login();
    const c = new MtnTestClient(sandbox);
    await c.login();
    expect((await d.transferStatus(randomUUID())).status).toBe(404);
    const onlyCollection = await d.control('POST', '/tokens/expire?product=collection');
    expect(onlyCollection.json.expired).toBeGreaterThanOrEqual(1);
    expect((await c.status(randomUUID())).json?.message).toBe('Access token expired.');
    expect((await d.transferStatus(randomUUID())).status).toBe(404);

    expect((await d.control('POST', '/tokens/expire')).json.expired).toBeGreaterThanOrEqual(1);
    const expired = await d.transferStatus(randomUUID());
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ code: 'UNAUTHORIZED', message: 'Access token expired.' });
    await d.login();
    expect((await d.transferStatus(randomUUID())).status).toBe(404);
    expect((await d.control('POST', '/tokens/expire?product=remittance')).status).toBe(400);
    await collection.login();
    await disbursement.login();
  });

  it('keeps each product to its own subscription keys and tokens', async () => {
    const wrongKey = await disbursement.call('GET', '/disbursement/v1_0/account/balance', {
      headers: disbursement.productHeaders({ 'Ocp-Apim-Subscription-Key': 'coll-primary' }),
    });
    expect(wrongKey.json?.statusCode).toBe(401);
    const collectionToken = await disbursement.call('GET', '/disbursement/v1_0/account/balance', {
      headers: disbursement.productHeaders({ Authorization: `Bearer ${collection.token}` }),
    });
    expect(collectionToken.json).toEqual({ code: 'UNAUTHORIZED', message: 'Access token is invalid.' });
    const token = await collection.requestToken({ 'Ocp-Apim-Subscription-Key': 'disb-secondary' }, '/disbursement/token/');
    expect(token.status).toBe(200);
  });

  it('provisions a second API user that works for both products and records key and environment per transaction', async () => {
    const receiver = await startCallbackReceiver();
    try {
      const user = randomUUID();
      const provisioning = { 'Ocp-Apim-Subscription-Key': 'disb-secondary', 'Content-Type': 'application/json' };
      const created = await collection.call('POST', '/v1_0/apiuser', {
        headers: { ...provisioning, 'X-Reference-Id': user },
        body: JSON.stringify({ providerCallbackHost: '127.0.0.1' }),
      });
      expect(created.status).toBe(201);
      const apiKey = (await collection.call('POST', `/v1_0/apiuser/${user}/apikey`, { headers: provisioning })).json.apiKey as string;

      const ghanaIn = new MtnTestClient(sandbox, 'mtnghana');
      const ghanaOut = new MtnDisbursementClient(sandbox, 'mtnghana');
      for (const client of [ghanaIn, ghanaOut]) {
        client.apiUser = user;
        client.apiKey = apiKey;
      }
      ghanaIn.keyOverride = 'coll-secondary';
      ghanaOut.keyOverride = 'disb-secondary';
      await ghanaIn.login();
      await ghanaOut.login();

      const payment = randomUUID();
      const paid = await ghanaIn.requestToPay(payment, MtnTestClient.rtpBody('233244100200', { amount: '25', currency: 'GHS' }), {
        'X-Callback-Url': `${receiver.url}/in/${payment}`,
      });
      expect(paid.status).toBe(202);
      await ghanaIn.waitForStatus(payment, 'SUCCESSFUL');

      // A refund by the default API user (another user, same environment) finds the payment.
      const defaultOut = new MtnDisbursementClient(sandbox, 'mtnghana');
      defaultOut.token = disbursement.token;
      const refundRef = randomUUID();
      expect((await defaultOut.refund(refundRef, MtnDisbursementClient.refundBody(payment, { amount: '5', currency: 'GHS' }))).status).toBe(202);
      expect((await defaultOut.waitForFinal('refund', refundRef)).json.status).toBe('SUCCESSFUL');
      // ... but only its creator sees it through MTN's API.
      expect((await ghanaOut.refundStatus(refundRef)).status).toBe(404);

      const transferRef = randomUUID();
      const sent = await ghanaOut.transfer(transferRef, MtnDisbursementClient.transferBody('233244100300', { amount: '7', currency: 'GHS' }), {
        'X-Callback-Url': `${receiver.url}/out/${transferRef}`,
      });
      expect(sent.status).toBe(202);
      const wrongHost = await ghanaOut.transfer(randomUUID(), MtnDisbursementClient.transferBody('233244100300', { currency: 'GHS' }), {
        'X-Callback-Url': 'http://gateway.example/cb',
      });
      expect(wrongHost.json?.code).toBe('INVALID_CALLBACK_URL_HOST');
      await ghanaOut.waitForFinal('transfer', transferRef);
      await waitFor(() => receiver.forPath(`/out/${transferRef}`).length === 1);

      const expected = { apiUserId: user, targetEnvironment: 'mtnghana' };
      expect((await ghanaIn.control('GET', `/requesttopay/${payment}`)).json).toMatchObject({ ...expected, subscriptionKey: 'coll-secondary' });
      expect((await ghanaIn.control('GET', `/transfers/${transferRef}`)).json).toMatchObject({ ...expected, subscriptionKey: 'disb-secondary' });
      expect((await ghanaIn.control('GET', `/refunds/${refundRef}`)).json).toMatchObject({
        apiUserId: sandbox.options.mtnApiUser,
        targetEnvironment: 'mtnghana',
        subscriptionKey: 'disb-primary',
      });
      expect(await ghanaOut.balance()).toBe('2488.75');
    } finally {
      await receiver.close();
    }
  });

  it('never fails inside a handler, whatever is sent to any route', async () => {
    const routes = (await fetch(`${sandbox.url}/_sandbox/routes`).then((r) => r.json())) as Array<{ method: string; pattern: string }>;
    const params = ['1', '13', randomUUID(), '%00', 'x'.repeat(300), 'msisdn', '..'];
    const bodies = ['', '{', 'null', '[]', '"x"', '{"amount":{},"currency":[],"payee":"x","referenceIdToRefund":{}}', '{"url":5,"available":null}'];
    let i = 0;
    for (const route of routes.filter((r) => !r.pattern.startsWith('/_sandbox/calls'))) {
      for (const param of params) {
        const path = route.pattern.replace(/:[A-Za-z_]+/g, encodeURIComponent(param).replace(/%25/g, '%'));
        const client = route.pattern.startsWith('/disbursement') ? disbursement : collection;
        const body = route.method === 'GET' ? undefined : bodies[i++ % bodies.length];
        const res = await fetch(`${sandbox.url}${path}?msisdn=${encodeURIComponent(param)}&product=${param}`, {
          method: route.method,
          headers: client.productHeaders({ 'X-Reference-Id': i % 2 ? randomUUID() : param, 'X-Callback-Url': param, 'Content-Type': 'application/json' }),
          body,
        });
        const text = await res.text();
        expect([`${route.method} ${path}`, res.status, text.includes('SANDBOX_ERROR')]).toEqual([`${route.method} ${path}`, res.status, false]);
      }
    }
    expect((await fetch(`${sandbox.url}/_sandbox/health`)).status).toBe(200);
  });
});
