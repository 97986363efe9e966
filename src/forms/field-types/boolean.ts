/**
 * One checkbox: printed ■ / □ as the paper does; read back from any usual tick mark; in a spreadsheet ○ / ✓ / はい / 1
 * is ticked and × / いいえ / 0 / an empty cell is not.
 */
import { z } from 'zod';
import { tickedBefore } from './marks.ts';
import { cellText } from './cells.ts';
import type { FieldTypeModule } from './field-type.ts';
import { optionKey } from '../options.ts';

const TRUE_WORDS = new Set(['○', '◯', '〇', '✓', '✔', '☑', '■', 'true', '1', 'はい']);
const FALSE_WORDS = new Set(['false', '0', 'いいえ', '×', '□']);

export const boolean: FieldTypeModule = {
  type: 'boolean',
  blank: undefined,
  schema: () => z.boolean({ error: 'G-TYPE' }),
  print: (_field, value) => (value === true ? '■' : '□'),
  printedBlank: '',
  typed: (_field, value) => String(value),
  readPrinted: (_field, text) => tickedBefore(text, '') ?? undefined,
  fromCell: (_field, cell) => {
    if (typeof cell === 'boolean') return cell;
    if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : cell;
    const word = optionKey(cellText(cell)).toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word) || word === '') return false;
    return cellText(cell);
  },
  toCell: (_field, value) => (value === true ? '○' : ''),
  control: { kind: 'checkbox' },
};
