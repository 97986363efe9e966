/**
 * From the text a box shows back to the value in the data: what print-values.ts does, undone. 和暦 dates and 〒 stay as
 * printed (normalisation before validation reads them); what normalisation cannot know is undone here — an option's
 * label, a unit after a number, the weekday after a date, a list printed in one box, ■/□.
 */
import type { FieldDefinition } from '../forms/definition.ts';

/** Marks that read as ticked; □ (and anything else) reads as not ticked. */
const TICKED = new Set(['■', '☑', '✓', '✔', '●', '☒']);
const MARK = '[■□☑☐✓✔●○☒]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The value `text` stands for, or undefined when the box is blank. */
export function parsePrinted(field: FieldDefinition, text: string): unknown {
  if (text.trim() === '') return undefined;
  switch (field.type) {
    case 'date': {
      // The blank 「年　月　日」, and the weekday a date may print with (令和6年6月5日（水）).
      const date = text.replace(/[（(][日月火水木金土][)）]\s*$/, '').trim();
      return /^[年月日\s\u3000]*$/.test(date) ? undefined : date;
    }
    case 'postalCode':
      return /^〒?[\s\u3000]*$/.test(text) ? undefined : text.trim();
    case 'choice': {
      const label = text.trim();
      return field.options?.find((o) => o.label === label || o.value === label)?.value ?? label;
    }
    case 'integer': {
      // A unit printed after the number (「120 回」).
      const m = /^[\s\u3000]*([-−]?[0-9０-９]+)[\s\u3000]*[^0-9０-９]*$/.exec(text);
      return m ? m[1].replace('−', '-') : text.trim();
    }
    case 'boolean':
      return tickedBefore(text, '') ?? undefined;
    case 'list': {
      // A list printed in one box: 「国府台 一郎、行徳 さくら」, or one value per line as typed into a PDF field.
      const items = text
        .split(/[\n、]/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (field.item ? parsePrinted(field.item, s) : s))
        .filter((v) => v !== undefined);
      return items.length ? items : undefined;
    }
    default:
      return text;
  }
}

/**
 * Whether the box shows `label` ticked (■相談機能) or not (□相談機能); undefined when the label is not there. The label
 * must end where the next option begins (a space) or the text ends, so 「その他」 is not found in 「その他の支援」.
 */
export function tickedBefore(text: string, label: string): boolean | undefined {
  const m = new RegExp(`(${MARK})[\\s\\u3000]?${escape(label)}(?=$|[\\s\\u3000])`, 'mu').exec(text);
  return m ? TICKED.has(m[1]) : undefined;
}

/** Whether the text shows any ■/□ at all (a single choice prints as boxes in a form row, as a word in a table). */
export function hasMarks(text: string): boolean {
  return new RegExp(MARK, 'u').test(text);
}
