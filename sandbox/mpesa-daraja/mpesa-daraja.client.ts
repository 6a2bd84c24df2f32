// A Daraja client for specs that drive the sandbox over real HTTP, with the sandbox's configured app,
// shortcodes and initiator; SecurityCredentials are encrypted with the running sandbox's certificate.
import type { RunningSandbox } from '../server';
import { readHttpResult, type SandboxHttpResult, waitFor } from '../testing/helpers';
import { securityCredential, stkPassword } from './mpesa-daraja.crypto';
import { eatTimestamp } from './mpesa-daraja.format';
import type { MpesaDarajaState } from './mpesa-daraja.state';

export type DarajaHttpResult = SandboxHttpResult;

export class DarajaTestClient {
  token = '';

  constructor(readonly sandbox: RunningSandbox) {}

  get state(): MpesaDarajaState {
    return this.sandbox.operators['mpesa-daraja'] as MpesaDarajaState;
  }

  get options() {
    return this.sandbox.options;
  }

  async call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<DarajaHttpResult> {
    const response = await fetch(`${this.sandbox.url}${path}`, { method, headers: init.headers, body: init.body });
    return readHttpResult(response);
  }

  basic(key = this.options.darajaConsumerKey, secret = this.options.darajaConsumerSecret): string {
    return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  }

  requestToken(authorization = this.basic(), grant = 'client_credentials'): Promise<DarajaHttpResult> {
    return this.call('GET', `/oauth/v1/generate?grant_type=${encodeURIComponent(grant)}`, { headers: { Authorization: authorization } });
  }

  async login(): Promise<string> {
    const result = await this.requestToken();
    if (result.status !== 200) throw new Error(`token failed: ${result.status} ${result.text}`);
    this.token = result.json.access_token as string;
    return this.token;
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<DarajaHttpResult> {
    return this.call('POST', path, {
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** BusinessShortCode, Password and Timestamp of the configured STK shortcode. */
  stkAuth(timestamp = eatTimestamp()): Record<string, string> {
    const shortCode = this.options.darajaShortcode;
    return { BusinessShortCode: shortCode, Password: stkPassword(shortCode, this.options.darajaPasskey, timestamp), Timestamp: timestamp };
  }

  stkBody(msisdn: string, callbackUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...this.stkAuth(),
      TransactionType: 'CustomerPayBillOnline',
      Amount: 150,
      PartyA: msisdn,
      PartyB: this.options.darajaShortcode,
      PhoneNumber: msisdn,
      CallBackURL: callbackUrl,
      AccountReference: 'INV-0042',
      TransactionDesc: 'Order 42',
      ...overrides,
    };
  }

  stkPush(msisdn: string, callbackUrl: string, overrides: Record<string, unknown> = {}): Promise<DarajaHttpResult> {
    return this.post('/mpesa/stkpush/v1/processrequest', this.stkBody(msisdn, callbackUrl, overrides));
  }

  stkQuery(checkoutRequestId: string, overrides: Record<string, unknown> = {}): Promise<DarajaHttpResult> {
    return this.post('/mpesa/stkpushquery/v1/query', { ...this.stkAuth(), CheckoutRequestID: checkoutRequestId, ...overrides });
  }

  /** Polls the query until it answers 200 (final). */
  waitForStkFinal(checkoutRequestId: string, timeoutMs = 3000): Promise<DarajaHttpResult> {
    return waitFor(async () => {
      const result = await this.stkQuery(checkoutRequestId);
      return result.status === 200 ? result : null;
    }, timeoutMs);
  }

  credential(password = this.options.darajaInitiatorPassword, padding: 'pkcs1' | 'oaep' = 'pkcs1'): string {
    return securityCredential(this.state.certificatePem, password, padding);
  }

  b2cBody(msisdn: string, base: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      OriginatorConversationID: `b2c-${Math.random().toString(36).slice(2)}`,
      InitiatorName: this.options.darajaInitiatorName,
      SecurityCredential: this.credential(),
      CommandID: 'BusinessPayment',
      Amount: 500,
      PartyA: this.options.darajaB2cShortcode,
      PartyB: msisdn,
      Remarks: 'Payout 42',
      QueueTimeOutURL: `${base}/b2c/timeout`,
      ResultURL: `${base}/b2c/result`,
      Occassion: 'Refund',
      ...overrides,
    };
  }

  b2c(msisdn: string, base: string, overrides: Record<string, unknown> = {}, version: 'v1' | 'v3' = 'v3'): Promise<DarajaHttpResult> {
    return this.post(`/mpesa/b2c/${version}/paymentrequest`, this.b2cBody(msisdn, base, overrides));
  }

  initiatorBody(commandId: string, base: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      Initiator: this.options.darajaInitiatorName,
      SecurityCredential: this.credential(),
      CommandID: commandId,
      ResultURL: `${base}/result`,
      QueueTimeOutURL: `${base}/timeout`,
      Remarks: 'Sandbox check',
      ...overrides,
    };
  }

  transactionStatus(base: string, ids: { TransactionID?: string; OriginalConversationID?: string }, overrides: Record<string, unknown> = {}): Promise<DarajaHttpResult> {
    return this.post('/mpesa/transactionstatus/v1/query', {
      ...this.initiatorBody('TransactionStatusQuery', base),
      ...ids,
      PartyA: this.options.darajaB2cShortcode,
      IdentifierType: '4',
      Occasion: '',
      ...overrides,
    });
  }

  accountBalance(base: string, overrides: Record<string, unknown> = {}): Promise<DarajaHttpResult> {
    return this.post('/mpesa/accountbalance/v1/query', {
      ...this.initiatorBody('AccountBalance', base),
      PartyA: this.options.darajaB2cShortcode,
      IdentifierType: '4',
      ...overrides,
    });
  }

  reversal(base: string, transactionId: string, amount: number, overrides: Record<string, unknown> = {}): Promise<DarajaHttpResult> {
    return this.post('/mpesa/reversal/v1/request', {
      ...this.initiatorBody('TransactionReversal', base),
      TransactionID: transactionId,
      Amount: String(amount),
      ReceiverParty: this.options.darajaShortcode,
      RecieverIdentifierType: '11',
      Occasion: '',
      ...overrides,
    });
  }

  c2bRegister(shortCode: string, base: string, overrides: Record<string, unknown> = {}, version: 'v1' | 'v2' = 'v2'): Promise<DarajaHttpResult> {
    return this.post(`/mpesa/c2b/${version}/registerurl`, {
      ShortCode: shortCode,
      ResponseType: 'Completed',
      ConfirmationURL: `${base}/c2b/confirm`,
      ValidationURL: `${base}/c2b/validate`,
      ...overrides,
    });
  }

  c2bSimulate(shortCode: string, msisdn: string, overrides: Record<string, unknown> = {}, version: 'v1' | 'v2' = 'v2'): Promise<DarajaHttpResult> {
    return this.post(`/mpesa/c2b/${version}/simulate`, {
      ShortCode: shortCode,
      CommandID: 'CustomerPayBillOnline',
      Amount: 150,
      Msisdn: msisdn,
      BillRefNumber: 'INV-0042',
      ...overrides,
    });
  }

  control(method: string, path: string, body?: unknown): Promise<DarajaHttpResult> {
    return this.call(method, `/_sandbox/mpesa-daraja${path}`, {
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}
