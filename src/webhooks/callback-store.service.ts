import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { RawCallback } from '../providers/provider.port';
import { CallbackVerdict, ProviderCallbackEntity } from './provider-callback.entity';

/** The provider_callbacks table: every callback kept raw, with what became of it. */
@Injectable()
export class CallbackStore {
  constructor(@InjectRepository(ProviderCallbackEntity) private readonly callbacks: Repository<ProviderCallbackEntity>) {}

  async receive(providerId: string, tokenHash: string, raw: RawCallback, path = `/v1/webhooks/${providerId}/{token}`): Promise<string> {
    const row = await this.callbacks.save(
      this.callbacks.create({
        provider: providerId.slice(0, 32),
        method: raw.method.slice(0, 8),
        // The token is a secret: only its hash is kept.
        path: `${path}${queryString(raw.query)}`.slice(0, 512),
        tokenHash,
        sourceIp: raw.sourceIp.slice(0, 64),
        headers: raw.headers,
        rawBody: raw.rawBody,
        verdict: 'received',
      }),
    );
    return row.id;
  }

  async link(id: string, transactionId: string): Promise<void> {
    await this.callbacks.update({ id }, { transactionId });
  }

  async verdict(id: string, verdict: CallbackVerdict, detail?: string): Promise<void> {
    await this.callbacks.update({ id }, { verdict, verdictDetail: detail?.slice(0, 512) ?? null, processedAt: new Date() });
  }
}

function queryString(query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
}
