/**
 * Renderers of the blocks that run across the page without a table: title, heading, paragraph, bullets, computed line,
 * check line, page break and spacer. Each takes the engine and its block and moves the cursor down past what it drew.
 */
import { placeChecks } from './checkboxes.ts';
import { lineMm, PAD, type BlockOf, type LayoutEngine } from './engine.ts';
import { CONTENT_WIDTH, PAGE } from './model.ts';
import { formatRow } from './print-values.ts';

export function layTitle(layout: LayoutEngine, block: BlockOf<'title'>): void {
  layout.textBlock(block.text ?? layout.input.definition.title, { size: block.size ?? 14, align: 'center', role: 'title', gap: 3, bold: true });
}

export function layHeading(layout: LayoutEngine, block: BlockOf<'heading'>): void {
  // Keep a section heading with the first lines of what follows it.
  layout.ensure(lineMm(layout.overrides.textSize) + 2 * PAD + 25);
  layout.textBlock(block.text, { size: layout.overrides.textSize });
}

export function layParagraph(layout: LayoutEngine, block: BlockOf<'paragraph'>): void {
  layout.textBlock(block.text, { size: block.size, align: block.align, indent: block.indent });
}

export function layBullets(layout: LayoutEngine, block: BlockOf<'bullets'>): void {
  // 添付書類 stays together with its title.
  layout.ensure((block.items.length + (block.title ? 1 : 0)) * (layout.textHeight(1, layout.overrides.textSize) + 0.5));
  if (block.title) layout.textBlock(block.title, { gap: 0.5 });
  for (const item of block.items) layout.textBlock(`・ ${item}`, { indent: 4, gap: 0.3 });
  layout.y += 2;
}

export function layComputedLine(layout: LayoutEngine, block: BlockOf<'computedLine'>): void {
  // Placeholders name computed values or fields, printed as the form prints them (a date in 和暦, blank 年 月 日).
  layout.textBlock(formatRow(block.text, (p) => ({ field: layout.field(p), value: layout.value(p) })), { indent: block.indent });
}

/** A choice printed as a line of checkboxes across the page, outside any table. */
export function layCheckLine(layout: LayoutEngine, block: BlockOf<'checkLine'>): void {
  const field = layout.field(block.field)!;
  const measured = placeChecks(layout, field, block.field, PAGE.left, layout.y, CONTENT_WIDTH, layout.overrides.valueSize);
  layout.ensure(measured.height);
  const placed = placeChecks(layout, field, block.field, PAGE.left, layout.y, CONTENT_WIDTH, layout.overrides.valueSize);
  layout.push({ x: PAGE.left, y: layout.y, w: CONTENT_WIDTH, h: placed.height, border: false, lines: [], size: placed.size, align: 'left', valign: 'middle', role: 'value', path: block.field, checks: placed.marks });
  layout.y += placed.height + 1.5;
}

export function layPageBreak(layout: LayoutEngine, block: BlockOf<'pageBreak'>): void {
  layout.newPage();
  if (block.title) layout.textBlock(block.title);
}

export function laySpacer(layout: LayoutEngine, block: BlockOf<'spacer'>): void {
  layout.y += block.height;
}
