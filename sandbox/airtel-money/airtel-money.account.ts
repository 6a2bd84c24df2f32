// Account calls (fact sheet §8, §10): collection wallet balance GET /standard/v1/users/balance, KYC
// GET /standard/v1/users/{msisdn} (…990009 barred, …990010 not registered; every check is counted),
// and the encryption key GET /v1/rsa/encryption-keys (the sandbox's generated public key).
import type { SandboxRequest, SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { authorize } from './airtel-money.auth';
import { refuse, sendSuccess } from './airtel-money.codes';
import { checkMsisdn, formatMinor } from './airtel-money.countries';
import { kycCase } from './airtel-money.scenarios';
import type { AirtelMoneyState } from './airtel-money.state';

/** The name every sandbox subscriber has (shown in KYC and in disbursement messages). */
export function kycNames(msisdn: string): { first_name: string; last_name: string } {
  return { first_name: 'Sandbox', last_name: `User${msisdn.slice(-4)}` };
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "12-08-2024 21:29:26" as Airtel writes valid_upto. */
function airtelDate(d: Date): string {
  return `${two(d.getUTCDate())}-${two(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function balanceHandler(state: AirtelMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    state.settleDue();
    const caller = authorize(req, res, state, 'account');
    if (!caller) return;
    const minor = state.balance('collection', caller.country.code);
    sendSuccess(
      res,
      { balance: formatMinor(minor, caller.country.exponent), currency: caller.country.currency, account_status: 'Active' },
      'DP02100000001',
    );
  };
}

function kycHandler(state: AirtelMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    const caller = authorize(req, res, state, 'account');
    if (!caller) return;
    const checked = checkMsisdn(req.params.msisdn ?? '', caller.country);
    if (!checked.ok) return refuse(res, { resultCode: checked.resultCode, responseCode: 'DP02200000000', message: checked.message });
    const answer = kycCase(checked.msisdn);
    state.countKyc(checked.msisdn, caller.country.code, answer);
    if (answer === 'not-found') {
      return refuse(res, { resultCode: 'ESB000011', responseCode: 'DP02200000002', message: 'User not found' });
    }
    sendSuccess(
      res,
      {
        ...kycNames(checked.msisdn),
        msisdn: checked.msisdn,
        grade: 'MCOM',
        is_barred: answer === 'barred',
        is_pin_set: true,
        registration: { status: 'MCOM' },
      },
      'DP02200000001',
    );
  };
}

function encryptionKeyHandler(state: AirtelMoneyState) {
  return (req: SandboxRequest, res: SandboxResponse): void => {
    const caller = authorize(req, res, state, 'account');
    if (!caller) return;
    sendSuccess(
      res,
      { key_id: state.keys.keyId, key: state.keys.publicKeyBase64, valid_upto: airtelDate(state.keys.validUpto) },
      'DP02010001001',
    );
  };
}

export function registerAirtelAccount(ctx: OperatorContext, state: AirtelMoneyState): void {
  // Before /users/:msisdn, which would otherwise take "balance" for a number.
  ctx.route('GET', '/standard/v1/users/balance', balanceHandler(state));
  ctx.route('GET', '/standard/v1/users/:msisdn', kycHandler(state));
  ctx.route('GET', '/v1/rsa/encryption-keys', encryptionKeyHandler(state));
}
