import { createHmac, hkdfSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { formatMinor } from '../common/money/money';
import { AppConfig } from '../config/app-config';
import type { StatusQuery } from '../providers/provider.port';
import { TransactionEntity } from './transaction.entity';

/**
 * What a provider call about a stored transaction needs from it: its callback URL and its status query.
 *
 * A transaction's callback token is derived (HMAC of its id under a key derived from
 * MALIPO_WEBHOOK_SECRET), not random, so that later operations (a status query whose answer is posted
 * back, a reversal) can give the operator the same secret URL again. Only its hash is stored.
 * Rotating MALIPO_WEBHOOK_SECRET changes the URLs of later operations on older transactions.
 */
@Injectable()
export class ProviderCalls {
  private readonly tokenKey: Buffer;

  constructor(private readonly config: AppConfig) {
    const secret = String(config.get('MALIPO_WEBHOOK_SECRET'));
    this.tokenKey = Buffer.from(hkdfSync('sha256', secret, 'malipo', 'callback-tokens/v1', 32));
  }

  /** The secret path segment of a transaction's callback URL. */
  callbackToken(transactionId: string): string {
    return createHmac('sha256', this.tokenKey).update(transactionId).digest('base64url');
  }

  callbackUrl(transaction: Pick<TransactionEntity, 'id' | 'provider'>): string {
    return `${this.config.publicBaseUrl}/v1/webhooks/${transaction.provider}/${this.callbackToken(transaction.id)}`;
  }

  /** Everything a provider may need to find the transaction again at the operator. */
  statusQuery(transaction: TransactionEntity): StatusQuery {
    return {
      transactionId: transaction.id,
      type: transaction.type,
      providerReference: transaction.providerReference,
      providerTransactionId: transaction.providerTransactionId,
      createdAt: transaction.createdAt,
      providerData: transaction.providerData ?? {},
      amount: formatMinor(transaction.amountMinor, transaction.currency),
      amountMinor: transaction.amountMinor,
      currency: transaction.currency,
      msisdn: transaction.msisdn,
      callbackUrl: this.callbackUrl(transaction),
    };
  }
}
