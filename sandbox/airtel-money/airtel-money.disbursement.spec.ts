import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../server';
import { sleep } from '../testing/helpers';
import { AirtelTestClient } from './airtel-money.client';
import { rsaEncrypt } from './airtel-money.crypto';

describe('Airtel Money sandbox: disbursement, KYC and balances', () => {
  let sandbox: RunningSandbox;
  let airtel: AirtelTestClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, settleMs: 50, slowMs: 300, hangMs: 200, airtelBalance: '100000' });
    airtel = new AirtelTestClient(sandbox);
    await airtel.login();
  });
  afterAll(() => sandbox.close());

  it('pays out synchronously with a PKCS#1 v1.5 PIN and takes the amount from the disbursement wallet', async () => {
    const before = await airtel.disbursementBalance();
    expect(before).toBe(100000n);
    const id = `po-${randomUUID()}`;
    const res = await airtel.disburse(id, '752604392', 15000);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      data: {
        transaction: {
          reference_id: expect.stringMatching(/^\d{12}$/),
          airtel_money_id: expect.stringMatching(new RegExp(`^disbursement-[A-Z0-9]{10}-${id}$`)),
          id,
          status: 'TS',
        },
      },
      status: {
        code: '200',
        message: expect.stringMatching(/^You have sent UGX 15,000 to 752604392 SANDBOX USER4392\. Bal UGX 85,000\. TID: CI/),
        result_code: 'ESB000010',
        response_code: 'DP00900001001',
        success: true,
      },
    });
    expect(await airtel.disbursementBalance()).toBe(85000n);
    const enquiry = await airtel.disbursementEnquiry(id);
    expect(enquiry.json.data.transaction).toMatchObject({ id, status: 'TS', airtel_money_id: res.json.data.transaction.airtel_money_id });
    expect(enquiry.json.status).toMatchObject({ response_code: 'DP00900001001', success: true });
    expect((await airtel.control('GET', `/disbursements/${id}`)).json).toMatchObject({ recorded: true, pinPadding: 'pkcs1', balanceAfterMinor: '85000' });
  });

  it('accepts an OAEP-encrypted PIN and v2 with transaction.type B2C', async () => {
    const id = randomUUID();
    const res = await airtel.disburse(id, '752604392', 1000, { pin: airtel.encryptPin(undefined, 'oaep'), version: 'v2' });
    expect(res.json.status.response_code).toBe('DP00900001001');
    expect((await airtel.disbursementEnquiry(id, 'v2')).json.data.transaction.status).toBe('TS');
    expect((await airtel.control('GET', `/disbursements/${id}`)).json.pinPadding).toBe('oaep-sha1');
    const b2b = await airtel.disburse(randomUUID(), '752604392', 1000, { version: 'v2', type: 'B2B' });
    expect(b2b.json.status).toMatchObject({ success: false, response_code: 'DP00900001013' });
  });

  it('refuses a wrong or undecryptable PIN, records nothing and moves nothing', async () => {
    const before = await airtel.disbursementBalance();
    const msisdn = '752600001';
    const wrong = await airtel.disburse(randomUUID(), msisdn, 1000, { pin: airtel.encryptPin('9999') });
    expect(wrong.status).toBe(200);
    expect(wrong.json.status).toEqual({ code: '400', message: 'Incorrect Pin', result_code: 'ROUTER115', response_code: 'DP00900001013', success: false });
    const junk = await airtel.disburse(randomUUID(), msisdn, 1000, { pin: 'bm90IGVuY3J5cHRlZA==' });
    expect(junk.json.status).toMatchObject({ message: 'Incorrect Encrypted Pin', result_code: 'ROUTER116', response_code: 'DP00900001013' });
    const otherPublicKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const otherKey = rsaEncrypt(otherPublicKey, '1234');
    expect((await airtel.disburse(randomUUID(), msisdn, 1000, { pin: otherKey })).json.status.result_code).toBe('ROUTER116');
    const missing = await airtel.post('/standard/v1/disbursements/', { payee: { msisdn }, reference: 'x', transaction: { amount: 1, id: randomUUID() } });
    expect(missing.json.status).toMatchObject({ message: 'Missing header/body params', response_code: 'DP00900001013' });

    expect(await airtel.disbursementBalance()).toBe(before);
    const attempts = await airtel.control('GET', `/disbursements?msisdn=${msisdn}`);
    expect(attempts.json).toHaveLength(4);
    expect(attempts.json.every((a: { recorded: boolean }) => !a.recorded)).toBe(true);
    expect((await airtel.control('GET', `/disbursements?msisdn=${msisdn}&recorded=true`)).json).toEqual([]);
    expect((await airtel.disbursementEnquiry(attempts.json[0].id)).json.status).toMatchObject({ result_code: 'ESB000045', response_code: 'DP00900001015' });
  });

  it('fails with DP00900001007 and moves nothing when the wallet is short', async () => {
    await airtel.control('PUT', '/balances', { country: 'UG', wallet: 'disbursement', available: '500' });
    const id = randomUUID();
    const res = await airtel.disburse(id, '752604392', 501);
    expect(res.json).toMatchObject({ data: { transaction: { id, status: 'TF' } }, status: { code: '400', response_code: 'DP00900001007', success: false } });
    expect(await airtel.disbursementBalance()).toBe(500n);
    expect((await airtel.disbursementEnquiry(id)).json).toMatchObject({ data: { transaction: { status: 'TF' } }, status: { success: true, response_code: 'DP00900001007' } });
    await airtel.control('PUT', '/balances', { country: 'UG', wallet: 'disbursement', available: '100000' });
  });

  it('answers the magic payees with their codes', async () => {
    const cases: Array<[string, string, string]> = [
      ['752990007', 'TF', 'DP00900001007'],
      ['752990008', 'TF', 'DP00900001003'],
      ['752990009', 'TF', 'DP00900001013'],
      ['752990010', 'TF', 'DP00900001012'],
      ['752991012', 'TF', 'DP00900001012'],
      ['752990001', 'TIP', 'DP00900001006'],
      ['752991000', 'TA', 'DP00900001000'],
      ['752991014', 'TA', 'DP00900001014'],
    ];
    for (const [msisdn, status, code] of cases) {
      const res = await airtel.disburse(randomUUID(), msisdn, 10);
      expect({ msisdn, status: res.json.data.transaction.status, code: res.json.status.response_code }).toEqual({ msisdn, status, code });
    }
    const similar = await airtel.disburse(randomUUID(), '752991011', 10);
    expect(similar.json.status).toMatchObject({ response_code: 'DP00900001011', success: false });
  });

  it('records 990004 and 990006 before answering (HTML 500, hanging POST), money moved', async () => {
    const before = await airtel.disbursementBalance();
    const failedAnswer = randomUUID();
    const res = await airtel.disburse(failedAnswer, '752990004', 100);
    expect(res.status).toBe(500);
    expect(res.text).toContain('Internal Server Error');
    expect((await airtel.disbursementEnquiry(failedAnswer)).json.data.transaction.status).toBe('TS');
    const hanging = randomUUID();
    const started = Date.now();
    const answer = airtel.disburse(hanging, '752990006', 100);
    await sleep(50);
    expect((await airtel.control('GET', `/disbursements/${hanging}`)).json.status).toBe('TS');
    expect((await answer).json.status.response_code).toBe('DP00900001001');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(await airtel.disbursementBalance()).toBe(before - 200n);
  });

  it('sends no collection callback when the app has no callback URL', async () => {
    const id = randomUUID();
    await airtel.pay(id, '752604392');
    await airtel.waitForStatus(id, 'TS');
    await sleep(50);
    expect((await airtel.control('GET', `/payments/${id}`)).json.callbacks).toEqual([]);
    expect((await airtel.control('POST', `/payments/${id}/callback`)).status).toBe(409);
  });

  it('keeps 991000 TA until the slow delay, then TS by enquiry; 991014 ends TF; a reused id gets DP00900001017', async () => {
    const ambiguous = randomUUID();
    const timeout = randomUUID();
    await airtel.disburse(ambiguous, '752991000', 10);
    await airtel.disburse(timeout, '752991014', 10);
    expect((await airtel.disbursementEnquiry(ambiguous)).json.data.transaction.status).toBe('TA');
    await sleep(350);
    expect((await airtel.disbursementEnquiry(ambiguous)).json).toMatchObject({ data: { transaction: { status: 'TS' } }, status: { response_code: 'DP00900001001' } });
    expect((await airtel.disbursementEnquiry(timeout)).json).toMatchObject({ data: { transaction: { status: 'TF' } }, status: { response_code: 'DP00900001014' } });
    const again = await airtel.disburse(ambiguous, '752991000', 10);
    expect(again.json.status).toMatchObject({ result_code: 'ESB000041', response_code: 'DP00900001017', success: false });
  });

  it('checks the msisdn length of the country', async () => {
    const res = await airtel.disburse(randomUUID(), '256752604392', 10);
    expect(res.json.status).toEqual({
      code: '400',
      message: 'Invalid MSISDN Length. MSISDN Length should be 9',
      result_code: '521002',
      response_code: 'DP00900001013',
      success: false,
    });
  });

  it('answers KYC: registered, barred (990009), not found (990010), and counts the checks', async () => {
    const ok = await airtel.get('/standard/v1/users/752604392');
    expect(ok.json).toEqual({
      data: {
        first_name: 'Sandbox',
        last_name: 'User4392',
        msisdn: '752604392',
        grade: 'MCOM',
        is_barred: false,
        is_pin_set: true,
        registration: { status: 'MCOM' },
      },
      status: { code: '200', message: 'SUCCESS', result_code: 'ESB000010', response_code: 'DP02200000001', success: true },
    });
    expect((await airtel.get('/standard/v1/users/752990009')).json.data.is_barred).toBe(true);
    const missing = await airtel.get('/standard/v1/users/752990010');
    expect(missing.json.status).toMatchObject({ response_code: 'DP02200000002', success: false });
    expect((await airtel.get('/standard/v1/users/12')).json.status).toMatchObject({ response_code: 'DP02200000000', result_code: 'ESB000033' });
    await airtel.get('/standard/v1/users/752990010');
    expect((await airtel.control('GET', '/kyc-checks?msisdn=752990010')).json).toEqual({ msisdn: '752990010', count: 2, byCountry: { UG: 2 }, lastAnswer: 'not-found' });
    expect((await airtel.control('GET', '/kyc-checks?msisdn=752000000')).json.count).toBe(0);
  });

  it('serves the encryption key and the public key', async () => {
    const keys = await airtel.get('/v1/rsa/encryption-keys');
    expect(keys.json.data).toEqual({ key_id: 100, key: expect.any(String), valid_upto: expect.stringMatching(/^\d\d-\d\d-\d{4} \d\d:\d\d:\d\d$/) });
    expect(keys.json.status.response_code).toBe('DP02010001001');
    const pub = await airtel.control('GET', '/public-key');
    expect(pub.json).toMatchObject({ publicKey: airtel.state.publicKeyPem, publicKeyBase64: keys.json.data.key, bits: 2048 });
    expect((await airtel.control('GET', '/public-key?format=pem')).text).toBe(airtel.state.publicKeyPem);
    // A PIN encrypted with the Base64 SPKI form works as well.
    const res = await airtel.disburse(randomUUID(), '752604392', 1, { pin: rsaEncrypt(keys.json.data.key as string, '1234') });
    expect(res.json.status.response_code).toBe('DP00900001001');
  });
});
