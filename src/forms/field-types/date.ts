/**
 * A date: ISO (2024-05-01) in the data; typed as ISO or 和暦 (令和6年5月1日, R6.5.1, 元年); printed in 和暦 with the blank
 * 「年　　月　　日」 when empty, as the paper 様式 does; an Excel date cell or serial reads as the date Excel shows.
 */
import { formatWareki, parseDateInput } from '../../text/wareki.ts';
import { cellText, isoDate, serialToDate } from './cells.ts';
import { textLike } from './text.ts';

export const BLANK_DATE = '年　　月　　日';

const isIso = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
const isRealIsoDate = (s: string) => {
  const parsed = parseDateInput(s);
  return parsed.ok && parsed.iso === s;
};
const wareki = (_field: unknown, value: unknown) => (isIso(value) ? formatWareki(value) : String(value));

export const date = textLike('date', {
  normalise: (_field, text) => {
    const parsed = parseDateInput(text);
    return parsed.ok ? { value: parsed.iso } : { value: text, problem: parsed.reason };
  },
  schema: (_field, parts) => parts.text().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'G-DATE' }).refine(isRealIsoDate, { error: 'G-DATE' }),
  print: wareki,
  printedBlank: BLANK_DATE,
  typed: wareki,
  readPrinted: (_field, text) => {
    // The blank 「年　月　日」, and the weekday a date may print with (令和6年6月5日（水）).
    const d = text.replace(/[（(][日月火水木金土][)）]\s*$/, '').trim();
    return /^[年月日\s\u3000]*$/.test(d) ? undefined : d;
  },
  fromCell: (_field, cell) => (cell instanceof Date ? isoDate(cell) : typeof cell === 'number' && cell >= 61 && cell < 2958466 ? isoDate(serialToDate(cell)) : cellText(cell)),
  typical: '令和10年12月31日',
  slotMm: 38,
  control: { kind: 'text', attributes: { class: 'input width-date', autocomplete: 'off' } },
});
