export const NOTIFICATIONS_QUEUE = 'notifications';
export const SWEEP_JOB = 'sweep';
export const DELIVER_JOB = 'deliver';
export const SWEEP_SCHEDULER_ID = 'notifications-sweep';
/** Retry schedule in units of NOTIFY_RETRY_BASE_SECONDS after the first try: 8 tries over about 24 h at 30 s. */
export const RETRY_MULTIPLIERS = [1, 4, 20, 60, 240, 720, 1800] as const;
export const MAX_ATTEMPTS = RETRY_MULTIPLIERS.length + 1;
