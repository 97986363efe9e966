/**
 * What a clerk checks first on every page of every example and long-value twin: no line of a bordered box reaches its
 * borders (the 1.5 mm padding stays clear), and a table column prints in one size (no 8 pt cell under a 9.5 pt one).
 */
import { describe, expect, it } from 'vitest';
import { printFont } from '../../src/render/font.ts';
import { CELL_PADDING } from '../../src/render/layout/model.ts';
import { renderDocument } from '../../src/render/render.ts';
import { PRINT_TODAY, printCases } from '../support/print-cases.ts';

const font = printFont();
/** The drawing allows 0.6 mm of slack on the right (cell-plugin.ts): lines were wrapped to the exact width. */
const SLACK = 0.6;

describe.each(printCases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it('keeps every line inside its box and one size per table column', async () => {
    const layout = (await renderDocument(c.form, c.data, { today: PRINT_TODAY, pdf: false })).layout!;
    layout.pages.forEach((page, p) => {
      const columns = new Map<string, Set<number>>();
      for (const cell of page.cells) {
        if (!cell.border) continue;
        for (const line of cell.lines) {
          const width = font.widthMm(line.replace(/[ \u3000]+$/, ''), cell.size);
          expect(width, `page ${p + 1} ${cell.path ?? cell.role}: ${line}`).toBeLessThanOrEqual(cell.w - 2 * CELL_PADDING + SLACK + 0.01);
        }
        // A column of a list: the same field of every row, at the same place.
        if (cell.role === 'value' && cell.path && /\.\d+\./.test(cell.path) && cell.lines.some((l) => l !== '')) {
          const key = `${cell.x.toFixed(2)} ${cell.w.toFixed(2)} ${cell.path.replace(/\.\d+\./, '.*.')}`;
          columns.set(key, (columns.get(key) ?? new Set()).add(cell.size));
        }
      }
      for (const [column, sizes] of columns) expect([...sizes], `page ${p + 1} ${column}`).toHaveLength(1);
    });
  });
});
