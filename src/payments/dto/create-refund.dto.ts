import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CreatePaymentDto } from './create-payment.dto';

/** Body of POST /v1/transactions/{id}/refunds. */
export class CreateRefundDto extends PickType(CreatePaymentDto, ['reference', 'description', 'metadata', 'callbackUrl'] as const) {
  @ApiPropertyOptional({ example: '500', description: 'Decimal string in major units; omit to refund everything not yet refunded' })
  @IsOptional()
  @IsString({ message: 'amount must be a decimal string such as "500", not a JSON number' })
  @MaxLength(32)
  amount?: string;
}
