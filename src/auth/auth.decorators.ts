import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Scope } from './api-key.entity';

export const IS_PUBLIC = 'malipo:public';
export const REQUIRED_SCOPES = 'malipo:scopes';

/** No API key needed (health, metrics, docs, provider callbacks: those have their own guards). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** The API key must hold this scope (or `admin`). */
export const RequireScope = (scope: Scope) => SetMetadata(REQUIRED_SCOPES, scope);

export interface AuthenticatedKey {
  id: string;
  name: string;
  scopes: Scope[];
}

export const CurrentApiKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedKey => ctx.switchToHttp().getRequest().apiKey,
);
