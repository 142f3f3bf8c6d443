/**
 * A failure a caller can act on: it carries an HTTP status and a stable code. It is an answer,
 * not a fault, so it records no stack: in a claim race (99 losing answers per ticket) recording
 * them took about a tenth of the server's CPU per claim (bench/RESULTS.md, thirteenth session).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`, 404);
export const forbidden = (message: string) => new DomainError('forbidden', message, 403);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, 409, details);
export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new DomainError('invalid_request', message, 400, details);
