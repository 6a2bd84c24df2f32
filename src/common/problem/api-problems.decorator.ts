import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON (MALFORMED_REQUEST)',
  401: 'Missing or unknown API key (UNAUTHORIZED)',
  403: 'The API key lacks the scope (FORBIDDEN)',
  404: 'Unknown id (NOT_FOUND)',
  409: 'INVALID_STATE, or IDEMPOTENCY_IN_PROGRESS',
  422: 'VALIDATION_FAILED, UNSUPPORTED_ROUTE, UNSUPPORTED_OPERATION, IDEMPOTENCY_KEY_REUSED',
  429: 'Rate limited (RATE_LIMITED), see Retry-After',
  503: "The gateway's database or queue is unreachable (SERVICE_UNAVAILABLE)",
};

/** Documents the problem+json answers a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } }),
    ),
  );
}
