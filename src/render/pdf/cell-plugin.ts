/**
 * The pdfme plugin that draws one laid-out cell: its border, its lines of text, its checkboxes and their labels.
 *
 * Why not pdfme's own text / rectangle / checkbox plugins (what this file replaced):
 * - yoshiki's layout has already measured and wrapped every line with the same font metrics. pdfme's text plugin measured
 *   and re-split every text again (with fontkit `layout`), about a sixth of a document's time.
 * - The text plugin treats a read-only text as a template: `{date}`, `{currentPage}` or `{1+1}` typed in a field were
 *   replaced by their "value" when printed. A filing must print what was typed, so text travels in `lines`, never in
 *   pdfme's `content`.
 * - Each checkbox was an SVG icon parsed again for every box.
 * - Every pdfme call parsed the 4.5 MB font anew (once in pdfme, once in pdf-lib) and warmed fontkit's glyph tables from
 *   cold. Here pdf-lib embeds the one fontkit Font the process already parsed for measuring (see `sharedFontkit`), so
 *   glyphs decoded for one document serve the next. The embedded font is still a fresh subset per document.
 *
 * Positions follow pdfme's text plugin exactly (first baseline at the font's ascent plus half the extra line height),
 * so the page looks as it did.
 */
import type { Plugin, PDFRenderProps, Schema } from '@pdfme/common';
import { degrees, grayscale, LineCapStyle, popGraphicsState, pushGraphicsState, rectangle, setLineWidth, setStrokingColor, stroke, type PDFFont, type PDFDocument, type PDFPage } from '@pdfme/pdf-lib';
import { CELL_PADDING, LINE_HEIGHT, type Cell } from '../layout/model.ts';
import { boldPrintFont, type PrintFont } from '../font.ts';
import { compressWithZlib } from './native-flate.ts';
import { tagSubsetFont } from './pdf-standards.ts';

/** Inner rules are hairlines; the outside of a table is the heavier frame (pt). */
const RULE_PT = 0.25;
const FRAME_PT = 0.5;
/** The label starts this far (mm) right of its box. */
const LABEL_GAP = 0.8;
const PT_PER_MM = 72 / 25.4;
/** pdfme's mm2pt goes through parseFloat(String(mm)); it is called for every coordinate of every cell. */
const mm2pt = (mm: number) => mm * PT_PER_MM;
const BLACK = grayscale(0);

export interface CellSchema extends Schema {
  type: 'yoshikiCell';
  cell: Cell;
}

export interface WatermarkSchema extends Schema {
  type: 'yoshikiWatermark';
  text: string;
  sizePt: number;
}

/** Fonts a document is drawn with: the embedded (subset) pdf-lib font and the measuring font it was made from. */
interface DocumentFont {
  pdf: PDFFont;
  print: PrintFont;
}

const FONT_CACHE_KEY = 'yoshiki:font';
const BOLD_CACHE_KEY = 'yoshiki:font-bold';

/**
 * pdf-lib asks its fontkit to parse the font bytes for every document it embeds them into. This fontkit hands back the
 * Font the print font parsed once, for those exact bytes (anything else is parsed as usual).
 */
function sharedFontkit(fonts: PrintFont[]) {
  return {
    create(data: Uint8Array, postscriptName?: string) {
      for (const print of fonts)
        if (data === print.data || (data.buffer === print.data.buffer && data.byteLength === print.data.byteLength)) return print.parsed;
      return fonts[0].fontkit.create(data as Buffer, postscriptName);
    },
  };
}

async function documentFont(pdfDoc: PDFDocument, cache: Map<string | number, unknown>, print: PrintFont, key = FONT_CACHE_KEY, known: PrintFont[] = []): Promise<DocumentFont> {
  let pending = cache.get(key) as Promise<DocumentFont> | undefined;
  if (!pending) {
    pending = (async () => {
      // pdfme registered the plain fontkit for this document; ours is the same library with the parse already done.
      // It knows the regular and the bold weight, whichever of the two a document embeds first.
      pdfDoc.registerFontkit(sharedFontkit([print, ...known]) as never);
      compressWithZlib(pdfDoc);
      return { pdf: tagSubsetFont(await pdfDoc.embedFont(print.data, { subset: true })), print };
    })();
    cache.set(key, pending);
  }
  return pending;
}

/** Baselines (pt from the page bottom) of `count` lines in a box, placed the way pdfme's text plugin places them. */
function baselines(print: PrintFont, sizePt: number, count: number, boxBottomPt: number, boxHeightPt: number, valign: Cell['valign']): number[] {
  const ascent = (print.parsed.ascent / print.parsed.unitsPerEm) * sizePt;
  const descent = (print.parsed.descent / print.parsed.unitsPerEm) * sizePt;
  const halfLeading = ((LINE_HEIGHT - 1) * sizePt) / 2;
  const step = LINE_HEIGHT * sizePt;
  const fromTop = valign === 'top' ? ascent + halfLeading : (boxHeightPt - step * (count - 1) - ascent + descent) / 2 + ascent;
  return Array.from({ length: count }, (_, i) => boxBottomPt + boxHeightPt - fromTop - step * i);
}

interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

function drawLines(props: PDFRenderProps<Schema>, font: DocumentFont, lines: string[], box: TextBox, sizePt: number, align: Cell['align'], valign: Cell['valign']): void {
  const { page } = props;
  const pageHeight = page.getHeight();
  const left = mm2pt(box.x);
  const width = mm2pt(box.w);
  const height = mm2pt(box.h);
  const ys = baselines(font.print, sizePt, lines.length, pageHeight - mm2pt(box.y) - height, height, valign);
  lines.forEach((line, i) => {
    if (line === '') return;
    let x = left;
    if (align !== 'left') {
      const lineWidth = font.print.widthMm(line, sizePt) * PT_PER_MM;
      x += align === 'center' ? (width - lineWidth) / 2 : width - lineWidth;
    }
    page.drawText(line, { x, y: ys[i], size: sizePt, font: font.pdf, color: BLACK });
  });
}

/**
 * The outline of a rectangle: the few operators it takes (q, G, w, re, S, Q). pdf-lib's drawRectangle validates its
 * options and writes a translation, rotation, skew, dash pattern and a four-segment path for every box, about a tenth
 * of a render for a form's hundreds of cells; the line drawn is the same.
 */
function strokeRectangle(page: PDFPage, x: number, y: number, width: number, height: number, lineWidth: number): void {
  page.pushOperators(pushGraphicsState(), setStrokingColor(BLACK), setLineWidth(lineWidth), rectangle(x, y, width, height), stroke(), popGraphicsState());
}

/** A square box (inset like the icon pdfme drew before) and, when checked, a tick. */
function drawCheckbox(props: PDFRenderProps<Schema>, xMm: number, yMm: number, sizeMm: number, checked: boolean): void {
  const { page } = props;
  const size = mm2pt(sizeMm);
  const inset = size / 8;
  const line = size / 12;
  const left = mm2pt(xMm);
  const top = page.getHeight() - mm2pt(yMm);
  strokeRectangle(page, left + inset, top - size + inset, size - 2 * inset, size - 2 * inset, line);
  if (checked) {
    // The tick of lucide's square-check (9,12 → 11,14 → 15,10 on a 24-unit square), which pdfme's checkbox drew.
    const at = (x: number, y: number) => ({ x: left + (x * size) / 24, y: top - (y * size) / 24 });
    const tick = { thickness: line, color: BLACK, lineCap: LineCapStyle.Round };
    page.drawLine({ start: at(9, 12), end: at(11, 14), ...tick });
    page.drawLine({ start: at(11, 14), end: at(15, 10), ...tick });
  }
}

function drawCell(props: PDFRenderProps<CellSchema>, font: DocumentFont): void {
  // A title prints in the bold weight (its lines were wrapped with the regular metrics; BIZ UDPGothic's weights share them).
  const { cell } = props.schema;
  const { page } = props;
  if (cell.border) {
    const left = mm2pt(cell.x);
    const bottom = page.getHeight() - mm2pt(cell.y + cell.h);
    const right = left + mm2pt(cell.w);
    const top = bottom + mm2pt(cell.h);
    strokeRectangle(page, left, bottom, right - left, top - bottom, RULE_PT);
    const sides = { top: [left, top, right, top], right: [right, bottom, right, top], bottom: [left, bottom, right, bottom], left: [left, bottom, left, top] } as const;
    for (const side of cell.frame ?? []) {
      const [x1, y1, x2, y2] = sides[side];
      page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: FRAME_PT, color: BLACK, lineCap: LineCapStyle.Projecting });
    }
  }
  if (cell.lines.length) {
    // Bordered cells pad on every side; free text half as much at top and bottom.
    const vertical = cell.border ? CELL_PADDING : CELL_PADDING / 2;
    // A little slack on the right (0.6 mm): the lines were wrapped to the exact width with the same metrics.
    const box = { x: cell.x + CELL_PADDING, y: cell.y + vertical, w: Math.max(cell.w - CELL_PADDING * 2 + 0.6, 1), h: Math.max(cell.h - vertical * 2, 1) };
    drawLines(props, font, cell.lines, box, cell.size, cell.align, cell.valign);
  }
  for (const mark of cell.checks ?? []) {
    drawCheckbox(props, mark.x, mark.y, mark.size, mark.checked);
    if (!mark.label) continue;
    const lines = mark.labelLines ?? [mark.label];
    const lineHeightMm = (cell.size * LINE_HEIGHT) / PT_PER_MM;
    const box = {
      x: mark.x + mark.size + LABEL_GAP,
      y: mark.y + mark.size / 2 - lineHeightMm / 2,
      w: Math.max(...lines.map((l) => font.print.widthMm(l, cell.size))) + 1,
      h: lineHeightMm * lines.length + 0.5,
    };
    drawLines(props, font, lines, box, cell.size, 'left', 'top');
  }
}

/** 「下書き」 across the page: grey, translucent, rising 35° from lower left to upper right about the centre of its box. */
function drawWatermark(props: PDFRenderProps<WatermarkSchema>, font: DocumentFont): void {
  const { page, schema } = props;
  const width = font.print.widthMm(schema.text, schema.sizePt) * PT_PER_MM;
  const { ascent, descent, unitsPerEm } = font.print.parsed;
  const centreX = mm2pt(schema.position.x + schema.width / 2);
  const centreY = page.getHeight() - mm2pt(schema.position.y + schema.height / 2);
  const angle = (35 * Math.PI) / 180;
  // Start the baseline so that the middle of the text lands on the centre once turned.
  const dx = width / 2;
  const dy = (((ascent + descent) / 2) * schema.sizePt) / unitsPerEm;
  page.drawText(schema.text, {
    x: centreX - (dx * Math.cos(angle) - dy * Math.sin(angle)),
    y: centreY - (dx * Math.sin(angle) + dy * Math.cos(angle)),
    size: schema.sizePt,
    font: font.pdf,
    color: grayscale(0.69),
    opacity: 0.45,
    rotate: degrees(35),
  });
}

/** pdfme checks every plugin for a designer panel; these plugins only print (yoshiki has its own web forms). */
const printOnly = (type: string) => ({
  ui: () => {},
  propPanel: { schema: {}, defaultSchema: { name: '', type, content: '', position: { x: 0, y: 0 }, width: 10, height: 10 } },
});

/** The two plugins, bound to the print font (pdfme passes plugins no state of their own). */
export function cellPlugins(print: PrintFont): Record<string, Plugin> {
  return {
    yoshikiCell: {
      async pdf(props: PDFRenderProps<Schema>) {
        const bold = (props.schema as CellSchema).cell.bold;
        const both = [print, boldPrintFont()];
        const font = bold ? await documentFont(props.pdfDoc, props._cache, both[1], BOLD_CACHE_KEY, both) : await documentFont(props.pdfDoc, props._cache, print, FONT_CACHE_KEY, both);
        drawCell(props as PDFRenderProps<CellSchema>, font);
      },
      ...printOnly('yoshikiCell'),
    } as unknown as Plugin,
    yoshikiWatermark: {
      async pdf(props: PDFRenderProps<Schema>) {
        drawWatermark(props as PDFRenderProps<WatermarkSchema>, await documentFont(props.pdfDoc, props._cache, print, FONT_CACHE_KEY, [print, boldPrintFont()]));
      },
      ...printOnly('yoshikiWatermark'),
    } as unknown as Plugin,
  };
}
