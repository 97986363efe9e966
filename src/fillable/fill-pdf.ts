/**
 * Fills a fillable PDF with data, as a person would type it: dates in 和暦, 郵便番号 with its hyphen (the 〒 is printed),
 * a single choice by its label, a list printed in one box one value per line. Used to hand out a form already filled
 * with what an office has on file, and by the tests that read such a PDF back.
 */
import { defaultTextFieldAppearanceProvider, PDFDocument, type AppearanceProviderFor, type PDFTextField } from '@pdfme/pdf-lib';
import type { FormDefinition } from '../forms/definition.ts';
import { getAt } from '../forms/fields.ts';
import { typedValue } from '../forms/field-types/index.ts';
import { printFont, type PrintFont } from '../render/font.ts';
import { wrapText } from '../render/layout/wrap.ts';
import { describePdf, documentAuthor, tagSubsetFont } from '../render/pdf/pdf-standards.ts';
import { fillableFields } from './fillable-fields.ts';
import { markFieldsUseDingbats, pdfFontkit } from './fillable-pdf.ts';

/** Fills the fields of `pdf` (made by renderFillablePdf for `definition`) with `data` (normalised: ISO dates, codes). */
export async function fillFillablePdf(pdf: Uint8Array, definition: FormDefinition, data: Record<string, unknown>, font: PrintFont = printFont()): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  doc.registerFontkit(pdfFontkit);
  const form = doc.getForm();
  const appearanceFont = tagSubsetFont(await doc.embedFont(font.data, { subset: true }));
  for (const spec of fillableFields(definition, font).fields) {
    const value = getAt(data, spec.path);
    switch (spec.kind) {
      case 'text': {
        const field = form.getTextField(spec.name);
        field.setText(typedValue(spec.field, value) || undefined);
        if (spec.multiline) field.updateAppearances(appearanceFont, wrappedLines(spec.size));
        break;
      }
      case 'dropdown': {
        const label = spec.options.find((o) => o.value === value)?.label;
        if (label) form.getDropdown(spec.name).select(label);
        break;
      }
      case 'checkbox': {
        const checked = spec.value === undefined ? value === true : Array.isArray(value) && value.includes(spec.value);
        if (checked) form.getCheckBox(spec.name).check();
        break;
      }
      case 'radio':
        if (value === spec.value) form.getRadioGroup(spec.name).select(spec.value);
        break;
    }
  }
  // Appearances drawn with a subset of the font: the filled values show in every viewer and when printed.
  form.updateFieldAppearances(appearanceFont);
  markFieldsUseDingbats(form);
  // Filled in, the form is from its filer; the keywords still name the 様式 (src/import checks them).
  describePdf(doc, {
    title: doc.getTitle() ?? definition.title,
    author: documentAuthor(definition, data),
    subject: doc.getSubject(),
    keywords: doc.getKeywords()?.split(' '),
    date: new Date(),
  });
  return doc.save();
}

/**
 * pdf-lib breaks multi-line text only at spaces, and Japanese has none: break it the way the print layout does (禁則
 * included), then let pdf-lib draw the lines.
 */
function wrappedLines(size: number): AppearanceProviderFor<PDFTextField> {
  return (field, widget, font) => {
    // pdf-lib's provider pads by the border width plus 1 pt on each side.
    const width = widget.getRectangle().width - 2 * ((widget.getBorderStyle()?.getWidth() ?? 0) + 1);
    const wrapped = wrapText(field.getText() ?? '', width, (s) => font.widthOfTextAtSize(s, size))
      .map((l) => l.text)
      .join('\n');
    const view = Object.create(field, { getText: { value: () => wrapped } }) as PDFTextField;
    return defaultTextFieldAppearanceProvider(view, widget, font);
  };
}
