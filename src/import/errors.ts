/**
 * A file that cannot be read as a filled-in 様式, by code, with what to do (src/messages/import.ts). The server gives
 * each code its status (server/error-codes.ts: PAYLOAD_TOO_LARGE an XLSX bomb, UNSUPPORTED_MEDIA_TYPE not a PDF/XLSX,
 * the others a file that is not a filled-in 様式); the CLI prints the message.
 */
import { DomainError } from '../domain-error.ts';

export type ImportErrorCode = 'UNSUPPORTED_MEDIA_TYPE' | 'UNREADABLE_FILE' | 'NOT_FILLABLE' | 'WRONG_FORM' | 'PAYLOAD_TOO_LARGE';

export class ImportError extends DomainError<ImportErrorCode> {
  constructor(code: ImportErrorCode, message: string) {
    super(code, message);
    this.name = 'ImportError';
  }
}
