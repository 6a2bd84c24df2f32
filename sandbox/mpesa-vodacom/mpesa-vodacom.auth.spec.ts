// Auth (Origin + Bearer), field checks and junk input against a real sandbox.
import { randomBytes } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { VodacomTestClient } from './mpesa-vodacom.client';
import { vodacomBearer } from './mpesa-vodacom.keys';
import { mpesaVodacomOperator } from './mpesa-vodacom.sandbox';

const MSISDN = '258843330333';

describe('Vodacom sandbox: auth and validation', () => {
  let sandbox: RunningSandbox;
  let vodacom: VodacomTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, vodacomC2bDelayMs: 20 }, [mpesaVodacomOperator]);
    vodacom = new VodacomTestClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('publishes the public key generated at start (base64 DER SPKI like the portal, PEM too)', async () => {
    const json = await vodacom.control('GET', '/public-key');
    expect(json.json).toMatchObject({ publicKey: vodacom.state.publicKeyBase64, publicKeyPem: vodacom.state.publicKeyPem, bits: 2048, padding: 'pkcs1' });
    expect(vodacom.state.publicKeyBase64).toMatch(/^MII[A-Za-z0-9+/=]+$/);
    expect((await vodacom.control('GET', '/public-key?format=base64')).text).toBe(vodacom.state.publicKeyBase64);
    expect((await vodacom.control('GET', '/public-key?format=pem')).text).toBe(vodacom.state.publicKeyPem);
    const other = await startSandbox({ port: 0 }, [mpesaVodacomOperator]);
    try {
      expect((other.operators['mpesa-vodacom'] as { publicKeyBase64: string }).publicKeyBase64).not.toBe(vodacom.state.publicKeyBase64);
    } finally {
      await other.close();
    }
  });

  it('accepts a Bearer made from the base64 key or the PEM; a new token each call', async () => {
    const pemBearer = `Bearer ${vodacomBearer(vodacom.state.publicKeyPem, sandbox.options.vodacomApiKey)}`;
    const res = await vodacom.c2b(VodacomTestClient.paymentBody(MSISDN), { headers: { Authorization: pemBearer } });
    expect(res).toMatchObject({ status: 201, json: { output_ResponseCode: 'INS-0' } });
    expect(vodacom.headers().Authorization).not.toBe(vodacom.headers().Authorization);
  });

  it.each([
    ['no Origin', { Origin: '' }, 'Origin header missing'],
    ['no Authorization', { Authorization: '' }, 'Authorization header missing'],
    ['a Bearer that is not base64', { Authorization: 'Bearer %%%' }, 'Bearer does not decrypt to the API key'],
    ['random bytes', { Authorization: `Bearer ${randomBytes(256).toString('base64')}` }, 'Bearer does not decrypt to the API key'],
    ['a Basic header', { Authorization: 'Basic dXNlcjpwYXNz' }, 'Bearer does not decrypt to the API key'],
  ])('%s → 401 INS-2', async (_label, headers, reason) => {
    const res = await vodacom.c2b(VodacomTestClient.paymentBody(MSISDN), { headers });
    expect(res).toMatchObject({ status: 401, json: { output_ResponseCode: 'INS-2', output_ResponseDesc: 'Invalid API Key' } });
    expect(res!.headers.get('x-sandbox-reason')).toBe(reason);
  });

  it('a wrong API key → 401 INS-2 on every operation; nothing recorded', async () => {
    const before = vodacom.state.transactions.length;
    const wrong = { apiKey: 'not-the-key' };
    for (const res of [
      await vodacom.c2b(VodacomTestClient.paymentBody(MSISDN), wrong),
      await vodacom.b2c(VodacomTestClient.paymentBody(MSISDN), wrong),
      await vodacom.reversal(vodacom.reversalBody('abc'), wrong),
      await vodacom.query('abc', {}, wrong),
    ]) {
      expect(res).toMatchObject({ status: 401, json: { output_ResponseCode: 'INS-2' } });
    }
    expect(vodacom.state.transactions.length).toBe(before);
  });

  it.each([
    ['a missing field', { input_Amount: undefined }, 400, 'INS-20'],
    ['an empty field', { input_TransactionReference: '' }, 400, 'INS-20'],
    ['a number amount', { input_Amount: 10 }, 400, 'INS-21'],
    ['another shortcode', { input_ServiceProviderCode: '979797' }, 400, 'INS-13'],
    ['a 21-char TransactionReference', { input_TransactionReference: 'A'.repeat(21) }, 400, 'INS-17'],
    ['a TransactionReference with a space', { input_TransactionReference: 'T 1' }, 400, 'INS-14'],
    ['a ThirdPartyReference with a dash', { input_ThirdPartyReference: 'a-b' }, 400, 'INS-19'],
    ['a non-Vodacom number', { input_CustomerMSISDN: '258823330333' }, 400, 'INS-2051'],
    ['a 9-digit number', { input_CustomerMSISDN: '843330333' }, 400, 'INS-2051'],
    ['less than 1 MZN', { input_Amount: '0.50' }, 400, 'INS-15'],
    ['three decimals', { input_Amount: '1.234' }, 400, 'INS-15'],
  ])('C2B with %s (%j) → %d %s', async (_label, overrides, status, code) => {
    const body = VodacomTestClient.paymentBody(MSISDN, overrides);
    const res = await vodacom.c2b(JSON.parse(JSON.stringify(body)));
    expect(res).toMatchObject({ status, json: { output_ResponseCode: code } });
  });

  it('bad JSON → 400 INS-21, an empty body → 400 INS-20, never a crash', async () => {
    expect(await vodacom.c2b('{"input_Amount":')).toMatchObject({ status: 400, json: { output_ResponseCode: 'INS-21', output_ResponseDesc: 'Parameter validations failed. Please try again.' } });
    expect(await vodacom.reversal('')).toMatchObject({ status: 400, json: { output_ResponseCode: 'INS-20' } });
    const junk = ['null', '[]', '"text"', '42', '{', '{"__proto__":{"x":1}}', '{"input_Amount":{"$gt":""}}', randomBytes(300).toString('latin1'), `{"input_ThirdPartyReference":"${'x'.repeat(5000)}"}`];
    for (const body of junk) {
      for (const send of [vodacom.c2b.bind(vodacom), vodacom.b2c.bind(vodacom), vodacom.reversal.bind(vodacom)]) {
        const res = await send(body);
        expect(res!.status).toBe(400);
        expect(res!.json.output_ResponseCode).toMatch(/^INS-2[01]$/);
      }
    }
    const odd = await vodacom.call('GET', '/ipg/v1x/queryTransactionStatus/?input_QueryReference=%ZZ&input_ThirdPartyReference=a&input_ThirdPartyReference=b');
    expect(odd!.status).toBe(400);
    expect((await fetch(`${sandbox.url}/_sandbox/health`)).status).toBe(200);
  });
});
