// `npm run rotate-master-key`: MALIPO_MASTER_KEY (current) -> MALIPO_NEW_MASTER_KEY for every provider
// account's credentials. Then set MALIPO_MASTER_KEY to the new key and restart the gateway.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { parseMasterKey } from '../common/crypto/secret-box';
import { rotateMasterKey } from '../providers/accounts/rotate-master-key';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is missing');
  const oldKey = parseMasterKey(process.env.MALIPO_MASTER_KEY, 'MALIPO_MASTER_KEY');
  const newKey = parseMasterKey(process.env.MALIPO_NEW_MASTER_KEY, 'MALIPO_NEW_MASTER_KEY');
  const db = await new DataSource(dataSourceOptions(url, 2)).initialize();
  try {
    const count = await rotateMasterKey(db, oldKey, newKey);
    process.stdout.write(`re-encrypted the credentials of ${count} provider account(s); now set MALIPO_MASTER_KEY to the new key and restart\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`rotate-master-key failed: ${error.message}\n`);
  process.exit(1);
});
