/**
 * Renderer of the list table block: the items of a list field as the 様式's fixed number of rows (numbered, under a
 * title cell, with a total line). Items beyond those rows continue as the same table on a 別紙 page (G-OVERFLOW).
 */
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { printedValue } from './print-values.ts';
import { columnCell, columnWidths, headerRow, tableRowHeight } from './table-columns.ts';

/** Lays out the table's rows from item `from`; `continued` is the rest of the list on its 別紙 page (no title, no total). */
export function layListTable(layout: LayoutEngine, block: BlockOf<'listTable'>, from = 0, continued = false): void {
  const { overrides } = layout;
  const list = layout.field(block.field)!;
  const item = list.item!;
  const itemFields = item.fields ?? [item];
  const items = (layout.value(block.field) as unknown[] | undefined) ?? [];
  const titleW = block.title && !continued ? overrides.listTitleWidth : 0;
  const numberW = block.numbered ? 9 : 0;
  const widths = columnWidths(block.columns, CONTENT_WIDTH - titleW - numberW);
  const h = Math.max(overrides.rowHeight + 1, (block.lines ?? 1) * lineMm(overrides.valueSize) + 2 * PAD + 1.5);
  const count = continued ? items.length - from : Math.max(block.rows, 0);
  const shown = Math.min(count, continued ? count : block.rows);
  const hasHeader = block.columns.some((c) => c.title);
  layout.ensure((hasHeader ? 7 : 0) + h * Math.min(shown, 3));
  const top = layout.y;
  if (hasHeader) headerRow(layout, PAGE.left + titleW, [...(numberW ? [{ text: '', w: numberW }] : []), ...block.columns.map((c, i) => ({ text: c.title, w: widths[i] }))]);
  for (let r = 0; r < shown; r++) {
    const index = from + r;
    const rowH = item.type === 'group' ? tableRowHeight(layout, block.columns, widths, `${block.field}.${index}`, itemFields, h) : h;
    layout.ensure(rowH);
    const y = layout.y;
    let cx = PAGE.left + titleW;
    if (numberW) {
      layout.push({ x: cx, y, w: numberW, h: rowH, border: true, lines: [`(${index + 1})`], size: overrides.labelSize, align: 'center', valign: 'middle', role: 'label' });
      cx += numberW;
    }
    block.columns.forEach((column, c) => {
      const rowPath = `${block.field}.${index}`;
      if (item.type !== 'group') {
        const text = printedValue(item, layout.value(rowPath));
        const fitted = layout.fit(text, widths[c], rowH, rowPath, `${list.label} ${index + 1}行目`);
        layout.push({ x: cx, y, w: widths[c], h: rowH, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: 'middle', role: 'value', path: rowPath });
      } else columnCell(layout, column, rowPath, itemFields, cx, y, widths[c], rowH, `${list.label} ${index + 1}行目`);
      cx += widths[c];
    });
    layout.y += rowH;
  }
  if (titleW) {
    const lines = layout.wrap(block.title!, titleW, overrides.labelSize).map((l) => l.text);
    layout.push({ x: PAGE.left, y: top, w: titleW, h: layout.y - top, border: true, lines, size: overrides.labelSize, align: 'left', valign: 'middle', role: 'label' });
  }
  if (!continued && items.length > block.rows) {
    const page = layout.continueOnSheet({ path: block.field, label: list.label, text: '', layRows: () => layListTable(layout, block, block.rows, true) });
    layout.textBlock(`（${block.rows + 1}行目以降は${page}に記載）`, { size: 8 });
  }
  if (block.total && !continued) {
    const value = layout.input.computed[block.total.computed];
    const labelW = CONTENT_WIDTH - widths[widths.length - 1];
    layout.ensure(h);
    layout.push({ x: PAGE.left, y: layout.y, w: labelW, h, border: true, lines: [block.total.label], size: overrides.labelSize, align: 'center', valign: 'middle', role: 'label' });
    layout.push({ x: PAGE.left + labelW, y: layout.y, w: widths[widths.length - 1], h, border: true, lines: [`${value ?? ''} ${block.total.suffix ?? ''}`.trim()], size: overrides.valueSize, align: 'right', valign: 'middle', role: 'value', path: block.total.computed });
    layout.y += h;
  }
  layout.y += 2;
}
