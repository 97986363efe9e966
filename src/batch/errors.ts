/** A problem with the batch's input or options as a whole (unreadable file, unknown header): nothing is made, exit 2. */
export class BatchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchInputError';
  }
}
