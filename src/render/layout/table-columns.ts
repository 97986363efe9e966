/**
 * The parts group tables and list tables share: column widths, the header row, how tall a row must be for its
 * checkboxes, and one cell of a column (checkboxes for booleans and multiple choices, fitted text otherwise).
 */
import type { ColumnSpec, FieldDefinition } from '../../forms/definition.ts';
import { fieldAt } from '../../forms/fields.ts';
import { placeChecks, type PlacedChecks } from './checkboxes.ts';
import { BOX, lineMm, PAD, VALUE_FLOOR, type LayoutEngine } from './engine.ts';
import { widestUnit } from './wrap.ts';
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

/** The longest usual value of a type that prints as a word of fixed shape: its column is as wide as it needs. */
const TYPICAL: Partial<Record<FieldDefinition['type'], string>> = {
  date: '令和10年12月31日',
  officeNumber: '0000000000',
  phone: '0000-000-0000',
  postalCode: '〒000-0000',
  time: '00:00',
  integer: '0000',
};
/** A name or short text as offices type it (a 法人・事業所名 of about sixteen characters): what free text is weighed by. */
const TYPICAL_TEXT = '社会福祉法人いちかわ福祉会事業所';

/**
 * Column widths (mm) from the content, not from fixed fractions: a column of dates, numbers, codes or checkboxes gets
 * what its typical value and its title need (a title may wrap onto two lines); the columns of free text share the rest
 * by the length of their typical value and title, none narrower than its title's longest word. `rowFields` are the
 * fields of a row (a group table's rows share their shape).
 */
export function columnWidths(layout: LayoutEngine, columns: ColumnSpec[], width: number, rowFields: FieldDefinition[]): number[] {
  // They depend on the definition only, not on the data: worked out once per table (and width) for every document.
  const key = `${width.toFixed(3)} ${layout.overrides.valueSize} ${layout.overrides.labelSize}`;
  let byWidth = widthsCache.get(columns);
  if (!byWidth) widthsCache.set(columns, (byWidth = new Map()));
  let widths = byWidth.get(key);
  if (!widths) byWidth.set(key, (widths = contentWidths(layout, columns, width, rowFields)));
  return widths;
}

const widthsCache = new WeakMap<ColumnSpec[], Map<string, number[]>>();

function contentWidths(layout: LayoutEngine, columns: ColumnSpec[], width: number, rowFields: FieldDefinition[]): number[] {
  const base = layout.overrides.valueSize - 1;
  const headerSize = layout.overrides.labelSize - 1;
  const measure = (text: string, size: number) => layout.input.font.widthMm(text, size);
  const specs = columns.map((column) => {
    const title = column.title ?? '';
    const titleWord = widestUnit(title, (t) => measure(t, headerSize));
    const titleNeed = Math.max(titleWord, measure(title, headerSize) / 2) + 2 * PAD + 1;
    const fields = columnFields(column, rowFields);
    if (isCheckColumn(fields)) {
      // The boxes of its booleans on one line (者 □児), or the options of a multiple choice one per line.
      const labels = fields.flatMap(({ field }) => (field.type === 'boolean' ? [field.printLabel ?? field.label] : (field.options ?? []).map((o) => o.label)));
      const one = (label: string) => BOX + 1 + measure(label, base) + (label ? 3 : 0);
      const boxes = fields.every(({ field }) => field.type === 'boolean') ? labels.reduce((sum, l) => sum + one(l), 0) : Math.max(0, ...labels.map(one));
      return { fixed: Math.max(titleNeed, boxes + 2 * PAD + 1), min: 0, weight: 0 };
    }
    const typed = fields.map(({ field }) => TYPICAL[field.type]);
    if (fields.length > 0 && typed.every(Boolean)) {
      const value = `${typed.join(' ')}${column.suffix ? ` ${column.suffix}` : ''}`;
      return { fixed: Math.max(titleNeed, measure(value, base) + 2 * PAD + 1), min: 0, weight: 0 };
    }
    // Free text (and a choice printed as its label): at least its title's longest word; weighed by a typical value.
    // A choice printed as its label wraps onto two lines at most, and no word of it is wider than the column.
    const labels = fields.flatMap(({ field }) => (field.type === 'choice' ? (field.options ?? []).map((o) => o.label) : []));
    const longest = Math.max(0, ...labels.map((l) => measure(l, base)));
    const word = Math.max(0, ...labels.map((l) => widestUnit(l, (t) => measure(t, base))));
    const typical = labels.length ? longest / 2 : measure(TYPICAL_TEXT, base);
    return { fixed: 0, min: Math.max(titleNeed, Math.min(word, longest / 2) + 2 * PAD + 1, 20), weight: Math.max(typical, measure(title, headerSize)) };
  });
  const fixedTotal = specs.reduce((sum, c) => sum + c.fixed, 0);
  const weightTotal = specs.reduce((sum, c) => sum + c.weight, 0);
  const minTotal = specs.reduce((sum, c) => sum + c.min, 0);
  if (weightTotal === 0 || fixedTotal + minTotal > width) {
    // Only fixed columns, or too little room: everything in proportion to what it needs.
    const needs = specs.map((c) => c.fixed || c.min || 1);
    const total = needs.reduce((a, b) => a + b, 0);
    return needs.map((n) => (n / total) * width);
  }
  // The free-text columns share the rest by weight; one held at its minimum gives the others what it does not take.
  const rest = width - fixedTotal;
  const widths = specs.map((c) => c.fixed);
  let open = specs.map((c, i) => (c.weight > 0 ? i : -1)).filter((i) => i >= 0);
  let room = rest;
  for (let guard = 0; guard < columns.length && open.length; guard++) {
    const weights = open.reduce((sum, i) => sum + specs[i].weight, 0);
    const held = open.filter((i) => (specs[i].weight / weights) * room < specs[i].min);
    if (held.length === 0) {
      for (const i of open) widths[i] = (specs[i].weight / weights) * room;
      break;
    }
    for (const i of held) {
      widths[i] = specs[i].min;
      room -= specs[i].min;
    }
    open = open.filter((i) => !held.includes(i));
  }
  return widths;
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
