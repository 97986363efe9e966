/**
 * Renderer of the list table block: the items of a list field as rows (numbered, under a title cell, with a total
 * line). The 様式's `rows` are printed even when empty; more items add rows, and a table that no longer fits breaks
 * across pages with its header row repeated and 「（続き）」 by its title. A `fixed` table (the 様式 fixes its rows and
 * allows a 別紙) prints its rows and continues the rest of the items on the 続紙 (G-OVERFLOW).
 */
import type { ColumnSpec, FieldDefinition } from '../../forms/definition.ts';
import { lineMm, PAD, SHEET, VALUE_FLOOR, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { columnCell, columnSizes, columnText, columnWidths, headerRow, tableRowHeight } from './table-columns.ts';
import { printValue } from '../../forms/field-types/index.ts';

const CONTINUED = '（続き）';

/** Lays out the table's rows from item `from`; `continued` is the rest of the list on the 続紙 (no title, no total). */
export function layListTable(layout: LayoutEngine, block: BlockOf<'listTable'>, from = 0, continued = false): void {
  const { overrides } = layout;
  const list = layout.field(block.field)!;
  const item = list.item!;
  const itemFields = item.type === 'group' ? (item.fields ?? []) : [];
  const items = (layout.value(block.field) as unknown[] | undefined) ?? [];
  // The title cell is the label column of the page, so the table lines up with the label | value tables around it.
  const titleW = block.title && !continued ? layout.labelWidth : 0;
  // The number column is as wide as its widest number and the padding need: 「(12)」 touched the borders of 9 mm.
  const count = block.numbered ? Math.max(block.rows, items.length) : 0;
  const widestNumber = Math.max(0, ...Array.from({ length: count }, (_, i) => layout.input.font.widthMm(`(${i + 1})`, overrides.labelSize)));
  const numberW = block.numbered ? Math.max(9, widestNumber + 2 * PAD) : 0;
  const rowPath = (index: number) => `${block.field}.${index}`;
  // Sized by what every item holds (also those continued on the 続紙): the columns keep their widths on every page.
  const written = item.type === 'group' ? block.columns.map((c) => items.map((_, i) => columnText(layout, c, rowPath(i), itemFields) ?? '')) : undefined;
  const widths = columnWidths(layout, block.columns, CONTENT_WIDTH - titleW - numberW, itemFields, written);
  const base = overrides.valueSize - 1;
  const h = Math.max(overrides.rowHeight + 1, (block.lines ?? 1) * lineMm(base) + 2 * PAD + 1.5);
  const end = continued ? items.length : block.fixed ? block.rows : Math.max(block.rows, items.length);
  const indexes = Array.from({ length: Math.max(0, end - from) }, (_, i) => from + i);
  // A list of plain values (names) prints each in its one column.
  const plainText = (index: number) => printValue(item, layout.value(rowPath(index)));
  const sizes =
    item.type === 'group'
      ? columnSizes(layout, block.columns, widths, indexes.map((i) => ({ rowPath: rowPath(i), rowFields: itemFields })), base)
      : [layout.columnSize(indexes.map(plainText), widths[0], base, VALUE_FLOOR)];
  const hasHeader = block.columns.some((c) => c.title);
  const header = () => {
    if (hasHeader) headerRow(layout, PAGE.left + titleW, [...(numberW ? [{ text: '', w: numberW }] : []), ...block.columns.map((c, i) => ({ text: c.title, w: widths[i] }))]);
  };
  const rowHeight = (index: number) =>
    item.type === 'group' ? tableRowHeight(layout, block.columns, widths, rowPath(index), itemFields, h, sizes) : Math.max(h, layout.cellHeight(layout.lines(plainText(index), widths[0], sizes[0]).length, sizes[0]));
  // Keep the header with the first rows.
  layout.ensure((hasHeader ? 7 : 0) + indexes.slice(0, 3).reduce((sum, i) => sum + rowHeight(i), 0));
  let top = layout.y;
  let part = 0;
  const titleCell = () => {
    if (!titleW || layout.y <= top) return;
    const text = part === 0 ? block.title! : `${block.title}${CONTINUED}`;
    const lines = layout.lines(text, titleW, overrides.labelSize);
    layout.push({ x: PAGE.left, y: top, w: titleW, h: layout.y - top, border: true, lines, size: overrides.labelSize, align: 'left', valign: 'middle', role: 'label' });
  };
  header();
  layout.table = {
    close: titleCell,
    open: () => {
      part++;
      top = layout.y;
      header();
    },
  };
  for (const index of indexes) {
    const rowH = rowHeight(index);
    layout.ensure(rowH);
    const y = layout.y;
    let cx = PAGE.left + titleW;
    if (numberW) {
      layout.push({ x: cx, y, w: numberW, h: rowH, border: true, lines: [`(${index + 1})`], size: overrides.labelSize, align: 'center', valign: 'middle', role: 'label' });
      cx += numberW;
    }
    if (item.type !== 'group') {
      const text = plainText(index);
      layout.push({ x: cx, y, w: widths[0], h: rowH, border: true, lines: layout.lines(text, widths[0], sizes[0]), text, size: sizes[0], align: 'left', valign: 'middle', role: 'value', path: rowPath(index) });
    } else
      block.columns.forEach((column: ColumnSpec, c) => {
        columnCell(layout, column, rowPath(index), itemFields as FieldDefinition[], cx, y, widths[c], rowH, sizes[c]);
        cx += widths[c];
      });
    layout.y += rowH;
  }
  titleCell();
  layout.table = undefined;
  if (!continued && block.fixed && items.length > block.rows) {
    layout.continueOnSheet({ path: block.field, label: list.label, text: '', layRows: () => layListTable(layout, block, block.rows, true) });
    layout.textBlock(`（${block.rows + 1}行目以降は${SHEET}に記載）`, { size: VALUE_FLOOR });
  }
  if (block.total && !continued) {
    const value = layout.input.computed[block.total.computed];
    const labelW = CONTENT_WIDTH - widths[widths.length - 1];
    layout.ensure(h);
    layout.push({ x: PAGE.left, y: layout.y, w: labelW, h, border: true, lines: [block.total.label], size: overrides.labelSize, align: 'center', valign: 'middle', role: 'label' });
    layout.push({ x: PAGE.left + labelW, y: layout.y, w: widths[widths.length - 1], h, border: true, lines: [`${value ?? ''} ${block.total.suffix ?? ''}`.trim()], size: sizes[sizes.length - 1] ?? base, align: 'right', valign: 'middle', role: 'value', path: block.total.computed });
    layout.y += h;
  }
  layout.y += 2;
}
