/**
 * Text the form shows as the 様式 prints it (a 事業所名 repeated beside a table row, a date inside a printed sentence)
 * breaks where the print layout breaks: a <wbr> at each of its break opportunities (src/render/layout/wrap.ts: UAX #14
 * with 禁則, BudouX phrases, ICU words, a number kept with its counter), and the stylesheet lets the browser break
 * nowhere else (`word-break: keep-all` on .echo). So 「ひまわり工房」 and 「15番2号」 wrap on the screen as on paper.
 */
import { breakOpportunities } from '../src/render/layout/wrap.ts';

export function setPrintedText(element: HTMLElement, text: string): void {
  const doc = element.ownerDocument;
  const parts: (string | Node)[] = [];
  let from = 0;
  for (const at of breakOpportunities(text)) {
    if (at >= text.length) break;
    parts.push(text.slice(from, at), doc.createElement('wbr'));
    from = at;
  }
  parts.push(text.slice(from));
  element.replaceChildren(...parts.filter((p) => p !== ''));
}
