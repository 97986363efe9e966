/**
 * From (form, data) to filing-ready files: validate with the full rule set (and the print font's coverage), refuse a
 * document with errors unless a draft is asked for, lay it out once, and draw it as PDF and/or XLSX.
 */
import type { FormDefinition } from '../forms/definition.ts';
import { inputOnlyPages } from './layout/input-only-page.ts';
import { getDefinition } from '../forms/registry.ts';
import { LIST_ROWS_RULE } from '../forms/field-types/containers.ts';
import { message } from '../messages/ja.ts';
import { validateDocument, type ValidationResult } from '../validate.ts';
import { printFont } from './font.ts';
import { layoutDocument } from './layout/layout.ts';
import type { LaidOutDocument } from './layout/model.ts';
import { documentAuthor } from './pdf/pdf-standards.ts';
import { renderPdf } from './pdf/render-pdf.ts';
import type { RenderPool, RenderTask } from './pool.ts';

export interface RenderOptions {
  today: string;
  draft?: boolean;
  pdf?: boolean;
  xlsx?: boolean;
}

export interface Rendered {
  result: ValidationResult;
  /** Absent when the document has errors and no draft was asked for. */
  pdf?: Uint8Array;
  xlsx?: Buffer;
  layout?: LaidOutDocument;
}

export class DocumentRefusedError extends Error {
  constructor(readonly result: ValidationResult) {
    super(`書類に誤りが${result.errors.length}件あるため作成できません。`);
    this.name = 'DocumentRefusedError';
  }
}

export async function renderDocument(form: string | FormDefinition, input: unknown, options: RenderOptions): Promise<Rendered> {
  const definition = typeof form === 'string' ? getDefinition(form) : form;
  const font = printFont();
  const { result, data } = validateDocument(definition, input, { today: options.today, canDraw: font.canDraw });
  // A draft is drawn whatever its errors — except a list longer than any 様式 holds (G-ROWS), which would only run the
  // render thread out of memory: the result says which list and how many rows.
  if (!result.valid && (!options.draft || result.errors.some((e) => e.rule === LIST_ROWS_RULE))) return { result };
  const layout = layoutDocument({ definition, data, computed: result.computed, font });
  // G-OVERFLOW is known only once the text meets its box.
  for (const o of layout.overflows)
    result.warnings.push({ rule: 'G-OVERFLOW', severity: 'warning', path: o.path, message: message('G-OVERFLOW', { label: o.label, page: o.page }) });
  const wantPdf = options.pdf ?? true;
  const pdf = wantPdf ? await renderPdf(layout, font, { draft: options.draft, author: documentAuthor(definition, data) }) : undefined;
  // The XLSX is also filled in and imported: it carries the values the 様式 does not print on a sheet of their own.
  let xlsx: Buffer | undefined;
  if (options.xlsx) {
    // Loaded here, not imported above: every render thread imports this module, and a static import of exceljs loaded it
    // (~7 MB of heap, ~25 MB resident) into each of them at start, for the PDF-only renders of a batch too.
    const { listItemsOf, renderXlsx } = await import('./xlsx/render-xlsx.ts');
    xlsx = await renderXlsx(layout, { draft: options.draft, inputOnly: inputOnlyPages(definition, data, font), listItems: listItemsOf(definition, data) });
  }
  return { result, pdf, xlsx, layout };
}

/** renderDocument on a render thread (src/render-worker.ts): the form by its id, the data as sent. */
export interface DocumentTask extends RenderTask {
  kind: 'document';
  form: string;
  data: unknown;
  options: RenderOptions;
}

/** What comes back from a render thread: the layout stays there (it is large, and only the thread draws with it). */
export type RenderedFiles = Omit<Rendered, 'layout' | 'xlsx'> & { xlsx?: Uint8Array };

/** renderDocument, drawn on one of the pool's threads; `signal` gives the render up (the client went away). */
export function renderOnPool(pool: RenderPool, form: string, data: unknown, options: RenderOptions, signal?: AbortSignal): Promise<RenderedFiles> {
  const task: DocumentTask = { kind: 'document', form, data, options };
  return pool.run<RenderedFiles>(task, { signal });
}
