import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problem } from '../common/problem/problem';
import type { Scope } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { IS_PUBLIC, REQUIRED_SCOPES } from './auth.decorators';

/** Global guard: every route needs `Authorization: Bearer <api key>` unless marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest();
    const header: unknown = req.headers['authorization'];
    const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})$/i.exec(header.trim()) : null;
    if (!match) throw new Problem(401, 'UNAUTHORIZED', 'Send your API key as Authorization: Bearer <key>');
    const key = await this.apiKeys.authenticate(match[1]);
    if (!key) throw new Problem(401, 'UNAUTHORIZED', 'Unknown or revoked API key');
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPES, targets);
    if (scope && !key.scopes.includes(scope) && !key.scopes.includes('admin')) {
      throw new Problem(403, 'FORBIDDEN', `This API key lacks the ${scope} scope`);
    }
    req.apiKey = key;
    return true;
  }
}
