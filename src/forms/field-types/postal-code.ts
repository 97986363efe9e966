/**
 * 郵便番号: 7 ASCII digits in the data; typed with or without 〒 and hyphen, in 全角 or 半角; printed 〒123-4567 (the 〒
 * stays printed on a blank box); typed into a fillable PDF as 123-4567 (the 〒 is printed beside the field).
 */
import { toAsciiDigits } from '../../text/characters.ts';
import { textLike } from './text.ts';

const seven = (value: unknown): value is string => typeof value === 'string' && /^\d{7}$/.test(value);

export const postalCode = textLike('postalCode', {
  normalise: (_field, text) => {
    const digits = toAsciiDigits(text).trim().replace(/^〒\s*/, '');
    return { value: /^\d{3}-\d{4}$/.test(digits) ? digits.replace('-', '') : digits };
  },
  schema: (_field, parts) => parts.text().regex(/^\d{7}$/, { error: 'G-POSTAL' }),
  print: (_field, value) => (seven(value) ? `〒${value.slice(0, 3)}-${value.slice(3)}` : `〒${value}`),
  printedBlank: '〒',
  typed: (_field, value) => (seven(value) ? `${value.slice(0, 3)}-${value.slice(3)}` : String(value)),
  readPrinted: (_field, text) => (/^〒?[\s\u3000]*$/.test(text) ? undefined : text.trim()),
  typical: '000-0000',
  slotMm: 24,
  control: { kind: 'text', attributes: { class: 'input width-postal', inputmode: 'numeric', autocomplete: 'postal-code' } },
});
