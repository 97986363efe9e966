/**
 * Checkbox groups as the paper prints them: every option with its box, chosen or not, flowing left to right in a cell.
 * Shared by the check line, label | value tables and table columns, so a long option shrinks and wraps the same everywhere.
 */
import type { FieldDefinition } from '../../forms/definition.ts';
import { BOX, lineMm, PAD, type LayoutEngine } from './engine.ts';
import type { CheckMark } from './model.ts';
import { yesNoPair } from './overrides.ts';

export interface PlacedChecks {
  marks: CheckMark[];
  /** Height (mm) the boxes need, padding included. */
  height: number;
  /** Font size (pt) the labels print at. */
  size: number;
}

/**
 * Lays out checkboxes left to right, wrapping within the cell. An option too wide for the cell shrinks (down to the
 * floor size), then wraps its label onto more lines: every option is printed whole.
 */
export function placeChecks(layout: LayoutEngine, field: FieldDefinition, path: string, x: number, y: number, w: number, base: number): PlacedChecks {
  const value = layout.value(path);
  const pair = field.type === 'boolean' ? yesNoPair(layout.input.definition.id, path) : undefined;
  const options = pair
    ? // A yes/no item: both choices print, one ticked; neither when it was not answered.
      [
        { value: 'true', label: pair[0], checked: value === true },
        { value: 'false', label: pair[1], checked: value === false },
      ]
    : field.type === 'boolean'
      ? [{ value: 'true', label: field.printLabel ?? field.label, checked: value === true }]
      : (field.options ?? []).map((o) => ({
          value: o.value,
          label: o.label,
          checked: Array.isArray(value) ? value.includes(o.value) : value === o.value,
        }));
  const room = w - 2 * PAD - BOX - 1 - 0.5;
  const widest = Math.max(0, ...options.map((o) => layout.input.font.widthMm(o.label, base)));
  let size = base;
  // Shrink a little (a long option in a narrow column), then wrap: a sentence-long label stays readable.
  const floor = Math.max(layout.overrides.floorSize, base - 1.5);
  while (size > floor && (widest * size) / base > room) size -= 0.5;
  const marks: CheckMark[] = [];
  const line = Math.max(lineMm(size), BOX) + 1.2;
  let cx = x + PAD;
  let cy = y + PAD;
  for (const option of options) {
    const labelW = layout.input.font.widthMm(option.label, size);
    const need = BOX + 1 + labelW + 3;
    if (cx > x + PAD && cx + need > x + w - PAD) {
      cx = x + PAD;
      cy += line;
    }
    const labelLines = labelW > room ? layout.wrap(option.label, room + 2 * PAD, size).map((l) => l.text) : undefined;
    marks.push({ label: option.label, labelLines, checked: option.checked, x: cx, y: cy + (line - 1.2 - BOX) / 2, size: BOX, path, value: option.value });
    cx += need;
    if (labelLines) {
      cy += (labelLines.length - 1) * lineMm(size);
      cx = x + w; // the next option starts on a new line
    }
  }
  return { marks, height: cy - y + line + PAD, size };
}
