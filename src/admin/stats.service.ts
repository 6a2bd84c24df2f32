import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatMinor } from '../common/money/money';

/** Figures over a time window, computed in PostgreSQL (amounts summed as bigint, shown per currency). */
@Injectable()
export class StatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async stats(from: Date, to: Date) {
    const range = [from, to];
    const [groups, latency, providerCalls, conflicts, callbacks] = await Promise.all([
      this.db.query(
        `SELECT status, provider, type, currency, count(*)::int AS count, sum(amount_minor)::text AS amount
         FROM transactions WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        range,
      ),
      this.db.query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM completed_at - created_at) * 1000 AS ms FROM transactions
               WHERE status = 'succeeded' AND created_at >= $1 AND created_at < $2) s`,
        range,
      ),
      this.db.query(
        `SELECT t.provider, count(*)::int AS calls,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY a.duration_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY a.duration_ms) AS p99
         FROM audit_logs a JOIN transactions t ON t.id = a.transaction_id
         WHERE a.action LIKE 'provider.%' AND a.created_at >= $1 AND a.created_at < $2 GROUP BY 1 ORDER BY 1`,
        range,
      ),
      this.db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'outcome.conflict' AND created_at >= $1 AND created_at < $2`, range),
      this.db.query(`SELECT verdict, count(*)::int AS count FROM provider_callbacks WHERE received_at >= $1 AND received_at < $2 GROUP BY 1 ORDER BY 1`, range),
    ]);
    const rows = groups as { status: string; provider: string; type: string; currency: string; count: number; amount: string }[];
    const final = rows.filter((r) => r.status === 'succeeded' || r.status === 'failed').reduce((n, r) => n + r.count, 0);
    const succeeded = rows.filter((r) => r.status === 'succeeded').reduce((n, r) => n + r.count, 0);
    const round = (v: number | null) => (v === null ? null : Math.round(v));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      transactions: rows.map((r) => ({ ...r, amount: formatMinor(BigInt(r.amount), r.currency) })),
      total: rows.reduce((n, r) => n + r.count, 0),
      successRate: final > 0 ? succeeded / final : null,
      completionMs: { p50: round(latency[0]?.p50), p95: round(latency[0]?.p95), p99: round(latency[0]?.p99) },
      providerCalls: (providerCalls as { provider: string; calls: number; p50: number; p99: number }[]).map((p) => ({ provider: p.provider, calls: p.calls, p50Ms: round(p.p50), p99Ms: round(p.p99) })),
      flaggedConflicts: conflicts[0].n as number,
      callbacks: Object.fromEntries((callbacks as { verdict: string; count: number }[]).map((c) => [c.verdict, c.count])),
    };
  }
}
