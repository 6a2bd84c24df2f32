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
import { StatsService } from './stats.service';

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
    private readonly statsService: StatsService,
  ) {}

  @Get('stats')
  @ApiOperation({ summary: 'Counts and amounts by status, provider, type; success rate; latency percentiles; flagged conflicts; callbacks by verdict' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601; default 24 h before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601; default now' })
  @ApiProblems(401, 403, 422)
  stats(@Query('from') from?: string, @Query('to') to?: string) {
    const end = to === undefined ? new Date() : new Date(to);
    const start = from === undefined ? new Date(end.getTime() - 24 * 3600 * 1000) : new Date(from);
    if (Number.isNaN(end.getTime())) throw Problem.field('to', 'to must be an ISO 8601 date-time');
    if (Number.isNaN(start.getTime())) throw Problem.field('from', 'from must be an ISO 8601 date-time');
    if (start >= end) throw Problem.field('from', 'from must be before to');
    return this.statsService.stats(start, end);
  }

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
