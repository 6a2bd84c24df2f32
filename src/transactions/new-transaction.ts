import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../common/crypto/hashing';
import type { ProviderId, TransactionType } from '../providers/provider.port';
import { TransactionEntity } from './transaction.entity';

export interface NewTransactionInput {
  type: TransactionType;
  amountMinor: bigint;
  currency: string;
  country: string;
  msisdn: string;
  provider: ProviderId;
  providerAccountId: string;
  reference?: string | null;
  description?: string | null;
  metadata?: Record<string, unknown>;
  callbackUrl?: string | null;
  parentId?: string | null;
  /** The API key that asked; null for a payment the customer started (Daraja C2B). */
  apiKeyId: string | null;
  idempotencyKey?: string | null;
  reconcileAfterSeconds: number;
  /** Derives the callback token from the new id (ProviderCalls.callbackToken). */
  callbackTokenFor: (transactionId: string) => string;
}

/** A `pending` transaction ready to be stored, and the secret token of its provider callback URL. */
export function newTransaction(input: NewTransactionInput): { transaction: TransactionEntity; callbackToken: string } {
  const id = randomUUID();
  const callbackToken = input.callbackTokenFor(id);
  const now = new Date();
  const transaction = Object.assign(new TransactionEntity(), {
    id,
    type: input.type,
    status: 'pending',
    amountMinor: input.amountMinor,
    currency: input.currency,
    country: input.country,
    msisdn: input.msisdn,
    provider: input.provider,
    providerAccountId: input.providerAccountId,
    providerReference: null,
    providerTransactionId: null,
    reference: input.reference ?? null,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    callbackUrl: input.callbackUrl ?? null,
    callbackTokenHash: sha256Hex(callbackToken),
    failureCode: null,
    failureReason: null,
    refundedAmountMinor: 0n,
    parentId: input.parentId ?? null,
    nextAction: null,
    providerData: {},
    channel: 'api',
    apiKeyId: input.apiKeyId,
    idempotencyKey: input.idempotencyKey ?? null,
    reconcileAttempts: 0,
    nextReconcileAt: new Date(now.getTime() + input.reconcileAfterSeconds * 1000),
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    version: 1,
  } satisfies Partial<TransactionEntity>);
  return { transaction, callbackToken };
}
