/**
 * Renderer of the group table block (別紙 tables of fixed rows): one row per sub-group of a group field, its label on
 * the left — under a category cell spanning the rows that share it — then one cell per column.
 */
import type { FieldDefinition } from '../../forms/definition.ts';
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { columnCell, columnFields, columnWidths, headerRow, tableRowHeight } from './table-columns.ts';

export function layGroupTable(layout: LayoutEngine, block: BlockOf<'groupTable'>): void {
  const { overrides } = layout;
  const group = layout.field(block.field)!;
  const rows = (group.fields ?? []).filter((f) => f.type === 'group');
  const labelW = block.labelWidth ?? overrides.groupLabelWidth;
  const widths = columnWidths(block.columns, CONTENT_WIDTH - labelW);
  const h = Math.max(overrides.rowHeight + 1, (block.lines ?? 1) * lineMm(overrides.valueSize) + 2 * PAD + 1.5);
  if (block.title) layout.textBlock(block.title);
  layout.ensure(7 + h * Math.min(rows.length, 3));
  headerRow(layout, PAGE.left, [{ text: block.labelTitle ?? '', w: labelW }, ...block.columns.map((c, i) => ({ text: c.title, w: widths[i] }))]);
  const categoryW = 9;
  // A row is as tall as the most lines any of its fields asks for (担う機能の具体的内容: 3 lines) or its checkboxes need.
  const linesOf = (row: FieldDefinition) => Math.max(block.lines ?? 1, ...block.columns.flatMap((c) => columnFields(c, row.fields!).map(({ field }) => field.lines ?? 1)));
  const heights = rows.map((row) =>
    tableRowHeight(layout, block.columns, widths, `${block.field}.${row.key}`, row.fields!, Math.max(overrides.rowHeight + 1, linesOf(row) * lineMm(overrides.valueSize) + 2 * PAD + 1.5)),
  );
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const rowH = heights[i];
    layout.ensure(rowH);
    const y = layout.y;
    let labelX = PAGE.left;
    let labelWidth = labelW;
    if (row.category) {
      if (rows[i - 1]?.category !== row.category || y === PAGE.top) {
        let span = 1;
        while (rows[i + span]?.category === row.category) span++;
        const spanH = heights.slice(i, i + span).reduce((sum, v) => sum + v, 0);
        const lines = layout.wrap(row.category, categoryW, overrides.labelSize).map((l) => l.text);
        layout.push({ x: PAGE.left, y, w: categoryW, h: spanH, border: true, lines, size: overrides.labelSize, align: 'center', valign: 'middle', role: 'label' });
      }
      labelX += categoryW;
      labelWidth -= categoryW;
    }
    const labelLines = layout.wrap(row.label, labelWidth, overrides.labelSize - 0.5).map((l) => l.text);
    layout.push({ x: labelX, y, w: labelWidth, h: rowH, border: true, lines: labelLines, size: overrides.labelSize - 0.5, align: 'left', valign: 'middle', role: 'label' });
    let cx = PAGE.left + labelW;
    block.columns.forEach((column, c) => {
      columnCell(layout, column, `${block.field}.${row.key}`, row.fields!, cx, y, widths[c], rowH, row.label);
      cx += widths[c];
    });
    layout.y += rowH;
  }
  layout.y += 2;
}
