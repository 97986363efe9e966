/**
 * The fillable PDF: the blank 様式 drawn by the print renderer, with an AcroForm field over every place a value is printed
 * (names and kinds: fillable-fields.ts), and the values the 様式 does not print as fields on a last page of their own
 * (input-only-page.ts). Anyone can fill it in a PDF viewer, in Japanese, and send it back to be read (src/import).
 *
 * The font is embedded whole, not as a subset: a viewer draws what a person types with the form's own font, and a subset
 * would hold only the glyphs of the printed labels.
 */
import { PDFCheckBox, PDFDocument, PDFHexString, PDFName, PDFRadioGroup, PDFString, StandardFonts, type PDFForm, TextAlignment, type PDFFont, type PDFPage, type PDFWidgetAnnotation } from '@pdfme/pdf-lib';
import * as fontkit from 'fontkit';
import type { FormDefinition } from '../forms/definition.ts';
import { printFont, type PrintFont } from '../render/font.ts';
import { renderPdf } from '../render/pdf/render-pdf.ts';
import { describePdf } from '../render/pdf/pdf-standards.ts';
import { fillableFields, type Box, type FillableField } from './fillable-fields.ts';
import type { RenderPool, RenderTask } from '../render/pool.ts';

const MM = 72 / 25.4;
/** Keywords naming the 様式 a fillable PDF was made for, so importing it as another 様式 is refused with a reason. */
export const FORM_KEYWORD = 'yoshiki-form:';
/** Check boxes and radio buttons sit just inside the box the 様式 prints, which stays visible around them. */
const MARK_INSET = 0.45;

/** fontkit as pdf-lib wants it: @types/fontkit lets `create` return a collection too; a .ttf file is one font. */
export const pdfFontkit = fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0];

/**
 * Check boxes and radio buttons name ZapfDingbats (in the form's /DR as ZaDb) and the character they show when on (/MK /CA),
 * as ISO 32000-1 §12.7.3.3 describes: a viewer that draws the appearance itself after filling (poppler, pdf.js) then draws
 * a tick, not nothing. ZapfDingbats is one of the 14 standard fonts every viewer has; nothing is embedded.
 */
const DINGBATS = 'ZaDb';
const TICK = '4'; // ✔ in ZapfDingbats
const BULLET = 'l'; // ● in ZapfDingbats

/**
 * Points every check box and radio group at ZapfDingbats (DA). pdf-lib's own mark appearance rewrites DA to a font of no
 * name whenever it redraws a box (adding, checking, saving), so this runs after the last redraw. The size is fixed, not 0
 * (auto): poppler shrinks an automatic mark to a dot. Most of the box, like a mark written by hand.
 */
export function markFieldsUseDingbats(form: PDFForm): void {
  for (const field of form.getFields()) {
    if (!(field instanceof PDFCheckBox) && !(field instanceof PDFRadioGroup)) continue;
    const heights = field.acroField.getWidgets().map((w) => w.getRectangle().height);
    field.acroField.setDefaultAppearance(`/${DINGBATS} ${(Math.min(...heights) * 0.8).toFixed(1)} Tf 0 g`);
  }
}

const ALIGN = { left: TextAlignment.Left, center: TextAlignment.Center, right: TextAlignment.Right } as const;

export async function renderFillablePdf(definition: FormDefinition, font: PrintFont = printFont()): Promise<Uint8Array> {
  const { layout, fields } = fillableFields(definition, font);
  const pdf = await PDFDocument.load(await renderPdf(layout, font));
  pdf.registerFontkit(pdfFontkit);
  // Named by its PostScript name alone: a whole font carries no subset tag, and pdf-lib's random suffix would say nothing.
  const typing = await pdf.embedFont(font.data, { subset: false, customName: font.parsed.postscriptName });
  const dingbats = await pdf.embedFont(StandardFonts.ZapfDingbats);
  const form = pdf.getForm();
  for (const spec of fields) addField(pdf, typing, spec);
  // Viewers that draw typed text from the form's defaults (DR / DA) use the same font; marks use ZapfDingbats.
  const resources = form.acroForm.dict.context.obj({ Font: { [typing.name]: typing.ref, [DINGBATS]: dingbats.ref } });
  form.acroForm.dict.set(PDFName.of('DR'), resources);
  form.acroForm.dict.set(PDFName.of('DA'), PDFString.of(`/${typing.name} 0 Tf 0 g`));
  form.updateFieldAppearances(typing);
  markFieldsUseDingbats(form);
  // A blank form has no filer yet: no Author.
  describePdf(pdf, {
    title: definition.title,
    subject: `${definition.title}（記入用）`,
    keywords: ['yoshiki', `${FORM_KEYWORD}${definition.id}`, `yoshiki-version:${definition.version}`],
    date: new Date(),
  });
  return pdf.save();
}

/** The widget rectangle in PDF points (origin bottom-left). */
function rect(page: PDFPage, box: Box, inset = 0) {
  return {
    x: (box.x + inset) * MM,
    y: page.getHeight() - (box.y + box.h - inset) * MM,
    width: (box.w - 2 * inset) * MM,
    height: (box.h - 2 * inset) * MM,
  };
}

/** No border and no fill: the 様式's own lines show, and viewers highlight the fields themselves. */
const transparent = { borderWidth: 0, borderColor: undefined, backgroundColor: undefined };

function addField(pdf: PDFDocument, font: PDFFont, spec: FillableField): void {
  const form = pdf.getForm();
  const page = pdf.getPage(spec.box.page);
  // A path printed twice (rare) gets two widgets of one field: typing in one fills both.
  const existing = form.getFieldMaybe(spec.name);
  switch (spec.kind) {
    case 'text': {
      const field = existing ? form.getTextField(spec.name) : form.createTextField(spec.name);
      if (!existing) {
        field.acroField.setDefaultAppearance(`/${font.name} ${spec.size} Tf 0 g`);
        if (spec.multiline) field.enableMultiline();
        field.setAlignment(ALIGN[spec.align]);
        if (spec.field.maxLength) field.setMaxLength(spec.field.maxLength);
        field.disableSpellChecking();
        tooltip(field.acroField.dict, spec.label);
      }
      field.addToPage(page, { ...rect(page, spec.box), font, ...transparent });
      return;
    }
    case 'dropdown': {
      const field = existing ? form.getDropdown(spec.name) : form.createDropdown(spec.name);
      if (!existing) {
        field.acroField.setDefaultAppearance(`/${font.name} ${spec.size} Tf 0 g`);
        // The empty first entry lets a person clear the choice again.
        field.addOptions(['', ...spec.options.map((o) => o.label)]);
        tooltip(field.acroField.dict, spec.label);
      }
      field.addToPage(page, { ...rect(page, spec.box), font, ...transparent });
      return;
    }
    case 'checkbox': {
      const field = existing ? form.getCheckBox(spec.name) : form.createCheckBox(spec.name);
      if (!existing) tooltip(field.acroField.dict, spec.label);
      field.addToPage(page, { ...rect(page, spec.box, MARK_INSET), ...transparent });
      markCaption(field.acroField.getWidgets(), TICK);
      return;
    }
    case 'radio': {
      const field = existing ? form.getRadioGroup(spec.name) : form.createRadioGroup(spec.name);
      if (!existing) {
        tooltip(field.acroField.dict, spec.label.slice(0, spec.label.lastIndexOf(' ')) || spec.label);
        // Clicking the chosen option again clears it, so an optional choice can be left blank.
        field.enableOffToggling();
      }
      field.addOptionToPage(spec.value, page, { ...rect(page, spec.box, MARK_INSET), ...transparent });
      markCaption(field.acroField.getWidgets(), BULLET);
      return;
    }
  }
}

/** The ZapfDingbats character each widget shows when on (set again for every widget: a later one may be new). */
function markCaption(widgets: PDFWidgetAnnotation[], character: string): void {
  // A byte string: pdf-lib's setCaptions writes UTF-16 text, not the font's character code a viewer draws.
  for (const widget of widgets) widget.getOrCreateAppearanceCharacteristics().dict.set(PDFName.of('CA'), PDFString.of(character));
}

/** The field's label, read by screen readers and shown on hover (TU). */
function tooltip(dict: { set(key: PDFName, value: PDFHexString): void }, label: string): void {
  dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
}

/** renderFillablePdf on a render thread (src/render-worker.ts), the form by its id. */
export interface FillableTask extends RenderTask {
  kind: 'fillable';
  form: string;
}

export function renderFillableOnPool(pool: RenderPool, form: string): Promise<Uint8Array> {
  const task: FillableTask = { kind: 'fillable', form };
  return pool.run<Uint8Array>(task);
}
