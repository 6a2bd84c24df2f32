import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Body of POST /v1/admin/transactions/{id}/reverse. */
export class ReverseDto {
  @ApiPropertyOptional({ example: 'Paid twice by mistake', maxLength: 100, description: 'Why; kept in the audit trail and sent as the remark where the operator takes one' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reason?: string;
}
