export const DEFERRED_INITIATION_QUEUE = 'deferred-initiation';
export const DEFERRED_INITIATE_JOB = 'initiate';

/** What a deferred initiation job carries: only ids and the browser return URLs, never secrets. */
export interface DeferredInitiationJob {
  transactionId: string;
  returnUrl?: string | null;
  cancelUrl?: string | null;
}
