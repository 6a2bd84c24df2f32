// Sandbox provisioning at the root (fact sheet §3): create an API user, give it a key, read it back.
// Any MTN product subscription key is accepted here.
import { sendEmpty, sendJson, type SandboxRequest, type SandboxResponse } from '../core/http';
import type { OperatorContext } from '../core/operator';
import { checkSubscriptionKey, requireBodyFraming } from './mtn-momo.auth';
import { mtnBadRequest, mtnError } from './mtn-momo.errors';
import type { MtnApiUser, MtnMomoState } from './mtn-momo.state';
import { isUuidV4 } from './mtn-momo.validation';

function findUser(req: SandboxRequest, res: SandboxResponse, state: MtnMomoState): MtnApiUser | null {
  const id = req.params.apiUser ?? '';
  const user = state.apiUsers.get(id);
  if (user) return user;
  if (!isUuidV4(id)) mtnBadRequest(res, 'The API user id must be a UUID version 4.');
  else mtnError(res, 404, 'RESOURCE_NOT_FOUND');
  return null;
}

export function registerMtnProvisioning(ctx: OperatorContext, state: MtnMomoState): void {
  ctx.route('POST', '/v1_0/apiuser', (req, res) => {
    if (!requireBodyFraming(req, res) || checkSubscriptionKey(req, res, state, null) === null) return;
    const referenceId = req.header('x-reference-id');
    if (!isUuidV4(referenceId)) return mtnBadRequest(res, 'X-Reference-Id must be a UUID version 4.');
    const body = req.json();
    if (body.kind !== 'json') return mtnBadRequest(res, 'Body must be JSON: {"providerCallbackHost":"example.com"}.');
    const host = (body.value as { providerCallbackHost?: unknown } | null)?.providerCallbackHost;
    if (typeof host !== 'string' || host.trim() === '') {
      return mtnBadRequest(res, 'providerCallbackHost is required (a host name, e.g. "example.com").');
    }
    if (!state.createApiUser(referenceId, host.trim())) return mtnError(res, 409, 'RESOURCE_ALREADY_EXIST');
    sendEmpty(res, 201);
  });

  ctx.route('POST', '/v1_0/apiuser/:apiUser/apikey', (req, res) => {
    if (!requireBodyFraming(req, res) || checkSubscriptionKey(req, res, state, null) === null) return;
    const user = findUser(req, res, state);
    if (user) sendJson(res, 201, { apiKey: state.newApiKey(user) });
  });

  ctx.route('GET', '/v1_0/apiuser/:apiUser', (req, res) => {
    if (checkSubscriptionKey(req, res, state, null) === null) return;
    const user = findUser(req, res, state);
    if (user) sendJson(res, 200, { providerCallbackHost: user.providerCallbackHost, targetEnvironment: user.targetEnvironment });
  });
}
