import { Injectable, OnModuleInit, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AccountSeedReader } from './accounts/account-seed';
import { AirtelMoneyModule } from './airtel-money/airtel-money.module';
import { AirtelMoneyProvider } from './airtel-money/airtel-money.provider';
import { readAirtelMoneySeed } from './airtel-money/airtel-money.seed';
import { MpesaDarajaModule } from './mpesa-daraja/mpesa-daraja.module';
import { MpesaDarajaProvider } from './mpesa-daraja/mpesa-daraja.provider';
import { readMpesaDarajaSeed } from './mpesa-daraja/mpesa-daraja.seed';
import { MpesaVodacomModule } from './mpesa-vodacom/mpesa-vodacom.module';
import { MpesaVodacomProvider } from './mpesa-vodacom/mpesa-vodacom.provider';
import { readMpesaVodacomSeed } from './mpesa-vodacom/mpesa-vodacom.seed';
import { MtnMomoModule } from './mtn-momo/mtn-momo.module';
import { MtnMomoProvider } from './mtn-momo/mtn-momo.provider';
import { readMtnMomoSeed } from './mtn-momo/mtn-momo.seed';
import { OrangeMoneyModule } from './orange-money/orange-money.module';
import { OrangeMoneyProvider } from './orange-money/orange-money.provider';
import { readOrangeMoneySeed } from './orange-money/orange-money.seed';
import { PaymentProvider, ProviderId } from './provider.port';

interface ProviderRegistration {
  module: Type<unknown>;
  provider: Type<PaymentProvider>;
  seed: AccountSeedReader;
}

/** Every operator Malipo speaks. Adding one: a folder beside mtn-momo/ and one line here. */
export const PROVIDER_REGISTRATIONS: ProviderRegistration[] = [
  { module: MtnMomoModule, provider: MtnMomoProvider, seed: readMtnMomoSeed },
  { module: AirtelMoneyModule, provider: AirtelMoneyProvider, seed: readAirtelMoneySeed },
  { module: MpesaDarajaModule, provider: MpesaDarajaProvider, seed: readMpesaDarajaSeed },
  { module: OrangeMoneyModule, provider: OrangeMoneyProvider, seed: readOrangeMoneySeed },
  { module: MpesaVodacomModule, provider: MpesaVodacomProvider, seed: readMpesaVodacomSeed },
];

@Injectable()
export class ProviderRegistry implements OnModuleInit {
  private readonly byId = new Map<ProviderId, PaymentProvider>();

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const registration of PROVIDER_REGISTRATIONS) {
      const provider = this.moduleRef.get(registration.provider, { strict: false });
      this.byId.set(provider.id, provider);
    }
  }

  get(id: string): PaymentProvider | undefined {
    return this.byId.get(id as ProviderId);
  }

  all(): PaymentProvider[] {
    return [...this.byId.values()];
  }
}
