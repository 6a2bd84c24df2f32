// HTTP calls to Vodacom M-Pesa Mozambique (/ipg/v1x/). The client only performs calls and reports what
// happened; what an answer MEANS is decided in mpesa-vodacom.mapper.ts. Each call: its own port (§2) unless
// settings.singlePort, a fresh Bearer (the RSA-encrypted API key, §1), the Origin header. The C2B call is held
// open by Vodacom while the customer answers the PIN prompt: its deadline is settings.c2bTimeoutMs.
import { Inject, Injectable, Optional } from '@nestjs/common';
import axios from 'axios';
import { OperatorHttp, OperatorHttpResult } from '../shared/operator-http';
import type { VodacomPaymentBody, VodacomReversalBody, VodacomStatusParams } from './mpesa-vodacom.bodies';
import { MpesaVodacomAccountConfig, VODACOM_ENDPOINTS, VodacomOperation, vodacomOperationUrl, vodacomSecretValues } from './mpesa-vodacom.config';
import { vodacomBearerToken } from './mpesa-vodacom.crypto';

export interface MpesaVodacomClientOptions {
  /** The HTTP helper for every account (tests, tuning). */
  http?: OperatorHttp;
  /** The one for accounts with settings.lenientHttpParser (default: axios with insecureHTTPParser). */
  lenientHttp?: OperatorHttp;
}

/** Optional injection token to give the client its own HTTP helpers. */
export const MPESA_VODACOM_CLIENT_OPTIONS = Symbol('MPESA_VODACOM_CLIENT_OPTIONS');

const OPERATION_NAMES: Readonly<Record<VodacomOperation, string>> = {
  c2b: 'mpesa-vodacom.c2b',
  b2c: 'mpesa-vodacom.b2c',
  reversal: 'mpesa-vodacom.reversal',
  query: 'mpesa-vodacom.query-status',
};

@Injectable()
export class MpesaVodacomClient {
  private readonly http: OperatorHttp;
  private readonly lenientHttp: OperatorHttp;

  constructor(@Optional() @Inject(MPESA_VODACOM_CLIENT_OPTIONS) options?: MpesaVodacomClientOptions) {
    this.http = options?.http ?? new OperatorHttp();
    this.lenientHttp = options?.lenientHttp ?? new OperatorHttp({ axios: axios.create({ insecureHTTPParser: true }) });
  }

  /** POST :18352/ipg/v1x/c2bPayment/singleStage/ — answers when the customer is done (or Vodacom gives up). */
  c2b(config: MpesaVodacomAccountConfig, body: VodacomPaymentBody): Promise<OperatorHttpResult> {
    return this.call(config, 'c2b', { body, timeoutMs: config.settings.c2bTimeoutMs });
  }

  /** POST :18345/ipg/v1x/b2cPayment/ — answers at once. */
  b2c(config: MpesaVodacomAccountConfig, body: VodacomPaymentBody): Promise<OperatorHttpResult> {
    return this.call(config, 'b2c', { body, timeoutMs: config.timeoutMs });
  }

  /** PUT :18354/ipg/v1x/reversal/ — synchronous. */
  reversal(config: MpesaVodacomAccountConfig, body: VodacomReversalBody): Promise<OperatorHttpResult> {
    return this.call(config, 'reversal', { body, timeoutMs: config.timeoutMs });
  }

  /** GET :18353/ipg/v1x/queryTransactionStatus/?… (query string, no body). */
  queryStatus(config: MpesaVodacomAccountConfig, params: VodacomStatusParams): Promise<OperatorHttpResult> {
    return this.call(config, 'query', { query: params, timeoutMs: config.timeoutMs });
  }

  private call(
    config: MpesaVodacomAccountConfig,
    operation: VodacomOperation,
    spec: { body?: object; query?: Record<string, string>; timeoutMs: number },
  ): Promise<OperatorHttpResult> {
    const token = vodacomBearerToken(config.credentials.apiKey, config.publicKey);
    const http = config.settings.lenientHttpParser ? this.lenientHttp : this.http;
    return http.request({
      operation: OPERATION_NAMES[operation],
      method: VODACOM_ENDPOINTS[operation].method,
      url: vodacomOperationUrl(config, operation, spec.query),
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        Origin: config.settings.origin,
        ...(spec.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(spec.body !== undefined ? { body: spec.body } : {}),
      timeoutMs: spec.timeoutMs,
      secretValues: [...vodacomSecretValues(config), token],
    });
  }
}
