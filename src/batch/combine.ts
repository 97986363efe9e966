/**
 * `--combined`: one PDF of every rendered row, in row order. Pages are copied (pdf-lib copyPages) from the chunk PDFs the
 * workers kept — eight rows share one font subset there, so the combined file stays small — and, for rows an earlier run
 * rendered, from their own files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256, type ManifestFile } from './manifest.ts';

export const COMBINED_FILE = 'combined.pdf';

export interface PageSource {
  row: number;
  /** Absolute path of a PDF holding the row's pages. */
  file: string;
  /** First page of the row in that file, and how many (undefined: all pages of the file). */
  start: number;
  count?: number;
}

export async function writeCombined(outDir: string, title: string, sources: PageSource[]): Promise<ManifestFile> {
  // Loaded at the end only, after the render threads have gone (peak memory).
  const { PDFDocument } = await import('@pdfme/pdf-lib');
  const { describePdf } = await import('../render/pdf/pdf-standards.ts');
  const combined = await PDFDocument.create();
  const ordered = [...sources].sort((a, b) => a.row - b.row);
  // Consecutive rows from the same file are copied in one call; each file is loaded once, when its first row comes.
  for (let i = 0; i < ordered.length; ) {
    const file = ordered[i].file;
    const doc = await PDFDocument.load(fs.readFileSync(file));
    const indices: number[] = [];
    for (; i < ordered.length && ordered[i].file === file; i++) {
      const s = ordered[i];
      const count = s.count ?? doc.getPageCount() - s.start;
      for (let p = 0; p < count; p++) indices.push(s.start + p);
    }
    for (const page of await combined.copyPages(doc, indices)) combined.addPage(page);
  }
  // Rows from many filers: no one Author.
  describePdf(combined, { title, date: new Date() });
  const bytes = await combined.save();
  const target = path.join(outDir, COMBINED_FILE);
  fs.writeFileSync(`${target}.partial`, bytes);
  fs.renameSync(`${target}.partial`, target);
  return { file: COMBINED_FILE, sha256: sha256(bytes), bytes: bytes.length };
}
