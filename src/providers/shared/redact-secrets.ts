// Redaction for everything that leaves a provider towards the audit log (ProviderExchange). Two rules,
// applied together:
//  1. any header or JSON/form field whose NAME looks secret has its whole value replaced;
//  2. any occurrence of a known secret VALUE (the account's credentials, a callback token) inside any
//     other string is replaced, wherever it appears (URL, message text, echoed body...).
// Redaction never throws and never mutates its input.

export const REDACTED = '[REDACTED]';

/** Field/header names that hold secrets: key, secret, password, pin, token, credential, signature, authorization, cookie. */
export const SECRET_NAME_PATTERN = /key|secret|passw|pin|token|credential|signature|authori[sz]ation|cookie/i;

/** Values shorter than this are not scrubbed by value (too likely to hit innocent text). */
const MIN_SECRET_VALUE_LENGTH = 4;
const MAX_DEPTH = 12;
/** Strings longer than this are cut in the audit copy (an HTML error page is not worth keeping whole). */
export const MAX_AUDIT_STRING_LENGTH = 4096;

export function looksSecret(name: string): boolean {
  return SECRET_NAME_PATTERN.test(name);
}

/**
 * A redacted deep copy of `value`: the value of every object key that looks secret becomes
 * `[REDACTED]`; in every string each known secret value is replaced; form-encoded strings
 * (`a=1&pin=2`) have their secret-looking fields redacted; long strings are cut for the audit log.
 */
export function redactSecrets<T = unknown>(value: T, secretValues: readonly string[] = []): T {
  const secrets = normalizeSecrets(secretValues);
  return redactValue(value, secrets, 0) as T;
}

/** Redacts a header map: secret-looking names lose their value, other values are scrubbed by value. */
export function redactHeaders(
  headers: Record<string, unknown> | undefined,
  secretValues: readonly string[] = [],
): Record<string, string> {
  const secrets = normalizeSecrets(secretValues);
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined || raw === null) continue;
    const text = Array.isArray(raw) ? raw.map(String).join(', ') : String(raw);
    out[name] = looksSecret(name) ? REDACTED : scrubString(text, secrets);
  }
  return out;
}

/** The URL as the audit log keeps it: its path only (no host, no query string), secrets scrubbed. */
export function shortenUrl(url: string, secretValues: readonly string[] = []): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/, 1)[0] ?? '';
  }
  return scrubString(path, normalizeSecrets(secretValues));
}

function normalizeSecrets(secretValues: readonly string[]): string[] {
  const unique = new Set(secretValues.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_VALUE_LENGTH));
  // Longest first, so a secret containing another is replaced whole.
  return [...unique].sort((a, b) => b.length - a.length);
}

function scrubString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

const FORM_PATTERN = /^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/;

function redactValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[TRUNCATED]';
  if (Buffer.isBuffer(value)) return redactString(value.toString('utf8'), secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out[key] = looksSecret(key) && item !== null && item !== undefined ? REDACTED : redactValue(item, secrets, depth + 1);
  }
  return out;
}

function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  if (FORM_PATTERN.test(out)) {
    out = out
      .split('&')
      .map((pair) => {
        const [name = '', ...rest] = pair.split('=');
        return looksSecret(safeDecode(name)) ? `${name}=${REDACTED}` : [name, ...rest].join('=');
      })
      .join('&');
  }
  out = scrubString(out, secrets);
  return out.length > MAX_AUDIT_STRING_LENGTH ? `${out.slice(0, MAX_AUDIT_STRING_LENGTH)}…[truncated]` : out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
