// Malipo's magic numbers for Vodacom: the last three digits of input_CustomerMSISDN choose what happens
// (any valid 2588[45]XXXXXXX number ending otherwise succeeds). Vodacom's own sandbox has no test numbers: it
// sends a real USSD prompt to the real phone (fact sheet §5).
import type { SandboxOptions } from '../options';
import type { VodacomTxStatus } from './mpesa-vodacom.state';

export type VodacomScenarioName =
  | 'success'
  | 'cancelled'
  | 'wrong-pin'
  | 'timeout'
  | 'duplicate'
  | 'insufficient'
  | 'invalid-msisdn'
  | 'internal-error'
  | 'overloaded'
  | 'slow'
  | 'hang'
  | 'empty-500';

export interface VodacomMagicNumber {
  suffix: string;
  example: string;
  scenario: VodacomScenarioName;
  c2b: string;
  b2c: string;
}

/** The table in README.md, exactly. */
export const VODACOM_MAGIC_NUMBERS: readonly VodacomMagicNumber[] = [
  { suffix: '901', example: '258840000901', scenario: 'cancelled', c2b: 'held, then 401 INS-5; status Cancelled', b2c: 'success' },
  { suffix: '902', example: '258840000902', scenario: 'wrong-pin', c2b: 'held, then 401 INS-6; status Cancelled', b2c: 'success' },
  { suffix: '903', example: '258840000903', scenario: 'timeout', c2b: 'held, then 408 INS-9; status Expired', b2c: 'success' },
  { suffix: '904', example: '258840000904', scenario: 'duplicate', c2b: 'at once 409 INS-10, but recorded Completed (money moved)', b2c: 'same' },
  { suffix: '905', example: '258840000905', scenario: 'insufficient', c2b: 'held, then 422 INS-2006; status Failed', b2c: 'at once 422 INS-2006; status Failed' },
  { suffix: '906', example: '258840000906', scenario: 'invalid-msisdn', c2b: 'at once 400 INS-2051; nothing recorded', b2c: 'same' },
  { suffix: '907', example: '258840000907', scenario: 'internal-error', c2b: 'held, then 500 INS-1; status Failed', b2c: 'at once 500 INS-1; status Failed' },
  { suffix: '908', example: '258840000908', scenario: 'overloaded', c2b: 'at once 503 INS-16; nothing recorded', b2c: 'same' },
  { suffix: '909', example: '258840000909', scenario: 'slow', c2b: 'held vodacomSlowMs, then 201 INS-0; Completed', b2c: 'same' },
  { suffix: '910', example: '258840000910', scenario: 'hang', c2b: 'never answered (until the client gives up); Completed after the C2B delay', b2c: 'never answered; Completed at once' },
  { suffix: '911', example: '258840000911', scenario: 'empty-500', c2b: 'held, then 500 with no body; Completed', b2c: 'at once 500 with no body; Completed' },
];

export function scenarioFor(msisdn: string): VodacomScenarioName {
  return VODACOM_MAGIC_NUMBERS.find((m) => msisdn.endsWith(m.suffix))?.scenario ?? 'success';
}

/** The INS code a recorded C2B answers with, and the status it ends in. */
export const C2B_OUTCOMES: Readonly<Record<VodacomScenarioName, { code: string | null; status: VodacomTxStatus }>> = {
  success: { code: 'INS-0', status: 'Completed' },
  cancelled: { code: 'INS-5', status: 'Cancelled' },
  'wrong-pin': { code: 'INS-6', status: 'Cancelled' },
  timeout: { code: 'INS-9', status: 'Expired' },
  duplicate: { code: 'INS-10', status: 'Completed' },
  insufficient: { code: 'INS-2006', status: 'Failed' },
  'invalid-msisdn': { code: 'INS-2051', status: 'Failed' },
  'internal-error': { code: 'INS-1', status: 'Failed' },
  overloaded: { code: 'INS-16', status: 'Failed' },
  slow: { code: 'INS-0', status: 'Completed' },
  hang: { code: null, status: 'Completed' },
  'empty-500': { code: null, status: 'Completed' },
};

/** What GET /_sandbox/mpesa-vodacom/scenarios shows. */
export function describeVodacomScenarios(options: SandboxOptions): unknown {
  return {
    c2bDelayMs: options.vodacomC2bDelayMs,
    slowMs: options.vodacomSlowMs,
    serviceProviderCode: options.vodacomServiceProviderCode,
    otherNumbers: 'success (C2B held vodacomC2bDelayMs, then 201 INS-0; B2C at once, 422 INS-2006 when the shortcode balance is short)',
    magicNumbers: VODACOM_MAGIC_NUMBERS,
  };
}
