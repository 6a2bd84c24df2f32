import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Queue } from 'bullmq';
import { Public } from '../auth/auth.decorators';
import { RECONCILIATION_QUEUE } from '../reconciliation/reconciliation.constants';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectQueue(RECONCILIATION_QUEUE) private readonly queue: Queue,
  ) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and the reconciliation queue answer' })
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }), () => this.redis()]);
  }

  private async redis() {
    const indicator = this.indicators.check('redis');
    try {
      // BullMQ 6's client has no ping(): INFO answers the same question.
      const client = await this.queue.getBackend().client;
      const answer = await Promise.race([
        client.info(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      const waiting = await this.queue.getJobCounts('waiting', 'active', 'delayed');
      return answer.includes('redis_version') ? indicator.up({ queue: waiting }) : indicator.down({ message: 'unexpected INFO answer' });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
