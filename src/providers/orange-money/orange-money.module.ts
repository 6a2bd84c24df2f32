// Registers the Orange Money (WebPay) provider. No controllers, database or queues: the gateway's registry
// collects OrangeMoneyProvider from this module's exports.
import { Module } from '@nestjs/common';
import { OrangeMoneyClient } from './orange-money.client';
import { OrangeMoneyProvider } from './orange-money.provider';

@Module({
  providers: [OrangeMoneyClient, OrangeMoneyProvider],
  exports: [OrangeMoneyProvider, OrangeMoneyClient],
})
export class OrangeMoneyModule {}
