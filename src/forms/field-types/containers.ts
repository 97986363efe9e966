/**
 * The containers: a `group` (an object of members, printed as a table of its own) and a `list` (rows of `item`, printed
 * in a table or, for a list of plain values, in one box 「国府台 一郎、行徳 さくら」 and typed one value per line).
 * Their members' behaviour is their own types'; what is here is only how the container itself prints and reads.
 */
import { z } from 'zod';
import { cellText, plainCell } from './cells.ts';
import type { FieldTypeModule } from './field-type.ts';

export const group: FieldTypeModule = {
  type: 'group',
  blank: undefined,
  schema: (field, parts) => parts.members(field.fields!),
  print: (_field, value) => String(value),
  printedBlank: '',
  typed: (_field, value) => String(value),
  readPrinted: (_field, text) => text,
  fromCell: (_field, cell) => cellText(cell),
  toCell: () => '',
  control: { kind: 'group' },
};

/**
 * Rows a list may have when its definition names no `maxItems`: far more than any 様式's table holds (the longest seen
 * is a meeting record of some 30 attendees), few enough that a document stays drawable. Without a bound a client's
 * 6,000-row list ran a render thread out of memory after 11 seconds; over it the finding is G-ROWS, which even a draft
 * cannot be drawn with.
 */
export const LIST_ROWS_LIMIT = 300;
/** The finding of a list over LIST_ROWS_LIMIT: the one no document is drawn with, not even a draft (src/render/render.ts). */
export const LIST_ROWS_RULE = 'G-ROWS';

export const list: FieldTypeModule = {
  type: 'list',
  blank: undefined,
  schema: (field, parts) => {
    let a = z.array(parts.nested(field.item!, '*'), { error: 'G-TYPE' });
    if (field.required) a = a.min(Math.max(1, field.minItems ?? 1), { error: 'G-REQUIRED' });
    a = field.maxItems ? a.max(field.maxItems, { error: 'G-RANGE' }) : a.max(LIST_ROWS_LIMIT, { error: LIST_ROWS_RULE });
    return a;
  },
  print: (field, value, recurse) => (Array.isArray(value) ? value.map((v) => recurse.print(field.item, v)).join('、') : String(value)),
  printedBlank: '',
  typed: (field, value, recurse) => (Array.isArray(value) ? value.map((v) => (field.item ? recurse.typed(field.item, v) : String(v))).join('\n') : String(value)),
  readPrinted: (field, text, recurse) => {
    const items = text
      .split(/[\n、]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (field.item ? recurse.readPrinted(field.item, s) : s))
      .filter((v) => v !== undefined);
    return items.length ? items : undefined;
  },
  fromCell: (_field, cell) => cellText(cell),
  toCell: (_field, value) => plainCell(value),
  control: { kind: 'list' },
};
