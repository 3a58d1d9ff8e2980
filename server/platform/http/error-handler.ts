import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorBody, type ErrorCode } from '../../errors.ts';

/**
 * Errors leave only through the catalogue: a stable code, the status, a message a person can
 * act on. Anything unexpected is logged and answered with a generic 500 that reveals nothing.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) return sendAppError(reply, error);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((issue) => ({
        path: [error.validationContext, ...(issue.instancePath ? issue.instancePath.split('/').filter(Boolean) : [])].join('.'),
        message: issue.message,
      }));
      const unknownField = error.validation.some((issue) => issue.keyword === 'unrecognized_keys');
      const code: ErrorCode = unknownField ? 'unknown_field' : 'invalid_request';
      return reply.code(400).send(errorBody(code, undefined, { issues }));
    }

    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status === 404 ? 'not_found' : status === 405 ? 'method_not_allowed' : 'invalid_request';
      // Fastify's own messages for malformed bodies are safe and specific ("Unexpected token…").
      const message = code === 'invalid_request' ? `The request is not valid: ${error.message}` : undefined;
      return reply.code(status).send(errorBody(code, message));
    }

    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
    return reply.code(500).send(errorBody('internal_error'));
  });
}

export function sendAppError(reply: FastifyReply, error: AppError) {
  const retryAfter = error.extra.retryAfterSeconds;
  if (error.status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(error.status).send(errorBody(error.code, error.message, error.extra));
}
