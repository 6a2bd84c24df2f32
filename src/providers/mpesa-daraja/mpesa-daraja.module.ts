// Registers the M-Pesa Daraja provider. No controllers, database or queues: the gateway's registry
// collects MpesaDarajaProvider from this module's exports.
import { Module } from '@nestjs/common';
import { MpesaDarajaClient } from './mpesa-daraja.client';
import { MpesaDarajaProvider } from './mpesa-daraja.provider';

@Module({
  providers: [MpesaDarajaClient, MpesaDarajaProvider],
  exports: [MpesaDarajaProvider, MpesaDarajaClient],
})
export class MpesaDarajaModule {}
