// Account balances of the emulation, per product and target environment, in BigInt minor units of the
// environment's currency. Collection starts at 0 and grows with SUCCESSFUL requests-to-pay;
// Disbursement starts at options.mtnDisbursementBalance (major units) and pays transfers and refunds.
import { MTN_TARGET_ENVIRONMENTS, formatMinor } from './mtn-momo.environments';
import { MTN_PRODUCTS, type MtnProduct } from './mtn-momo.records';

export function balanceKey(product: MtnProduct, targetEnvironment: string): string {
  return `${product}:${targetEnvironment}`;
}

export type DecimalParse = { ok: true; minor: bigint } | { ok: false; message: string };

const DECIMAL = /^(-)?(\d{1,18})(?:\.(\d{1,18}))?$/;

/**
 * A decimal string of major units ("1000000", "12.5", "-3") into minor units. Extra fraction digits
 * beyond the currency's are refused ('reject') or dropped ('truncate', for the start-up option, so one
 * value works for EUR and UGX alike). Zero and negative values are allowed (unlike payment amounts).
 */
export function parseDecimal(text: string, exponent: number, excess: 'reject' | 'truncate', allowNegative: boolean): DecimalParse {
  const match = DECIMAL.exec(text);
  if (!match || (match[1] && !allowNegative)) {
    return { ok: false, message: `must be a ${allowNegative ? '' : 'non-negative '}decimal number in a string, e.g. "1000" or "12.50"` };
  }
  const fraction = match[3] ?? '';
  if (excess === 'reject' && fraction.length > exponent && /[^0]/.test(fraction.slice(exponent))) {
    return { ok: false, message: `has more than ${exponent} decimal places for this currency` };
  }
  const scaled = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const magnitude = BigInt(match[2] ?? '0') * 10n ** BigInt(exponent) + (exponent > 0 ? BigInt(scaled) : 0n);
  return { ok: true, minor: match[1] ? -magnitude : magnitude };
}

/** The balances at start: every target environment, both products. Throws on a malformed option. */
export function initialBalances(disbursementMajor: string): Map<string, bigint> {
  const balances = new Map<string, bigint>();
  for (const [name, env] of Object.entries(MTN_TARGET_ENVIRONMENTS)) {
    const parsed = parseDecimal(disbursementMajor.trim(), env.exponent, 'truncate', false);
    if (!parsed.ok) throw new Error(`mtnDisbursementBalance ${parsed.message}, got "${disbursementMajor}"`);
    balances.set(balanceKey('collection', name), 0n);
    balances.set(balanceKey('disbursement', name), parsed.minor);
  }
  return balances;
}

export interface MtnBalanceView {
  targetEnvironment: string;
  product: MtnProduct;
  currency: string;
  /** Decimal string of major units. */
  available: string;
  availableMinor: string;
}

export function balanceView(balances: ReadonlyMap<string, bigint>, product: MtnProduct, targetEnvironment: string): MtnBalanceView | null {
  const env = MTN_TARGET_ENVIRONMENTS[targetEnvironment];
  if (!env || !Object.prototype.hasOwnProperty.call(MTN_TARGET_ENVIRONMENTS, targetEnvironment)) return null;
  const minor = balances.get(balanceKey(product, targetEnvironment)) ?? 0n;
  return { targetEnvironment, product, currency: env.currency, available: formatMinor(minor, env.exponent), availableMinor: minor.toString() };
}

export function allBalanceViews(balances: ReadonlyMap<string, bigint>): MtnBalanceView[] {
  const views: MtnBalanceView[] = [];
  for (const targetEnvironment of Object.keys(MTN_TARGET_ENVIRONMENTS)) {
    for (const product of MTN_PRODUCTS) {
      const view = balanceView(balances, product, targetEnvironment);
      if (view) views.push(view);
    }
  }
  return views;
}
