import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderAccountEntity } from './accounts/provider-account.entity';
import { ProviderAccountsAdminService } from './accounts/provider-accounts-admin.service';
import { ProviderAccountsController } from './accounts/provider-accounts.controller';
import { ProviderAccountsService } from './accounts/provider-accounts.service';
import { ProviderCircuits } from './circuits/provider-circuits.service';
import { ProvidersCatalogService } from './catalog/providers-catalog.service';
import { ProvidersController } from './catalog/providers.controller';
import { PROVIDER_REGISTRATIONS, ProviderRegistry } from './provider.registry';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderAccountEntity]), ...PROVIDER_REGISTRATIONS.map((r) => r.module)],
  controllers: [ProviderAccountsController, ProvidersController],
  providers: [ProviderRegistry, ProviderAccountsService, ProviderAccountsAdminService, ProvidersCatalogService, ProviderCircuits],
  exports: [ProviderRegistry, ProviderAccountsService, ProviderCircuits],
})
export class ProvidersModule {}
