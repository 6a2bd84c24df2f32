import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';
import { canonicalJson, sha256Hex } from '../common/crypto/hashing';
import { Problem } from '../common/problem/problem';
import { IdempotencyService } from './idempotency.service';

/**
 * Applies the contract's Idempotency-Key rules to a POST route. Only successful answers are kept:
 * an error frees the key so that the client may retry (the transaction's own unique
 * (api key, idempotency key) index still prevents a second transaction in every case).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request & { apiKey?: { id: string } }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (key === undefined || !req.apiKey) return next.handle();
    if (typeof key !== 'string' || key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
      return throwError(() => Problem.field('Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters'));
    }
    const apiKeyId = req.apiKey.id;
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const requestHash = sha256Hex(`${req.method} ${req.path}\n${canonicalJson(req.body ?? null)}`);

    return from(this.idempotency.claim(apiKeyId, key, requestHash)).pipe(
      switchMap((claim) => {
        if (claim.kind === 'replay') {
          res.setHeader('Idempotent-Replayed', 'true');
          return of(claim.body);
        }
        return next.handle().pipe(
          switchMap((body) => from(this.idempotency.complete(apiKeyId, key, status, body)).pipe(switchMap(() => of(body)))),
          catchError((error) => from(this.idempotency.release(apiKeyId, key).catch(() => undefined)).pipe(switchMap(() => throwError(() => error)))),
        );
      }),
    );
  }
}
