/**
 * The baseline a newcomer to pdfme would write: one pdfme template, built once (here from yoshiki's layout of the example,
 * so both draw the same boxes, labels and amount of text), then `generate()` once per document with the font passed in
 * every call — single thread, no chunking. Value cells become named pdfme fields filled from each row's data.
 */
import { generate } from '@pdfme/generator';
import { checkbox, rectangle, text } from '@pdfme/schemas';
import type { Font, Template } from '@pdfme/common';
import { getAt } from '../src/forms/fields.ts';
import type { LaidOutDocument } from '../src/render/layout/model.ts';
import { PAGE } from '../src/render/layout/model.ts';
import type { PrintFont } from '../src/render/font.ts';

type Schema = Record<string, unknown> & { name: string };

export interface NaiveTemplate {
  template: Template;
  /** Field name → data path it prints. */
  fields: Map<string, string>;
}

export function naiveTemplate(layout: LaidOutDocument, font: PrintFont): NaiveTemplate {
  const fields = new Map<string, string>();
  let n = 0;
  const schemas = layout.pages.map((page) => {
    const out: Schema[] = [];
    for (const cell of page.cells) {
      if (cell.border)
        out.push({ name: `r${n++}`, type: 'rectangle', readOnly: true, position: { x: cell.x, y: cell.y }, width: cell.w, height: cell.h, borderWidth: 0.25, borderColor: '#000000', color: '' });
      const common = { type: 'text', position: { x: cell.x + 1.2, y: cell.y + 1.2 }, width: Math.max(cell.w - 2.4, 1), height: Math.max(cell.h - 2.4, 1), fontName: font.name, fontSize: cell.size, lineHeight: 1.3, alignment: cell.align, verticalAlignment: cell.valign };
      if (cell.role === 'value' && cell.path) {
        const name = `v${n++}`;
        fields.set(name, cell.path);
        out.push({ name, ...common, content: '' });
      } else if (cell.lines.length) out.push({ name: `t${n++}`, ...common, readOnly: true, content: cell.lines.join('\n') });
      for (const mark of cell.checks ?? []) {
        const name = `c${n++}`;
        if (mark.path) fields.set(name, `${mark.path}\u0000${mark.value ?? ''}`);
        out.push({ name, type: 'checkbox', position: { x: mark.x, y: mark.y }, width: mark.size, height: mark.size, color: '#000000', content: 'false' });
        if (mark.label) out.push({ name: `l${n++}`, ...common, readOnly: true, position: { x: mark.x + mark.size + 0.8, y: mark.y }, width: font.widthMm(mark.label, cell.size) + 1, height: mark.size + 1, content: mark.label });
      }
    }
    return out;
  });
  return { template: { basePdf: { width: PAGE.width, height: PAGE.height, padding: [0, 0, 0, 0] }, schemas } as unknown as Template, fields };
}

/** The row's values as pdfme inputs: text as typed (lists joined), checkboxes 'true'/'false'. */
export function naiveInputs(t: NaiveTemplate, data: Record<string, unknown>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of t.fields) {
    const [path, option] = spec.split('\u0000');
    const value = getAt(data, path);
    if (option !== undefined) inputs[name] = String(Array.isArray(value) ? value.includes(option) : option === '' ? value === true : value === option);
    else inputs[name] = Array.isArray(value) ? value.join('、') : value === undefined || value === null ? '' : String(value);
  }
  return inputs;
}

export async function naiveGenerate(t: NaiveTemplate, data: Record<string, unknown>, fontData: Uint8Array<ArrayBuffer>, fontName: string): Promise<Uint8Array> {
  // The font object is built and passed on every call, as the pdfme README shows it.
  const font: Font = { [fontName]: { data: fontData, fallback: true } };
  return generate({ template: t.template, inputs: [naiveInputs(t, data)], options: { font }, plugins: { text, rectangle, checkbox } });
}
