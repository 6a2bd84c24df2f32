import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderAccountEntity } from './accounts/provider-account.entity';
import { ProviderAccountsService } from './accounts/provider-accounts.service';
import { PROVIDER_REGISTRATIONS, ProviderRegistry } from './provider.registry';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderAccountEntity]), ...PROVIDER_REGISTRATIONS.map((r) => r.module)],
  providers: [ProviderRegistry, ProviderAccountsService],
  exports: [ProviderRegistry, ProviderAccountsService],
})
export class ProvidersModule {}
