/**
 * Renderer of the field table block, the body of most 様式: label | value rows built from the fields each row names.
 * A value prints as checkboxes, as fitted text, or (a stacked row) as a full-width box under its label.
 */
import type { RowSpec } from '../../forms/definition.ts';
import { placeChecks } from './checkboxes.ts';
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { formatRow, printedValue, printsAsChecks } from './print-values.ts';

export function layFieldTable(layout: LayoutEngine, block: BlockOf<'fieldTable'>): void {
  const { overrides } = layout;
  const labelW = block.labelWidth ?? overrides.labelWidth;
  const valueW = CONTENT_WIDTH - labelW;
  if (block.title) layout.textBlock(block.title, { size: overrides.textSize });
  for (const row of block.rows) {
    if (row.stacked) {
      stackedRow(layout, row);
      continue;
    }
    const { text: labelText, note } = rowLabel(layout, row);
    const labelLines = layout.wrap(labelText, labelW, overrides.labelSize).map((l) => l.text);
    const noteLines = note ? layout.wrap(note, labelW, overrides.labelSize).map((l) => l.text) : [];
    const labelH = (labelLines.length + noteLines.length) * lineMm(overrides.labelSize) + 2 * PAD;
    const paths = row.fields ?? [];
    const single = paths.length === 1 ? layout.field(paths[0]) : undefined;
    const lines = row.lines ?? single?.lines ?? 1;
    let valueH = Math.max(overrides.rowHeight, lines * lineMm(overrides.valueSize) + 2 * PAD);
    if (single && printsAsChecks(single)) {
      const c = placeChecks(layout, single, paths[0], 0, 0, valueW, overrides.valueSize);
      valueH = Math.max(valueH, c.height);
    }
    const h = Math.max(valueH, labelH);
    layout.ensure(h);
    const x = PAGE.left;
    const y = layout.y;
    layout.push({ x, y, w: labelW, h, border: true, lines: [...labelLines, ...noteLines], text: note ? `${labelText}\n${note}` : labelText, size: overrides.labelSize, align: 'left', valign: 'middle', role: 'label' });
    if (single && printsAsChecks(single)) {
      const placed = placeChecks(layout, single, paths[0], x + labelW, y, valueW, overrides.valueSize);
      layout.push({ x: x + labelW, y, w: valueW, h, border: true, lines: [], size: placed.size, align: 'left', valign: 'middle', role: 'value', path: paths[0], checks: placed.marks });
    } else if (paths.length) {
      const text = rowText(layout, row, paths);
      const fitted = layout.fit(text, valueW, h, paths[paths.length - 1], labelText);
      layout.push({ x: x + labelW, y, w: valueW, h, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: lines > 1 ? 'top' : 'middle', role: 'value', path: paths[paths.length - 1] });
    } else {
      const fixed = layout.wrap(row.text ?? '', valueW, 8).map((l) => l.text);
      layout.push({ x: x + labelW, y, w: valueW, h, border: true, lines: fixed, size: 8, align: 'left', valign: 'top', role: 'text' });
    }
    layout.y += h;
  }
  layout.y += 2;
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
  return paths.map((p) => printedValue(layout.field(p), layout.value(p))).join(' ').trim() || (row.text ?? '');
}

/** A label on its own line, then a full-width box for free text. */
function stackedRow(layout: LayoutEngine, row: RowSpec): void {
  const { overrides } = layout;
  const { text: labelText, note } = rowLabel(layout, row);
  const paths = row.fields ?? [];
  const single = paths.length === 1 ? layout.field(paths[0]) : undefined;
  const h = Math.max(overrides.rowHeight, (row.lines ?? single?.lines ?? 3) * lineMm(overrides.valueSize) + 2 * PAD);
  const label = note ? `${labelText} ${note}` : labelText;
  // The label never stays behind at the foot of a page while its box moves on.
  layout.ensure(h + layout.wrap(label, CONTENT_WIDTH, overrides.labelSize).length * lineMm(overrides.labelSize) + 2 * PAD + 0.5);
  layout.textBlock(label, { size: overrides.labelSize, role: 'label', gap: 0.5 });
  layout.ensure(h);
  const text = rowText(layout, row, paths);
  const fitted = layout.fit(text, CONTENT_WIDTH, h, paths[paths.length - 1] ?? '', labelText);
  layout.push({ x: PAGE.left, y: layout.y, w: CONTENT_WIDTH, h, border: true, lines: fitted.lines, text: fitted.text, size: fitted.size, align: 'left', valign: 'top', role: 'value', path: paths[paths.length - 1] });
  layout.y += h + 2;
}
