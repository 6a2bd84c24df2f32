// Registers the Vodacom M-Pesa Mozambique provider. No controllers, database or queues: the gateway's
// registry collects MpesaVodacomProvider from this module's exports.
import { Module } from '@nestjs/common';
import { MpesaVodacomClient } from './mpesa-vodacom.client';
import { MpesaVodacomProvider } from './mpesa-vodacom.provider';

@Module({
  providers: [MpesaVodacomClient, MpesaVodacomProvider],
  exports: [MpesaVodacomProvider, MpesaVodacomClient],
})
export class MpesaVodacomModule {}
