import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a provider asks to keep with a transaction (Orange's pay_token, a hash of its notif_token), and
 * the channel a transaction came through: `api` (a client called us) or `customer` (the customer paid
 * our till from their phone, Daraja C2B), deduplicated by the operator's receipt.
 */
export class ProviderDataAndChannel1764000000000 implements MigrationInterface {
  name = 'ProviderDataAndChannel1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE transactions ADD COLUMN provider_data jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE transactions ADD COLUMN channel varchar(16) NOT NULL DEFAULT 'api'`);
    await q.query(`ALTER TABLE transactions ADD CONSTRAINT transactions_channel_check CHECK (channel IN ('api', 'customer'))`);
    await q.query(
      `CREATE UNIQUE INDEX ux_transactions_customer_receipt ON transactions (provider_account_id, provider_transaction_id) WHERE channel = 'customer'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ux_transactions_customer_receipt`);
    await q.query(`ALTER TABLE transactions DROP CONSTRAINT IF EXISTS transactions_channel_check`);
    await q.query(`ALTER TABLE transactions DROP COLUMN IF EXISTS channel`);
    await q.query(`ALTER TABLE transactions DROP COLUMN IF EXISTS provider_data`);
  }
}
