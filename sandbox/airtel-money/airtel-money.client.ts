// An Airtel client for specs that drive the sandbox over real HTTP, with the sandbox's default app
// credentials and country (UG/UGX); PINs are encrypted with the running sandbox's public key.
import type { RunningSandbox } from '../server';
import { readHttpResult, type SandboxHttpResult, waitFor } from '../testing/helpers';
import { rsaEncrypt, signBody } from './airtel-money.crypto';
import type { AirtelMoneyState } from './airtel-money.state';

export type AirtelHttpResult = SandboxHttpResult;

export class AirtelTestClient {
  token = '';
  clientId: string;
  clientSecret: string;

  constructor(
    readonly sandbox: RunningSandbox,
    public country = 'UG',
    public currency = 'UGX',
  ) {
    this.clientId = sandbox.options.airtelClientId;
    this.clientSecret = sandbox.options.airtelClientSecret;
  }

  get state(): AirtelMoneyState {
    return this.sandbox.operators['airtel-money'] as AirtelMoneyState;
  }

  async call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<AirtelHttpResult> {
    const response = await fetch(`${this.sandbox.url}${path}`, { method, headers: init.headers, body: init.body });
    return readHttpResult(response);
  }

  requestToken(body: unknown = { client_id: this.clientId, client_secret: this.clientSecret, grant_type: 'client_credentials' }): Promise<AirtelHttpResult> {
    return this.call('POST', '/auth/oauth2/token', {
      headers: { 'Content-Type': 'application/json', Accept: '*/*' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async login(): Promise<string> {
    const result = await this.requestToken();
    if (result.status !== 200) throw new Error(`token failed: ${result.status} ${result.text}`);
    this.token = result.json.access_token as string;
    return this.token;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      Accept: '*/*',
      Authorization: `Bearer ${this.token}`,
      'X-Country': this.country,
      'X-Currency': this.currency,
      ...extra,
    };
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<AirtelHttpResult> {
    return this.call('POST', path, { headers: this.headers(headers), body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  get(path: string, headers: Record<string, string> = {}): Promise<AirtelHttpResult> {
    return this.call('GET', path, { headers: this.headers(headers) });
  }

  payBody(id: string, msisdn: string, amount: unknown = 1000): Record<string, unknown> {
    return {
      reference: 'Malipo order',
      subscriber: { country: this.country, currency: this.currency, msisdn },
      transaction: { amount, country: this.country, currency: this.currency, id },
    };
  }

  pay(id: string, msisdn: string, amount: unknown = 1000, headers: Record<string, string> = {}): Promise<AirtelHttpResult> {
    return this.post('/merchant/v1/payments/', this.payBody(id, msisdn, amount), headers);
  }

  /** The same with x-signature/x-key made with the sandbox's public key. */
  paySigned(id: string, msisdn: string, amount: unknown = 1000, path = '/merchant/v2/payments/'): Promise<AirtelHttpResult> {
    const body = JSON.stringify(this.payBody(id, msisdn, amount));
    return this.post(path, body, signBody(this.state.publicKeyPem, body));
  }

  enquiry(id: string): Promise<AirtelHttpResult> {
    return this.get(`/standard/v1/payments/${encodeURIComponent(id)}`);
  }

  async waitForStatus(id: string, status: string, timeoutMs = 3000, kind: 'payments' | 'disbursements' = 'payments'): Promise<AirtelHttpResult> {
    return waitFor(async () => {
      const result = await this.get(`/standard/v1/${kind}/${encodeURIComponent(id)}`);
      return result.json?.data?.transaction?.status === status ? result : null;
    }, timeoutMs);
  }

  refund(airtelMoneyId: string, extra: Record<string, unknown> = {}): Promise<AirtelHttpResult> {
    return this.post('/standard/v1/payments/refund', { transaction: { airtel_money_id: airtelMoneyId, ...extra } });
  }

  encryptPin(pin = this.sandbox.options.airtelPin, padding: 'pkcs1' | 'oaep' = 'pkcs1'): string {
    return rsaEncrypt(this.state.publicKeyPem, pin, padding);
  }

  disburse(
    id: string,
    msisdn: string,
    amount: unknown = 1000,
    options: { pin?: string; version?: 'v1' | 'v2'; type?: string } = {},
  ): Promise<AirtelHttpResult> {
    const version = options.version ?? 'v1';
    const transaction: Record<string, unknown> = { amount, id };
    if (version === 'v2') transaction.type = options.type ?? 'B2C';
    return this.post(`/standard/${version}/disbursements/`, {
      payee: { msisdn },
      reference: 'Malipo payout',
      pin: options.pin ?? this.encryptPin(),
      transaction,
    });
  }

  disbursementEnquiry(id: string, version: 'v1' | 'v2' = 'v1'): Promise<AirtelHttpResult> {
    return this.get(`/standard/${version}/disbursements/${encodeURIComponent(id)}${version === 'v2' ? '?transactionType=B2C' : ''}`);
  }

  control(method: string, path: string, body?: unknown): Promise<AirtelHttpResult> {
    return this.call(method, `/_sandbox/airtel-money${path}`, {
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The disbursement wallet of this client's country, minor units. */
  async disbursementBalance(): Promise<bigint> {
    const result = await this.control('GET', `/balances?country=${this.country}&wallet=disbursement`);
    return BigInt(result.json[0].availableMinor as string);
  }
}
