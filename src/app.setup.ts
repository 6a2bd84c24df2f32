import { INestApplication, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { FieldError, Problem } from './common/problem/problem';
import { ProblemDto } from './common/problem/problem.dto';
import { sendProblem } from './common/problem/problem.filter';

const JSON_LIMIT = '64kb';
const CALLBACK_LIMIT = '256kb';

/** Builds the gateway exactly as production runs it; tests call this too. */
export async function createApp(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  return app;
}

export function configureApp(app: NestExpressApplication): void {
  // Behind N trusted reverse proxies req.ip is the address the outermost one saw; with 0, X-Forwarded-For is ignored.
  app.set('trust proxy', app.get(AppConfig).get('TRUSTED_PROXY_HOPS'));
  app.disable('x-powered-by');
  // Callbacks are kept byte for byte (stored raw, signatures are over raw bytes), whatever their content type.
  app.use('/v1/webhooks', express.raw({ type: () => true, limit: CALLBACK_LIMIT }));
  app.use(express.json({ limit: JSON_LIMIT, strict: false, type: ['application/json', 'application/*+json'] }));
  app.use(bodyParserErrors);
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => Problem.validation(flatten(errors)),
    }),
  );
  app.enableShutdownHooks();
  setupSwagger(app);
}

/** Errors from the body parsers happen before Nest's filters: answer them as problems too. */
function bodyParserErrors(error: Error & { type?: string; status?: number }, req: Request, res: Response, next: NextFunction): void {
  if (!error) return next();
  const requestId = (req as { id?: string }).id;
  if (error.type === 'entity.too.large') return sendProblem(res, new Problem(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${JSON_LIMIT}`), requestId);
  if (error.type === 'entity.parse.failed') return sendProblem(res, new Problem(400, 'MALFORMED_REQUEST', 'The request body is not valid JSON'), requestId);
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
    return sendProblem(res, new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset or encoding'), requestId);
  }
  sendProblem(res, new Problem(error.status && error.status < 500 ? error.status : 400, 'MALFORMED_REQUEST', 'The request body cannot be read'), requestId);
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) =>
      message.startsWith('property ') && message.endsWith('should not exist') ? { field, message: `${field} is not a known field` } : { field, message },
    );
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Malipo')
    .setDescription(
      'One REST API over mobile money operators. Amounts are decimal strings in major units; errors are RFC 9457 problem+json with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
