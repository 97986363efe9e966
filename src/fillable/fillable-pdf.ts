/**
 * The fillable PDF: the blank 様式 drawn by the print renderer, with an AcroForm field over every place a value is printed
 * (names and kinds: fillable-fields.ts), and the values the 様式 does not print as fields on a last page of their own
 * (input-only-page.ts). Anyone can fill it in a PDF viewer, in Japanese, and send it back to be read (src/import).
 *
 * The font is embedded whole, not as a subset: a viewer draws what a person types with the form's own font, and a subset
 * would hold only the glyphs of the printed labels.
 */
import { PDFDocument, PDFHexString, PDFName, PDFString, TextAlignment, type PDFFont, type PDFPage } from '@pdfme/pdf-lib';
import * as fontkit from 'fontkit';
import type { FormDefinition } from '../forms/definition.ts';
import { printFont, type PrintFont } from '../render/font.ts';
import { renderPdf } from '../render/pdf/render-pdf.ts';
import { fillableFields, type Box, type FillableField } from './fillable-fields.ts';

const MM = 72 / 25.4;
/** Keywords naming the 様式 a fillable PDF was made for, so importing it as another 様式 is refused with a reason. */
export const FORM_KEYWORD = 'yoshiki-form:';
/** Check boxes and radio buttons sit just inside the box the 様式 prints, which stays visible around them. */
const MARK_INSET = 0.45;

/** fontkit as pdf-lib wants it: @types/fontkit lets `create` return a collection too; a .ttf file is one font. */
export const pdfFontkit = fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0];

const ALIGN = { left: TextAlignment.Left, center: TextAlignment.Center, right: TextAlignment.Right } as const;

export async function renderFillablePdf(definition: FormDefinition, font: PrintFont = printFont()): Promise<Uint8Array> {
  const { layout, fields } = fillableFields(definition, font);
  const pdf = await PDFDocument.load(await renderPdf(layout, font));
  pdf.registerFontkit(pdfFontkit);
  const typing = await pdf.embedFont(font.data, { subset: false });
  const form = pdf.getForm();
  for (const spec of fields) addField(pdf, typing, spec);
  // Viewers that draw typed text from the form's defaults (DR / DA) use the same font.
  const resources = form.acroForm.dict.context.obj({ Font: { [typing.name]: typing.ref } });
  form.acroForm.dict.set(PDFName.of('DR'), resources);
  form.acroForm.dict.set(PDFName.of('DA'), PDFString.of(`/${typing.name} 0 Tf 0 g`));
  form.updateFieldAppearances(typing);
  pdf.setSubject(`${definition.title}（記入用）`);
  pdf.setKeywords(['yoshiki', `${FORM_KEYWORD}${definition.id}`, `yoshiki-version:${definition.version}`]);
  pdf.setLanguage('ja');
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
      return;
    }
  }
}

/** The field's label, read by screen readers and shown on hover (TU). */
function tooltip(dict: { set(key: PDFName, value: PDFHexString): void }, label: string): void {
  dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
}
