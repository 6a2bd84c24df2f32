import { Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { CustomerPaymentsService } from './customer-payments.service';

/**
 * Customer-initiated payments (Daraja C2B validation and confirmation). No API key: the account is
 * named by the secret token in the URL registered with the operator (hex, since Daraja refuses URLs
 * containing words such as "mpesa"), and its IP allowlist applies.
 */
@ApiTags('provider callbacks')
@Public()
@Controller('v1/webhooks/c2b')
export class CustomerPaymentsController {
  constructor(private readonly payments: CustomerPaymentsService) {}

  @Post(':token/:phase')
  @ApiOperation({ summary: 'Validation or confirmation of a payment the customer made to our till or paybill (stored raw first)' })
  @ApiParam({ name: 'token', description: "The account's customer-payment secret (see the provider account's customerPaymentUrls)" })
  @ApiParam({ name: 'phase', enum: ['validation', 'confirmation'] })
  @ApiOkResponse({ description: "The operator's expected answer (validation: accept or reject; confirmation: acknowledged, also for a duplicate)" })
  @ApiProblems(400, 401, 403, 404)
  async receive(@Param('token') token: string, @Param('phase') phase: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const answer = await this.payments.handle(token, phase, req);
    res.status(answer.status).json(answer.body);
  }
}
