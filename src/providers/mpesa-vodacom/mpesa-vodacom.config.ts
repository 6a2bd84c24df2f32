// Per-account settings and credentials of a Vodacom M-Pesa Mozambique (/ipg/v1x/) account, read and checked
// from the ProviderAccountContext, plus the per-operation ports and paths (fact sheet §2) and the URL of
// each operation. Nothing here talks to Vodacom.
import { KeyObject, createPublicKey } from 'node:crypto';
import { ProviderAccountContext, ProviderConfigError } from '../provider.port';
import { isHttpUrl } from '../shared/account-checks';

/** The /ipg/v1x/ operations this module calls. */
export type VodacomOperation = 'c2b' | 'b2c' | 'reversal' | 'query';

export interface VodacomEndpoint {
  method: 'GET' | 'POST' | 'PUT';
  /** Vodacom's port for this operation (one port per operation, §2). */
  port: number;
  /** Path with the trailing slash every client sends. */
  path: string;
}

/** Fact sheet §2. B2B (18349) and the masked customer name (19323) exist but are not used (README). */
export const VODACOM_ENDPOINTS: Readonly<Record<VodacomOperation, VodacomEndpoint>> = {
  c2b: { method: 'POST', port: 18352, path: '/ipg/v1x/c2bPayment/singleStage/' },
  b2c: { method: 'POST', port: 18345, path: '/ipg/v1x/b2cPayment/' },
  reversal: { method: 'PUT', port: 18354, path: '/ipg/v1x/reversal/' },
  query: { method: 'GET', port: 18353, path: '/ipg/v1x/queryTransactionStatus/' },
};

export const DEFAULT_VODACOM_ORIGIN = 'developer.mpesa.vm.co.mz';
/** Above the ~66 s prompt timeout and the >90 s answers observed in production (§4). */
export const DEFAULT_VODACOM_C2B_TIMEOUT_MS = 120_000;

/** Non-secret settings (provider_accounts.settings). */
export interface MpesaVodacomSettings {
  /** The business shortcode (5–6 digits; sandbox 171717): credited by C2B, debited by B2C. */
  serviceProviderCode: string;
  /** The `Origin` header (default developer.mpesa.vm.co.mz). */
  origin: string;
  /** HTTP deadline of the C2B call, which Vodacom holds open while the customer answers (default 120000). */
  c2bTimeoutMs: number;
  /** True: every operation goes to baseUrl as is (one port routed by path, e.g. the local sandbox). */
  singlePort: boolean;
  /** Per-operation port overrides (e.g. behind a proxy); the §2 ports otherwise. */
  operationPorts: Partial<Record<VodacomOperation, number>>;
  /** True: accept responses with invalid header characters (axios insecureHTTPParser; see README). */
  lenientHttpParser: boolean;
}

/** Secret credentials (provider_accounts.credentials, decrypted). */
export interface MpesaVodacomCredentials {
  /** The portal's API key: encrypted with the public key into the Bearer of every call. */
  apiKey: string;
  /** The portal's public key: base64 DER SubjectPublicKeyInfo without armour, or PEM. */
  publicKey: string;
  /** Reversal initiator identifier and security credential, sent as given (needed by refund/reverse). */
  initiatorIdentifier?: string;
  securityCredential?: string;
}

export const VODACOM_REQUIRED_CREDENTIAL_FIELDS = ['apiKey', 'publicKey'] as const;
export const VODACOM_CREDENTIAL_FIELDS = [...VODACOM_REQUIRED_CREDENTIAL_FIELDS, 'initiatorIdentifier', 'securityCredential'] as const;

export interface MpesaVodacomAccountConfig {
  accountId: string;
  /** The account's base URL without a trailing slash, e.g. https://api.sandbox.vm.co.mz. */
  baseUrl: string;
  /** Deadline of every call but C2B (the account's timeoutMs). */
  timeoutMs: number;
  settings: MpesaVodacomSettings;
  credentials: MpesaVodacomCredentials;
  publicKey: KeyObject;
}

/** Reads and checks an account; throws ProviderConfigError naming every missing or invalid field. */
export function readVodacomConfig(account: ProviderAccountContext): MpesaVodacomAccountConfig {
  const problems: string[] = [];
  const baseUrl = typeof account.baseUrl === 'string' ? account.baseUrl.trim().replace(/\/+$/, '') : '';
  if (!isHttpUrl(baseUrl)) problems.push('baseUrl must be an http(s) URL');

  const s = account.settings ?? {};
  const spc = typeof s['serviceProviderCode'] === 'number' ? String(s['serviceProviderCode']) : s['serviceProviderCode'];
  if (spc === undefined || spc === null || spc === '') problems.push('settings.serviceProviderCode is missing');
  else if (typeof spc !== 'string' || !/^\d{5,6}$/.test(spc.trim())) problems.push('settings.serviceProviderCode must be 5 or 6 digits');
  const origin = s['origin'] ?? DEFAULT_VODACOM_ORIGIN;
  if (typeof origin !== 'string' || origin.trim() === '' || /[\r\n]/.test(origin)) problems.push('settings.origin must be a non-empty single-line string');
  const c2bTimeoutMs = s['c2bTimeoutMs'] ?? DEFAULT_VODACOM_C2B_TIMEOUT_MS;
  if (!isPositive(c2bTimeoutMs)) problems.push('settings.c2bTimeoutMs must be a positive number');
  const singlePort = s['singlePort'] ?? false;
  if (typeof singlePort !== 'boolean') problems.push('settings.singlePort must be true or false');
  const lenientHttpParser = s['lenientHttpParser'] ?? false;
  if (typeof lenientHttpParser !== 'boolean') problems.push('settings.lenientHttpParser must be true or false');
  const operationPorts = readPorts(s['operationPorts'], problems);
  if (singlePort === true && Object.keys(operationPorts).length > 0) problems.push('settings.singlePort and settings.operationPorts exclude each other');
  if (!isPositive(account.timeoutMs)) problems.push('timeoutMs must be a positive number');

  const c = account.credentials ?? {};
  const missing = VODACOM_REQUIRED_CREDENTIAL_FIELDS.filter((f) => !nonEmpty(c[f]));
  if (missing.length > 0) problems.push(`missing credentials: ${missing.join(', ')}`);
  const publicKey = nonEmpty(c['publicKey']) ? parseVodacomPublicKey(c['publicKey']) : undefined;
  if (nonEmpty(c['publicKey']) && !publicKey) problems.push('credentials.publicKey is not an RSA public key (base64 DER SPKI or PEM)');

  if (problems.length > 0 || !publicKey) throw new ProviderConfigError(`mpesa-vodacom account ${account.id}: ${problems.join('; ')}`);
  const optional = (name: string): string | undefined => (nonEmpty(c[name]) ? c[name] : undefined);
  return {
    accountId: account.id,
    baseUrl,
    timeoutMs: account.timeoutMs,
    settings: {
      serviceProviderCode: (spc as string).trim(),
      origin: (origin as string).trim(),
      c2bTimeoutMs: c2bTimeoutMs as number,
      singlePort: singlePort as boolean,
      operationPorts,
      lenientHttpParser: lenientHttpParser as boolean,
    },
    credentials: {
      apiKey: (c['apiKey'] as string).trim(),
      publicKey: (c['publicKey'] as string).trim(),
      // Sent exactly as Vodacom issued them (§2.4): not trimmed.
      ...(optional('initiatorIdentifier') !== undefined ? { initiatorIdentifier: optional('initiatorIdentifier') } : {}),
      ...(optional('securityCredential') !== undefined ? { securityCredential: optional('securityCredential') } : {}),
    },
    publicKey,
  };
}

/** What refund and reverse need beyond the base config; ProviderConfigError (nothing sent) without them. */
export function reversalSecrets(config: MpesaVodacomAccountConfig): { initiatorIdentifier: string; securityCredential: string } {
  const { initiatorIdentifier, securityCredential } = config.credentials;
  if (!initiatorIdentifier || !securityCredential) {
    const missing = [!initiatorIdentifier ? 'initiatorIdentifier' : '', !securityCredential ? 'securityCredential' : ''].filter(Boolean);
    throw new ProviderConfigError(`mpesa-vodacom account ${config.accountId}: reversals need credentials: ${missing.join(', ')}`);
  }
  return { initiatorIdentifier, securityCredential };
}

/**
 * The portal's key: PEM as is, or the bare base64 DER SPKI ("MIICIjANBgkq…", one line or several) wrapped in
 * PEM armour (64-char lines). Undefined when it is not an RSA public key.
 */
export function parseVodacomPublicKey(text: string): KeyObject | undefined {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  try {
    let pem = trimmed;
    if (!trimmed.startsWith('-----BEGIN')) {
      const b64 = trimmed.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
      pem = `-----BEGIN PUBLIC KEY-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END PUBLIC KEY-----\n`;
    }
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The URL of an operation: the base URL with its port replaced by the operation's (settings.operationPorts,
 * else §2), or the base URL's own port when settings.singlePort; then the operation's path (after any path
 * of the base URL) and the query string.
 */
export function vodacomOperationUrl(config: MpesaVodacomAccountConfig, operation: VodacomOperation, query?: Record<string, string>): string {
  const url = new URL(config.baseUrl);
  if (!config.settings.singlePort) url.port = String(config.settings.operationPorts[operation] ?? VODACOM_ENDPOINTS[operation].port);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${VODACOM_ENDPOINTS[operation].path}`;
  url.hash = '';
  url.search = query ? new URLSearchParams(query).toString() : '';
  return url.toString();
}

/** Every secret the account holds, for scrubbing audit copies (the bearer of each call is added per call). */
export function vodacomSecretValues(config: MpesaVodacomAccountConfig): string[] {
  const { apiKey, initiatorIdentifier, securityCredential } = config.credentials;
  return [apiKey, initiatorIdentifier, securityCredential].filter((v): v is string => typeof v === 'string' && v !== '');
}

function readPorts(value: unknown, problems: string[]): Partial<Record<VodacomOperation, number>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('settings.operationPorts must be an object such as {"c2b": 18352}');
    return {};
  }
  const out: Partial<Record<VodacomOperation, number>> = {};
  for (const [name, port] of Object.entries(value as Record<string, unknown>)) {
    if (!(name in VODACOM_ENDPOINTS)) problems.push(`settings.operationPorts.${name} is not an operation (${Object.keys(VODACOM_ENDPOINTS).join(', ')})`);
    else if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) problems.push(`settings.operationPorts.${name} must be a port number`);
    else out[name as VodacomOperation] = port;
  }
  return out;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
