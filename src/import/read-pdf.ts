/**
 * Reads a filled-in fillable PDF: the value of each AcroForm field the 様式 defines (names: src/fillable), by data path.
 * Fields the PDF has beyond those are not ours and are ignored; a PDF with none of them is refused with what to do.
 */
import { PDFCheckBox, PDFDocument, PDFDropdown, PDFRadioGroup, PDFTextField, type PDFField } from '@pdfme/pdf-lib';
import type { FormDefinition } from '../forms/definition.ts';
import { fieldAt } from '../forms/fields.ts';
import { loadDefinitions } from '../forms/registry.ts';
import { printFont } from '../render/font.ts';
import { fillableFields } from '../fillable/fillable-fields.ts';
import { FORM_KEYWORD } from '../fillable/fillable-pdf.ts';
import type { Reading, ReadValues } from './assemble-data.ts';
import { importMessage } from '../messages/import.ts';
import { ImportError } from './errors.ts';
import { readPrintedValue } from '../forms/field-types/index.ts';

export async function readFillablePdf(definition: FormDefinition, bytes: Uint8Array): Promise<Reading> {
  let doc: PDFDocument;
  let present: Map<string, PDFField>;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
    // pdf-lib loads a damaged file leniently; it fails once the catalog or the form is needed.
    present = new Map(doc.getForm().getFields().map((f) => [f.getName(), f]));
  } catch {
    throw new ImportError('UNREADABLE_FILE', importMessage('IM-PDF-UNREADABLE', { form: definition.id }));
  }
  refuseOtherForm(definition, doc.getKeywords());

  const specs = fillableFields(definition, printFont()).fields.filter((spec) => present.has(spec.name));
  if (specs.length === 0) throw new ImportError('NOT_FILLABLE', importMessage('IM-PDF-NOT-FILLABLE', { form: definition.id }));

  const values: ReadValues = new Map();
  const chosen = new Map<string, string[]>();
  for (const spec of specs) {
    const field = present.get(spec.name);
    switch (spec.kind) {
      case 'text':
        if (field instanceof PDFTextField) values.set(spec.path, readPrintedValue(spec.field, field.getText() ?? ''));
        break;
      case 'dropdown':
        if (field instanceof PDFDropdown) values.set(spec.path, readPrintedValue(spec.field, field.getSelected()[0] ?? ''));
        break;
      case 'radio':
        if (!(field instanceof PDFRadioGroup)) break;
        // A yes/no pair (有・無) reads back as the boolean; neither chosen is not answered.
        if (fieldAt(definition, spec.path)?.type === 'boolean') {
          const chosen = field.getSelected();
          values.set(spec.path, chosen === 'true' ? true : chosen === 'false' ? false : undefined);
        } else values.set(spec.path, field.getSelected() || undefined);
        break;
      case 'checkbox':
        if (!(field instanceof PDFCheckBox)) break;
        if (spec.value === undefined) values.set(spec.path, field.isChecked());
        else if (field.isChecked()) chosen.set(spec.path, [...(chosen.get(spec.path) ?? []), spec.value]);
        break;
    }
  }
  // Options are listed in the order the 様式 prints them.
  for (const [path, options] of chosen) values.set(path, options);
  return { values, findings: [] };
}

/** A fillable PDF names its 様式 in its keywords; reading it as another 様式 would fill the wrong fields. */
function refuseOtherForm(definition: FormDefinition, keywords: string | undefined): void {
  const other = keywords
    ?.split(/\s+/)
    .find((k) => k.startsWith(FORM_KEYWORD))
    ?.slice(FORM_KEYWORD.length);
  if (other && other !== definition.id)
    throw new ImportError('WRONG_FORM', importMessage('IM-WRONG-FORM', { other: loadDefinitions().get(other)?.title ?? other, title: definition.title }));
}
