// A Vodacom client for the sandbox's specs (and anyone poking at it): the five-field payment bodies, a fresh
// Bearer per call from the sandbox's public key, the Origin header, and the control endpoints.
import { randomBytes } from 'node:crypto';
import type { RunningSandbox } from '../server';
import { readHttpResult, type SandboxHttpResult } from '../testing/helpers';
import { vodacomBearer } from './mpesa-vodacom.keys';
import type { MpesaVodacomState } from './mpesa-vodacom.state';

export type VodacomHttpResult = SandboxHttpResult;

export interface VodacomCallOptions {
  headers?: Record<string, string>;
  /** Replaces the default Bearer (a fresh encryption of the configured API key). */
  apiKey?: string;
  /** Aborts the call after this many ms (a client giving up); the result is then null. */
  abortAfterMs?: number;
}

export function newReference(prefix = 'T'): string {
  return `${prefix}${randomBytes(8).toString('hex')}`;
}

export class VodacomTestClient {
  constructor(readonly sandbox: RunningSandbox) {}

  get state(): MpesaVodacomState {
    return this.sandbox.operators['mpesa-vodacom'] as MpesaVodacomState;
  }

  headers(apiKey = this.sandbox.options.vodacomApiKey): Record<string, string> {
    return { Authorization: `Bearer ${vodacomBearer(this.state.publicKeyBase64, apiKey)}`, Origin: 'developer.mpesa.vm.co.mz' };
  }

  async call(method: string, path: string, body?: unknown, options: VodacomCallOptions = {}): Promise<VodacomHttpResult | null> {
    const controller = new AbortController();
    const timer = options.abortAfterMs === undefined ? null : setTimeout(() => controller.abort(), options.abortAfterMs);
    try {
      const response = await fetch(`${this.sandbox.url}${path}`, {
        method,
        headers: { ...this.headers(options.apiKey), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: controller.signal,
      });
      return readHttpResult(response);
    } catch (error) {
      if (controller.signal.aborted) return null;
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  static paymentBody(msisdn: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      input_TransactionReference: 'T12344C',
      input_CustomerMSISDN: msisdn,
      input_Amount: '10.00',
      input_ThirdPartyReference: newReference(),
      input_ServiceProviderCode: '171717',
      ...overrides,
    };
  }

  c2b(body: unknown, options?: VodacomCallOptions): Promise<VodacomHttpResult | null> {
    return this.call('POST', '/ipg/v1x/c2bPayment/singleStage/', body, options);
  }

  b2c(body: unknown, options?: VodacomCallOptions): Promise<VodacomHttpResult | null> {
    return this.call('POST', '/ipg/v1x/b2cPayment/', body, options);
  }

  reversal(body: unknown, options?: VodacomCallOptions): Promise<VodacomHttpResult | null> {
    return this.call('PUT', '/ipg/v1x/reversal/', body, options);
  }

  reversalBody(transactionId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      input_TransactionID: transactionId,
      input_SecurityCredential: this.sandbox.options.vodacomSecurityCredential,
      input_InitiatorIdentifier: this.sandbox.options.vodacomInitiatorIdentifier,
      input_ThirdPartyReference: newReference('R'),
      input_ServiceProviderCode: '171717',
      ...overrides,
    };
  }

  /** queryTransactionStatus with a new ThirdPartyReference (or the given params). */
  query(queryReference: string, params: Record<string, string> = {}, options?: VodacomCallOptions): Promise<VodacomHttpResult | null> {
    const search = new URLSearchParams({ input_ThirdPartyReference: newReference('Q'), input_QueryReference: queryReference, input_ServiceProviderCode: '171717', ...params });
    return this.call('GET', `/ipg/v1x/queryTransactionStatus/?${search.toString()}`, undefined, options);
  }

  async control(method: string, path: string, body?: unknown): Promise<VodacomHttpResult> {
    const response = await fetch(`${this.sandbox.url}/_sandbox/mpesa-vodacom${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, headers: response.headers };
  }
}
