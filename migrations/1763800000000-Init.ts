import { MigrationInterface, QueryRunner } from 'typeorm';

/** The spine's schema: transactions, audit trail, callbacks, idempotency keys, API keys, provider accounts. */
export class Init1763800000000 implements MigrationInterface {
  name = 'Init1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider varchar(32) NOT NULL,
        name varchar(100) NOT NULL,
        environment varchar(16) NOT NULL CHECK (environment IN ('sandbox', 'production')),
        base_url varchar(512) NOT NULL,
        countries varchar(2)[] NOT NULL,
        currencies varchar(3)[] NOT NULL,
        priority int NOT NULL DEFAULT 100,
        active boolean NOT NULL DEFAULT true,
        settings jsonb NOT NULL DEFAULT '{}',
        credentials_enc text NOT NULL,
        source varchar(8) NOT NULL DEFAULT 'api',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_provider_accounts_name ON provider_accounts (name)`);
    await q.query(`CREATE INDEX ix_provider_accounts_route ON provider_accounts (provider, active, priority)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        key_hash varchar(64) NOT NULL,
        key_prefix varchar(12) NOT NULL,
        scopes text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash)`);

    await q.query(`
      CREATE TABLE transactions (
        id uuid PRIMARY KEY,
        type varchar(16) NOT NULL CHECK (type IN ('collection', 'disbursement', 'refund')),
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'processing', 'succeeded', 'failed', 'reversed')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency varchar(3) NOT NULL,
        country varchar(2) NOT NULL,
        msisdn varchar(20) NOT NULL,
        provider varchar(32) NOT NULL,
        provider_account_id uuid NOT NULL REFERENCES provider_accounts (id),
        provider_reference varchar(128),
        provider_transaction_id varchar(128),
        reference varchar(64),
        description varchar(255),
        metadata jsonb NOT NULL DEFAULT '{}',
        callback_url varchar(2048),
        callback_token_hash varchar(64),
        failure_code varchar(32),
        failure_reason varchar(512),
        refunded_amount_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_amount_minor >= 0 AND refunded_amount_minor <= amount_minor),
        parent_id uuid REFERENCES transactions (id),
        next_action jsonb,
        api_key_id uuid REFERENCES api_keys (id),
        idempotency_key varchar(255),
        reconcile_attempts int NOT NULL DEFAULT 0,
        next_reconcile_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        version int NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_transactions_created_id ON transactions (created_at, id)`);
    await q.query(`CREATE INDEX ix_transactions_status_created ON transactions (status, created_at)`);
    await q.query(`CREATE INDEX ix_transactions_msisdn_created ON transactions (msisdn, created_at)`);
    await q.query(`CREATE INDEX ix_transactions_provider_created ON transactions (provider, created_at)`);
    await q.query(`CREATE INDEX ix_transactions_reference ON transactions (reference) WHERE reference IS NOT NULL`);
    await q.query(`CREATE INDEX ix_transactions_parent ON transactions (parent_id) WHERE parent_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX ix_transactions_reconcile_due ON transactions (next_reconcile_at) WHERE status IN ('pending', 'processing')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_transactions_callback_token ON transactions (callback_token_hash) WHERE callback_token_hash IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX ux_transactions_idempotency ON transactions (api_key_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE audit_logs (
        id bigserial PRIMARY KEY,
        transaction_id uuid NOT NULL REFERENCES transactions (id),
        action varchar(48) NOT NULL,
        from_status varchar(16),
        to_status varchar(16),
        actor varchar(64) NOT NULL,
        detail jsonb,
        duration_ms int,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_audit_logs_transaction ON audit_logs (transaction_id, id)`);

    await q.query(`
      CREATE TABLE provider_callbacks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider varchar(32) NOT NULL,
        transaction_id uuid REFERENCES transactions (id),
        method varchar(8) NOT NULL,
        path varchar(512) NOT NULL,
        token_hash varchar(64),
        source_ip varchar(64) NOT NULL,
        headers jsonb NOT NULL,
        raw_body bytea NOT NULL,
        verdict varchar(24) NOT NULL,
        verdict_detail varchar(512),
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX ix_provider_callbacks_transaction ON provider_callbacks (transaction_id) WHERE transaction_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_provider_callbacks_verdict_received ON provider_callbacks (verdict, received_at)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        api_key_id uuid NOT NULL REFERENCES api_keys (id),
        key varchar(255) NOT NULL,
        request_hash varchar(64) NOT NULL,
        state varchar(16) NOT NULL,
        response_status int,
        response_body text,
        locked_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, key)
      )`);
    await q.query(`CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'provider_callbacks', 'audit_logs', 'transactions', 'api_keys', 'provider_accounts']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
