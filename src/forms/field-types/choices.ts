/**
 * Choices from the options the 様式 prints. `choice`: exactly one (radio buttons for a few options, a drop-down for many;
 * printed as boxes or as the option's label). `choices`: any number (checkboxes; `;` between them in a spreadsheet).
 * A typed option is matched by value or label, by NFKC (options.ts): 「就労継続支援Ａ型」 is 「就労継続支援A型」.
 */
import { z } from 'zod';
import type { FieldDefinition } from '../definition.ts';
import { isBlankText, matchOption } from '../options.ts';
import { cellText } from './cells.ts';
import type { FieldTypeModule } from './field-type.ts';

const optionValues = (field: FieldDefinition) => field.options!.map((o) => o.value) as [string, ...string[]];
const labelOf = (field: FieldDefinition, value: unknown) => field.options?.find((o) => o.value === value)?.label ?? String(value);
/** The option a text names, or the text as typed for the validator to report. */
const optionValue = (field: FieldDefinition, text: string): string => matchOption(field, text) ?? text;

export const choice: FieldTypeModule = {
  type: 'choice',
  blank: undefined,
  normalise: (field, text) => ({ value: optionValue(field, text) }),
  schema: (field) => z.enum(optionValues(field), { error: 'G-CHOICE' }),
  print: labelOf,
  printedBlank: '',
  typed: labelOf,
  readPrinted: (field, text) => {
    const label = text.trim();
    return field.options?.find((o) => o.label === label || o.value === label)?.value ?? label;
  },
  fromCell: (field, cell) => optionValue(field, cellText(cell)),
  toCell: (field, value) => labelOf(field, value),
  control: { kind: 'options', multiple: false },
};

export const choices: FieldTypeModule = {
  type: 'choices',
  blank: undefined,
  schema: (field) => {
    let a = z.array(z.enum(optionValues(field), { error: 'G-CHOICE' }), { error: 'G-TYPE' });
    if (field.required) a = a.min(Math.max(1, field.minItems ?? 1), { error: 'G-REQUIRED' });
    return a.refine((values) => new Set(values).size === values.length, { error: 'G-CHOICE' });
  },
  print: (field, value) => (Array.isArray(value) ? value.map((v) => labelOf(field, v)).join('、') : String(value)),
  printedBlank: '',
  typed: (_field, value) => String(value),
  // Ticked options are read box by box (read-pdf.ts, read-xlsx.ts), never from one text.
  readPrinted: (_field, text) => text,
  fromCell: (field, cell) =>
    cellText(cell)
      .split(/[;；\n]/)
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => optionValue(field, part)),
  toCell: (field, value) => (Array.isArray(value) ? value.map((v) => labelOf(field, v)).join(';') : ''),
  control: { kind: 'options', multiple: true },
};

/** A list of typed options: blanks dropped, each matched as a single choice is. */
export function normaliseChoices(field: FieldDefinition, values: unknown[]): unknown[] {
  return values.filter((e) => !(typeof e === 'string' && isBlankText(e))).map((e) => (typeof e === 'string' ? optionValue(field, e) : e));
}
