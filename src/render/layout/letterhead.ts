/**
 * Renderers of a 様式's letterhead, placed where the paper form has them: the filing date (and a notice's 文書番号 above
 * it) on the right, the addressee on the left, the issuer with its 印, and the applicant's 所在地 / 名称 / 代表者 on the right half.
 */
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { printValue } from '../../forms/field-types/index.ts';

export function layFiledDate(layout: LayoutEngine, block: BlockOf<'filedDate'>): void {
  const path = block.field ?? 'filedOn';
  const field = layout.field(path);
  const text = printValue(field, layout.value(path));
  // A blank date prints its 「年　月　日」 to be filled in by hand; a blank line of text (a notice's 文書番号 not yet given)
  // takes no room, so a notice without one prints as before.
  if (text === '' && field?.type !== 'date') return;
  layout.push({ x: PAGE.left + CONTENT_WIDTH - 70, y: layout.y, w: 70, h: 7, border: false, lines: [text], size: layout.overrides.textSize, align: 'right', valign: 'middle', role: 'value', path });
  layout.y += 9;
}

export function layAddressee(layout: LayoutEngine, block: BlockOf<'addressee'>): void {
  const name = block.field ? printValue(layout.field(block.field), layout.value(block.field)) : (block.text ?? '');
  const text = `${name}${block.suffix ? `　${block.suffix}` : ''}`;
  // A long 法人名 and 代表者 wraps within the left of the page, below which the rest of the header follows.
  const lines = addresseeLines(layout, text, CONTENT_WIDTH * 0.7, 11);
  const h = Math.max(8, lines.length * lineMm(11) + 2 * PAD);
  layout.push({ x: PAGE.left, y: layout.y, w: CONTENT_WIDTH * 0.7, h, border: false, lines, size: 11, align: 'left', valign: 'middle', role: block.field ? 'value' : 'text', path: block.field });
  layout.y += h + 2;
}

/**
 * A 宛名 is written 法人名　役職　氏名 (full-width spaces between): a line breaks at those spaces before anywhere else,
 * so 「勅使河原 美智子」 is not split between two lines; a part wider than the line wraps as any text does. Each line
 * keeps its trailing space, as wrapped lines do, so the lines put together are the text.
 */
function addresseeLines(layout: LayoutEngine, text: string, w: number, size: number): string[] {
  const fits = (s: string) => layout.wrap(s, w, size).length === 1;
  const lines: string[] = [];
  let current = '';
  for (const part of text.split(/(?<=\u3000)/)) {
    if (fits(current + part)) {
      current += part;
      continue;
    }
    if (current) lines.push(current);
    const wrapped = layout.wrap(part, w, size).map((l) => l.text);
    lines.push(...wrapped.slice(0, -1));
    current = wrapped[wrapped.length - 1] ?? '';
  }
  if (current) lines.push(current);
  return lines;
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
  // On the right of the page as the paper has it, but wide enough that a 30-character address or 法人名 keeps to two
  // lines; the labels take what their text needs.
  const x = PAGE.left + CONTENT_WIDTH * 0.36;
  const labelW = (text: string) => layout.input.font.widthMm(text, layout.overrides.labelSize) + 3;
  const headW = labelW(group.printLabel ?? group.label);
  const subW = Math.max(0, ...(group.fields ?? []).map((f) => labelW(f.printLabel ?? f.label)));
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
