// A defensive reader of Orange's error bodies (fact sheet §6): the API gateway's
// {"code": 41, "message": "Invalid credentials", "description": "…"}, WebPay's business errors (a non-201
// JSON with message/description, exact shape unverified) and OAuth's {"error", "error_description"}.

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A trimmed non-empty string, or a number as text; undefined otherwise. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

const MAX_DESCRIPTION = 300;

/**
 * "HTTP 400: <code>: <message> (<description>)" with what the body has; a non-JSON body (an HTML error
 * page) is shown cut short.
 */
export function describeOrange(body: unknown, status?: number): string {
  const b = asRecord(body);
  const code = text(b['code']) ?? text(b['error']);
  const message = text(b['message']) ?? text(b['error_description']);
  const description = text(b['description']);
  const parts = [code, message].filter((p): p is string => p !== undefined);
  let said = parts.join(': ');
  if (description && description !== message) said = said ? `${said} (${description})` : description;
  if (!said && typeof body === 'string' && body.trim() !== '') said = body.trim().replace(/\s+/g, ' ');
  if (said.length > MAX_DESCRIPTION) said = `${said.slice(0, MAX_DESCRIPTION)}…`;
  const prefix = status !== undefined ? `HTTP ${status}` : '';
  return [prefix, said].filter(Boolean).join(': ') || 'no details';
}
