import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PROVIDER_IDS } from '../../providers/provider.port';
import { TRANSACTION_STATUSES } from '../../transactions/transaction-status';

export class ListTransactionsQuery {
  @ApiPropertyOptional({ enum: TRANSACTION_STATUSES }) @IsOptional() @IsIn(TRANSACTION_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['collection', 'disbursement', 'refund'] })
  @IsOptional()
  @IsIn(['collection', 'disbursement', 'refund'])
  type?: string;
  @ApiPropertyOptional({ enum: PROVIDER_IDS }) @IsOptional() @IsIn(PROVIDER_IDS) provider?: string;
  @ApiPropertyOptional({ example: 'UG' }) @IsOptional() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO alpha-2 code' }) country?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) reference?: string;
  @ApiPropertyOptional({ description: 'Any accepted form; matched after normalization' }) @IsOptional() @IsString() @MaxLength(32) phoneNumber?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) createdFrom?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) createdTo?: string;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer from 1 to 100' })
  @Min(1, { message: 'limit must be an integer from 1 to 100' })
  @Max(100, { message: 'limit must be an integer from 1 to 100' })
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
