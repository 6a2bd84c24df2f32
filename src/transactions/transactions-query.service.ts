import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Problem } from '../common/problem/problem';
import { AuditLogEntity } from './audit-log.entity';
import { TransactionEntity } from './transaction.entity';

export interface TransactionFilter {
  status?: string;
  type?: string;
  provider?: string;
  country?: string;
  reference?: string;
  msisdn?: string;
  createdFrom?: Date;
  createdTo?: Date;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads of transactions and their audit trail. */
@Injectable()
export class TransactionsQueryService {
  constructor(
    @InjectRepository(TransactionEntity) private readonly transactions: Repository<TransactionEntity>,
    @InjectRepository(AuditLogEntity) private readonly audit: Repository<AuditLogEntity>,
  ) {}

  async getById(id: string): Promise<TransactionEntity> {
    const found = UUID.test(id) ? await this.transactions.findOne({ where: { id } }) : null;
    if (!found) throw Problem.notFound(`Transaction ${UUID.test(id) ? id : ''}`.trim());
    return found;
  }

  /** The transaction of an account named by a callback (our id, or the provider's reference). */
  async findForAccount(providerAccountId: string, references: (string | undefined)[]): Promise<TransactionEntity | null> {
    for (const reference of references) {
      if (!reference) continue;
      const byId = UUID.test(reference) ? await this.transactions.findOne({ where: { id: reference, providerAccountId } }) : null;
      const found = byId ?? (await this.transactions.findOne({ where: { providerReference: reference, providerAccountId } }));
      if (found) return found;
    }
    return null;
  }

  async getByIdempotencyKey(apiKeyId: string, idempotencyKey: string): Promise<TransactionEntity> {
    const found = await this.transactions.findOne({ where: { apiKeyId, idempotencyKey } });
    if (!found) throw new Problem(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
    return found;
  }

  /** Newest first, keyset pagination on (created_at, id): stable under concurrent inserts. */
  async list(filter: TransactionFilter, limit: number, cursor?: string): Promise<{ data: TransactionEntity[]; nextCursor: string | null }> {
    const qb = this.transactions.createQueryBuilder('t');
    const eq: [keyof TransactionFilter, string][] = [
      ['status', 'status'],
      ['type', 'type'],
      ['provider', 'provider'],
      ['country', 'country'],
      ['reference', 'reference'],
      ['msisdn', 'msisdn'],
    ];
    for (const [key, column] of eq) if (filter[key] !== undefined) qb.andWhere(`t.${column} = :${key}`, { [key]: filter[key] });
    if (filter.createdFrom) qb.andWhere('t.created_at >= :createdFrom', { createdFrom: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('t.created_at < :createdTo', { createdTo: filter.createdTo });
    if (cursor) {
      const after = decodeCursor(cursor);
      qb.andWhere('(t.created_at, t.id) < (:cursorAt::timestamptz, :cursorId::uuid)', { cursorAt: after.createdAt, cursorId: after.id });
    }
    qb.addSelect('t.created_at::text', 'cursor_created_at')
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(limit + 1);
    const { entities, raw } = await qb.getRawAndEntities();
    const hasMore = entities.length > limit;
    const data = entities.slice(0, limit);
    const last = raw[data.length - 1];
    return { data, nextCursor: hasMore && last ? encodeCursor(last.cursor_created_at, data[data.length - 1].id) : null };
  }

  /** True when a refund of this collection is not failed (pending, processing or succeeded). */
  async hasLiveRefunds(parentId: string): Promise<boolean> {
    return (await this.transactions.count({ where: { parentId, type: 'refund', status: In(['pending', 'processing', 'succeeded']) } })) > 0;
  }

  /** The newest audit row of a transaction among the given actions. */
  async lastEvent(transactionId: string, actions: string[]): Promise<AuditLogEntity | null> {
    return this.audit.findOne({ where: { transactionId, action: In(actions) }, order: { id: 'DESC' } });
  }

  async hasEvent(transactionId: string, action: string): Promise<boolean> {
    return (await this.audit.count({ where: { transactionId, action } })) > 0;
  }

  async events(transactionId: string): Promise<AuditLogEntity[]> {
    await this.getById(transactionId);
    return this.audit.find({ where: { transactionId }, order: { id: 'ASC' } });
  }
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof createdAt !== 'string' || !TIMESTAMP.test(createdAt) || !UUID.test(id)) throw new Error();
    return { createdAt, id };
  } catch {
    throw Problem.field('cursor', 'cursor is not a value returned as nextCursor');
  }
}
