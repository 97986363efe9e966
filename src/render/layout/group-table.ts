/**
 * Renderer of the group table block (別紙 tables of fixed rows): one row per sub-group of a group field, its label on
 * the left — under a category cell spanning the rows that share it — then one cell per column. Rows grow with their
 * text; a table that breaks across pages repeats its header row there (and its category cell restarts).
 */
import type { ColumnSpec, FieldDefinition } from '../../forms/definition.ts';
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';

/** Width (mm) of the category cell (身体障がい) left of the row labels that share it. */
export const CATEGORY_WIDTH = 9;
const categoryW = CATEGORY_WIDTH;
import { columnCell, columnFields, columnSizes, columnText, columnWidths, headerRow, tableRowHeight } from './table-columns.ts';

export function layGroupTable(layout: LayoutEngine, block: BlockOf<'groupTable'>): void {
  const { overrides } = layout;
  const group = layout.field(block.field)!;
  const rows = (group.fields ?? []).filter((f) => f.type === 'group');
  const labelW = layout.labelWidth;
  const widths = columnWidths(layout, block.columns, CONTENT_WIDTH - labelW, rows[0]?.fields ?? []);
  const base = overrides.valueSize - 1;
  const rowPath = (row: FieldDefinition) => `${block.field}.${row.key}`;
  const sizes = columnSizes(layout, block.columns, widths, rows.map((row) => ({ rowPath: rowPath(row), rowFields: row.fields! })), base);
  if (block.title) layout.textBlock(block.title);
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
    // A row that does not fit moves to the next page, unless its text is long enough to break across pages (at least
    // three lines each side, as a text box does): then it starts here and fills the page first.
    const textLines = Math.max(
      0,
      ...block.columns.map((c, k) => {
        const text = columnText(layout, c, rowPath(row), row.fields!);
        return text === undefined ? 0 : layout.lines(text, widths[k], sizes[k]).length;
      }),
    );
    const breaks = textLines >= 6 && layout.room() >= 3 * lineMm(base) + 2 * PAD;
    if (!breaks) layout.ensure(rowH);
    if (rowH > layout.room() + 0.01) {
      if (category && category.name !== row.category) closeCategory();
      if (row.category && !category) category = { name: row.category, top: layout.y };
      const labelX = PAGE.left + (row.category ? categoryW : 0);
      tallRow(layout, { columns: block.columns, widths, sizes, rowPath: rowPath(row), rowFields: row.fields!, label: row.label, labelX, labelWidth: labelW - (row.category ? categoryW : 0), labelSize, x: PAGE.left + labelW });
      return;
    }
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

interface TallRow {
  columns: ColumnSpec[];
  widths: number[];
  sizes: number[];
  rowPath: string;
  rowFields: FieldDefinition[];
  label: string;
  labelX: number;
  labelWidth: number;
  labelSize: number;
  x: number;
}

/**
 * A row taller than a page (a 2,000-character 具体的内容 beside its 変更前): its text columns break across pages line by
 * line, the row label repeated with 「（続き）」 and the header row repeated by the table; each part of a value carries
 * exactly its part of the text.
 */
function tallRow(layout: LayoutEngine, r: TallRow): void {
  const texts = r.columns.map((c) => columnText(layout, c, r.rowPath, r.rowFields));
  const wrapped = texts.map((t, c) => (t === undefined ? [] : layout.wrap(t, r.widths[c], r.sizes[c])));
  const offsets = r.columns.map(() => 0);
  for (let part = 1; ; part++) {
    if (layout.room() < lineMm(r.sizes[0] ?? 10) * 3 + 2 * PAD) layout.breakPage();
    const room = layout.room();
    const remaining = () => wrapped.some((lines, c) => offsets[c] < lines.length);
    const shown = wrapped.map((lines, c) => lines.slice(offsets[c], offsets[c] + Math.max(1, Math.floor((room - 2 * PAD) / lineMm(r.sizes[c]) + 0.001))));
    shown.forEach((lines, c) => (offsets[c] += lines.length));
    const h = remaining() ? room : Math.max(...shown.map((lines, c) => layout.cellHeight(lines.length, r.sizes[c])), layout.overrides.rowHeight);
    const y = layout.y;
    layout.push({ x: r.labelX, y, w: r.labelWidth, h, border: true, lines: layout.lines(part === 1 ? r.label : `${r.label}（続き）`, r.labelWidth, r.labelSize), size: r.labelSize, align: 'left', valign: 'middle', role: 'label' });
    let cx = r.x;
    r.columns.forEach((column, c) => {
      const fields = columnFields(column, r.rowFields);
      if (texts[c] === undefined) {
        if (part === 1) columnCell(layout, column, r.rowPath, r.rowFields, cx, y, r.widths[c], h, r.sizes[c]);
        else layout.push({ x: cx, y, w: r.widths[c], h, border: true, lines: [], size: r.sizes[c], align: 'left', valign: 'top', role: 'text' });
      } else {
        const lines = shown[c];
        const path = fields.length ? `${r.rowPath}.${fields[fields.length - 1].key}` : r.rowPath;
        const text = lines.length ? texts[c]!.slice(lines[0].start, lines[lines.length - 1].end) : '';
        const first = offsets[c] - lines.length === 0;
        layout.push({ x: cx, y, w: r.widths[c], h, border: true, lines: lines.map((l) => l.text), text, ...(first ? {} : { part }), size: r.sizes[c], align: 'left', valign: 'top', role: first || lines.length ? 'value' : 'text', ...(first || lines.length ? { path } : {}) });
      }
      cx += r.widths[c];
    });
    layout.y += h;
    if (!remaining()) return;
    layout.breakPage();
  }
}
