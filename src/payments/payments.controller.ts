import { Body, Controller, Headers, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedKey, CurrentApiKey, RequireScope } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { CreatePaymentDto } from './dto/create-payment.dto';
import { TransactionDto } from './dto/transaction.dto';
import { PaymentInitiationService } from './payment-initiation.service';
import { presentTransaction } from '../transactions/transaction.presenter';

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Max 255 chars; same key + same body = same answer for 24 h' };

/** Money in (collections) and out (disbursements): same body, same answers. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1')
export class PaymentsController {
  constructor(private readonly payments: PaymentInitiationService) {}

  @Post('collections')
  @HttpCode(202)
  @RequireScope('payments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Start a collection (the customer pays the merchant)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiAcceptedResponse({ type: TransactionDto, description: 'Stored: processing, or failed on a synchronous rejection by the provider' })
  @ApiProblems(400, 401, 403, 409, 422, 429, 503)
  async collect(@Body() body: CreatePaymentDto, @CurrentApiKey() apiKey: AuthenticatedKey, @Headers('idempotency-key') key?: string): Promise<TransactionDto> {
    return presentTransaction(await this.payments.start('collection', body, apiKey, key));
  }

  @Post('disbursements')
  @HttpCode(202)
  @RequireScope('payments:write')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Start a disbursement (the merchant pays a customer)' })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiAcceptedResponse({ type: TransactionDto, description: 'Stored: processing, or failed on a synchronous rejection (e.g. unknown payee)' })
  @ApiProblems(400, 401, 403, 409, 422, 429, 503)
  async disburse(@Body() body: CreatePaymentDto, @CurrentApiKey() apiKey: AuthenticatedKey, @Headers('idempotency-key') key?: string): Promise<TransactionDto> {
    return presentTransaction(await this.payments.start('disbursement', body, apiKey, key));
  }
}
