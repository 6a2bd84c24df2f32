import type { Request } from 'express';
import type { PaymentProvider, ProviderAccountContext, RawCallback } from '../providers/provider.port';
import type { TransactionEntity } from '../transactions/transaction.entity';

/** What the callback guards learn, handed to the controller on the request. */
export interface CallbackContext {
  callbackId: string;
  provider: PaymentProvider;
  raw: RawCallback;
  /** The transaction whose secret URL token this callback carries; null for an account-level URL. */
  transaction: TransactionEntity | null;
  /** The account behind the token (the transaction's, or the account-level token's). */
  account: ProviderAccountContext | null;
}

export type CallbackRequest = Request & { callback?: CallbackContext };

export function callbackContext(req: CallbackRequest): CallbackContext {
  if (!req.callback) throw new Error('callback guards did not run');
  return req.callback;
}
