import { formatMinor } from '../common/money/money';
import { NextAction, TransactionEntity } from './transaction.entity';

/** A transaction as the API and merchant notifications show it (api-contract.md). */
export interface TransactionView {
  id: string;
  type: string;
  status: string;
  amount: string;
  currency: string;
  country: string;
  phoneNumber: string;
  provider: string;
  providerReference: string | null;
  providerTransactionId: string | null;
  reference: string | null;
  description: string | null;
  metadata: Record<string, unknown>;
  failureCode: string | null;
  failureReason: string | null;
  refundedAmount: string;
  nextAction: NextAction | null;
  parentId: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export function presentTransaction(t: TransactionEntity): TransactionView {
  return {
    id: t.id,
    type: t.type,
    status: t.status,
    amount: formatMinor(t.amountMinor, t.currency),
    currency: t.currency,
    country: t.country,
    phoneNumber: t.msisdn,
    provider: t.provider,
    providerReference: t.providerReference,
    providerTransactionId: t.providerTransactionId,
    reference: t.reference,
    description: t.description,
    metadata: t.metadata,
    failureCode: t.failureCode,
    failureReason: t.failureReason,
    refundedAmount: formatMinor(t.refundedAmountMinor, t.currency),
    nextAction: t.nextAction,
    parentId: t.parentId,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    completedAt: t.completedAt ? t.completedAt.toISOString() : null,
  };
}
