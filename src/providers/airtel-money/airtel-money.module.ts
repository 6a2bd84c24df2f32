// Registers the Airtel Money provider. No controllers, database or queues: the gateway's registry
// collects AirtelMoneyProvider from this module's exports.
import { Module } from '@nestjs/common';
import { AirtelMoneyClient } from './airtel-money.client';
import { AirtelMoneyProvider } from './airtel-money.provider';

@Module({
  providers: [AirtelMoneyClient, AirtelMoneyProvider],
  exports: [AirtelMoneyProvider, AirtelMoneyClient],
})
export class AirtelMoneyModule {}
