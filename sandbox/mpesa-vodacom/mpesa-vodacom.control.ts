// Control endpoints (not Vodacom APIs; plain JSON for tests and people) under /_sandbox/mpesa-vodacom:
// the public key, the magic numbers, transactions, C2B call counts and the shortcode balance.
import { sendJson, sendRaw, type SandboxRequest } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { describeVodacomScenarios } from './mpesa-vodacom.scenarios';
import { formatMzn, parseMzn, type MpesaVodacomState, type VodacomTransaction } from './mpesa-vodacom.state';

/** A transaction as the control plane shows it (amounts as "150.50" MZN, times as ISO strings). */
export function transactionView(tx: VodacomTransaction, state: MpesaVodacomState): Record<string, unknown> {
  return {
    type: tx.type,
    transactionId: tx.transactionId,
    conversationId: tx.conversationId,
    thirdPartyReference: tx.thirdPartyReference,
    transactionReference: tx.transactionReference,
    msisdn: tx.msisdn,
    amount: formatMzn(tx.amountMinor),
    currency: 'MZN',
    serviceProviderCode: tx.serviceProviderCode,
    scenario: tx.scenario,
    status: tx.status,
    createdAt: new Date(tx.createdAt).toISOString(),
    settlesAt: new Date(tx.settlesAt).toISOString(),
    answer: tx.answer ? { ...tx.answer, at: new Date(tx.answer.at).toISOString() } : null,
    clientGaveUp: tx.clientGaveUp,
    queries: tx.queries,
    c2bCalls: tx.type === 'c2b' ? (state.c2bCalls.get(tx.thirdPartyReference) ?? 0) : null,
    reversedAmount: formatMzn(tx.reversedMinor),
    reversalIds: tx.reversalIds,
    originalTransactionId: tx.originalTransactionId,
  };
}

function matches(tx: VodacomTransaction, req: SandboxRequest): boolean {
  const wanted: Array<[string, string | null]> = [
    ['type', tx.type],
    ['msisdn', tx.msisdn],
    ['status', tx.status],
    ['thirdPartyReference', tx.thirdPartyReference],
  ];
  return wanted.every(([param, value]) => req.query.get(param) === null || req.query.get(param) === value);
}

export function registerVodacomControl(ctx: OperatorContext, state: MpesaVodacomState): void {
  const base = `/_sandbox/${ctx.id}`;
  const balanceView = () => ({ serviceProviderCode: ctx.options.vodacomServiceProviderCode, currency: 'MZN', balance: formatMzn(state.balanceMinor) });

  // ?format=pem → the PEM text; ?format=base64 → the portal's one-line base64 (text); default JSON.
  ctx.route('GET', `${base}/public-key`, (req, res) => {
    const format = req.query.get('format');
    if (format === 'pem') return sendRaw(res, 200, state.publicKeyPem, 'application/x-pem-file');
    if (format === 'base64') return sendRaw(res, 200, state.publicKeyBase64, 'text/plain; charset=utf-8');
    sendJson(res, 200, { publicKey: state.publicKeyBase64, publicKeyBase64: state.publicKeyBase64, publicKeyPem: state.publicKeyPem, bits: state.keys.bits, padding: 'pkcs1' });
  });

  ctx.route('GET', `${base}/scenarios`, (_req, res) => sendJson(res, 200, describeVodacomScenarios(ctx.options)));

  // Filters: type (c2b|b2c|reversal), msisdn, status, thirdPartyReference.
  ctx.route('GET', `${base}/transactions`, (req, res) => {
    state.settleDue();
    sendJson(res, 200, state.transactions.filter((tx) => matches(tx, req)).map((tx) => transactionView(tx, state)));
  });

  // By TransactionID, ConversationID or ThirdPartyReference.
  ctx.route('GET', `${base}/transactions/:ref`, (req, res) => {
    const tx = state.find(req.params.ref ?? '');
    if (!tx) return sendJson(res, 404, { error: 'not_found', message: 'No transaction with this TransactionID, ConversationID or ThirdPartyReference.' });
    sendJson(res, 200, transactionView(tx, state));
  });

  // Every input_ThirdPartyReference a C2B call carried (refused calls included) → how many calls.
  ctx.route('GET', `${base}/c2b-calls`, (_req, res) => sendJson(res, 200, Object.fromEntries(state.c2bCalls)));

  ctx.route('GET', `${base}/balance`, (_req, res) => {
    state.settleDue();
    sendJson(res, 200, balanceView());
  });

  // Body {"balance": "1234.50"} (major units, MZN, a string or a number).
  ctx.route('PUT', `${base}/balance`, (req, res) => {
    const body = req.json();
    const value = body.kind === 'json' && body.value && typeof body.value === 'object' ? (body.value as Record<string, unknown>)['balance'] : undefined;
    const minor = typeof value === 'string' || typeof value === 'number' ? parseMzn(String(value), true) : null;
    if (minor === null) return sendJson(res, 400, { error: 'bad_request', message: 'Body must be {"balance": "<non-negative MZN amount>"}.' });
    state.settleDue();
    state.balanceMinor = minor;
    sendJson(res, 200, balanceView());
  });
}
