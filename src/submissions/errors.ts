/**
 * What the e-submission domain refuses, with the HTTP status it means and a Japanese message for the person. The server
 * turns it into `{ error: { status, code, message } }`; the CLI prints the message.
 */
export class SubmissionError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    /** A result to return instead of the error JSON (422 from validation: the result contract). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'SubmissionError';
  }
}

export const notFound = (receiptNumber: string) =>
  new SubmissionError(404, 'SUBMISSION_NOT_FOUND', `受付番号「${receiptNumber}」の提出はありません。受付番号を確かめてください。`);
