import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/auth.decorators';
import { normalizeMsisdn } from '../common/phone/phone';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { Problem } from '../common/problem/problem';
import { TransactionsQueryService } from '../transactions/transactions-query.service';
import { ListTransactionsQuery } from './dto/list-transactions.query';
import { TransactionDto, TransactionEventsDto, TransactionPageDto } from './dto/transaction.dto';
import { presentTransaction } from '../transactions/transaction.presenter';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('v1/transactions')
export class TransactionsController {
  constructor(private readonly queries: TransactionsQueryService) {}

  @Get()
  @RequireScope('payments:read')
  @ApiOperation({ summary: 'List transactions, newest first, with cursor pagination' })
  @ApiOkResponse({ type: TransactionPageDto })
  @ApiProblems(401, 403, 422)
  async list(@Query() query: ListTransactionsQuery): Promise<TransactionPageDto> {
    let msisdn: string | undefined;
    if (query.phoneNumber !== undefined) {
      try {
        msisdn = normalizeMsisdn(query.phoneNumber, query.country).msisdn;
      } catch (error) {
        throw Problem.field('phoneNumber', (error as Error).message);
      }
    }
    const page = await this.queries.list(
      {
        status: query.status,
        type: query.type,
        provider: query.provider,
        country: query.country,
        reference: query.reference,
        msisdn,
        createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
        createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
      },
      query.limit ?? 20,
      query.cursor,
    );
    return { data: page.data.map(presentTransaction), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScope('payments:read')
  @ApiOperation({ summary: 'One transaction' })
  @ApiOkResponse({ type: TransactionDto })
  @ApiProblems(401, 403, 404)
  async get(@Param('id') id: string): Promise<TransactionDto> {
    return presentTransaction(await this.queries.getById(id));
  }

  @Get(':id/events')
  @RequireScope('payments:read')
  @ApiOperation({ summary: 'The audit trail: state changes, provider calls (redacted), callbacks received' })
  @ApiOkResponse({ type: TransactionEventsDto })
  @ApiProblems(401, 403, 404)
  async events(@Param('id') id: string): Promise<TransactionEventsDto> {
    const events = await this.queries.events(id);
    return {
      data: events.map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actor: e.actor,
        detail: e.detail,
        durationMs: e.durationMs,
        createdAt: e.createdAt.toISOString(),
      })),
    };
  }
}
