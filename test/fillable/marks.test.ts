/**
 * The fillable PDF's check boxes show their tick after filling, in poppler (pdftoppm: evince, okular, many print paths)
 * and in pdf.js (Firefox, web apps) — also when the viewer draws the appearance itself — and its multi-line fields wrap.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFBool, PDFCheckBox, PDFDict, PDFDocument, PDFName, PDFRadioGroup, PDFString, PDFTextField } from '@pdfme/pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFillablePdf } from '../../src/fillable/fillable-pdf.ts';
import { fillFillablePdf } from '../../src/fillable/fill-pdf.ts';
import { getDefinition } from '../../src/forms/registry.ts';
import { pdfRegionToPng, tempDir, writeTemp } from '../support/print-tools.ts';
import { formFolder } from '../../src/forms/folders.ts';

const ID = 'ichikawa-kyoten-todokede';
const DPI = 200;
const definition = getDefinition(ID);
const example = JSON.parse(fs.readFileSync(formFolder(ID)!.example, 'utf8'));
// The example ticks 緊急時の受け入れ・対応機能 and leaves 相談機能 blank.
const TICKED = 'functions.emergencyAcceptance';
const BLANK = 'functions.consultation';

let dir: string;
let blank: Uint8Array;
let filled: Uint8Array;
beforeAll(async () => {
  dir = tempDir('marks');
  blank = await renderFillablePdf(definition);
  filled = await fillFillablePdf(blank, definition, example);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The widget's rectangle on page 1, in points from the bottom left. */
async function widgetRect(pdf: Uint8Array, name: string) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const rect = doc.getForm().getField(name).acroField.getWidgets()[0].getRectangle();
  return { ...rect, pageHeight: doc.getPage(0).getHeight() };
}

/** Dark pixels inside the box (its middle 60 %, so the printed frame around it does not count). */
function darkInside(png: PNG, x0: number, y0: number, w: number, h: number): number {
  let dark = 0;
  for (let y = Math.round(y0 + h * 0.2); y < y0 + h * 0.8; y++)
    for (let x = Math.round(x0 + w * 0.2); x < x0 + w * 0.8; x++) if (png.data[(y * png.width + x) * 4] < 128) dark++;
  return dark;
}

/** Dark pixels inside a box as poppler draws the page. */
async function popplerDark(pdf: Uint8Array, name: string, file: string): Promise<number> {
  const r = await widgetRect(pdf, name);
  const k = DPI / 72;
  const region = { x: r.x * k, y: (r.pageHeight - r.y - r.height) * k, w: r.width * k, h: r.height * k };
  const png = PNG.sync.read(fs.readFileSync(pdfRegionToPng(writeTemp(dir, file, pdf), 1, DPI, region, path.join(dir, `${file}-${name}.png`))));
  return darkInside(png, 0, 0, png.width, png.height);
}

/** Dark pixels inside a box as pdf.js draws the page (on @napi-rs/canvas, which pdfjs-dist uses in Node). */
async function pdfjsDark(pdf: Uint8Array, names: string[]): Promise<number[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: DPI / 72 });
    // pdf.js's own canvas factory (its types leave it as Object).
    const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } };
    const { canvas, context } = factory.create(viewport.width, viewport.height);
    await page.render({ canvasContext: context, viewport, canvas }).promise;
    const png = PNG.sync.read((canvas as unknown as { toBuffer(type: string): Buffer }).toBuffer('image/png'));
    const counts: number[] = [];
    for (const name of names) {
      const r = await widgetRect(pdf, name);
      const k = DPI / 72;
      counts.push(darkInside(png, r.x * k, (r.pageHeight - r.y - r.height) * k, r.width * k, r.height * k));
    }
    return counts;
  } finally {
    await doc.destroy();
  }
}

/** As a viewer that redraws fields finds them: no appearance streams, NeedAppearances set. */
async function withoutAppearances(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const form = doc.getForm();
  for (const field of form.getFields()) for (const widget of field.acroField.getWidgets()) widget.dict.delete(PDFName.of('AP'));
  form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  // pdf-lib would draw them again on saving; the point is that it is left to the viewer.
  return doc.save({ updateFieldAppearances: false });
}

describe('the marks of the fillable PDF', () => {
  it('name ZapfDingbats, which the form’s resources (/DR) hold as ZaDb, and their mark character (/MK /CA)', async () => {
    const doc = await PDFDocument.load(blank, { updateMetadata: false });
    const form = doc.getForm();
    const fonts = (form.acroForm.dict.lookup(PDFName.of('DR'), PDFDict)).lookup(PDFName.of('Font'), PDFDict);
    expect(fonts.lookup(PDFName.of('ZaDb'), PDFDict).get(PDFName.of('BaseFont'))).toBe(PDFName.of('ZapfDingbats'));
    const marks = form.getFields().filter((f) => f instanceof PDFCheckBox || f instanceof PDFRadioGroup);
    expect(marks.length).toBeGreaterThan(10);
    for (const field of marks) {
      expect(field.acroField.getDefaultAppearance(), field.getName()).toMatch(/^\/ZaDb \d+(\.\d)? Tf 0 g$/);
      for (const widget of field.acroField.getWidgets()) {
        const caption = widget.getAppearanceCharacteristics()!.dict.get(PDFName.of('CA')) as PDFString;
        expect(caption.asString(), field.getName()).toBe(field instanceof PDFCheckBox ? '4' : 'l');
      }
    }
  });

  it('show the tick of a filled-in box in poppler, and none in a box left blank', async () => {
    const ticked = await popplerDark(filled, TICKED, 'filled.pdf');
    const empty = await popplerDark(filled, BLANK, 'filled.pdf');
    expect(empty).toBe(0);
    expect(ticked).toBeGreaterThan(15);
  });

  it('show the tick of a filled-in box in pdf.js, and none in a box left blank', async () => {
    const [ticked, empty] = await pdfjsDark(filled, [TICKED, BLANK]);
    expect(empty).toBe(0);
    expect(ticked).toBeGreaterThan(15);
  });

  it('show the tick when poppler draws the box itself (no appearance stream, NeedAppearances)', async () => {
    const redrawn = await withoutAppearances(filled);
    expect(await popplerDark(redrawn, BLANK, 'redrawn.pdf')).toBe(0);
    expect(await popplerDark(redrawn, TICKED, 'redrawn.pdf')).toBeGreaterThan(15);
  });
});

describe('multi-line fields of the fillable PDF', () => {
  const long = '障がいのある方の介護者の急病等により在宅での生活が困難となった場合に、短期入所の空床を活用して24時間365日の緊急受入れを行う。'.repeat(2);

  /** Rows of text in the field as poppler draws it: runs of pixel rows with ink, separated by blank ones. */
  async function popplerTextRows(pdf: Uint8Array, file: string): Promise<number> {
    const r = await widgetRect(pdf, 'functionDetails');
    const k = DPI / 72;
    const region = { x: r.x * k + 4, y: (r.pageHeight - r.y - r.height) * k + 2, w: r.width * k - 8, h: r.height * k - 4 };
    const png = PNG.sync.read(fs.readFileSync(pdfRegionToPng(writeTemp(dir, file, pdf), 1, DPI, region, path.join(dir, `${file}-rows.png`))));
    let rows = 0;
    let inRow = false;
    for (let y = 0; y < png.height; y++) {
      let ink = false;
      for (let x = 0; x < png.width && !ink; x++) ink = png.data[(y * png.width + x) * 4] < 128;
      if (ink && !inRow) rows++;
      inRow = ink;
    }
    return rows;
  }

  it('wrap a long Japanese value onto several lines inside the box when filled', async () => {
    const pdf = await fillFillablePdf(blank, definition, { ...example, functionDetails: long });
    expect(await popplerTextRows(pdf, 'long.pdf')).toBeGreaterThanOrEqual(3);
  });

  it('wrap it when the viewer draws the field itself, as the field is multi-line with the form’s font', async () => {
    const pdf = await withoutAppearances(await fillFillablePdf(blank, definition, { ...example, functionDetails: long }));
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect((doc.getForm().getField('functionDetails') as PDFTextField).isMultiline()).toBe(true);
    expect(await popplerTextRows(pdf, 'long-redrawn.pdf')).toBeGreaterThanOrEqual(3);
  });
});
