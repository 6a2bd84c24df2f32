import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { Problem } from '../common/problem/problem';
import { AppConfig } from '../config/app-config';
import { returningRows } from '../database/returning-rows';

const RETENTION_HOURS = 48; // the contract promises at least 24 h
const LEASE_SECONDS = 120; // an owner that has not finished by then is presumed dead
const POLL_MS = 50;

export type Claim = { kind: 'owner' } | { kind: 'replay'; status: number; body: unknown };

/**
 * Idempotency-Key store. The first request inserts the key (the primary key makes the race safe on
 * any number of instances); duplicates wait for its answer and replay it, or get 409 when it takes
 * longer than IDEMPOTENCY_WAIT_MS; a different body under the same key gets 422.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async claim(apiKeyId: string, key: string, requestHash: string): Promise<Claim> {
    const deadline = Date.now() + this.config.get('IDEMPOTENCY_WAIT_MS');
    for (;;) {
      const inserted: unknown[] = await this.db.query(
        `INSERT INTO idempotency_keys (api_key_id, key, request_hash, state, locked_until, expires_at)
         VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4), now() + make_interval(hours => $5))
         ON CONFLICT (api_key_id, key) DO NOTHING RETURNING key`,
        [apiKeyId, key, requestHash, LEASE_SECONDS, RETENTION_HOURS],
      );
      if (inserted.length > 0) return { kind: 'owner' };

      const [row] = await this.db.query(
        `SELECT request_hash, state, response_status, response_body, locked_until < now() AS abandoned, expires_at < now() AS expired
         FROM idempotency_keys WHERE api_key_id = $1 AND key = $2`,
        [apiKeyId, key],
      );
      if (!row) continue; // the owner failed and released the key: try to claim it again
      if (row.expired) {
        await this.db.query(`DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND expires_at < now()`, [apiKeyId, key]);
        continue;
      }
      if (row.request_hash !== requestHash) {
        throw new Problem(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body');
      }
      if (row.state === 'completed') return { kind: 'replay', status: row.response_status, body: JSON.parse(row.response_body) };
      if (row.abandoned && (await this.takeOver(apiKeyId, key))) return { kind: 'owner' };
      if (Date.now() >= deadline) {
        throw new Problem(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly');
      }
      await sleep(POLL_MS);
    }
  }

  async complete(apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
       WHERE api_key_id = $1 AND key = $2`,
      [apiKeyId, key, status, JSON.stringify(body)],
    );
  }

  /** The owner failed before producing an answer worth keeping: free the key for a retry. */
  async release(apiKeyId: string, key: string): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE api_key_id = $1 AND key = $2 AND state = 'in_progress'`, [apiKeyId, key]);
  }

  /** Deletes keys past their retention, in batches so that no long lock is held. */
  async purgeExpired(batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.db.query(
        `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1) RETURNING key`,
        [batch],
      );
      const deleted = returningRows(result).length;
      total += deleted;
      if (deleted < batch) return total;
    }
  }

  private async takeOver(apiKeyId: string, key: string): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
       WHERE api_key_id = $1 AND key = $2 AND state = 'in_progress' AND locked_until < now() RETURNING key`,
      [apiKeyId, key, LEASE_SECONDS],
    );
    return returningRows(result).length > 0;
  }
}
