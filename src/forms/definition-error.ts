/** A broken definition (or municipality file) is a developer error that names the file and the path inside it, in the manner of pdfme's `ERROR POSITION`. */
export class DefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly at: string,
    detail: string,
  ) {
    super(`[yoshiki] definition ${file} is broken at ${at || '(root)'}: ${detail}`);
    this.name = 'DefinitionError';
  }
}
