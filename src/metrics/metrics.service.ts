import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Prometheus metrics: process defaults, HTTP latency by route, and money-safety gauges read at scrape time. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'malipo_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(@InjectDataSource() db: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'malipo_' });
    new Gauge({
      name: 'malipo_open_transactions',
      help: 'Transactions still waiting for an outcome (pending or processing), by provider and type',
      labelNames: ['provider', 'type', 'status'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: { provider: string; type: string; status: string; n: number }[] = await db.query(
          `SELECT provider, type, status, count(*)::int AS n FROM transactions WHERE status IN ('pending', 'processing') GROUP BY 1, 2, 3`,
        );
        for (const r of rows) this.set({ provider: r.provider, type: r.type, status: r.status }, r.n);
      },
    });
    new Gauge({
      name: 'malipo_pending_notifications',
      help: 'Merchant notifications not yet delivered (outbox rows in state pending)',
      registers: [this.registry],
      async collect() {
        const [row] = await db.query(`SELECT count(*)::int AS n FROM notification_events WHERE state = 'pending'`);
        this.set(row.n);
      },
    });
  }
}
