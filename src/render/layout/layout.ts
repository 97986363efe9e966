/**
 * Lays a 様式 out from its definition: the blocks of `pages` are stacked top to bottom on A4 portrait, tables are built from
 * the fields they name, and values are wrapped to their boxes. No coordinates are typed per form; a form's few overrides
 * live in `templates/<form-id>/layout.json`.
 *
 * Text that does not fit: shrink down to a floor size, wrap, then continue on a 別紙 page that names the item (G-OVERFLOW).
 */
import type { Block, ColumnSpec, FieldDefinition, FormDefinition, RowSpec } from '../../forms/definition.ts';
import { fieldAt, getAt } from '../../forms/fields.ts';
import type { PrintFont } from '../font.ts';
import { CONTENT_WIDTH, PAGE, type Cell, type CheckMark, type LaidOutDocument, type LaidOutPage, type Overflow } from './model.ts';
import { formatRow, printedValue, printsAsChecks } from './print-values.ts';
import { wrapText } from './wrap.ts';
import { templateOverrides, type LayoutOverrides } from './overrides.ts';

const PT = 25.4 / 72;
const PAD = 1.2;
const LINE = 1.3; // line height as a multiple of the font size
const BOX = 3.2; // checkbox size in mm
const lineMm = (size: number) => size * LINE * PT;

export interface LayoutInput {
  definition: FormDefinition;
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  font: PrintFont;
}

interface Continuation {
  path: string;
  label: string;
  page: string;
  text: string;
}

class Layout {
  pages: LaidOutPage[] = [];
  y = 0;
  continuations: Continuation[] = [];
  overflows: Overflow[] = [];
  readonly o: LayoutOverrides;

  constructor(readonly input: LayoutInput) {
    this.o = templateOverrides(input.definition.id);
    this.newPage();
  }

  get page(): LaidOutPage {
    return this.pages[this.pages.length - 1];
  }

  newPage(): void {
    this.pages.push({ cells: [] });
    this.y = PAGE.top;
  }

  /** Starts a new page when `height` does not fit below the cursor. */
  ensure(height: number): void {
    if (this.y + height > PAGE.height - PAGE.bottom && this.page.cells.length > 0) this.newPage();
  }

  measure = (size: number) => (s: string) => this.input.font.widthMm(s, size);

  wrap(text: string, width: number, size: number) {
    return wrapText(text, Math.max(width - 2 * PAD, 1), this.measure(size));
  }

  value(path: string): unknown {
    return getAt(this.input.data, path) ?? this.input.computed[path];
  }

  /** The field at a path; a computed value with a type prints like a field of that type (適用開始日 in 和暦). */
  field(path: string): FieldDefinition | undefined {
    const field = fieldAt(this.input.definition, path);
    if (field) return field;
    const computed = this.input.definition.computed.find((c) => c.key === path);
    return computed?.type ? { key: path, label: computed.label, type: computed.type } : undefined;
  }

  push(cell: Cell): void {
    this.page.cells.push(cell);
  }

  /** Free text across the page (title, lead sentence, notes). */
  textBlock(text: string, opts: { size?: number; align?: Cell['align']; indent?: number; role?: Cell['role']; gap?: number } = {}): void {
    const size = opts.size ?? this.o.textSize;
    const indent = opts.indent ?? 0;
    const lines = this.wrap(text, CONTENT_WIDTH - indent, size).map((l) => l.text);
    const h = this.textHeight(lines.length, size);
    this.ensure(h);
    this.push({ x: PAGE.left + indent, y: this.y, w: CONTENT_WIDTH - indent, h, border: false, lines, text, size, align: opts.align ?? 'left', valign: 'top', role: opts.role ?? 'text' });
    this.y += h + (opts.gap ?? 1.5);
  }

  /** Free text has no border, so it needs only half a cell's padding. */
  textHeight(lines: number, size: number): number {
    return lines * lineMm(size) + PAD;
  }

  /**
   * Fits a value into a box: the base size if it fits, else smaller down to the floor, else the floor size with the rest
   * continued on a 別紙 page named in the box.
   */
  fit(text: string, w: number, h: number, path: string, label: string, base = this.o.valueSize): { lines: string[]; size: number; text?: string } {
    for (let size = base; size >= this.o.floorSize; size -= 0.5) {
      const lines = this.wrap(text, w, size);
      if (lines.length * lineMm(size) + 2 * PAD <= h + 0.01) return { lines: lines.map((l) => l.text), size, text };
    }
    const size = this.o.floorSize;
    const lines = this.wrap(text, w, size);
    const room = Math.max(1, Math.floor((h - 2 * PAD) / lineMm(size)));
    const shown = lines.slice(0, room - 1);
    const rest = text.slice(shown.length ? shown[shown.length - 1].end : 0);
    const page = `別紙${this.continuations.length + 1}`;
    this.continuations.push({ path, label, page, text: rest });
    this.overflows.push({ path, label, page });
    return { lines: [...shown.map((l) => l.text), `（${page}に続く）`], size };
  }

  /** Lays out checkboxes left to right, wrapping within the cell; returns the marks and the height they need. */
  /**
   * Lays out checkboxes left to right, wrapping within the cell. An option too wide for the cell shrinks (down to the
   * floor size), then wraps its label onto more lines: every option is printed whole.
   */
  checks(field: FieldDefinition, path: string, x: number, y: number, w: number, base: number): { marks: CheckMark[]; height: number; size: number } {
    const value = this.value(path);
    const options =
      field.type === 'boolean'
        ? [{ value: 'true', label: field.printLabel ?? field.label, checked: value === true }]
        : (field.options ?? []).map((o) => ({
            value: o.value,
            label: o.label,
            checked: Array.isArray(value) ? value.includes(o.value) : value === o.value,
          }));
    const room = w - 2 * PAD - BOX - 1 - 0.5;
    const widest = Math.max(0, ...options.map((o) => this.input.font.widthMm(o.label, base)));
    let size = base;
    // Shrink a little (a long option in a narrow column), then wrap: a sentence-long label stays readable.
    const floor = Math.max(this.o.floorSize, base - 1.5);
    while (size > floor && (widest * size) / base > room) size -= 0.5;
    const marks: CheckMark[] = [];
    const line = Math.max(lineMm(size), BOX) + 1.2;
    let cx = x + PAD;
    let cy = y + PAD;
    for (const option of options) {
      const labelW = this.input.font.widthMm(option.label, size);
      const need = BOX + 1 + labelW + 3;
      if (cx > x + PAD && cx + need > x + w - PAD) {
        cx = x + PAD;
        cy += line;
      }
      const labelLines = labelW > room ? this.wrap(option.label, room + 2 * PAD, size).map((l) => l.text) : undefined;
      marks.push({ label: option.label, labelLines, checked: option.checked, x: cx, y: cy + (line - 1.2 - BOX) / 2, size: BOX, path, value: option.value });
      cx += need;
      if (labelLines) {
        cy += (labelLines.length - 1) * lineMm(size);
        cx = x + w; // the next option starts on a new line
      }
    }
    return { marks, height: cy - y + line + PAD, size };
  }

  label(row: RowSpec): { text: string; note?: string } {
    const first = row.fields?.[0];
    const field = first ? this.field(first) : undefined;
    const computed = first ? this.input.definition.computed.find((c) => c.key === first) : undefined;
    return { text: row.label ?? field?.label ?? computed?.label ?? '', note: row.note ?? field?.note };
  }

  fieldTable(block: Extract<Block, { block: 'fieldTable' }>): void {
    const labelW = block.labelWidth ?? this.o.labelWidth;
    const valueW = CONTENT_WIDTH - labelW;
    if (block.title) this.textBlock(block.title, { size: this.o.textSize });
    for (const row of block.rows) {
      if (row.stacked) {
        this.stackedRow(row);
        continue;
      }
      const { text: labelText, note } = this.label(row);
      const labelLines = this.wrap(labelText, labelW, this.o.labelSize).map((l) => l.text);
      const noteLines = note ? this.wrap(note, labelW, this.o.labelSize).map((l) => l.text) : [];
      const labelH = (labelLines.length + noteLines.length) * lineMm(this.o.labelSize) + 2 * PAD;
      const paths = row.fields ?? [];
      const single = paths.length === 1 ? this.field(paths[0]) : undefined;
      const lines = row.lines ?? single?.lines ?? 1;
      let valueH = Math.max(this.o.rowHeight, lines * lineMm(this.o.valueSize) + 2 * PAD);
      let marks: CheckMark[] | undefined;
      if (single && printsAsChecks(single)) {
        const c = this.checks(single, paths[0], 0, 0, valueW, this.o.valueSize);
        valueH = Math.max(valueH, c.height);
      }
      const h = Math.max(valueH, labelH);
      this.ensure(h);
      const x = PAGE.left;
      const y = this.y;
      this.push({ x, y, w: labelW, h, border: true, lines: [...labelLines, ...noteLines], text: note ? `${labelText}\n${note}` : labelText, size: this.o.labelSize, align: 'left', valign: 'middle', role: 'label' });
      if (single && printsAsChecks(single)) {
        const placed = this.checks(single, paths[0], x + labelW, y, valueW, this.o.valueSize);
        marks = placed.marks;
        this.push({ x: x + labelW, y, w: valueW, h, border: true, lines: [], size: placed.size, align: 'left', valign: 'middle', role: 'value', path: paths[0], checks: marks });
      } else if (paths.length) {
        const text = this.rowText(row, paths);
        const fitted = this.fit(text, valueW, h, paths[paths.length - 1], labelText);
        this.push({ x: x + labelW, y, w: valueW, h, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: lines > 1 ? 'top' : 'middle', role: 'value', path: paths[paths.length - 1] });
      } else {
        const fixed = this.wrap(row.text ?? '', valueW, 8).map((l) => l.text);
        this.push({ x: x + labelW, y, w: valueW, h, border: true, lines: fixed, size: 8, align: 'left', valign: 'top', role: 'text' });
      }
      this.y += h;
    }
    this.y += 2;
  }

  /** The value cell's text: the row's `format` filled in, or the fields' printed values side by side. */
  rowText(row: RowSpec, paths: string[]): string {
    if (row.format) return formatRow(row.format, (p) => ({ field: this.field(p), value: this.value(p) }));
    return paths.map((p) => printedValue(this.field(p), this.value(p))).join(' ').trim() || (row.text ?? '');
  }

  /** A label on its own line, then a full-width box for free text. */
  stackedRow(row: RowSpec): void {
    const { text: labelText, note } = this.label(row);
    const paths = row.fields ?? [];
    const single = paths.length === 1 ? this.field(paths[0]) : undefined;
    const h = Math.max(this.o.rowHeight, (row.lines ?? single?.lines ?? 3) * lineMm(this.o.valueSize) + 2 * PAD);
    const label = note ? `${labelText} ${note}` : labelText;
    // The label never stays behind at the foot of a page while its box moves on.
    this.ensure(h + this.wrap(label, CONTENT_WIDTH, this.o.labelSize).length * lineMm(this.o.labelSize) + 2 * PAD + 0.5);
    this.textBlock(label, { size: this.o.labelSize, role: 'label', gap: 0.5 });
    this.ensure(h);
    const text = this.rowText(row, paths);
    const fitted = this.fit(text, CONTENT_WIDTH, h, paths[paths.length - 1] ?? '', labelText);
    this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH, h, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: 'top', role: 'value', path: paths[paths.length - 1] });
    this.y += h + 2;
  }

  /** The fields a column prints, by key relative to the row (dotted keys reach into nested groups: `before.date`). */
  columnFields(column: ColumnSpec, rowFields: FieldDefinition[]): { key: string; field: FieldDefinition }[] {
    return (column.fields ?? []).flatMap((key) => {
      const field = fieldAt({ fields: rowFields }, key);
      return field ? [{ key, field }] : [];
    });
  }

  /** Checkbox columns: booleans and multiple choices. A single choice prints its label as text. */
  isCheckColumn(fields: { field: FieldDefinition }[]): boolean {
    return fields.length > 0 && fields.every(({ field }) => field.type === 'boolean' || field.type === 'choices');
  }

  /** Lays out the boxes of a checkbox column; returns them and the height they need. */
  columnChecks(fields: { key: string; field: FieldDefinition }[], rowPath: string, x: number, y: number, w: number): { marks: CheckMark[]; height: number; size: number } {
    const marks: CheckMark[] = [];
    let cx = x;
    let height = 0;
    let size = this.o.valueSize;
    for (const { key, field } of fields) {
      const c = this.checks(field, `${rowPath}.${key}`, cx, y, w - (cx - x), this.o.valueSize);
      marks.push(...c.marks);
      height = Math.max(height, c.height);
      size = Math.min(size, c.size);
      const last = c.marks[c.marks.length - 1];
      // Several booleans (者 / 児) flow on one line; a choices list wraps within the cell.
      cx = field.type === 'boolean' && last ? last.x + BOX + 1 + this.input.font.widthMm(last.label, this.o.valueSize) + 3 - PAD : x;
      if (field.type !== 'boolean') break;
    }
    return { marks, height, size };
  }

  /** A cell of a table column: checkboxes for booleans and multiple choices, wrapped text otherwise. */
  columnCell(column: ColumnSpec, rowPath: string, rowFields: FieldDefinition[], x: number, y: number, w: number, h: number, rowLabel: string): void {
    const fields = this.columnFields(column, rowFields);
    if (this.isCheckColumn(fields)) {
      const c = this.columnChecks(fields, rowPath, x, y, w);
      // Vertically centre the boxes in the row.
      const shift = Math.max(0, (h - c.height) / 2);
      const marks = c.marks.map((m) => ({ ...m, y: m.y + shift }));
      const centred = fields.length === 1 && !fields[0].field.printLabel && fields[0].field.type === 'boolean';
      if (centred) for (const m of marks) m.x = x + (w - BOX) / 2;
      this.push({ x, y, w, h, border: true, lines: [], size: c.size, align: 'center', valign: 'middle', role: 'value', checks: marks, path: `${rowPath}.${fields[0].key}` });
      return;
    }
    const path = fields.length ? `${rowPath}.${fields[fields.length - 1].key}` : rowPath;
    const value = fields.map(({ key, field }) => printedValue(field, this.value(`${rowPath}.${key}`))).join(' ').trim();
    const text = value && column.suffix ? `${value} ${column.suffix}` : value;
    const fitted = this.fit(text, w, h, path, `${rowLabel} ${column.title}`.trim(), this.o.valueSize - 1);
    this.push({ x, y, w, h, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: 'middle', role: 'value', path });
  }

  /** A table row is as tall as its tallest checkbox cell needs (a list of five functions in a narrow column). */
  rowHeight(columns: ColumnSpec[], widths: number[], rowPath: string, rowFields: FieldDefinition[], base: number): number {
    let h = base;
    columns.forEach((column, i) => {
      const fields = this.columnFields(column, rowFields);
      if (this.isCheckColumn(fields)) h = Math.max(h, this.columnChecks(fields, rowPath, 0, 0, widths[i]).height);
    });
    return h;
  }

  columnWidths(columns: ColumnSpec[], width: number): number[] {
    const total = columns.reduce((s, c) => s + c.width, 0);
    return columns.map((c) => (c.width / total) * width);
  }

  headerRow(x: number, titles: { text: string; w: number }[]): void {
    const size = this.o.labelSize - 1;
    const wrapped = titles.map((t) => (t.text ? this.wrap(t.text, t.w, size).map((l) => l.text) : []));
    const h = Math.max(7, Math.max(...wrapped.map((l) => l.length)) * lineMm(size) + 2 * PAD);
    this.ensure(h);
    let cx = x;
    titles.forEach((t, i) => {
      this.push({ x: cx, y: this.y, w: t.w, h, border: true, lines: wrapped[i], size, align: 'center', valign: 'middle', role: 'label' });
      cx += t.w;
    });
    this.y += h;
  }

  groupTable(block: Extract<Block, { block: 'groupTable' }>): void {
    const group = this.field(block.field)!;
    const rows = (group.fields ?? []).filter((f) => f.type === 'group');
    const labelW = block.labelWidth ?? this.o.groupLabelWidth;
    const widths = this.columnWidths(block.columns, CONTENT_WIDTH - labelW);
    const h = Math.max(this.o.rowHeight + 1, (block.lines ?? 1) * lineMm(this.o.valueSize) + 2 * PAD + 1.5);
    if (block.title) this.textBlock(block.title);
    this.ensure(7 + h * Math.min(rows.length, 3));
    this.headerRow(PAGE.left, [{ text: block.labelTitle ?? '', w: labelW }, ...block.columns.map((c, i) => ({ text: c.title, w: widths[i] }))]);
    const categoryW = 9;
    // A row is as tall as the most lines any of its fields asks for (担う機能の具体的内容: 3 lines) or its checkboxes need.
    const linesOf = (row: FieldDefinition) => Math.max(block.lines ?? 1, ...block.columns.flatMap((c) => this.columnFields(c, row.fields!).map(({ field }) => field.lines ?? 1)));
    const heights = rows.map((row) =>
      this.rowHeight(block.columns, widths, `${block.field}.${row.key}`, row.fields!, Math.max(this.o.rowHeight + 1, linesOf(row) * lineMm(this.o.valueSize) + 2 * PAD + 1.5)),
    );
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const rowH = heights[i];
      this.ensure(rowH);
      const y = this.y;
      let labelX = PAGE.left;
      let labelWidth = labelW;
      if (row.category) {
        if (rows[i - 1]?.category !== row.category || y === PAGE.top) {
          let span = 1;
          while (rows[i + span]?.category === row.category) span++;
          const spanH = heights.slice(i, i + span).reduce((sum, v) => sum + v, 0);
          const lines = this.wrap(row.category, categoryW, this.o.labelSize).map((l) => l.text);
          this.push({ x: PAGE.left, y, w: categoryW, h: spanH, border: true, lines, size: this.o.labelSize, align: 'center', valign: 'middle', role: 'label' });
        }
        labelX += categoryW;
        labelWidth -= categoryW;
      }
      const labelLines = this.wrap(row.label, labelWidth, this.o.labelSize - 0.5).map((l) => l.text);
      this.push({ x: labelX, y, w: labelWidth, h: rowH, border: true, lines: labelLines, size: this.o.labelSize - 0.5, align: 'left', valign: 'middle', role: 'label' });
      let cx = PAGE.left + labelW;
      block.columns.forEach((column, c) => {
        this.columnCell(column, `${block.field}.${row.key}`, row.fields!, cx, y, widths[c], rowH, row.label);
        cx += widths[c];
      });
      this.y += rowH;
    }
    this.y += 2;
  }

  listTable(block: Extract<Block, { block: 'listTable' }>, from = 0, continued = false): void {
    const list = this.field(block.field)!;
    const item = list.item!;
    const itemFields = item.fields ?? [item];
    const items = (this.value(block.field) as unknown[] | undefined) ?? [];
    const titleW = block.title && !continued ? this.o.listTitleWidth : 0;
    const numberW = block.numbered ? 9 : 0;
    const widths = this.columnWidths(block.columns, CONTENT_WIDTH - titleW - numberW);
    const h = Math.max(this.o.rowHeight + 1, (block.lines ?? 1) * lineMm(this.o.valueSize) + 2 * PAD + 1.5);
    const count = continued ? items.length - from : Math.max(block.rows, 0);
    const shown = Math.min(count, continued ? count : block.rows);
    const hasHeader = block.columns.some((c) => c.title);
    this.ensure((hasHeader ? 7 : 0) + h * Math.min(shown, 3));
    const top = this.y;
    if (hasHeader) this.headerRow(PAGE.left + titleW, [...(numberW ? [{ text: '', w: numberW }] : []), ...block.columns.map((c, i) => ({ text: c.title, w: widths[i] }))]);
    for (let r = 0; r < shown; r++) {
      const index = from + r;
      const rowH = item.type === 'group' ? this.rowHeight(block.columns, widths, `${block.field}.${index}`, itemFields, h) : h;
      this.ensure(rowH);
      const y = this.y;
      let cx = PAGE.left + titleW;
      if (numberW) {
        this.push({ x: cx, y, w: numberW, h: rowH, border: true, lines: [`(${index + 1})`], size: this.o.labelSize, align: 'center', valign: 'middle', role: 'label' });
        cx += numberW;
      }
      block.columns.forEach((column, c) => {
        const rowPath = `${block.field}.${index}`;
        if (item.type !== 'group') {
          const text = printedValue(item, this.value(rowPath));
          const fitted = this.fit(text, widths[c], rowH, rowPath, `${list.label} ${index + 1}行目`);
          this.push({ x: cx, y, w: widths[c], h: rowH, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: 'middle', role: 'value', path: rowPath });
        } else this.columnCell(column, rowPath, itemFields, cx, y, widths[c], rowH, `${list.label} ${index + 1}行目`);
        cx += widths[c];
      });
      this.y += rowH;
    }
    if (titleW) {
      const lines = this.wrap(block.title!, titleW, this.o.labelSize).map((l) => l.text);
      this.push({ x: PAGE.left, y: top, w: titleW, h: this.y - top, border: true, lines, size: this.o.labelSize, align: 'left', valign: 'middle', role: 'label' });
    }
    if (!continued && items.length > block.rows) {
      const page = `別紙${this.continuations.length + 1}`;
      this.textBlock(`（${block.rows + 1}行目以降は${page}に記載）`, { size: 8 });
      this.continuations.push({ path: block.field, label: list.label, page, text: '' });
      this.overflows.push({ path: block.field, label: list.label, page });
      this.pendingTables.set(page, { block, from: block.rows });
    }
    if (block.total && !continued) {
      const value = this.input.computed[block.total.computed];
      const labelW = CONTENT_WIDTH - widths[widths.length - 1];
      this.ensure(h);
      this.push({ x: PAGE.left, y: this.y, w: labelW, h, border: true, lines: [block.total.label], size: this.o.labelSize, align: 'center', valign: 'middle', role: 'label' });
      this.push({ x: PAGE.left + labelW, y: this.y, w: widths[widths.length - 1], h, border: true, lines: [`${value ?? ''} ${block.total.suffix ?? ''}`.trim()], size: this.o.valueSize, align: 'right', valign: 'middle', role: 'value', path: block.total.computed });
      this.y += h;
    }
    this.y += 2;
  }

  pendingTables = new Map<string, { block: Extract<Block, { block: 'listTable' }>; from: number }>();

  block(block: Block): void {
    const d = this.input.definition;
    switch (block.block) {
      case 'title':
        this.textBlock(block.text ?? d.title, { size: block.size ?? 14, align: 'center', role: 'title', gap: 3 });
        break;
      case 'heading':
        // Keep a section heading with the first lines of what follows it.
        this.ensure(lineMm(this.o.textSize) + 2 * PAD + 25);
        this.textBlock(block.text, { size: this.o.textSize });
        break;
      case 'checkLine': {
        const field = this.field(block.field)!;
        const c = this.checks(field, block.field, PAGE.left, this.y, CONTENT_WIDTH, this.o.valueSize);
        this.ensure(c.height);
        const placed = this.checks(field, block.field, PAGE.left, this.y, CONTENT_WIDTH, this.o.valueSize);
        this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH, h: placed.height, border: false, lines: [], size: placed.size, align: 'left', valign: 'middle', role: 'value', path: block.field, checks: placed.marks });
        this.y += placed.height + 1.5;
        break;
      }
      case 'filedDate': {
        const path = block.field ?? 'filedOn';
        const text = printedValue(this.field(path), this.value(path));
        this.push({ x: PAGE.left + CONTENT_WIDTH - 70, y: this.y, w: 70, h: 7, border: false, lines: [text], size: this.o.textSize, align: 'right', valign: 'middle', role: 'value', path });
        this.y += 9;
        break;
      }
      case 'addressee': {
        const name = block.field ? printedValue(this.field(block.field), this.value(block.field)) : (block.text ?? '');
        const text = `${name}${block.suffix ? `　${block.suffix}` : ''}`;
        // A long 法人名 and 代表者 wraps within the left of the page, below which the rest of the header follows.
        const lines = this.wrap(text, CONTENT_WIDTH * 0.7, 11).map((l) => l.text);
        const h = Math.max(8, lines.length * lineMm(11) + 2 * PAD);
        this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH * 0.7, h, border: false, lines, size: 11, align: 'left', valign: 'middle', role: block.field ? 'value' : 'text', path: block.field });
        this.y += h + 2;
        break;
      }
      case 'issuer': {
        // The seed prints 「印」; a city that has abolished seals (押印廃止) sets `noSeal` in the data.
        const seal = block.seal && this.input.data.noSeal !== true;
        const w = 50;
        const x = PAGE.left + CONTENT_WIDTH - w;
        this.push({ x, y: this.y, w: w - (seal ? 12 : 0), h: 10, border: false, lines: [block.text], size: 11, align: 'right', valign: 'middle', role: 'text' });
        if (seal) this.push({ x: x + w - 10, y: this.y, w: 10, h: 10, border: true, lines: ['印'], size: 10, align: 'center', valign: 'middle', role: 'text' });
        this.y += 13;
        break;
      }
      case 'applicant':
        this.applicant(block.field);
        break;
      case 'paragraph':
        this.textBlock(block.text, { size: block.size, align: block.align, indent: block.indent });
        break;
      case 'bullets':
        // 添付書類 stays together with its title.
        this.ensure((block.items.length + (block.title ? 1 : 0)) * (this.textHeight(1, this.o.textSize) + 0.5));
        if (block.title) this.textBlock(block.title, { gap: 0.5 });
        for (const item of block.items) this.textBlock(`・ ${item}`, { indent: 4, gap: 0.3 });
        this.y += 2;
        break;
      case 'fieldTable':
        this.fieldTable(block);
        break;
      case 'groupTable':
        this.groupTable(block);
        break;
      case 'listTable':
        this.listTable(block);
        break;
      case 'computedLine':
        // Placeholders name computed values or fields, printed as the form prints them (a date in 和暦, blank 年 月 日).
        this.textBlock(formatRow(block.text, (p) => ({ field: this.field(p), value: this.value(p) })), { indent: block.indent });
        break;
      case 'pageBreak':
        this.newPage();
        if (block.title) this.textBlock(block.title);
        break;
      case 'spacer':
        this.y += block.height;
        break;
    }
  }

  /** 申請者 所在地 / 名称 / 代表者: a block on the right half, under the addressee, as the paper form has it. */
  applicant(path: string): void {
    const group = this.field(path)!;
    const x = PAGE.left + CONTENT_WIDTH * 0.45;
    const headW = 14;
    const subW = 16;
    const valueW = PAGE.left + CONTENT_WIDTH - x - headW - subW;
    const top = this.y;
    for (const field of group.fields ?? []) {
      const fieldPath = `${path}.${field.key}`;
      const text = printedValue(field, this.value(fieldPath));
      const h = 7.5;
      this.push({ x: x + headW, y: this.y, w: subW, h, border: false, lines: [field.printLabel ?? field.label], size: this.o.labelSize, align: 'left', valign: 'middle', role: 'label' });
      const fitted = this.fit(text, valueW, h, fieldPath, field.label);
      this.push({ x: x + headW + subW, y: this.y, w: valueW, h, border: false, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: 'middle', role: 'value', path: fieldPath });
      this.y += h;
    }
    this.push({ x, y: top, w: headW, h: 7.5, border: false, lines: [group.printLabel ?? group.label], size: this.o.labelSize, align: 'left', valign: 'middle', role: 'label' });
    this.y += 4;
  }

  /** The 別紙 pages that carry what did not fit, each naming the item it continues. */
  continuationPages(): void {
    for (const c of this.continuations) {
      this.newPage();
      this.textBlock(`${c.page}　「${c.label}」の続き`, { size: 12, role: 'title', gap: 3 });
      const table = this.pendingTables.get(c.page);
      if (table) {
        this.listTable(table.block, table.from, true);
        continue;
      }
      let rest = c.text;
      const size = this.o.valueSize;
      while (rest.length > 0) {
        const available = PAGE.height - PAGE.bottom - this.y;
        const room = Math.max(1, Math.floor((available - 2 * PAD) / lineMm(size)));
        const lines = this.wrap(rest, CONTENT_WIDTH, size);
        const shown = lines.slice(0, room);
        const h = shown.length * lineMm(size) + 2 * PAD;
        this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH, h, border: true, lines: shown.map((l) => l.text), size, align: 'left', valign: 'top', role: 'value', path: c.path });
        rest = lines.length > room ? rest.slice(shown[shown.length - 1].end) : '';
        if (rest) {
          this.newPage();
          this.textBlock(`${c.page}　「${c.label}」の続き（${this.pages.length}ページ目）`, { size: 12, role: 'title', gap: 3 });
        }
      }
    }
  }
}

export function layoutDocument(input: LayoutInput): LaidOutDocument {
  const layout = new Layout(input);
  input.definition.pages.forEach((blocks, i) => {
    if (i > 0) layout.newPage();
    for (const block of blocks) layout.block(block);
  });
  layout.continuationPages();
  return { title: input.definition.title, pages: layout.pages, overflows: layout.overflows };
}
