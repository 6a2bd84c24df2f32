import { Body, Controller, Headers, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedKey, CurrentApiKey, RequireScope } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { PaymentInitiationService } from './payment-initiation.service';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { TransactionDto } from './dto/transaction.dto';
import { presentTransaction } from './transaction.presenter';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/collections')
export class CollectionsController {
  constructor(private readonly payments: PaymentInitiationService) {}

  @Post()
  @HttpCode(202)
  @RequireScope('payments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Start a collection (the customer pays the merchant)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Max 255 chars; same key + same body = same answer for 24 h' })
  @ApiAcceptedResponse({ type: TransactionDto, description: 'Stored: processing, or failed on a synchronous rejection by the provider' })
  @ApiProblems(400, 401, 403, 409, 422, 429, 503)
  async create(
    @Body() body: CreatePaymentDto,
    @CurrentApiKey() apiKey: AuthenticatedKey,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<TransactionDto> {
    return presentTransaction(await this.payments.start('collection', body, apiKey, idempotencyKey));
  }
}
