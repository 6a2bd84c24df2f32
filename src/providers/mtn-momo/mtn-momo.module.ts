// Registers the MTN MoMo provider. No controllers, database or queues: the gateway's registry
// collects MtnMomoProvider from this module's exports.
import { Module } from '@nestjs/common';
import { MtnMomoClient } from './mtn-momo.client';
import { MtnMomoProvider } from './mtn-momo.provider';

@Module({
  providers: [MtnMomoClient, MtnMomoProvider],
  exports: [MtnMomoProvider],
})
export class MtnMomoModule {}
