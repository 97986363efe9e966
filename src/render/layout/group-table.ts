/**
 * Renderer of the group table block (別紙 tables of fixed rows): one row per sub-group of a group field, its label on
 * the left — under a category cell spanning the rows that share it — then one cell per column. Rows grow with their
 * text; a table that breaks across pages repeats its header row there (and its category cell restarts).
 */
import type { FieldDefinition } from '../../forms/definition.ts';
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { columnCell, columnFields, columnSizes, columnWidths, headerRow, tableRowHeight } from './table-columns.ts';

export function layGroupTable(layout: LayoutEngine, block: BlockOf<'groupTable'>): void {
  const { overrides } = layout;
  const group = layout.field(block.field)!;
  const rows = (group.fields ?? []).filter((f) => f.type === 'group');
  const labelW = block.labelWidth ?? overrides.groupLabelWidth;
  const widths = columnWidths(block.columns, CONTENT_WIDTH - labelW);
  const base = overrides.valueSize - 1;
  const rowPath = (row: FieldDefinition) => `${block.field}.${row.key}`;
  const sizes = columnSizes(layout, block.columns, widths, rows.map((row) => ({ rowPath: rowPath(row), rowFields: row.fields! })), base);
  if (block.title) layout.textBlock(block.title);
  const categoryW = 9;
  // A row is as tall as the most lines any of its fields asks for (担う機能の具体的内容: 3 lines), its text or its checkboxes need.
  const linesOf = (row: FieldDefinition) => Math.max(block.lines ?? 1, ...block.columns.flatMap((c) => columnFields(c, row.fields!).map(({ field }) => field.lines ?? 1)));
  const heights = rows.map((row) => tableRowHeight(layout, block.columns, widths, rowPath(row), row.fields!, Math.max(overrides.rowHeight + 1, linesOf(row) * lineMm(base) + 2 * PAD + 1.5), sizes));
  const header = () => headerRow(layout, PAGE.left, [{ text: block.labelTitle ?? '', w: labelW }, ...block.columns.map((c, i) => ({ text: c.title, w: widths[i] }))]);
  layout.ensure(7 + heights.slice(0, 3).reduce((s, h) => s + h, 0));
  header();
  // The category cell spans the rows that share it, on each page they print on.
  let category: { name: string; top: number } | undefined;
  const closeCategory = () => {
    if (!category || layout.y <= category.top) return;
    const lines = layout.lines(category.name, categoryW, overrides.labelSize);
    layout.push({ x: PAGE.left, y: category.top, w: categoryW, h: layout.y - category.top, border: true, lines, size: overrides.labelSize, align: 'center', valign: 'middle', role: 'label' });
    category = undefined;
  };
  layout.table = { close: closeCategory, open: header };
  const labelSize = overrides.labelSize - 0.5;
  rows.forEach((row, i) => {
    const rowH = heights[i];
    layout.ensure(rowH);
    if (category && category.name !== row.category) closeCategory();
    if (row.category && !category) category = { name: row.category, top: layout.y };
    const y = layout.y;
    const labelX = PAGE.left + (row.category ? categoryW : 0);
    const labelWidth = labelW - (row.category ? categoryW : 0);
    layout.push({ x: labelX, y, w: labelWidth, h: rowH, border: true, lines: layout.lines(row.label, labelWidth, labelSize), size: labelSize, align: 'left', valign: 'middle', role: 'label' });
    let cx = PAGE.left + labelW;
    block.columns.forEach((column, c) => {
      columnCell(layout, column, rowPath(row), row.fields!, cx, y, widths[c], rowH, sizes[c]);
      cx += widths[c];
    });
    layout.y += rowH;
  });
  closeCategory();
  layout.table = undefined;
  layout.y += 2;
}
