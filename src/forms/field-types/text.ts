/**
 * Free text: names, addresses, descriptions. Never normalised (what the office typed is what gets printed); `maxLength`
 * bounds it; `lines` > 1 (or a very long maximum) makes it a multi-line box.
 */
import type { FieldDefinition } from '../definition.ts';
import { cellText, plainCell } from './cells.ts';
import type { FieldTypeModule } from './field-type.ts';

/** The behaviour every text-like type shares; the specific types override what differs. */
export function textLike(type: FieldTypeModule['type'], overrides: Partial<FieldTypeModule> = {}): FieldTypeModule {
  return {
    type,
    blank: '',
    schema: (field: FieldDefinition, parts) => (field.maxLength ? parts.text().max(field.maxLength, { error: 'G-RANGE' }) : parts.text()),
    print: (_field, value) => (typeof value === 'string' ? value : String(value)),
    printedBlank: '',
    typed: (_field, value) => String(value),
    readPrinted: (_field, text) => text,
    fromCell: (_field, cell) => cellText(cell),
    toCell: (_field, value) => plainCell(value),
    control: { kind: 'text' },
    ...overrides,
  };
}

export const text = textLike('text');
