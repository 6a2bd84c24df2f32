import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RECONCILIATION_QUEUE } from '../reconciliation/reconciliation.constants';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }), BullModule.registerQueue({ name: RECONCILIATION_QUEUE })],
  controllers: [HealthController],
})
export class HealthModule {}
