import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { formatMinor } from '../common/money/money';
import { Problem } from '../common/problem/problem';
import { AppConfig } from '../config/app-config';
import { writeNotification } from './notification-outbox';
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
  Pick<TransactionEntity, 'providerReference' | 'providerTransactionId' | 'failureCode' | 'failureReason' | 'nextAction' | 'nextReconcileAt' | 'providerData'>
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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Stores a new transaction with its first audit row. Returns null when its idempotency key is taken. */
  async create(transaction: TransactionEntity, event: AuditEvent): Promise<TransactionEntity | null> {
    try {
      return await this.db.transaction(async (em) => {
        await em.insert(TransactionEntity, transaction as QueryDeepPartialEntity<TransactionEntity>);
        await this.insertAudit(em, transaction.id, { ...event }, null, transaction.status);
        return transaction;
      });
    } catch (error) {
      if (isIdempotencyConflict(error)) return null;
      throw error;
    }
  }

  /**
   * Stores a transaction that is final on arrival (a customer-initiated payment the operator confirms:
   * Daraja C2B), with its audit row and merchant notification in the same database transaction.
   * Returns null when the operator's receipt is already stored (a repeated confirmation).
   */
  async createSettled(transaction: TransactionEntity, event: AuditEvent): Promise<TransactionEntity | null> {
    try {
      return await this.db.transaction(async (em) => {
        await em.insert(TransactionEntity, transaction as QueryDeepPartialEntity<TransactionEntity>);
        // Read back: insert leaves database-shaped values (bigint as text) on the object it was given.
        const stored = await em.findOneOrFail(TransactionEntity, { where: { id: transaction.id } });
        const eventId = await writeNotification(em, stored, this.config.get('MERCHANT_WEBHOOK_URL'));
        await this.insertAudit(em, stored.id, { ...event, detail: { ...event.detail, ...(eventId ? { notification: eventId } : {}) } }, null, stored.status);
        return stored;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { driverError?: { constraint?: string } }).driverError?.constraint === 'ux_transactions_customer_receipt') return null;
      throw error;
    }
  }

  /**
   * Stores a refund of a succeeded collection. Under the collection's row lock, so that concurrent
   * refunds can never together exceed it: what is reserved counts every refund not failed.
   */
  async createRefund(refund: TransactionEntity, event: AuditEvent): Promise<TransactionEntity | null> {
    try {
      return await this.db.transaction(async (em) => {
        const parent = await em.findOne(TransactionEntity, { where: { id: refund.parentId as string }, lock: { mode: 'pessimistic_write' } });
        if (!parent) throw Problem.notFound('Transaction');
        if (parent.type !== 'collection' || parent.status !== 'succeeded') {
          throw new Problem(409, 'INVALID_STATE', `Only a succeeded collection can be refunded; this is a ${parent.status} ${parent.type}`);
        }
        const [{ reserved }] = await em.query(
          `SELECT COALESCE(SUM(amount_minor), 0)::text AS reserved FROM transactions
           WHERE parent_id = $1 AND type = 'refund' AND status IN ('pending', 'processing', 'succeeded')`,
          [parent.id],
        );
        const remaining = parent.amountMinor - BigInt(reserved);
        if (refund.amountMinor > remaining) {
          throw new Problem(422, 'REFUND_EXCEEDS_AMOUNT', `At most ${formatMinor(remaining, parent.currency)} ${parent.currency} of this collection can still be refunded`);
        }
        await em.insert(TransactionEntity, refund as QueryDeepPartialEntity<TransactionEntity>);
        await this.insertAudit(em, refund.id, event, null, refund.status);
        await this.insertAudit(em, parent.id, { action: 'refund.requested', actor: event.actor, detail: { refundId: refund.id, amount: formatMinor(refund.amountMinor, refund.currency) } }, null, null);
        return refund;
      });
    } catch (error) {
      if (isIdempotencyConflict(error)) return null;
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
          const eventId = await writeNotification(em, transaction, this.config.get('MERCHANT_WEBHOOK_URL'));
          await this.insertAudit(em, id, { action: 'status.changed', actor, detail: { ...detail, ...(eventId ? { notification: eventId } : {}) } }, from, to);
          if (transaction.type === 'refund' && to === 'succeeded' && transaction.parentId) await this.settleRefund(em, transaction, actor);
          return true;
        },
      };
      return work(locked);
    });
  }

  /** A refund that succeeded counts against its collection, in the same database transaction. */
  private async settleRefund(em: EntityManager, refund: TransactionEntity, actor: string): Promise<void> {
    await em.query(
      `UPDATE transactions SET refunded_amount_minor = refunded_amount_minor + $2, updated_at = now(), version = version + 1 WHERE id = $1`,
      [refund.parentId, refund.amountMinor.toString()],
    );
    await this.insertAudit(em, refund.parentId as string, { action: 'refund.succeeded', actor, detail: { refundId: refund.id, amount: formatMinor(refund.amountMinor, refund.currency) } }, null, null);
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

function isIdempotencyConflict(error: unknown): boolean {
  return error instanceof QueryFailedError && (error as { driverError?: { constraint?: string } }).driverError?.constraint === 'ux_transactions_idempotency';
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
