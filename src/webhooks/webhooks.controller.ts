import { Controller, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { CallbackRequest, callbackContext } from './callback-context';
import { CallbackAuthGuard, CallbackIntakeGuard, CallbackIpAllowlistGuard } from './callback.guards';
import { CallbacksService } from './callbacks.service';

const MESSAGES: Record<number, string> = { 200: 'accepted', 400: 'unparseable body (stored)' };

/**
 * Provider callbacks. No API key: the guards store every request raw first, then check the source
 * address (per account allowlist), the per-transaction URL token and, where the provider signs, the signature.
 */
@ApiTags('provider callbacks')
@Public()
@UseGuards(CallbackIntakeGuard, CallbackIpAllowlistGuard, CallbackAuthGuard)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post(':provider/:token')
  @ApiOperation({ summary: 'Callback from a provider (stored raw, guarded, then confirmed by a status query before money moves)' })
  @ApiParam({ name: 'provider', example: 'mtn-momo' })
  @ApiParam({ name: 'token', description: 'Per-transaction secret, part of the callback URL given to the provider' })
  @ApiOkResponse({ description: 'Accepted (also for a duplicate)' })
  @ApiProblems(400, 401, 403, 404)
  async post(@Req() req: CallbackRequest, @Res() res: Response): Promise<void> {
    await this.handle(req, res);
  }

  @Put(':provider/:token')
  @ApiExcludeEndpoint()
  async put(@Req() req: CallbackRequest, @Res() res: Response): Promise<void> {
    await this.handle(req, res);
  }

  private async handle(req: CallbackRequest, res: Response): Promise<void> {
    const answer = await this.callbacks.process(callbackContext(req));
    // Operators that expect a particular acknowledgement (Daraja's ResultCode/ResultDesc) get it.
    if (answer.acknowledgement !== undefined && answer.status === 200) {
      res.status(200).json(answer.acknowledgement);
      return;
    }
    res.status(answer.status).json({ status: MESSAGES[answer.status] ?? 'ok', verdict: answer.verdict });
  }
}
