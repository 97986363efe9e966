/**
 * What every domain refuses with: a machine-readable code from that domain's own union, a Japanese message for the person,
 * and optionally details (e.g. the validation result a refused filing carries). No HTTP status: a domain does not know
 * it is served over HTTP — the CLI prints the message, and the server maps the code to a status in one table
 * (server/error-codes.ts). On the ground floor, importing nothing, so the store and every domain above can throw it.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Machine-readable facts a refusal adds to the error object itself (`{ error: { status, code, message, ...fields } }`),
 * where `details` is not a whole answer of its own: e.g. the version a stale draft's tab should load.
 */
export class ErrorFields {
  constructor(readonly fields: Record<string, unknown>) {}
}
