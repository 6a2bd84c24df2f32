// Account-holder "active" checks (fact sheet §5, §11): MTN's sandbox ids by id type, plus Malipo's own
// MSISDN suffixes (last six digits) 990009 (not active) and 990010 (unknown account holder). The
// same answers on /collection and /disbursement; every check is counted for the control endpoints.
import { sendJson } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { authorizeProductCall } from './mtn-momo.auth';
import { mtnBadRequest, mtnError } from './mtn-momo.errors';
import type { MtnProduct } from './mtn-momo.records';
import type { MtnMomoState } from './mtn-momo.state';

export type AccountHolderCase =
  | { kind: 'not-found' }
  | { kind: 'not-active' }
  | { kind: 'error'; httpStatus: number; code: string };

const ACCOUNT_HOLDER_CASES: readonly AccountHolderCase[] = [
  { kind: 'not-found' },
  { kind: 'not-active' },
  { kind: 'error', httpStatus: 500, code: 'NOT_ALLOWED' },
  { kind: 'error', httpStatus: 500, code: 'NOT_ALLOWED_TARGET_ENVIRONMENT' },
  { kind: 'error', httpStatus: 500, code: 'INTERNAL_PROCESSING_ERROR' },
  { kind: 'error', httpStatus: 503, code: 'SERVICE_UNAVAILABLE' },
];

const ACCOUNT_HOLDER_IDS: Readonly<Record<string, readonly string[]>> = {
  msisdn: ['46733123450', '46733123451', '46733123452', '46733123453', '46733123454', '46733123455'],
  email: [
    'notfound@email.com',
    'notactive@email.com',
    'notallowed@email.com',
    'notallowedtargetenvironment@email.com',
    'internalprocessingerror@email.com',
    'serviceunavailable@email.com',
  ],
  party_code: [
    '5cecb5a7-8bd0-4f49-87b1-8eb9ecc7b7bc',
    'b0040b3c-b426-4a90-af6e-673e65861cd7',
    '4d5f500f-c385-4901-9be5-25b6d36ad220',
    'd2265f9b-0c22-496d-908f-79a65ad66266',
    '8f548a78-ceb8-4d12-a243-5640b91e91a4',
    '585c07a4-2c80-42f7-9e73-e586b36dee68',
  ],
};

/** Malipo's MSISDN suffixes for the account-holder check. */
export const ACCOUNT_HOLDER_SUFFIXES: Readonly<Record<string, AccountHolderCase>> = Object.freeze({
  '990009': { kind: 'not-active' },
  '990010': { kind: 'not-found' },
});

export const ACCOUNT_HOLDER_ID_TYPES = Object.keys(ACCOUNT_HOLDER_IDS);

/** The id as it is compared and counted: MSISDNs as given, e-mails and party codes lower-cased. */
export function normalizeAccountHolderId(idType: string, id: string): string {
  return idType === 'msisdn' ? id : id.toLowerCase();
}

export function accountHolderCase(idType: string, id: string): AccountHolderCase | null {
  const ids = ACCOUNT_HOLDER_IDS[idType];
  const index = ids ? ids.indexOf(normalizeAccountHolderId(idType, id)) : -1;
  if (index >= 0) return ACCOUNT_HOLDER_CASES[index] ?? null;
  if (idType === 'msisdn' && /^\d{6,}$/.test(id)) return ACCOUNT_HOLDER_SUFFIXES[id.slice(-6)] ?? null;
  return null;
}

/** GET /{product}/v1_0/accountholder/{idType}/{id}/active */
export function registerAccountHolderRoute(ctx: OperatorContext, state: MtnMomoState, product: MtnProduct): void {
  ctx.route('GET', `/${product}/v1_0/accountholder/:idType/:id/active`, (req, res) => {
    state.settleDue();
    const caller = authorizeProductCall(req, res, state, product);
    if (!caller) return;
    const idType = (req.params.idType ?? '').toLowerCase();
    if (!ACCOUNT_HOLDER_ID_TYPES.includes(idType)) {
      return mtnBadRequest(res, `accountHolderIdType must be one of ${ACCOUNT_HOLDER_ID_TYPES.join(', ')}.`);
    }
    const id = req.params.id ?? '';
    state.countAccountHolderCheck(idType, normalizeAccountHolderId(idType, id), product, caller.environmentName);
    const found = accountHolderCase(idType, id);
    if (!found) return sendJson(res, 200, { result: true });
    if (found.kind === 'not-found') return mtnError(res, 404, 'RESOURCE_NOT_FOUND');
    if (found.kind === 'not-active') return sendJson(res, 200, { result: false });
    mtnError(res, found.httpStatus, found.code);
  });
}
