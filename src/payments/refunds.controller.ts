import { Body, Controller, Headers, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedKey, CurrentApiKey, RequireScope } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { CreateRefundDto } from './dto/create-refund.dto';
import { TransactionDto } from './dto/transaction.dto';
import { RefundsService } from './refunds.service';
import { presentTransaction } from '../transactions/transaction.presenter';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/transactions')
export class RefundsController {
  constructor(private readonly refunds: RefundsService) {}

  @Post(':id/refunds')
  @HttpCode(202)
  @RequireScope('payments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Refund all or part of a succeeded collection' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: TransactionDto, description: 'The refund transaction (type refund, parentId = the collection)' })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429, 503)
  async create(
    @Param('id') id: string,
    @Body() body: CreateRefundDto,
    @CurrentApiKey() apiKey: AuthenticatedKey,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<TransactionDto> {
    return presentTransaction(await this.refunds.start(id, body, apiKey, idempotencyKey));
  }
}
