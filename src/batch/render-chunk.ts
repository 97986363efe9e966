/**
 * Renders a chunk of rows (run inside a worker thread). Each row arrives validated by the main thread (full rule set, the
 * print font's coverage, the cross-row rules), as its normalised data and computed values; here it is laid out (G-OVERFLOW
 * warnings) and drawn as PDF and/or XLSX. The PDFs of a chunk are drawn in one @pdfme/generator call and then split into
 * one file per row with pdf-lib's copyPages.
 *
 * Why: part of a PDF's cost is fixed per generate() call — building the font subset, deflating it, saving the document
 * (see BENCHMARKS.md). Drawing eight documents at once pays it once; splitting costs ~3 ms per row. Each file is complete
 * on its own (pages, text, embedded subset); the subset is shared by the chunk, which makes a file a few KB larger than a
 * lone render.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@pdfme/pdf-lib';
import { inputOnlyPages } from '../render/layout/input-only-page.ts';
import { getDefinition } from '../forms/registry.ts';
import { message } from '../messages/ja.ts';
import { printFont } from '../render/font.ts';
import { layoutDocument } from '../render/layout/layout.ts';
import type { LaidOutDocument } from '../render/layout/model.ts';
import { describePdf, documentAuthor } from '../render/pdf/pdf-standards.ts';
import { renderPdf } from '../render/pdf/render-pdf.ts';
import type { Finding } from '../rules/rule.ts';
import { sha256, type ManifestFile } from './manifest.ts';
import type { RenderTask } from '../render/pool.ts';

export interface ChunkJob {
  id: number;
  formId: string;
  outDir: string;
  formats: { pdf: boolean; xlsx: boolean };
  /** Keep the chunk's multi-row PDF here for the combined PDF. */
  combinedDir?: string;
  /** Rows the main thread validated: normalised data and computed values, as `validateDocument` returned them. */
  rows: { row: number; data: Record<string, unknown>; computed: Record<string, unknown>; base: string }[];
}

/** renderChunk on a render thread (src/render-worker.ts). */
export interface ChunkTask extends RenderTask {
  kind: 'batch-chunk';
  job: ChunkJob;
}

export interface RowOutput {
  row: number;
  files: ManifestFile[];
  pages: number;
  warnings: Finding[];
  /** Set when the row could not be rendered (the message says why). */
  error?: string;
}

export interface ChunkResult {
  id: number;
  rows: RowOutput[];
  /** The chunk's PDF with every row's pages, in row order (for the combined PDF). */
  combined?: { file: string; rows: { row: number; start: number; count: number }[] };
}

/** Writes through a temporary name, so an interrupted write never leaves a file that looks finished. */
function writeFile(outDir: string, name: string, bytes: Uint8Array): ManifestFile {
  const target = path.join(outDir, name);
  const partial = path.join(outDir, `.${name}.partial`);
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, target);
  return { file: name, sha256: sha256(bytes), bytes: bytes.length };
}

interface Laid {
  row: number;
  base: string;
  data: Record<string, unknown>;
  layout: LaidOutDocument;
  output: RowOutput;
}

export async function renderChunk(job: ChunkJob): Promise<ChunkResult> {
  const definition = getDefinition(job.formId);
  const font = printFont();
  const laid: Laid[] = [];
  const outputs: RowOutput[] = [];
  for (const { row, data, computed, base } of job.rows) {
    const output: RowOutput = { row, files: [], pages: 0, warnings: [] };
    outputs.push(output);
    try {
      const layout = layoutDocument({ definition, data, computed, font });
      for (const o of layout.overflows)
        output.warnings.push({ rule: 'G-OVERFLOW', severity: 'warning', path: o.path, message: message('G-OVERFLOW', { label: o.label, page: o.page }) });
      output.pages = layout.pages.length;
      laid.push({ row, base, data, layout, output });
    } catch (e) {
      output.error = (e as Error).message;
    }
  }

  let combined: ChunkResult['combined'];
  if (job.formats.pdf && laid.length) {
    const author = laid.length === 1 ? documentAuthor(definition, laid[0].data) : undefined;
    const together = await renderPdf({ title: definition.title, overflows: [], pages: laid.flatMap((l) => l.layout.pages) }, font, { author });
    if (laid.length === 1) laid[0].output.files.push(writeFile(job.outDir, `${laid[0].base}.pdf`, together));
    else {
      const source = await PDFDocument.load(together);
      let start = 0;
      for (const l of laid) {
        const single = await PDFDocument.create({ updateMetadata: false });
        const pages = await single.copyPages(source, l.layout.pages.map((_, i) => start + i));
        for (const page of pages) single.addPage(page);
        // Each row's file is from its own filer.
        describePdf(single, { title: definition.title, author: documentAuthor(definition, l.data), date: new Date() });
        l.output.files.push(writeFile(job.outDir, `${l.base}.pdf`, await single.save()));
        start += l.layout.pages.length;
      }
    }
    if (job.combinedDir) {
      const file = path.join(job.combinedDir, `${laid[0].row}.pdf`);
      fs.writeFileSync(file, together);
      let start = 0;
      combined = { file, rows: laid.map((l) => ({ row: l.row, start: (start += l.layout.pages.length) - l.layout.pages.length, count: l.layout.pages.length })) };
    }
  }
  if (job.formats.xlsx) {
    // Loaded on first use: exceljs costs a PDF-only worker ~0.6 s of start-up and tens of MB it would never use.
    const { listItemsOf, renderXlsx } = await import('../render/xlsx/render-xlsx.ts');
    // As `yoshiki render` writes it: the values the 様式 does not print go on a sheet of their own, so the file imports whole.
    for (const l of laid)
      l.output.files.push(writeFile(job.outDir, `${l.base}.xlsx`, await renderXlsx(l.layout, { inputOnly: inputOnlyPages(definition, l.data, font), listItems: listItemsOf(definition, l.data) })));
  }
  return { id: job.id, rows: outputs, combined };
}
