/**
 * Draws a laid-out document as PDF with @pdfme/generator (and its own @pdfme/pdf-lib, which keeps Japanese glyphs when it
 * subsets the font). Each cell is one schema of yoshiki's cell plugin (cell-plugin.ts says why not pdfme's text plugin);
 * a draft gets a 「下書き」 watermark on every page.
 */
import { generate } from '@pdfme/generator';
import type { PDFRenderProps, Plugin, Schema, Template } from '@pdfme/common';
import type { LaidOutDocument } from '../layout/model.ts';
import { PAGE } from '../layout/model.ts';
import type { PrintFont } from '../font.ts';
import { cellPlugins, type CellSchema, type WatermarkSchema } from './cell-plugin.ts';
import { describePdf, TOOL_NAME, type PdfDescription } from './pdf-standards.ts';

export interface PdfOptions {
  /** Print 「下書き」 across every page (a document with errors, on request). */
  draft?: boolean;
  /** The filer (申請者 名称, 事業所名…) or issuer, as the PDF's Author; see `documentAuthor`. */
  author?: string;
  /** When the file is made (tests fix it; default now). */
  date?: Date;
}

/** pdfme passes its options on to every plugin: the document plugin finds the description there. */
const DESCRIPTION_OPTION = 'yoshikiDescription';

/** pdfme has no hook for the catalog: one schema on the first page sets the XMP metadata and viewer preferences. */
const documentPlugin = {
  async pdf(props: PDFRenderProps<Schema>) {
    describePdf(props.pdfDoc, (props.options as Record<string, unknown>)[DESCRIPTION_OPTION] as PdfDescription);
  },
  ui: () => {},
  propPanel: { schema: {}, defaultSchema: { name: '', type: 'yoshikiDocument', content: '', position: { x: 0, y: 0 }, width: 1, height: 1 } },
} as unknown as Plugin;

const pluginsByFont = new WeakMap<PrintFont, Record<string, Plugin>>();

function pluginsFor(font: PrintFont): Record<string, Plugin> {
  let plugins = pluginsByFont.get(font);
  if (!plugins) pluginsByFont.set(font, (plugins = { ...cellPlugins(font), yoshikiDocument: documentPlugin }));
  return plugins;
}

function pageSchemas(page: LaidOutDocument['pages'][number], draft: boolean): Schema[] {
  const schemas: Schema[] = page.cells.map((cell, i) => ({
    name: `c${i}`,
    type: 'yoshikiCell',
    // The text is in `cell`, not in pdfme's `content`: pdfme would treat `{…}` in a read-only content as a placeholder.
    content: '',
    readOnly: true,
    position: { x: cell.x, y: cell.y },
    width: Math.max(cell.w, 1),
    height: Math.max(cell.h, 1),
    cell,
  } satisfies CellSchema));
  if (draft) schemas.push({ name: 'draft', type: 'yoshikiWatermark', content: '', readOnly: true, position: { x: 30, y: 120 }, width: 150, height: 50, text: '下書き', sizePt: 96 } satisfies WatermarkSchema);
  return schemas;
}

export async function renderPdf(doc: LaidOutDocument, font: PrintFont, options: PdfOptions = {}): Promise<Uint8Array> {
  const template = {
    basePdf: { width: PAGE.width, height: PAGE.height, padding: [0, 0, 0, 0] },
    schemas: doc.pages.map((page, i) => {
      const schemas = pageSchemas(page, options.draft ?? false);
      if (i === 0) schemas.push({ name: 'document', type: 'yoshikiDocument', content: '', readOnly: true, position: { x: 0, y: 0 }, width: 1, height: 1 });
      return schemas;
    }),
  } as unknown as Template;
  // Whole seconds: the information dictionary keeps no more, and the XMP dates must say the same.
  const date = new Date(Math.floor((options.date ?? new Date()).getTime() / 1000) * 1000);
  const description: PdfDescription = { title: options.draft ? `【下書き】${doc.title}` : doc.title, author: options.author, date };
  return generate({
    template,
    inputs: [{}],
    // The font reaches the page through the cell plugin; pdfme's own font option stays unused. pdfme writes the
    // information dictionary after the plugins ran: it is given the same values the XMP metadata carries.
    options: {
      title: description.title,
      lang: 'ja',
      creator: TOOL_NAME,
      producer: TOOL_NAME,
      author: description.author ?? '',
      creationDate: date,
      modificationDate: date,
      [DESCRIPTION_OPTION]: description,
    },
    plugins: pluginsFor(font),
  });
}
