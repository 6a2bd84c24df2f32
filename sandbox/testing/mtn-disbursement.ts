// An MTN Disbursement client for specs: the disbursement subscription key and token, transfers,
// refunds (v1/v2), their status, balances and account-holder checks. Same credentials overrides as
// MtnTestClient (apiUser, apiKey, keyOverride).
import type { RunningSandbox } from '../server';
import { MtnTestClient, waitFor, type MtnHttpResult } from './helpers';

export interface MtnTransferBody {
  amount?: unknown;
  currency?: unknown;
  externalId?: unknown;
  payee?: unknown;
  payerMessage?: unknown;
  payeeNote?: unknown;
}

export interface MtnRefundBody {
  amount?: unknown;
  currency?: unknown;
  externalId?: unknown;
  payerMessage?: unknown;
  payeeNote?: unknown;
  referenceIdToRefund?: unknown;
}

export class MtnDisbursementClient extends MtnTestClient {
  constructor(sandbox: RunningSandbox, environment = 'sandbox') {
    super(sandbox, environment);
  }

  override get subscriptionKey(): string {
    return this.keyOverride ?? this.sandbox.options.mtnDisbursementSubscriptionKey.split(',')[0] ?? '';
  }

  override async requestToken(headers: Record<string, string> = {}, path = '/disbursement/token/'): Promise<MtnHttpResult> {
    return super.requestToken(headers, path);
  }

  static transferBody(msisdn: string, overrides: MtnTransferBody = {}): MtnTransferBody {
    return {
      amount: '100',
      currency: 'EUR',
      externalId: 'payout-1',
      payee: { partyIdType: 'MSISDN', partyId: msisdn },
      payerMessage: 'Payout 1',
      payeeNote: 'payout 1',
      ...overrides,
    };
  }

  static refundBody(referenceIdToRefund: string, overrides: MtnRefundBody = {}): MtnRefundBody {
    return {
      amount: '100',
      currency: 'EUR',
      externalId: 'refund-1',
      payerMessage: 'Refund 1',
      payeeNote: 'refund 1',
      referenceIdToRefund,
      ...overrides,
    };
  }

  private post(path: string, referenceId: string, body: unknown, headers: Record<string, string>): Promise<MtnHttpResult> {
    return this.call('POST', path, {
      headers: this.productHeaders({ 'Content-Type': 'application/json', 'X-Reference-Id': referenceId, ...headers }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  transfer(referenceId: string, body: MtnTransferBody | string, headers: Record<string, string> = {}): Promise<MtnHttpResult> {
    return this.post('/disbursement/v1_0/transfer', referenceId, body, headers);
  }

  refund(referenceId: string, body: MtnRefundBody | string, headers: Record<string, string> = {}, version: 'v1_0' | 'v2_0' = 'v1_0') {
    return this.post(`/disbursement/${version}/refund`, referenceId, body, headers);
  }

  transferStatus(referenceId: string): Promise<MtnHttpResult> {
    return this.call('GET', `/disbursement/v1_0/transfer/${referenceId}`, { headers: this.productHeaders() });
  }

  refundStatus(referenceId: string): Promise<MtnHttpResult> {
    return this.call('GET', `/disbursement/v1_0/refund/${referenceId}`, { headers: this.productHeaders() });
  }

  /** Polls a transfer's or refund's status until it is final (SUCCESSFUL or FAILED). */
  async waitForFinal(kind: 'transfer' | 'refund', referenceId: string, timeoutMs = 3000): Promise<MtnHttpResult> {
    return waitFor(async () => {
      const result = kind === 'transfer' ? await this.transferStatus(referenceId) : await this.refundStatus(referenceId);
      return result.json?.status === 'SUCCESSFUL' || result.json?.status === 'FAILED' ? result : null;
    }, timeoutMs);
  }

  /** The product's availableBalance in this client's environment, e.g. "1000000". */
  async balance(product: 'collection' | 'disbursement' = 'disbursement', headers: Record<string, string> = {}): Promise<string> {
    const result = await this.call('GET', `/${product}/v1_0/account/balance`, { headers: this.productHeaders(headers) });
    if (result.status !== 200) throw new Error(`balance failed: ${result.status} ${result.text}`);
    return (result.json as { availableBalance: string }).availableBalance;
  }

  /** Sets this environment's balance of a product through the control endpoint. */
  async setBalance(available: string, product: 'collection' | 'disbursement' = 'disbursement'): Promise<MtnHttpResult> {
    return this.control('PUT', '/balances', { targetEnvironment: this.environment, product, available });
  }
}
