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
 *
 * With `texts` (per column, the text of every row the table prints), the free-text columns are sized by what is written
 * in them instead (`writtenWidths`): a long 所属 or 法人・事業所名 is not squeezed into a quarter of the table beside a
 * half-empty column of short words. List tables pass them (their columns hold different things: 所属, 職種, 氏名); a group
 * table's columns are a pair of the same items (変更前 | 変更後) and keep the widths of the definition.
 */
export function columnWidths(layout: LayoutEngine, columns: ColumnSpec[], width: number, rowFields: FieldDefinition[], texts?: string[][]): number[] {
  // The specs depend on the definition only, not on the data: worked out once per table (and width) for every document.
  const key = `${width.toFixed(3)} ${layout.overrides.valueSize} ${layout.overrides.labelSize}`;
  let byWidth = specsCache.get(columns);
  if (!byWidth) specsCache.set(columns, (byWidth = new Map()));
  let specs = byWidth.get(key);
  if (!specs) byWidth.set(key, (specs = columnSpecs(layout, columns, rowFields)));
  // Row by row (an empty cell keeps its row's place); the checkbox and fixed columns have nothing to weigh.
  const written = texts && specs.map((spec, i) => (spec.weight > 0 ? (texts[i] ?? []) : []));
  if (!written || written.every((column) => column.every((t) => t.trim() === ''))) return shareWidths(specs, width);
  return writtenWidths(layout, specs, width, written);
}

/** What a column asks for: a fixed width, or (free text) a least width and a weight to share the rest by. */
interface ColumnSpecWidth {
  fixed: number;
  min: number;
  weight: number;
}

const specsCache = new WeakMap<ColumnSpec[], Map<string, ColumnSpecWidth[]>>();

function columnSpecs(layout: LayoutEngine, columns: ColumnSpec[], rowFields: FieldDefinition[]): ColumnSpecWidth[] {
  const base = layout.overrides.valueSize - 1;
  const headerSize = layout.overrides.labelSize - 1;
  const measure = (text: string, size: number) => layout.input.font.widthMm(text, size);
  return columns.map((column) => {
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
}

/** The widths without data (a blank form, a table nobody wrote in): the free-text columns share the rest by weight. */
function shareWidths(specs: ColumnSpecWidth[], width: number): number[] {
  const fixedTotal = specs.reduce((sum, c) => sum + c.fixed, 0);
  const weightTotal = specs.reduce((sum, c) => sum + c.weight, 0);
  const minTotal = specs.reduce((sum, c) => sum + c.min, 0);
  if (weightTotal === 0 || fixedTotal + minTotal > width) return inProportion(specs, width);
  // The free-text columns share the rest by weight; one held at its minimum gives the others what it does not take.
  const widths = specs.map((c) => c.fixed);
  let open = specs.map((c, i) => (c.weight > 0 ? i : -1)).filter((i) => i >= 0);
  let room = width - fixedTotal;
  for (let guard = 0; guard < specs.length && open.length; guard++) {
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

/** Only fixed columns, or too little room: everything in proportion to what it needs. */
function inProportion(specs: ColumnSpecWidth[], width: number): number[] {
  const needs = specs.map((c) => c.fixed || c.min || 1);
  const total = needs.reduce((a, b) => a + b, 0);
  return needs.map((n) => (n / total) * width);
}

/**
 * The widths from what is written: each free-text column needs its longest value on one line. A column whose values all
 * fit in an even share of the room (氏名, サービス名) gets what it needs, so no name wraps. Then every way of giving the
 * k next columns by need (職種) all they need, the other columns sharing the rest by their needs (at most the whole room
 * each; none below its least width: its title, its widest word), is weighed by the lines the rows then take; the lowest
 * table wins, and of equals the one that wraps fewer values whole (「相談支援専門員」 stays on one line; a long 所属 wraps
 * between its phrases).
 * So a long 所属 is not squeezed into a quarter of the table beside a half-empty column, nor a name wrapped to widen it.
 * When every need is met, the room to spare goes to the columns in proportion to their needs.
 */
function writtenWidths(layout: LayoutEngine, specs: ColumnSpecWidth[], width: number, written: string[][]): number[] {
  const base = layout.overrides.valueSize - 1;
  const measure = (t: string) => layout.input.font.widthMm(t, base);
  const paragraphs = written.map((texts) => texts.map((t) => t.split('\n').map(measure)));
  const free = specs.map((c, i) => (c.weight > 0 ? i : -1)).filter((i) => i >= 0);
  const need = specs.map((c, i) => (c.weight > 0 ? Math.max(c.min, ...paragraphs[i].flat().map((w) => w + 2 * PAD + 1)) : c.fixed));
  const min = specs.map((c, i) => (c.weight > 0 ? Math.min(need[i], Math.max(c.min, ...written[i].map((t) => widestUnit(t, measure) + 2 * PAD + 1))) : c.fixed));
  const fixedTotal = specs.reduce((sum, c) => sum + c.fixed, 0);
  const room = width - fixedTotal;
  if (free.reduce((sum, i) => sum + min[i], 0) > room) return shareWidths(specs, width);
  const needTotal = free.reduce((sum, i) => sum + need[i], 0);
  if (needTotal <= room) return specs.map((c, i) => (c.weight > 0 ? need[i] * (room / needTotal) : c.fixed));
  const byNeed = [...free].sort((a, b) => need[a] - need[b]);
  // Lines a value takes in a width: one when it fits, else as the line breaker wraps it.
  const lines = (i: number, r: number, w: number) => (paragraphs[i][r].every((pw) => pw + 2 * PAD + 1 <= w) ? paragraphs[i][r].length : layout.lines(written[i][r], w, base).length);
  const rowsCount = Math.max(...free.map((i) => written[i].length));
  let best: { widths: number[]; height: number } | undefined;
  // A column whose every value fits in an even share of the room (氏名, サービス名) always gets its need: no name wraps.
  const short = byNeed.filter((i) => need[i] <= room / free.length).length;
  for (let k = Math.min(short, byNeed.length - 1); k < byNeed.length; k++) {
    const widths = candidateWidths(specs, byNeed, k, need, min, room);
    if (!widths) continue;
    let height = 0;
    for (let r = 0; r < rowsCount; r++) height += Math.max(1, ...free.map((i) => (written[i][r] !== undefined ? lines(i, r, widths[i]) : 1)));
    if (!best || height <= best.height) best = { widths, height };
  }
  return best?.widths ?? shareWidths(specs, width);
}

/** The k columns of shortest need get it; the others share the rest by need (at most `room` each), none below its least. */
function candidateWidths(specs: ColumnSpecWidth[], byNeed: number[], k: number, need: number[], min: number[], room: number): number[] | undefined {
  const widths = specs.map((c) => c.fixed);
  let left = room;
  for (const i of byNeed.slice(0, k)) {
    widths[i] = need[i];
    left -= need[i];
  }
  let open = byNeed.slice(k);
  if (open.reduce((sum, i) => sum + min[i], 0) > left) return undefined;
  for (let guard = 0; guard <= byNeed.length && open.length; guard++) {
    const weights = open.reduce((sum, i) => sum + Math.min(need[i], room), 0);
    const share = (i: number) => (Math.min(need[i], room) / weights) * left;
    const held = open.filter((i) => share(i) < min[i]);
    if (held.length === 0) {
      for (const i of open) widths[i] = share(i);
      break;
    }
    for (const i of held) {
      widths[i] = min[i];
      left -= min[i];
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
