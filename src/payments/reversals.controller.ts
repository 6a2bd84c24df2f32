import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedKey, CurrentApiKey, RequireScope } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { presentTransaction } from '../transactions/transaction.presenter';
import { ReverseDto } from './dto/reverse.dto';
import { TransactionDto } from './dto/transaction.dto';
import { ReversalsService } from './reversals.service';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScope('admin')
@Controller('v1/admin/transactions')
export class ReversalsController {
  constructor(private readonly reversals: ReversalsService) {}

  @Post(':id/reverse')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask the provider to reverse a succeeded transaction (whole amount)',
    description: '`reversed` at once where the operator answers at once (Vodacom); still `succeeded` while the answer comes by callback (Daraja): follow /events.',
  })
  @ApiAcceptedResponse({ type: TransactionDto })
  @ApiProblems(401, 403, 404, 409, 422)
  async reverse(@Param('id') id: string, @Body() body: ReverseDto, @CurrentApiKey() apiKey: AuthenticatedKey): Promise<TransactionDto> {
    return presentTransaction(await this.reversals.reverse(id, `api-key:${apiKey.id}`, body.reason ?? null));
  }
}
