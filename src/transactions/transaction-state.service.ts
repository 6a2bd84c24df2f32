import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Problem } from '../common/problem/problem';
import { AuditLogEntity } from './audit-log.entity';
import { canTransition, isTerminal, TransactionStatus } from './transaction-status';
import { TransactionEntity } from './transaction.entity';

export interface AuditEvent {
  action: string;
  actor: string;
  detail?: Record<string, unknown> | null;
  durationMs?: number | null;
}

/** Fields a state change may set besides the status. */
export type TransitionPatch = Partial<
  Pick<TransactionEntity, 'providerReference' | 'providerTransactionId' | 'failureCode' | 'failureReason' | 'nextAction' | 'nextReconcileAt'>
>;

/** What a caller may do while it holds the row lock of one transaction. */
export interface LockedTransaction {
  readonly transaction: TransactionEntity;
  audit(event: AuditEvent): Promise<void>;
  /** Moves the status if the machine allows it; returns false (and changes nothing) otherwise. */
  transition(to: TransactionStatus, actor: string, patch?: TransitionPatch, detail?: Record<string, unknown>): Promise<boolean>;
  /** Updates non-status fields (e.g. provider reference, next reconciliation time). */
  patch(patch: TransitionPatch): Promise<void>;
}

/**
 * The only place where a transaction's status changes: under a row lock, through the status
 * machine, in one database transaction with its audit row.
 */
@Injectable()
export class TransactionStateService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores a new transaction with its first audit row. Returns null when its idempotency key is taken. */
  async create(transaction: TransactionEntity, event: AuditEvent): Promise<TransactionEntity | null> {
    try {
      return await this.db.transaction(async (em) => {
        await em.insert(TransactionEntity, transaction as QueryDeepPartialEntity<TransactionEntity>);
        await this.insertAudit(em, transaction.id, { ...event }, null, transaction.status);
        return transaction;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { driverError?: { constraint?: string } }).driverError?.constraint === 'ux_transactions_idempotency') {
        return null;
      }
      throw error;
    }
  }

  async withLock<T>(id: string, work: (locked: LockedTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      const transaction = await em.findOne(TransactionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!transaction) throw Problem.notFound('Transaction');
      const locked: LockedTransaction = {
        transaction,
        audit: (event) => this.insertAudit(em, id, event, null, null),
        patch: (patch) => this.update(em, transaction, patch),
        transition: async (to, actor, patch = {}, detail) => {
          const from = transaction.status;
          if (!canTransition(from, to)) return false;
          const changes: Partial<TransactionEntity> = { ...definedOnly(patch), status: to };
          if (isTerminal(to)) {
            changes.completedAt = new Date();
            changes.nextReconcileAt = null;
          }
          await this.update(em, transaction, changes);
          await this.insertAudit(em, id, { action: 'status.changed', actor, detail: detail ?? null }, from, to);
          return true;
        },
      };
      return work(locked);
    });
  }

  async recordEvent(id: string, event: AuditEvent): Promise<void> {
    await this.insertAudit(this.db.manager, id, event, null, null);
  }

  private async update(em: EntityManager, transaction: TransactionEntity, changes: Partial<TransactionEntity>): Promise<void> {
    const values = { ...definedOnly(changes), updatedAt: new Date() };
    await em
      .createQueryBuilder()
      .update(TransactionEntity)
      .set({ ...values, version: () => 'version + 1' } as QueryDeepPartialEntity<TransactionEntity>)
      .where('id = :id', { id: transaction.id })
      .execute();
    Object.assign(transaction, values, { version: transaction.version + 1 });
  }

  private async insertAudit(
    em: EntityManager,
    transactionId: string,
    event: AuditEvent,
    fromStatus: TransactionStatus | null,
    toStatus: TransactionStatus | null,
  ): Promise<void> {
    await em.insert(AuditLogEntity, {
      transactionId,
      action: event.action,
      actor: event.actor,
      detail: event.detail ?? null,
      durationMs: event.durationMs ?? null,
      fromStatus,
      toStatus,
    } as QueryDeepPartialEntity<AuditLogEntity>);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
