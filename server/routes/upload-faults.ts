/**
 * What went wrong with a multipart upload, told apart once for every upload route (import, batch): each route answers
 * with its own Japanese message, but which faults are the client's — and how they are recognised — is the same.
 */
import multer from 'multer';

export type UploadFault =
  | { kind: 'too-large' }
  /** A file under a name the route does not take, or more than one file. */
  | { kind: 'unexpected-file'; field: string }
  /** More text parts than the route takes. */
  | { kind: 'too-many-parts'; field: string }
  /** A body that is not well-formed multipart. */
  | { kind: 'malformed' };


/** The client's fault in an upload, or undefined for anything else (left to the app's error handler). */
export function uploadFault(thrown: unknown): UploadFault | undefined {
  if (thrown instanceof multer.MulterError) {
    if (thrown.code === 'LIMIT_FILE_SIZE') return { kind: 'too-large' };
    // The part's name is the client's text: cut to a length a message can carry.
    const field = String(thrown.field ?? '').slice(0, 40);
    if (thrown.code === 'LIMIT_UNEXPECTED_FILE' || thrown.code === 'LIMIT_FILE_COUNT') return { kind: 'unexpected-file', field };
    if (thrown.code === 'LIMIT_FIELD_COUNT' || thrown.code === 'LIMIT_PART_COUNT') return { kind: 'too-many-parts', field };
    return { kind: 'malformed' };
  }
  // express's raw body parser (an upload sent without multipart) over its limit.
  if ((thrown as { type?: unknown } | null)?.type === 'entity.too.large') return { kind: 'too-large' };
  // busboy's own errors (a body cut short, a broken boundary or part header) carry no status.
  if (thrown instanceof Error && /multipart|boundary|Unexpected end of form|Malformed part header/i.test(thrown.message)) return { kind: 'malformed' };
  return undefined;
}
