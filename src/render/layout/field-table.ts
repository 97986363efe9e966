/**
 * Renderer of the field table block, the body of most 様式: label | value rows built from the fields each row names.
 * A value prints as checkboxes or as text in a box that grows with it (a stacked row: a full-width box under its
 * label); a box taller than the room left breaks across pages, its label repeated with 「（続き）」. In a `fixed` block a
 * multi-line box keeps the 様式's lines and continues on the 続紙. The label column and the value column each print at
 * one size.
 */
import type { RowSpec } from '../../forms/definition.ts';
import { placeChecks } from './checkboxes.ts';
import { LABEL_FLOOR, lineMm, PAD, VALUE_FLOOR, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { formatRow, printsAsChecks } from './print-values.ts';
import { printValue } from '../../forms/field-types/index.ts';

const CONTINUED = '（続き）';

export function layFieldTable(layout: LayoutEngine, block: BlockOf<'fieldTable'>): void {
  const { overrides } = layout;
  const labelW = block.labelWidth ?? overrides.labelWidth;
  const valueW = CONTENT_WIDTH - labelW;
  if (block.title) layout.textBlock(block.title, { size: overrides.textSize });
  layout.table = block.title ? { open: () => layout.textBlock(`${block.title}${CONTINUED}`, { size: overrides.textSize }) } : undefined;
  // One size per column: the labels' and the values' (a long word in the column shrinks it a little, all rows alike).
  const inline = block.rows.filter((r) => !r.stacked);
  const labelSize = layout.columnSize(inline.map((r) => rowLabel(layout, r).text), labelW, overrides.labelSize, LABEL_FLOOR);
  const textRows = inline.filter((r) => r.fields?.length && !(r.fields.length === 1 && printsAsChecks(layout.field(r.fields[0])!)));
  const valueSize = layout.columnSize(textRows.map((r) => rowText(layout, r, r.fields!)), valueW, overrides.valueSize, VALUE_FLOOR);
  for (const row of block.rows) {
    if (row.stacked) stackedRow(layout, row, block.fixed ?? false);
    else inlineRow(layout, row, { labelW, valueW, labelSize, valueSize, fixed: block.fixed ?? false });
  }
  layout.table = undefined;
  layout.y += 2;
}

interface Columns {
  labelW: number;
  valueW: number;
  labelSize: number;
  valueSize: number;
  fixed: boolean;
}

function inlineRow(layout: LayoutEngine, row: RowSpec, c: Columns): void {
  const { overrides } = layout;
  const { text: labelText, note } = rowLabel(layout, row);
  const labelLinesOf = (label: string) => [...layout.lines(label, c.labelW, c.labelSize), ...(note ? layout.lines(note, c.labelW, c.labelSize) : [])];
  const labelLines = labelLinesOf(labelText);
  const labelCell = (lines: string[], y: number, h: number) =>
    layout.push({ x: PAGE.left, y, w: c.labelW, h, border: true, lines, text: note ? `${labelText}\n${note}` : labelText, size: c.labelSize, align: 'left', valign: 'middle', role: 'label' });
  const labelH = layout.cellHeight(labelLines.length, c.labelSize);
  const paths = row.fields ?? [];
  const single = paths.length === 1 ? layout.field(paths[0]) : undefined;
  const minLines = row.lines ?? single?.lines ?? 1;
  const minH = Math.max(overrides.rowHeight, layout.cellHeight(minLines, overrides.valueSize), labelH);
  const x = PAGE.left + c.labelW;
  if (single && printsAsChecks(single)) {
    const measured = placeChecks(layout, single, paths[0], 0, 0, c.valueW, overrides.valueSize);
    const h = Math.max(minH, measured.height);
    layout.ensure(h);
    const placed = placeChecks(layout, single, paths[0], x, layout.y, c.valueW, overrides.valueSize);
    labelCell(labelLines, layout.y, h);
    layout.push({ x, y: layout.y, w: c.valueW, h, border: true, lines: [], size: placed.size, align: 'left', valign: 'middle', role: 'value', path: paths[0], checks: placed.marks });
    layout.y += h;
    return;
  }
  if (!paths.length) {
    const fixedText = layout.lines(row.text ?? '', c.valueW, VALUE_FLOOR);
    const h = Math.max(minH, layout.cellHeight(fixedText.length, VALUE_FLOOR));
    layout.ensure(h);
    labelCell(labelLines, layout.y, h);
    layout.push({ x, y: layout.y, w: c.valueW, h, border: true, lines: fixedText, size: VALUE_FLOOR, align: 'left', valign: 'top', role: 'text' });
    layout.y += h;
    return;
  }
  const path = paths[paths.length - 1];
  const text = rowText(layout, row, paths);
  const align = paths.every((p) => layout.field(p)?.type === 'integer') ? 'right' : 'left';
  const valign = minLines > 1 ? 'top' : 'middle';
  if (c.fixed && minLines > 1) {
    const fitted = layout.fitFixed(text, c.valueW, minH, path, labelText, c.valueSize);
    layout.ensure(fitted.h);
    labelCell(labelLines, layout.y, fitted.h);
    layout.push({ x, y: layout.y, w: c.valueW, h: fitted.h, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align, valign, role: 'value', path });
    layout.y += fitted.h;
    return;
  }
  layout.flowText(text, c.valueW, c.valueSize, minH, () => 0, (shown, h, first) => {
    const cellH = Math.max(h, labelH);
    labelCell(first ? labelLines : labelLinesOf(`${labelText}${CONTINUED}`), layout.y, cellH);
    layout.push({ x, y: layout.y, w: c.valueW, h: cellH, border: true, ...shown, size: c.valueSize, align, valign, role: 'value', path });
    layout.y += cellH;
  });
}

/** A row's label: its own, else its first field's (or computed value's); with the note printed under it. */
function rowLabel(layout: LayoutEngine, row: RowSpec): { text: string; note?: string } {
  const first = row.fields?.[0];
  const field = first ? layout.field(first) : undefined;
  const computed = first ? layout.input.definition.computed.find((c) => c.key === first) : undefined;
  return { text: row.label ?? field?.label ?? computed?.label ?? '', note: row.note ?? field?.note };
}

/** The value cell's text: the row's `format` filled in, or the fields' printed values side by side. */
function rowText(layout: LayoutEngine, row: RowSpec, paths: string[]): string {
  if (row.format) return formatRow(row.format, (p) => ({ field: layout.field(p), value: layout.value(p) }));
  return paths.map((p) => printValue(layout.field(p), layout.value(p))).join(' ').trim() || (row.text ?? '');
}

/** A label on its own line, then a full-width box for free text that grows with it and flows across pages. */
function stackedRow(layout: LayoutEngine, row: RowSpec, fixed: boolean): void {
  const { overrides } = layout;
  const { text: labelText, note } = rowLabel(layout, row);
  const paths = row.fields ?? [];
  const path = paths[paths.length - 1];
  const single = paths.length === 1 ? layout.field(paths[0]) : undefined;
  const minH = Math.max(overrides.rowHeight, layout.cellHeight(row.lines ?? single?.lines ?? 3, overrides.valueSize));
  const label = note ? `${labelText} ${note}` : labelText;
  const labelHeight = (text: string) => layout.textHeight(layout.lines(text, CONTENT_WIDTH, overrides.labelSize).length, overrides.labelSize) + 0.5;
  const text = rowText(layout, row, paths);
  if (fixed) {
    const fitted = layout.fitFixed(text, CONTENT_WIDTH, minH, path ?? '', labelText);
    // The label never stays behind at the foot of a page while its box moves on.
    layout.ensure(fitted.h + labelHeight(label));
    layout.textBlock(label, { size: overrides.labelSize, role: 'label', gap: 0.5 });
    layout.push({ x: PAGE.left, y: layout.y, w: CONTENT_WIDTH, h: fitted.h, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: 'top', role: 'value', path });
    layout.y += fitted.h + 2;
    return;
  }
  const table = layout.table;
  layout.table = undefined; // the label is repeated by the box itself
  layout.flowText(text, CONTENT_WIDTH, overrides.valueSize, minH, (first) => labelHeight(first ? label : `${labelText}${CONTINUED}`), (shown, h, first) => {
    layout.textBlock(first ? label : `${labelText}${CONTINUED}`, { size: overrides.labelSize, role: 'label', gap: 0.5 });
    layout.push({ x: PAGE.left, y: layout.y, w: CONTENT_WIDTH, h, border: true, ...shown, size: overrides.valueSize, align: 'left', valign: 'top', role: 'value', path });
    layout.y += h + 2;
  });
  layout.table = table;
}
