import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { sha256Hex } from '../common/crypto/hashing';
import { buildIpAllowlist } from '../common/net/ip-allowlist';
import { Problem } from '../common/problem/problem';
import { ProviderAccountsService } from '../providers/accounts/provider-accounts.service';
import { RawCallback } from '../providers/provider.port';
import { ProviderRegistry } from '../providers/provider.registry';
import { ProviderCalls } from '../transactions/provider-calls';
import { TransactionEntity } from '../transactions/transaction.entity';
import { CallbackRequest, callbackContext } from './callback-context';
import { CallbackStore } from './callback-store.service';

/**
 * First guard: stores the callback raw (before anything else can fail), then resolves its provider
 * and the transaction and account behind the URL token. Rejects only an unknown provider.
 */
@Injectable()
export class CallbackIntakeGuard implements CanActivate {
  constructor(
    private readonly store: CallbackStore,
    private readonly registry: ProviderRegistry,
    private readonly accounts: ProviderAccountsService,
    @InjectRepository(TransactionEntity) private readonly transactions: Repository<TransactionEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<CallbackRequest>();
    const providerId = String(req.params.provider ?? '');
    const tokenHash = sha256Hex(String(req.params.token ?? ''));
    const raw = toRawCallback(req);
    const callbackId = await this.store.receive(providerId, tokenHash, raw);
    const provider = this.registry.get(providerId);
    if (!provider) {
      await this.store.verdict(callbackId, 'unknown_provider', `no provider ${providerId.slice(0, 40)}`);
      throw Problem.notFound(`Provider`);
    }
    // A per-transaction token (in the callback URL we gave the operator), or an account-level one (an
    // URL registered once in the operator's portal, e.g. Airtel): then the body names the transaction.
    const transaction = await this.transactions.findOne({ where: { callbackTokenHash: tokenHash, provider: provider.id } });
    let account = transaction ? await this.accounts.context(transaction.providerAccountId) : null;
    if (!transaction) account = (await this.accounts.findByCallbackToken(provider.id, String(req.params.token ?? '')))?.context ?? null;
    req.callback = { callbackId, provider, raw, transaction, account };
    return true;
  }
}

/** The account's source address allowlist (`settings.callbackIpAllowlist`, CIDRs; off when empty). */
@Injectable()
export class CallbackIpAllowlistGuard implements CanActivate {
  constructor(private readonly store: CallbackStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { callbackId, account, raw } = callbackContext(context.switchToHttp().getRequest<CallbackRequest>());
    const entries = account?.settings.callbackIpAllowlist;
    if (!Array.isArray(entries) || entries.length === 0) return true;
    if (buildIpAllowlist(entries as string[]).allows(raw.sourceIp)) return true;
    await this.store.verdict(callbackId, 'rejected_ip', `source ${raw.sourceIp} is not in the allowlist`);
    throw new Problem(403, 'FORBIDDEN', 'This address may not send callbacks');
  }
}

/**
 * Authenticity: the per-transaction secret token in the URL must match (every provider), and where
 * the provider signs its callbacks, the signature over the raw bytes must verify too.
 */
@Injectable()
export class CallbackAuthGuard implements CanActivate {
  constructor(
    private readonly store: CallbackStore,
    private readonly calls: ProviderCalls,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { callbackId, provider, account, transaction, raw } = callbackContext(context.switchToHttp().getRequest<CallbackRequest>());
    if (!account) {
      await this.store.verdict(callbackId, 'rejected_token', 'unknown callback token');
      throw new Problem(401, 'UNAUTHORIZED', 'Unknown callback token');
    }
    if (transaction) await this.store.link(callbackId, transaction.id);
    const query = transaction ? this.calls.statusQuery(transaction) : undefined;
    if (provider.verifyCallbackSignature && !provider.verifyCallbackSignature(account, raw, query)) {
      await this.store.verdict(callbackId, 'rejected_signature', 'signature does not verify');
      throw new Problem(401, 'UNAUTHORIZED', 'Callback signature does not verify');
    }
    return true;
  }
}

export function toRawCallback(req: Request): RawCallback {
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let body: unknown;
  try {
    body = rawBody.length > 0 ? JSON.parse(rawBody.toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
  // req.ip honours TRUSTED_PROXY_HOPS (Express "trust proxy"): X-Forwarded-For counts only behind trusted proxies.
  const query = Object.fromEntries(Object.entries(req.query ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return { method: req.method, headers, rawBody, body, sourceIp: req.ip ?? req.socket.remoteAddress ?? 'unknown', query };
}
