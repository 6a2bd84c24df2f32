import { DataSource } from 'typeorm';
import { decryptSecret, encryptSecret } from '../../common/crypto/secret-box';

/**
 * Re-encrypts every provider account's credentials from one master key to another, in one database
 * transaction: either every row moves to the new key or none does.
 */
export async function rotateMasterKey(db: DataSource, oldKey: Buffer, newKey: Buffer): Promise<number> {
  return db.transaction(async (em) => {
    const rows: { id: string; name: string; credentials_enc: string }[] = await em.query(
      'SELECT id, name, credentials_enc FROM provider_accounts ORDER BY id FOR UPDATE',
    );
    for (const row of rows) {
      let plain: string;
      try {
        plain = decryptSecret(row.credentials_enc, oldKey);
      } catch {
        throw new Error(`account "${row.name}" cannot be decrypted with the current key: nothing was changed`);
      }
      await em.query('UPDATE provider_accounts SET credentials_enc = $2, updated_at = now() WHERE id = $1', [row.id, encryptSecret(plain, newKey)]);
    }
    return rows.length;
  });
}
