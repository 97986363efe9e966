/**
 * Renderers of a 様式's letterhead, placed where the paper form has them: the filing date on the right, the addressee on
 * the left, the issuer with its 印, and the applicant's 所在地 / 名称 / 代表者 on the right half.
 */
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { printValue } from '../../forms/field-types/index.ts';

export function layFiledDate(layout: LayoutEngine, block: BlockOf<'filedDate'>): void {
  const path = block.field ?? 'filedOn';
  const text = printValue(layout.field(path), layout.value(path));
  layout.push({ x: PAGE.left + CONTENT_WIDTH - 70, y: layout.y, w: 70, h: 7, border: false, lines: [text], size: layout.overrides.textSize, align: 'right', valign: 'middle', role: 'value', path });
  layout.y += 9;
}

export function layAddressee(layout: LayoutEngine, block: BlockOf<'addressee'>): void {
  const name = block.field ? printValue(layout.field(block.field), layout.value(block.field)) : (block.text ?? '');
  const text = `${name}${block.suffix ? `　${block.suffix}` : ''}`;
  // A long 法人名 and 代表者 wraps within the left of the page, below which the rest of the header follows.
  const lines = layout.wrap(text, CONTENT_WIDTH * 0.7, 11).map((l) => l.text);
  const h = Math.max(8, lines.length * lineMm(11) + 2 * PAD);
  layout.push({ x: PAGE.left, y: layout.y, w: CONTENT_WIDTH * 0.7, h, border: false, lines, size: 11, align: 'left', valign: 'middle', role: block.field ? 'value' : 'text', path: block.field });
  layout.y += h + 2;
}

export function layIssuer(layout: LayoutEngine, block: BlockOf<'issuer'>): void {
  // The seed prints 「印」; a city that has abolished seals (押印廃止) sets `noSeal` in the data.
  const seal = block.seal && layout.input.data.noSeal !== true;
  const w = 50;
  const x = PAGE.left + CONTENT_WIDTH - w;
  layout.push({ x, y: layout.y, w: w - (seal ? 12 : 0), h: 10, border: false, lines: [block.text], size: 11, align: 'right', valign: 'middle', role: 'text' });
  if (seal) layout.push({ x: x + w - 10, y: layout.y, w: 10, h: 10, border: true, lines: ['印'], size: 10, align: 'center', valign: 'middle', role: 'text' });
  layout.y += 13;
}

/** 申請者 所在地 / 名称 / 代表者: a block on the right half, under the addressee, as the paper form has it. */
export function layApplicant(layout: LayoutEngine, block: BlockOf<'applicant'>): void {
  const path = block.field;
  const group = layout.field(path)!;
  const x = PAGE.left + CONTENT_WIDTH * 0.45;
  const headW = 14;
  const subW = 16;
  const valueW = PAGE.left + CONTENT_WIDTH - x - headW - subW;
  const top = layout.y;
  for (const field of group.fields ?? []) {
    const fieldPath = `${path}.${field.key}`;
    const text = printValue(field, layout.value(fieldPath));
    // The applicant is who files: a long 法人名 or address wraps and its line grows, it never leaves the face.
    const lines = layout.lines(text, valueW, layout.overrides.valueSize);
    const h = Math.max(7.5, layout.cellHeight(lines.length, layout.overrides.valueSize));
    layout.push({ x: x + headW, y: layout.y, w: subW, h, border: false, lines: [field.printLabel ?? field.label], size: layout.overrides.labelSize, align: 'left', valign: lines.length > 1 ? 'top' : 'middle', role: 'label' });
    layout.push({ x: x + headW + subW, y: layout.y, w: valueW, h, border: false, lines, text, size: layout.overrides.valueSize, align: 'left', valign: 'middle', role: 'value', path: fieldPath });
    layout.y += h;
  }
  layout.push({ x, y: top, w: headW, h: 7.5, border: false, lines: [group.printLabel ?? group.label], size: layout.overrides.labelSize, align: 'left', valign: 'middle', role: 'label' });
  layout.y += 4;
}
