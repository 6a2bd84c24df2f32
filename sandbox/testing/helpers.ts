// Helpers for specs that drive the sandbox over real HTTP: a tiny callback receiver standing in for the
// gateway, an MTN client with the sandbox's default credentials, and polling.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningSandbox } from '../server';

export interface ReceivedCallback {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
  at: number;
}

export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  /** Status the receiver answers with (default 200). */
  status: number;
  /** Runs before the receiver answers a callback (e.g. to query the status as a gateway would). */
  onCallback: ((callback: ReceivedCallback) => Promise<void>) | null;
  forPath(path: string): ReceivedCallback[];
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const receiver: Partial<CallbackReceiver> = { received, status: 200, onCallback: null };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const callback = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json, at: Date.now() };
      const hook = receiver.onCallback ? receiver.onCallback(callback) : Promise.resolve();
      hook
        .catch(() => undefined)
        .finally(() => {
          received.push(callback);
          res.writeHead(receiver.status ?? 200, { 'Content-Type': 'application/json' });
          res.end('{"ok":true}');
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${port}`;
  receiver.forPath = (path: string) => received.filter((r) => r.path === path);
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver as CallbackReceiver;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until probe returns a truthy value, which it resolves with. */
export async function waitFor<T>(probe: () => T | Promise<T>, timeoutMs = 3000, stepMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

export interface MtnHttpResult {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

async function asResult(response: Response): Promise<MtnHttpResult> {
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

export interface MtnRtpBody {
  amount?: unknown;
  currency?: unknown;
  externalId?: unknown;
  payer?: unknown;
  payerMessage?: unknown;
  payeeNote?: unknown;
}

/** An MTN client using the sandbox's configured (default) credentials. */
export class MtnTestClient {
  token = '';
  /** Overrides of the configured credentials (e.g. a second API user, a secondary subscription key). */
  apiUser: string | null = null;
  apiKey: string | null = null;
  keyOverride: string | null = null;

  constructor(
    protected readonly sandbox: RunningSandbox,
    readonly environment = 'sandbox',
  ) {}

  get subscriptionKey(): string {
    return this.keyOverride ?? this.sandbox.options.mtnSubscriptionKey.split(',')[0] ?? '';
  }

  basic(user = this.apiUser ?? this.sandbox.options.mtnApiUser, key = this.apiKey ?? this.sandbox.options.mtnApiKey): string {
    return `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`;
  }

  async call(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<MtnHttpResult> {
    const response = await fetch(`${this.sandbox.url}${path}`, { method, headers: init.headers, body: init.body });
    return asResult(response);
  }

  async requestToken(headers: Record<string, string> = {}, path = '/collection/token/'): Promise<MtnHttpResult> {
    return this.call('POST', path, {
      headers: { 'Ocp-Apim-Subscription-Key': this.subscriptionKey, Authorization: this.basic(), ...headers },
    });
  }

  async login(): Promise<string> {
    const result = await this.requestToken();
    if (result.status !== 200) throw new Error(`token failed: ${result.status} ${result.text}`);
    this.token = (result.json as { access_token: string }).access_token;
    return this.token;
  }

  productHeaders(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'Ocp-Apim-Subscription-Key': this.subscriptionKey,
      Authorization: `Bearer ${this.token}`,
      'X-Target-Environment': this.environment,
      ...extra,
    };
  }

  static rtpBody(msisdn: string, overrides: MtnRtpBody = {}): MtnRtpBody {
    return {
      amount: '100',
      currency: 'EUR',
      externalId: 'order-123',
      payer: { partyIdType: 'MSISDN', partyId: msisdn },
      payerMessage: 'Pay order 123',
      payeeNote: 'order 123',
      ...overrides,
    };
  }

  async requestToPay(referenceId: string, body: MtnRtpBody | string, headers: Record<string, string> = {}): Promise<MtnHttpResult> {
    return this.call('POST', '/collection/v1_0/requesttopay', {
      headers: this.productHeaders({ 'Content-Type': 'application/json', 'X-Reference-Id': referenceId, ...headers }),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async status(referenceId: string, headers: Record<string, string> = {}): Promise<MtnHttpResult> {
    return this.call('GET', `/collection/v1_0/requesttopay/${referenceId}`, { headers: this.productHeaders(headers) });
  }

  /** Polls GET status until it leaves PENDING/CREATED (or the expected status shows up). */
  async waitForStatus(referenceId: string, expected: string, timeoutMs = 3000): Promise<MtnHttpResult> {
    return waitFor(async () => {
      const result = await this.status(referenceId);
      return result.json?.status === expected ? result : null;
    }, timeoutMs);
  }

  async control(method: string, path: string, body?: unknown): Promise<MtnHttpResult> {
    return this.call(method, `/_sandbox/mtn-momo${path}`, {
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/** An HTTP answer as the operator clients of the specs see it: status, text, JSON when it parses, headers. */
export interface SandboxHttpResult {
  status: number;
  text: string;
  json: any;
  headers: Headers;
}

export async function readHttpResult(response: Response): Promise<SandboxHttpResult> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}
