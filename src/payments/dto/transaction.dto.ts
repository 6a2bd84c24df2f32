import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FAILURE_CODES, PROVIDER_IDS } from '../../providers/provider.port';
import { TRANSACTION_STATUSES } from '../../transactions/transaction-status';
import type { TransactionView } from '../../transactions/transaction.presenter';

export class NextActionDto {
  @ApiProperty({ enum: ['redirect'] }) type: 'redirect';
  @ApiProperty({ example: 'https://pay.example/checkout/abc' }) url: string;
}

/** A transaction as the API returns it (api-contract.md). */
export class TransactionDto implements TransactionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['collection', 'disbursement', 'refund'] }) type: string;
  @ApiProperty({ enum: TRANSACTION_STATUSES }) status: string;
  @ApiProperty({ example: '1500', description: 'Decimal string, major units' }) amount: string;
  @ApiProperty({ example: 'UGX' }) currency: string;
  @ApiProperty({ example: 'UG' }) country: string;
  @ApiProperty({ example: '256772123456', description: 'E.164 digits without +' }) phoneNumber: string;
  @ApiProperty({ enum: PROVIDER_IDS }) provider: string;
  @ApiPropertyOptional({ nullable: true, type: String }) providerReference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) providerTransactionId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reference: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, enum: FAILURE_CODES }) failureCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The provider's own code and text" }) failureReason: string | null;
  @ApiProperty({ example: '0' }) refundedAmount: string;
  @ApiPropertyOptional({ nullable: true, type: NextActionDto }) nextAction: NextActionDto | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) parentId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) completedAt: string | null;
}

export class TransactionPageDto {
  @ApiProperty({ type: [TransactionDto] }) data: TransactionDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class TransactionEventDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'status.changed' }) action: string;
  @ApiPropertyOptional({ nullable: true, type: String }) fromStatus: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) toStatus: string | null;
  @ApiProperty({ example: 'provider-callback' }) actor: string;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, description: 'Redacted request/response or context' })
  detail: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) durationMs: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class TransactionEventsDto {
  @ApiProperty({ type: [TransactionEventDto] }) data: TransactionEventDto[];
}
