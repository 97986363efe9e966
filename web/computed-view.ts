/**
 * Live values: computed ones (kino-kyoka (a), (b), (c) and the (c) ≦ (b) check; 適用開始日 …) in their `<output>`, and
 * fields a printed sentence repeats (「{filedOn}にあった…届出について」) as the 様式 prints them (和暦).
 */
import type { FormDefinition } from '../src/forms/definition.ts';
import { fieldAt, getAt } from '../src/forms/fields.ts';
import { formatWareki } from '../src/text/wareki.ts';
import { ui } from '../src/messages/form-page.ts';
import { printValue } from '../src/forms/field-types/index.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-\d{2}$/;

function computedText(value: unknown, type: string | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return ui.notComputed;
  if (typeof value === 'object') return undefined; // a table of values (事業所ごとの加算) has no one-line form
  if (typeof value === 'string' && ISO_DATE.test(value)) return formatWareki(value);
  // A month (算定開始月 2024-07) reads as 令和6年7月.
  if (typeof value === 'string' && ISO_MONTH.test(value)) return formatWareki(`${value}-01`).replace(/1日$/, '');
  if (type === 'date' && typeof value === 'string') return value;
  return String(value);
}

export function showComputed(root: HTMLElement, definition: FormDefinition, computed: Record<string, unknown>, data: Record<string, unknown>): void {
  for (const output of root.querySelectorAll<HTMLOutputElement>('output[data-computed]')) {
    const key = output.dataset.computed!;
    const type = definition.computed.find((c) => c.key === key)?.type;
    const text = computedText(computed[key], type);
    const item = output.closest<HTMLElement>('.computed-item');
    if (item) item.hidden = text === undefined;
    if (text === undefined) continue;
    if (output.textContent !== text) output.textContent = text;
    output.dataset.state = text === 'OK' || text === 'NG' ? text : '';
  }
  const section = root.querySelector<HTMLElement>('.computed-section');
  if (section) section.hidden = !section.querySelector('.computed-item:not([hidden])');

  for (const echo of root.querySelectorAll<HTMLElement>('[data-echo]')) {
    const path = echo.dataset.echo!;
    const value = getAt(data, path);
    const text =
      echo.dataset.weekday && typeof value === 'string' && ISO_DATE.test(value) ? formatWareki(value, { weekday: true }) : printValue(fieldAt(definition, path), value);
    if (echo.textContent !== text) echo.textContent = text;
  }
}
