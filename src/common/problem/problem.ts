import { HttpException } from '@nestjs/common';

/** Stable, documented error codes of the public API (api-contract.md, "Errors"). */
export type ProblemCode =
  | 'MALFORMED_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNSUPPORTED_ROUTE'
  | 'UNSUPPORTED_OPERATION'
  | 'REFUND_EXCEEDS_AMOUNT'
  | 'INVALID_STATE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'METHOD_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

export interface FieldError {
  field: string;
  message: string;
}

const TITLES: Record<ProblemCode, string> = {
  MALFORMED_REQUEST: 'Malformed request',
  VALIDATION_FAILED: 'Validation failed',
  UNAUTHORIZED: 'Unauthorized',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  UNSUPPORTED_ROUTE: 'Unsupported route',
  UNSUPPORTED_OPERATION: 'Unsupported operation',
  REFUND_EXCEEDS_AMOUNT: 'Refund exceeds amount',
  INVALID_STATE: 'Invalid state',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused',
  IDEMPOTENCY_IN_PROGRESS: 'Idempotency key in progress',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  RATE_LIMITED: 'Too many requests',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  INTERNAL_ERROR: 'Internal error',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
}

/** An RFC 9457 problem. Throw it anywhere; the problem filter renders it as application/problem+json. */
export class Problem extends HttpException {
  constructor(
    readonly statusCode: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail, statusCode);
  }

  toBody(requestId?: string): ProblemBody {
    const body: ProblemBody = {
      type: `/problems/${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[this.code],
      status: this.statusCode,
      code: this.code,
      detail: this.detail,
    };
    if (this.errors?.length) body.errors = this.errors;
    if (requestId) body.requestId = requestId;
    return body;
  }

  static validation(errors: FieldError[]): Problem {
    const detail = errors.length === 1 ? errors[0].message : `${errors.length} fields are invalid`;
    return new Problem(422, 'VALIDATION_FAILED', detail, errors);
  }

  static field(field: string, message: string): Problem {
    return Problem.validation([{ field, message }]);
  }

  static notFound(what: string): Problem {
    return new Problem(404, 'NOT_FOUND', `${what} not found`);
  }
}
