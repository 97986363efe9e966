/**
 * Draws a laid-out document as PDF with @pdfme/generator (and its own @pdfme/pdf-lib, which keeps Japanese glyphs when it
 * subsets the font). Each cell is one schema of yoshiki's cell plugin (cell-plugin.ts says why not pdfme's text plugin);
 * a draft gets a 「下書き」 watermark on every page.
 */
import { generate } from '@pdfme/generator';
import type { Plugin, Template } from '@pdfme/common';
import type { LaidOutDocument } from '../layout/model.ts';
import { PAGE } from '../layout/model.ts';
import type { PrintFont } from '../font.ts';
import { cellPlugins, type CellSchema, type WatermarkSchema } from './cell-plugin.ts';

export interface PdfOptions {
  /** Print 「下書き」 across every page (a document with errors, on request). */
  draft?: boolean;
}

const pluginsByFont = new WeakMap<PrintFont, Record<string, Plugin>>();

function pluginsFor(font: PrintFont): Record<string, Plugin> {
  let plugins = pluginsByFont.get(font);
  if (!plugins) pluginsByFont.set(font, (plugins = cellPlugins(font)));
  return plugins;
}

function pageSchemas(page: LaidOutDocument['pages'][number], draft: boolean): (CellSchema | WatermarkSchema)[] {
  const schemas: (CellSchema | WatermarkSchema)[] = page.cells.map((cell, i) => ({
    name: `c${i}`,
    type: 'yoshikiCell',
    // The text is in `cell`, not in pdfme's `content`: pdfme would treat `{…}` in a read-only content as a placeholder.
    content: '',
    readOnly: true,
    position: { x: cell.x, y: cell.y },
    width: Math.max(cell.w, 1),
    height: Math.max(cell.h, 1),
    cell,
  }));
  if (draft) schemas.push({ name: 'draft', type: 'yoshikiWatermark', content: '', readOnly: true, position: { x: 30, y: 120 }, width: 150, height: 50, text: '下書き', sizePt: 96 });
  return schemas;
}

export async function renderPdf(doc: LaidOutDocument, font: PrintFont, options: PdfOptions = {}): Promise<Uint8Array> {
  const template = {
    basePdf: { width: PAGE.width, height: PAGE.height, padding: [0, 0, 0, 0] },
    schemas: doc.pages.map((page) => pageSchemas(page, options.draft ?? false)),
  } as unknown as Template;
  return generate({
    template,
    inputs: [{}],
    // The font reaches the page through the cell plugin; pdfme's own font option stays unused.
    options: { title: options.draft ? `【下書き】${doc.title}` : doc.title, lang: 'ja', creator: 'yoshiki', author: 'yoshiki' },
    plugins: pluginsFor(font),
  });
}
