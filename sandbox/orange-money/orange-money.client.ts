// An Orange WebPay client for specs that drive the sandbox over real HTTP, with the sandbox's default app
// credentials and merchant key, and the payment page driven by plain HTTP calls (no browser).
import type { RunningSandbox } from '../server';
import { readHttpResult, type SandboxHttpResult } from '../testing/helpers';
import type { OrangeMoneyState } from './orange-money.state';

export type OrangeHttpResult = SandboxHttpResult;

export class OrangeTestClient {
  token = '';

  constructor(
    readonly sandbox: RunningSandbox,
    public countryPath = 'dev',
  ) {}

  get state(): OrangeMoneyState {
    return this.sandbox.operators['orange-money'] as OrangeMoneyState;
  }

  async call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<OrangeHttpResult> {
    const response = await fetch(path.startsWith('http') ? path : `${this.sandbox.url}${path}`, { method, headers: init.headers, body: init.body, redirect: 'manual' });
    return readHttpResult(response);
  }

  basic(id = this.sandbox.options.orangeClientId, secret = this.sandbox.options.orangeClientSecret): string {
    return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  }

  requestToken(headers: Record<string, string> = {}, body = 'grant_type=client_credentials'): Promise<OrangeHttpResult> {
    return this.call('POST', '/oauth/v3/token', {
      headers: { Authorization: this.basic(), 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...headers },
      body,
    });
  }

  async login(): Promise<string> {
    const result = await this.requestToken();
    if (result.status !== 200) throw new Error(`token failed: ${result.status} ${result.text}`);
    this.token = result.json.access_token as string;
    return this.token;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json', Accept: 'application/json', ...extra };
  }

  body(orderId: string, notifUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      merchant_key: this.sandbox.options.orangeMerchantKey,
      currency: 'OUV',
      order_id: orderId,
      amount: 1200,
      return_url: 'https://shop.example.com/return',
      cancel_url: 'https://shop.example.com/cancel',
      notif_url: notifUrl,
      lang: 'fr',
      reference: 'Malipo Shop',
      ...overrides,
    };
  }

  webpayment(body: unknown, headers: Record<string, string> = {}, cc = this.countryPath): Promise<OrangeHttpResult> {
    return this.call('POST', `/orange-money-webpay/${cc}/v1/webpayment`, { headers: this.headers(headers), body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  transactionStatus(body: unknown, cc = this.countryPath): Promise<OrangeHttpResult> {
    return this.call('POST', `/orange-money-webpay/${cc}/v1/transactionstatus`, { headers: this.headers(), body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  /** POST to the payment page (JSON by default; form: true sends it as the HTML form would). */
  pay(paymentUrl: string, fields: Record<string, unknown>, form = false): Promise<OrangeHttpResult> {
    if (form) {
      const encoded = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
      return this.call('POST', paymentUrl, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: encoded });
    }
    return this.call('POST', paymentUrl, { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) });
  }

  control(method: string, path: string, body?: unknown): Promise<OrangeHttpResult> {
    return this.call(method, `/_sandbox/orange-money${path}`, {
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  }
}
