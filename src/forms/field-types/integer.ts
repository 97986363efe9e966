/**
 * A whole number (人数, 回数, 単位数): 全角 digits typed are the same number; `min` / `max` bound it; printed as is,
 * right-aligned in tables; a unit printed after it (「120 回」) is not part of the value when it is read back.
 */
import { z } from 'zod';
import { toAsciiDigits } from '../../text/characters.ts';
import { cellText, plainCell } from './cells.ts';
import type { FieldTypeModule } from './field-type.ts';

export const integer: FieldTypeModule = {
  type: 'integer',
  blank: undefined,
  normalise: (_field, text) => {
    const digits = toAsciiDigits(text).trim();
    return { value: /^-?\d+$/.test(digits) ? Number(digits) : text };
  },
  schema: (field) => {
    let n = z.number({ error: 'G-TYPE' }).int({ error: 'G-TYPE' });
    if (field.min !== undefined) n = n.min(field.min, { error: 'G-RANGE' });
    if (field.max !== undefined) n = n.max(field.max, { error: 'G-RANGE' });
    return n;
  },
  print: (_field, value) => String(value),
  printedBlank: '',
  typed: (_field, value) => String(value),
  readPrinted: (_field, text) => {
    // A unit printed after the number (「120 回」).
    const m = /^[\s\u3000]*([-−]?[0-9０-９]+)[\s\u3000]*[^0-9０-９]*$/.exec(text);
    return m ? m[1].replace('−', '-') : text.trim();
  },
  fromCell: (_field, cell) => {
    if (typeof cell === 'number') return cell;
    const text = cellText(cell);
    const digits = text.normalize('NFKC').trim();
    return /^-?\d+$/.test(digits) ? Number(digits) : text;
  },
  toCell: (_field, value) => plainCell(value),
  slotMm: 16,
  control: { kind: 'text', attributes: { class: 'input width-number', inputmode: 'numeric', autocomplete: 'off' } },
};
