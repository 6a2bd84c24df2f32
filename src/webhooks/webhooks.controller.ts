import { Controller, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { RawCallback } from '../providers/provider.port';
import { CallbacksService } from './callbacks.service';

const MESSAGES: Record<number, string> = { 200: 'accepted', 400: 'unparseable body (stored)', 401: 'rejected', 403: 'forbidden', 404: 'unknown provider' };

/** Provider callbacks. No API key: the per-transaction token in the URL and a status query guard them. */
@ApiTags('provider callbacks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post(':provider/:token')
  @Public()
  @ApiOperation({ summary: 'Callback from a provider (stored raw, then verified; unsigned ones are confirmed by a status query)' })
  @ApiParam({ name: 'provider', example: 'mtn-momo' })
  @ApiParam({ name: 'token', description: 'Per-transaction secret, part of the callback URL given to the provider' })
  @ApiOkResponse({ description: 'Accepted (also for a duplicate)' })
  @ApiProblems(400, 401, 403)
  async post(@Param('provider') provider: string, @Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    return this.handle(provider, token, req, res);
  }

  @Put(':provider/:token')
  @Public()
  @ApiExcludeEndpoint()
  async put(@Param('provider') provider: string, @Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    return this.handle(provider, token, req, res);
  }

  private async handle(provider: string, token: string, req: Request, res: Response): Promise<void> {
    const answer = await this.callbacks.receive(provider, token, toRawCallback(req));
    res.status(answer.status).json({ status: MESSAGES[answer.status] ?? 'ok', verdict: answer.verdict });
  }
}

function toRawCallback(req: Request): RawCallback {
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let body: unknown;
  try {
    body = rawBody.length > 0 ? JSON.parse(rawBody.toString('utf8')) : undefined;
  } catch {
    body = undefined;
  }
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]),
  );
  return { method: req.method, headers, rawBody, body, sourceIp: req.ip ?? req.socket.remoteAddress ?? 'unknown' };
}
