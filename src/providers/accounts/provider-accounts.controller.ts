import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../../auth/auth.decorators';
import { ApiProblems } from '../../common/problem/api-problems.decorator';
import { CreateProviderAccountDto, ProviderAccountDto, UpdateProviderAccountDto } from './dto/provider-account.dto';
import { ProviderAccountsAdminService } from './provider-accounts-admin.service';

@ApiTags('admin')
@ApiBearerAuth()
@RequireScope('admin')
@Controller('v1/admin/provider-accounts')
export class ProviderAccountsController {
  constructor(private readonly accounts: ProviderAccountsAdminService) {}

  @Get()
  @ApiOperation({ summary: 'Provider accounts (credentials are never returned: only the names of those set)' })
  @ApiOkResponse({ type: [ProviderAccountDto] })
  @ApiProblems(401, 403)
  list(): Promise<ProviderAccountDto[]> {
    return this.accounts.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiProblems(401, 403, 404)
  get(@Param('id') id: string): Promise<ProviderAccountDto> {
    return this.accounts.get(id);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a provider account; routing uses it at once' })
  @ApiCreatedResponse({ type: ProviderAccountDto })
  @ApiProblems(400, 401, 403, 422)
  create(@Body() body: CreateProviderAccountDto): Promise<ProviderAccountDto> {
    return this.accounts.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an account (deactivate, reprioritise, rotate credentials); effective at once' })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiProblems(400, 401, 403, 404, 422)
  update(@Param('id') id: string, @Body() body: UpdateProviderAccountDto): Promise<ProviderAccountDto> {
    return this.accounts.update(id, body);
  }

  @Post(':id/customer-payments/register')
  @HttpCode(200)
  @ApiOperation({
    summary: "Register this account's customer-payment URLs with the operator (Daraja C2B register URL)",
    description: 'Answers registered true/false with the operator outcome and the URLs registered. Daraja production registers once per shortcode.',
  })
  @ApiProblems(401, 403, 404, 409, 422)
  registerCustomerPayments(@Param('id') id: string) {
    return this.accounts.registerCustomerPaymentUrls(id);
  }
}
