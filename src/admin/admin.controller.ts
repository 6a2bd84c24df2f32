import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { Problem } from '../common/problem/problem';
import { NotificationDeliveryService } from '../notifications/notification-delivery.service';
import { ReconciliationService } from '../reconciliation/reconciliation.service';
import { presentTransaction } from '../transactions/transaction.presenter';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { CallbacksQueryService } from '../webhooks/callbacks-query.service';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScope('admin')
@Controller('v1/admin')
export class AdminController {
  constructor(
    private readonly notifications: NotificationDeliveryService,
    private readonly reconciliation: ReconciliationService,
    private readonly transactions: TransactionsQueryService,
    private readonly callbacks: CallbacksQueryService,
  ) {}

  @Post('transactions/:id/notify')
  @HttpCode(202)
  @ApiOperation({ summary: "Send a final transaction's merchant notification again (same event id)" })
  @ApiProblems(401, 403, 404, 409)
  async notify(@Param('id') id: string) {
    await this.transactions.getById(id);
    return this.notifications.resend(id);
  }

  @Post('transactions/:id/reconcile')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask the provider now and apply its answer' })
  @ApiProblems(401, 403, 404)
  async reconcile(@Param('id') id: string) {
    const result = await this.reconciliation.reconcile(id, 'admin');
    return { result, transaction: presentTransaction(await this.transactions.getById(id)) };
  }

  @Get('callbacks')
  @ApiOperation({ summary: 'Stored provider callbacks, newest first (matched=false: those no transaction claimed)' })
  @ApiQuery({ name: 'matched', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'provider', required: false })
  @ApiQuery({ name: 'verdict', required: false })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiProblems(401, 403, 422)
  async listCallbacks(@Query('matched') matched?: string, @Query('provider') provider?: string, @Query('verdict') verdict?: string, @Query('limit') limit?: string) {
    if (matched !== undefined && matched !== 'true' && matched !== 'false') throw Problem.field('matched', 'matched must be true or false');
    const size = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 500) throw Problem.field('limit', 'limit must be an integer from 1 to 500');
    const data = await this.callbacks.list({ matched: matched === undefined ? undefined : matched === 'true', provider, verdict, limit: size });
    return { data };
  }
}
