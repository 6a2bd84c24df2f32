import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { Problem } from '../../common/problem/problem';
import { ProvidersCatalogService } from './providers-catalog.service';

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly catalog: ProvidersCatalogService) {}

  @Get()
  @RequireScope('payments:read')
  @ApiOperation({ summary: 'Each provider: operations, countries, currencies, configured accounts (no secrets), recent health' })
  @ApiProblems(401, 403)
  list() {
    return this.catalog.list().then((data) => ({ data }));
  }

  @Get('resolve')
  @RequireScope('payments:read')
  @ApiOperation({ summary: 'Which operator and provider a phone number belongs to' })
  @ApiQuery({ name: 'phoneNumber', example: '0772123456' })
  @ApiQuery({ name: 'country', required: false, example: 'UG' })
  @ApiProblems(401, 403, 422)
  resolve(@Query('phoneNumber') phoneNumber?: string, @Query('country') country?: string) {
    if (typeof phoneNumber !== 'string' || phoneNumber.length === 0) throw Problem.field('phoneNumber', 'phoneNumber is required');
    if (country !== undefined && (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country))) throw Problem.field('country', 'country must be an ISO alpha-2 code');
    return this.catalog.resolve(phoneNumber, country);
  }

  @Get(':provider/balance')
  @RequireScope('admin')
  @ApiOperation({ summary: 'Balance of every active account of a provider, per wallet' })
  @ApiProblems(401, 403, 404, 422)
  balance(@Param('provider') provider: string) {
    return this.catalog.balance(provider);
  }
}
