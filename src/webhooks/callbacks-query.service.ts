import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { redactHeaders } from '../providers/shared/redact-secrets';
import { ProviderCallbackEntity } from './provider-callback.entity';

export interface CallbackFilter {
  matched?: boolean;
  provider?: string;
  verdict?: string;
  limit: number;
}

/** Stored callbacks for admins, newest first; headers that could carry secrets are redacted. */
@Injectable()
export class CallbacksQueryService {
  constructor(@InjectRepository(ProviderCallbackEntity) private readonly callbacks: Repository<ProviderCallbackEntity>) {}

  async list(filter: CallbackFilter) {
    const qb = this.callbacks.createQueryBuilder('c').orderBy('c.received_at', 'DESC').limit(filter.limit);
    if (filter.matched === true) qb.andWhere('c.transaction_id IS NOT NULL');
    if (filter.matched === false) qb.andWhere('c.transaction_id IS NULL');
    if (filter.provider) qb.andWhere('c.provider = :provider', { provider: filter.provider });
    if (filter.verdict) qb.andWhere('c.verdict = :verdict', { verdict: filter.verdict });
    const rows = await qb.getMany();
    return rows.map((c) => ({
      id: c.id,
      provider: c.provider,
      transactionId: c.transactionId,
      method: c.method,
      path: c.path,
      sourceIp: c.sourceIp,
      headers: redactHeaders(c.headers),
      body: c.rawBody.toString('utf8'),
      verdict: c.verdict,
      verdictDetail: c.verdictDetail,
      receivedAt: c.receivedAt.toISOString(),
      processedAt: c.processedAt ? c.processedAt.toISOString() : null,
    }));
  }
}
