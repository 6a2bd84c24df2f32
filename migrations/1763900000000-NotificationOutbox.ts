import { MigrationInterface, QueryRunner } from 'typeorm';

/** Merchant notifications: an outbox row per terminal state change, written in the same transaction. */
export class NotificationOutbox1763900000000 implements MigrationInterface {
  name = 'NotificationOutbox1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_events (
        id varchar(40) PRIMARY KEY,
        transaction_id uuid NOT NULL,
        type varchar(32) NOT NULL,
        transaction_status varchar(16) NOT NULL,
        payload text NOT NULL,
        url varchar(2048),
        state varchar(16) NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error varchar(512),
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        CONSTRAINT notification_events_state_check CHECK (state IN ('pending', 'delivered', 'failed', 'dropped')),
        CONSTRAINT notification_events_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES transactions (id)
      )`);
    await q.query(`CREATE INDEX ix_notification_events_transaction ON notification_events (transaction_id)`);
    await q.query(`CREATE INDEX ix_notification_events_due ON notification_events (next_attempt_at) WHERE state = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification_events`);
  }
}
