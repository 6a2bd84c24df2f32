export const RECONCILIATION_QUEUE = 'reconciliation';
export const TICK_JOB = 'tick';
export const RECONCILE_JOB = 'reconcile';
export const TICK_SCHEDULER_ID = 'reconciliation-tick';
