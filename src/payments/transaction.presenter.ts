import { formatMinor } from '../common/money/money';
import { TransactionEntity } from '../transactions/transaction.entity';
import { TransactionDto } from './dto/transaction.dto';

export function presentTransaction(t: TransactionEntity): TransactionDto {
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
