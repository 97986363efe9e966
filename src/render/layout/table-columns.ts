/**
 * The parts group tables and list tables share: column widths, the header row, how tall a row must be for its
 * checkboxes, and one cell of a column (checkboxes for booleans and multiple choices, fitted text otherwise).
 */
import type { ColumnSpec, FieldDefinition } from '../../forms/definition.ts';
import { fieldAt } from '../../forms/fields.ts';
import { placeChecks, type PlacedChecks } from './checkboxes.ts';
import { BOX, lineMm, PAD, VALUE_FLOOR, type LayoutEngine } from './engine.ts';
import type { CheckMark } from './model.ts';
import { printValue } from '../../forms/field-types/index.ts';

type ColumnField = { key: string; field: FieldDefinition };

/** The fields a column prints, by key relative to the row (dotted keys reach into nested groups: `before.date`). */
export function columnFields(column: ColumnSpec, rowFields: FieldDefinition[]): ColumnField[] {
  return (column.fields ?? []).flatMap((key) => {
    const field = fieldAt({ fields: rowFields }, key);
    return field ? [{ key, field }] : [];
  });
}

/** Checkbox columns: booleans and multiple choices. A single choice prints its label as text. */
function isCheckColumn(fields: { field: FieldDefinition }[]): boolean {
  return fields.length > 0 && fields.every(({ field }) => field.type === 'boolean' || field.type === 'choices');
}

/** Lays out the boxes of a checkbox column; returns them and the height they need. */
function columnChecks(layout: LayoutEngine, fields: ColumnField[], rowPath: string, x: number, y: number, w: number): PlacedChecks {
  const marks: CheckMark[] = [];
  let cx = x;
  let height = 0;
  let size = layout.overrides.valueSize;
  for (const { key, field } of fields) {
    const c = placeChecks(layout, field, `${rowPath}.${key}`, cx, y, w - (cx - x), layout.overrides.valueSize);
    marks.push(...c.marks);
    height = Math.max(height, c.height);
    size = Math.min(size, c.size);
    const last = c.marks[c.marks.length - 1];
    // Several booleans (者 / 児) flow on one line; a choices list wraps within the cell.
    cx = field.type === 'boolean' && last ? last.x + BOX + 1 + layout.input.font.widthMm(last.label, layout.overrides.valueSize) + 3 - PAD : x;
    if (field.type !== 'boolean') break;
  }
  return { marks, height, size };
}

/** The text a column prints for a row (undefined for a checkbox column), with the column's unit (「回」). */
export function columnText(layout: LayoutEngine, column: ColumnSpec, rowPath: string, rowFields: FieldDefinition[]): string | undefined {
  const fields = columnFields(column, rowFields);
  if (isCheckColumn(fields)) return undefined;
  const value = fields.map(({ key, field }) => printValue(field, layout.value(`${rowPath}.${key}`))).join(' ').trim();
  return value && column.suffix ? `${value} ${column.suffix}` : value;
}

/** One size per column (pt), over every row the table prints: a long word in a narrow column shrinks it a little. */
export function columnSizes(layout: LayoutEngine, columns: ColumnSpec[], widths: number[], rows: { rowPath: string; rowFields: FieldDefinition[] }[], base: number): number[] {
  return columns.map((column, i) => {
    const texts = rows.map((r) => columnText(layout, column, r.rowPath, r.rowFields) ?? '');
    return layout.columnSize(texts, widths[i], base, VALUE_FLOOR);
  });
}

/** A cell of a table column: checkboxes for booleans and multiple choices, wrapped text otherwise (numbers on the right). */
export function columnCell(layout: LayoutEngine, column: ColumnSpec, rowPath: string, rowFields: FieldDefinition[], x: number, y: number, w: number, h: number, size: number): void {
  const fields = columnFields(column, rowFields);
  if (isCheckColumn(fields)) {
    const c = columnChecks(layout, fields, rowPath, x, y, w);
    // Vertically centre the boxes in the row.
    const shift = Math.max(0, (h - c.height) / 2);
    const marks = c.marks.map((m) => ({ ...m, y: m.y + shift }));
    const centred = fields.length === 1 && !fields[0].field.printLabel && fields[0].field.type === 'boolean';
    if (centred) for (const m of marks) m.x = x + (w - BOX) / 2;
    layout.push({ x, y, w, h, border: true, lines: [], size: c.size, align: 'center', valign: 'middle', role: 'value', checks: marks, path: `${rowPath}.${fields[0].key}` });
    return;
  }
  const path = fields.length ? `${rowPath}.${fields[fields.length - 1].key}` : rowPath;
  const text = columnText(layout, column, rowPath, rowFields) ?? '';
  const numeric = fields.length > 0 && fields.every(({ field }) => field.type === 'integer');
  layout.push({ x, y, w, h, border: true, lines: layout.lines(text, w, size), text, size, align: numeric ? 'right' : 'left', valign: 'middle', role: 'value', path });
}

/** A table row is as tall as its tallest cell needs: wrapped text at its column's size, or checkboxes. */
export function tableRowHeight(layout: LayoutEngine, columns: ColumnSpec[], widths: number[], rowPath: string, rowFields: FieldDefinition[], base: number, sizes: number[]): number {
  let h = base;
  columns.forEach((column, i) => {
    const fields = columnFields(column, rowFields);
    if (isCheckColumn(fields)) h = Math.max(h, columnChecks(layout, fields, rowPath, 0, 0, widths[i]).height);
    else h = Math.max(h, layout.cellHeight(layout.lines(columnText(layout, column, rowPath, rowFields) ?? '', widths[i], sizes[i]).length, sizes[i]));
  });
  return h;
}

/** Column widths (mm) sharing `width` in proportion to each column's relative `width`. */
export function columnWidths(columns: ColumnSpec[], width: number): number[] {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return columns.map((c) => (c.width / total) * width);
}

/** The row of column titles, as tall as the longest title wraps to. */
export function headerRow(layout: LayoutEngine, x: number, titles: { text: string; w: number }[]): void {
  const size = layout.overrides.labelSize - 1;
  const wrapped = titles.map((t) => (t.text ? layout.wrap(t.text, t.w, size).map((l) => l.text) : []));
  const h = Math.max(7, Math.max(...wrapped.map((l) => l.length)) * lineMm(size) + 2 * PAD);
  layout.ensure(h);
  let cx = x;
  titles.forEach((t, i) => {
    layout.push({ x: cx, y: layout.y, w: t.w, h, border: true, lines: wrapped[i], size, align: 'center', valign: 'middle', role: 'label' });
    cx += t.w;
  });
  layout.y += h;
}
