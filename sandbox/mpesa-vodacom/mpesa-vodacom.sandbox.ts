// Vodacom M-Pesa Mozambique /ipg/v1x/ emulation (fact sheet: /work/shared/providers/mpesa-vodacom-mz.md).
// The real API listens on one port per operation (C2B 18352, B2C 18345, reversal 18354, query 18353, §2);
// this sandbox serves every operation on its one port, routed by path (clients use settings.singlePort).
// Wires the state (key pair generated at start, transactions, balance), the API routes and the control plane.
import type { SandboxOperator } from '../core/operator';
import type { SandboxOptions } from '../options';
import { registerVodacomControl } from './mpesa-vodacom.control';
import { registerVodacomPayments } from './mpesa-vodacom.payments';
import { registerVodacomReversalAndQuery } from './mpesa-vodacom.reversal';
import { MpesaVodacomState } from './mpesa-vodacom.state';

export const mpesaVodacomOperator: SandboxOperator<MpesaVodacomState> = {
  id: 'mpesa-vodacom',
  name: 'Vodacom M-Pesa Mozambique (/ipg/v1x/)',
  create(ctx) {
    const state = new MpesaVodacomState(ctx.options);
    registerVodacomPayments(ctx, state);
    registerVodacomReversalAndQuery(ctx, state);
    registerVodacomControl(ctx, state);
    return { state };
  },
};

/**
 * The MPESA_VODACOM_* variables that point a gateway at this sandbox (single port, shortcode, API key,
 * initiator and credential). The key pair is generated at each start: pass the running sandbox's
 * `publicKeyBase64` (state, or GET /_sandbox/mpesa-vodacom/public-key).
 */
export function mpesaVodacomGatewayEnv(sandboxUrl: string, options: Readonly<SandboxOptions>, publicKeyBase64: string): Record<string, string> {
  return {
    MPESA_VODACOM_BASE_URL: sandboxUrl,
    MPESA_VODACOM_API_KEY: options.vodacomApiKey,
    MPESA_VODACOM_PUBLIC_KEY: publicKeyBase64,
    MPESA_VODACOM_SERVICE_PROVIDER_CODE: options.vodacomServiceProviderCode,
    MPESA_VODACOM_INITIATOR_IDENTIFIER: options.vodacomInitiatorIdentifier,
    MPESA_VODACOM_SECURITY_CREDENTIAL: options.vodacomSecurityCredential,
    MPESA_VODACOM_SINGLE_PORT: 'true',
  };
}
