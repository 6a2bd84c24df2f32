/** The contract's status machine: pending -> processing -> succeeded | failed; succeeded -> reversed. */
export const TRANSACTION_STATUSES = ['pending', 'processing', 'succeeded', 'failed', 'reversed'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

const ALLOWED: Record<TransactionStatus, readonly TransactionStatus[]> = {
  // pending may jump straight to a final state: a status query can find the outcome before we
  // recorded the provider's acceptance (crash between the call and the write).
  pending: ['processing', 'succeeded', 'failed'],
  processing: ['succeeded', 'failed'],
  succeeded: ['reversed'],
  failed: [],
  reversed: [],
};

export function canTransition(from: TransactionStatus, to: TransactionStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isTerminal(status: TransactionStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'reversed';
}

/** Still waiting for an outcome from the provider: the statuses reconciliation looks after. */
export const OPEN_STATUSES: readonly TransactionStatus[] = ['pending', 'processing'];
