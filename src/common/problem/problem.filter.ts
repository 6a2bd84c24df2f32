import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Problem } from './problem';
import { isInfrastructureDown } from './infrastructure-errors';

/** Renders every error as application/problem+json; nothing reaches the client as a stack trace. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const problem = this.toProblem(exception, req);
    sendProblem(res, problem, req?.id ? String(req.id) : undefined);
  }

  private toProblem(exception: unknown, req: Request): Problem {
    if (exception instanceof Problem) return exception;
    if (exception instanceof ThrottlerException) {
      return new Problem(429, 'RATE_LIMITED', 'Too many requests: slow down and retry after the delay in Retry-After');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return new Problem(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`);
      if (status === 405) return new Problem(405, 'METHOD_NOT_ALLOWED', 'Method not allowed');
      if (status === 413) return new Problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
      if (status === 401) return new Problem(401, 'UNAUTHORIZED', 'A valid API key is required');
      if (status === 403) return new Problem(403, 'FORBIDDEN', 'This API key may not do that');
      if (status === 400) return new Problem(400, 'MALFORMED_REQUEST', exception.message);
      if (status === 503) return new Problem(503, 'SERVICE_UNAVAILABLE', 'A dependency of the gateway is unavailable');
      if (status < 500) return new Problem(status, 'VALIDATION_FAILED', exception.message);
    }
    if (isInfrastructureDown(exception)) {
      this.logger.error(`infrastructure unavailable: ${(exception as Error).message}`);
      return new Problem(503, 'SERVICE_UNAVAILABLE', 'The gateway cannot reach its database or queue; retry later');
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return new Problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged');
  }
}

export function sendProblem(res: Response, problem: Problem, requestId?: string): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(problem.headers ?? {})) res.setHeader(name, value);
  res.status(problem.statusCode).type('application/problem+json').send(JSON.stringify(problem.toBody(requestId)));
}
