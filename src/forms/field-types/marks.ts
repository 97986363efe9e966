/**
 * Tick marks as they print and as people type them: ■ / □ from the 様式, and ☑ ✓ ✔ ● ☒ from other tools.
 */

/** Marks that read as ticked; □ (and anything else) reads as not ticked. */
const TICKED = new Set(['■', '☑', '✓', '✔', '●', '☒']);
const MARK = '[■□☑☐✓✔●○☒]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
