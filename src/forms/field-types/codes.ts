/**
 * The text-like types with a fixed shape: 時刻, 事業所番号, 電話, e-mail, よみがな. 全角 digits become ASCII (a 事業所番号
 * typed on a Japanese keyboard is the same number); a reading in katakana becomes hiragana. Each carries its rule id.
 */
import { isHiraganaReading, katakanaToHiragana, toAsciiDigits } from '../../text/characters.ts';
import { cellText, hhmm, serialToDate } from './cells.ts';
import { textLike } from './text.ts';

const asciiDigits = (_field: unknown, text: string) => ({ value: toAsciiDigits(text).trim() });

export const time = textLike('time', {
  normalise: asciiDigits,
  schema: (_field, parts) => parts.text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'G-TIME-FORMAT' }),
  // An Excel time is a fraction of a day.
  fromCell: (_field, cell) => (cell instanceof Date ? hhmm(cell) : typeof cell === 'number' && cell >= 0 && cell < 1 ? hhmm(serialToDate(cell)) : cellText(cell)),
  typical: '00:00',
  slotMm: 20,
  control: { kind: 'text', attributes: { class: 'input width-time', inputmode: 'numeric', autocomplete: 'off' } },
});

export const officeNumber = textLike('officeNumber', {
  normalise: asciiDigits,
  schema: (_field, parts) => parts.text().regex(/^\d{10}$/, { error: 'G-OFFICE-NUMBER' }),
  typical: '0000000000',
  slotMm: 32,
  control: { kind: 'text', attributes: { class: 'input width-code', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' } },
});

export const phone = textLike('phone', {
  normalise: asciiDigits,
  schema: (_field, parts) => parts.text().regex(/^\d[\d-]{8,12}\d$/, { error: 'G-PHONE' }),
  typical: '0000-000-0000',
  slotMm: 36,
  control: { kind: 'text', attributes: { class: 'input width-phone', type: 'tel', autocomplete: 'tel' } },
});

export const email = textLike('email', {
  schema: (_field, parts) => parts.text().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'G-EMAIL' }),
  control: { kind: 'text', attributes: { class: 'input width-email', type: 'email', autocomplete: 'email', spellcheck: 'false' } },
});

export const kana = textLike('kana', {
  normalise: (_field, text) => ({ value: katakanaToHiragana(text) }),
  schema: (_field, parts) => parts.text().refine(isHiraganaReading, { error: 'G-KANA' }),
  control: { kind: 'text', attributes: { class: 'input', autocomplete: 'off' } },
});
