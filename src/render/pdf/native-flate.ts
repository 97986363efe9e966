/**
 * Flate compression of a document's page contents and ToUnicode maps by Node's zlib instead of pdf-lib's pako. Same
 * format, same compression level (the same bytes, in the PDFs compared); zlib is native code and pako JavaScript, and
 * compressing the page contents was a tenth of a render. Set on one document only: pdf-lib itself is left as it is (its
 * object and cross-reference streams, written inside save(), stay with pako).
 */
import { deflateSync } from 'node:zlib';
import { Cache, PDFContentStream, typedArrayFor, type PDFDocument } from '@pdfme/pdf-lib';

const done = new WeakSet<PDFDocument>();

export function compressWithZlib(pdfDoc: PDFDocument): void {
  if (done.has(pdfDoc)) return;
  done.add(pdfDoc);
  const context = pdfDoc.context;
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(typedArrayFor(contents)), { ...dict, Filter: 'FlateDecode' });
  // pdf-lib makes the pages' content streams itself (PDFPage.createContentStream); they are all drawn when save() begins.
  const save = pdfDoc.save.bind(pdfDoc);
  pdfDoc.save = (options) => {
    for (const [, object] of context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFContentStream)) continue;
      // pdf-lib's own fields (protected in its types): whether the stream is compressed, and the compressed bytes.
      const stream = object as unknown as { encode: boolean; contentsCache: Cache<Uint8Array> };
      if (stream.encode) stream.contentsCache = Cache.populatedBy(() => deflateSync(object.getUnencodedContents()));
    }
    return save(options);
  };
}
