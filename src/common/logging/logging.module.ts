import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/app-config';

/** Request paths as logged: callback tokens replaced, query strings (phone numbers, references) dropped. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0];
  return path.replace(/^(\/v1\/webhooks\/[^/]+\/)[^/]+/, '$1{token}');
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          genReqId: (req: IncomingMessage) => {
            const given = req.headers['x-request-id'];
            return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
          },
          // Only what helps an operator; never headers (keys), bodies (phone numbers) or query strings.
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
            res: (res: { statusCode: number }) => ({ status: res.statusCode }),
          },
          redact: { paths: ['req.headers', 'res.headers', '*.authorization', '*.password', '*.apiKey', '*.secret'], remove: true },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
