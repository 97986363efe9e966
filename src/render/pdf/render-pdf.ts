/**
 * Draws a laid-out document as PDF with @pdfme/generator (and its own @pdfme/pdf-lib, which keeps Japanese glyphs when it
 * subsets the font). Every cell becomes pdfme schemas: a rectangle for its border, a text block for its lines, a vector
 * checkbox and a label for each option.
 */
import { generate } from '@pdfme/generator';
import { checkbox, rectangle, text } from '@pdfme/schemas';
import type { Font, Template } from '@pdfme/common';
import type { LaidOutDocument } from '../layout/model.ts';
import { PAGE } from '../layout/model.ts';
import type { PrintFont } from '../font.ts';

const PAD = 1.2;
const LINE_HEIGHT = 1.3;
const plugins = { text, rectangle, checkbox };

export interface PdfOptions {
  /** Print 「下書き」 across every page (a document with errors, on request). */
  draft?: boolean;
}

type PdfmeSchema = Record<string, unknown> & { name: string; type: string };

function pageSchemas(page: LaidOutDocument['pages'][number], draft: boolean, font: PrintFont): PdfmeSchema[] {
  const schemas: PdfmeSchema[] = [];
  let n = 0;
  const name = (kind: string) => `${kind}${n++}`;
  const textSchema = (content: string, x: number, y: number, w: number, h: number, size: number, extra: Record<string, unknown> = {}): PdfmeSchema => ({
    name: name('t'),
    type: 'text',
    content,
    readOnly: true,
    position: { x, y },
    width: Math.max(w, 1),
    height: Math.max(h, 1),
    fontName: font.name,
    fontSize: size,
    lineHeight: LINE_HEIGHT,
    characterSpacing: 0,
    alignment: 'left',
    verticalAlignment: 'top',
    fontColor: '#000000',
    ...extra,
  });

  for (const cell of page.cells) {
    if (cell.border)
      schemas.push({
        name: name('r'),
        type: 'rectangle',
        readOnly: true,
        position: { x: cell.x, y: cell.y },
        width: cell.w,
        height: cell.h,
        borderWidth: 0.25,
        borderColor: '#000000',
        color: '',
        radius: 0,
      });
    if (cell.lines.length) {
      // Lines are already wrapped to the cell; pdfme draws them as given (same font metrics), with a little slack.
      schemas.push(
        // Bordered cells pad on every side; free text only half as much (it has no border to keep clear of).
        textSchema(cell.lines.join('\n'), cell.x + PAD, cell.y + (cell.border ? PAD : PAD / 2), cell.w - PAD * 2 + 0.6, cell.h - (cell.border ? PAD * 2 : PAD), cell.size, {
          alignment: cell.align,
          verticalAlignment: cell.valign,
        }),
      );
    }
    for (const mark of cell.checks ?? []) {
      schemas.push({
        name: name('c'),
        type: 'checkbox',
        readOnly: true,
        content: mark.checked ? 'true' : 'false',
        position: { x: mark.x, y: mark.y },
        width: mark.size,
        height: mark.size,
        color: '#000000',
      });
      if (mark.label) {
        const lines = mark.labelLines ?? [mark.label];
        const lineHeight = cell.size * LINE_HEIGHT * 0.3528;
        const labelWidth = Math.max(...lines.map((l) => font.widthMm(l, cell.size))) + 1;
        schemas.push(textSchema(lines.join('\n'), mark.x + mark.size + 0.8, mark.y + mark.size / 2 - lineHeight / 2, labelWidth, lineHeight * lines.length + 0.5, cell.size));
      }
    }
  }
  if (draft) {
    schemas.push(
      textSchema('下書き', 30, 120, 150, 50, 96, { alignment: 'center', verticalAlignment: 'middle', fontColor: '#b0b0b0', opacity: 0.45, rotate: 35 }),
    );
  }
  return schemas;
}

export async function renderPdf(doc: LaidOutDocument, font: PrintFont, options: PdfOptions = {}): Promise<Uint8Array> {
  const template = {
    basePdf: { width: PAGE.width, height: PAGE.height, padding: [0, 0, 0, 0] },
    schemas: doc.pages.map((page) => pageSchemas(page, options.draft ?? false, font)),
  } as unknown as Template;
  const fonts: Font = { [font.name]: { data: font.data, fallback: true, subset: true } };
  return generate({
    template,
    inputs: [{}],
    options: { font: fonts, title: options.draft ? `【下書き】${doc.title}` : doc.title, lang: 'ja', creator: 'yoshiki', author: 'yoshiki' },
    plugins,
  });
}
