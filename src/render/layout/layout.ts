/**
 * Lays a 様式 out from its definition: the blocks of `pages` are stacked top to bottom on A4 portrait, tables are built from
 * the fields they name, and values are wrapped to their boxes. No coordinates are typed per form; a form's few overrides
 * live in `forms/<municipality>/<form-id>/layout.json`.
 *
 * This is the public entry: it hands each block to the renderer of its kind, then adds the 別紙 pages. Fitting and
 * overflow (G-OVERFLOW) live in `engine.ts`; the renderers in `text-blocks.ts`, `letterhead.ts` and the `*-table.ts` files.
 */
import type { Block } from '../../forms/definition.ts';
import { LayoutEngine, PAD, type LayoutInput } from './engine.ts';
import { layFieldTable } from './field-table.ts';
import { CATEGORY_WIDTH, layGroupTable } from './group-table.ts';
import { layAddressee, layApplicant, layFiledDate, layIssuer } from './letterhead.ts';
import { layListTable } from './list-table.ts';
import { PAGE, type Cell, type LaidOutDocument } from './model.ts';
import { layoutPaths } from './printed-labels.ts';
import { layBullets, layCheckLine, layComputedLine, layHeading, layPageBreak, layParagraph, laySpacer, layTitle } from './text-blocks.ts';

export type { LayoutInput } from './engine.ts';

export function layoutDocument(input: LayoutInput): LaidOutDocument {
  const layout = new LayoutEngine(input);
  let laid = 0;
  input.definition.pages.forEach((blocks, i) => {
    if (!input.everyPage && !pageApplies(layout, i, blocks)) return;
    if (laid++ > 0) layout.newPage();
    layout.labelWidth = sharedLabelWidth(layout, blocks);
    // A page is filled before its content continues on the next one, as a typesetter does: no page is held back
    // to give a short tail more company (that left the 変更届's first page 40 % empty).
    for (let b = 0; b < blocks.length; b = layKeptWithNext(layout, blocks, b));
  });
  layout.continuationPages();
  for (const page of layout.pages) markFrames(page.cells);
  return { title: input.definition.title, pages: layout.pages, overflows: layout.overflows };
}

/** The label column: never narrower than a short label needs, never so wide that values have too little room. */
const LABEL_MIN = 34;
const LABEL_MAX = 62;

/**
 * One label width for every label | value table and group table of a 様式 page, from the longest label there (on one
 * line, padding included), within LABEL_MIN…LABEL_MAX: stacked tables line up, and a longer label wraps. A block's own
 * `labelWidth` is a label it needs; layout.json `labelWidth` fixes the width for the whole 様式.
 */
function sharedLabelWidth(layout: LayoutEngine, blocks: Block[]): number {
  const { overrides } = layout;
  if (overrides.labelWidth !== undefined) return overrides.labelWidth;
  // From the definition only: worked out once per 様式 page for every document.
  let width = labelWidths.get(blocks);
  if (width === undefined) labelWidths.set(blocks, (width = longestLabelWidth(layout, blocks)));
  return width;
}

const labelWidths = new WeakMap<Block[], number>();

function longestLabelWidth(layout: LayoutEngine, blocks: Block[]): number {
  const { overrides } = layout;
  const width = (text: string, size: number) => layout.input.font.widthMm(text, size) + 2 * PAD + 0.5;
  const needs: number[] = [];
  for (const block of blocks) {
    if ((block.block === 'fieldTable' || block.block === 'groupTable') && block.labelWidth !== undefined) needs.push(block.labelWidth);
    if (block.block === 'fieldTable')
      for (const row of block.rows) {
        if (row.stacked) continue;
        const first = row.fields?.[0];
        const label = row.label ?? (first ? (layout.field(first)?.label ?? '') : '');
        needs.push(width(label, overrides.labelSize));
      }
    if (block.block === 'groupTable')
      for (const row of (layout.field(block.field)?.fields ?? []).filter((f) => f.type === 'group'))
        needs.push(width(row.label, overrides.labelSize - 0.5) + (row.category ? CATEGORY_WIDTH : 0));
  }
  return Math.min(LABEL_MAX, Math.max(LABEL_MIN, ...needs));
}

/**
 * Whether a page the 様式 prints only in some cases (`pagesWhen`: the ＜別紙＞ of 緊急時の受入れ・対応機能) applies: its
 * condition holds, or one of its own values is filled in (nothing typed is left out of the document).
 */
function pageApplies(layout: LayoutEngine, index: number, blocks: Block[]): boolean {
  const when = layout.overrides.pagesWhen[String(index + 1)];
  if (!when) return true;
  const chosen = layout.value(when.field);
  if (Array.isArray(chosen) && chosen.includes(when.includes)) return true;
  const page = layoutPaths({ ...layout.input.definition, pages: [blocks] });
  return page.some((path) => filled(layout.value(path.split('.*')[0])));
}

/** Whether a value holds anything a person typed or ticked (an unticked box, a blank row and '' do not count). */
function filled(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(filled);
  if (value && typeof value === 'object') return Object.values(value).some(filled);
  return value !== undefined && value !== null && value !== '' && value !== false;
}

const EPS = 0.05;
const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0) > EPS;

/**
 * Marks the sides of bordered cells that no other bordered cell touches: the outside of each table, which prints as a
 * heavier frame around hairline inner rules, as printed government forms have.
 */
export function markFrames(cells: Cell[]): void {
  const boxes = cells.filter((c) => c.border);
  for (const c of boxes) {
    const touches = (side: 'top' | 'right' | 'bottom' | 'left') =>
      boxes.some((d) => {
        if (d === c) return false;
        if (side === 'top') return Math.abs(d.y + d.h - c.y) < EPS && overlap(c.x, c.x + c.w, d.x, d.x + d.w);
        if (side === 'bottom') return Math.abs(c.y + c.h - d.y) < EPS && overlap(c.x, c.x + c.w, d.x, d.x + d.w);
        if (side === 'left') return Math.abs(d.x + d.w - c.x) < EPS && overlap(c.y, c.y + c.h, d.y, d.y + d.h);
        return Math.abs(c.x + c.w - d.x) < EPS && overlap(c.y, c.y + c.h, d.y, d.y + d.h);
      });
    const frame = (['top', 'right', 'bottom', 'left'] as const).filter((side) => !touches(side));
    if (frame.length) c.frame = frame;
  }
}

const TABLES = new Set<Block['block']>(['fieldTable', 'groupTable', 'listTable']);

/**
 * Lays out block `b` and returns the index of the next block to lay. A section heading, the notes under it and the
 * table they introduce stay together: when the table would begin on the next page, leaving the heading alone at the foot
 * of this one (「5 会議に不参加の事業所との…」 over an empty bottom), the heading moves to the next page with it.
 */
function layKeptWithNext(layout: LayoutEngine, blocks: Block[], b: number): number {
  if (blocks[b].block !== 'heading') {
    layBlock(layout, blocks[b]);
    return b + 1;
  }
  let end = b + 1;
  while (end < blocks.length && blocks[end].block === 'paragraph') end++;
  if (end >= blocks.length || !TABLES.has(blocks[end].block)) {
    layBlock(layout, blocks[b]);
    return b + 1;
  }
  const mark = { pages: layout.pages.length, cells: layout.page.cells.length, y: layout.y, overflows: layout.overflows.length, continuations: layout.continuations.length };
  for (let i = b; i < end; i++) layBlock(layout, blocks[i]);
  const before = { pages: layout.pages.length, cells: layout.page.cells.length };
  const headingAtTop = layout.pages.length > mark.pages || mark.cells === 0;
  layBlock(layout, blocks[end]);
  const tableMoved = layout.pages.length > before.pages && layout.pages[before.pages - 1].cells.length === before.cells;
  if (tableMoved && !headingAtTop) {
    // Undo the run and lay it again from the top of the next page.
    layout.pages.length = mark.pages;
    layout.page.cells.length = mark.cells;
    layout.y = mark.y;
    layout.overflows.length = mark.overflows;
    layout.continuations.length = mark.continuations;
    layout.breakPage();
    for (let i = b; i <= end; i++) layBlock(layout, blocks[i]);
  }
  return end + 1;
}

/** Hands a block to the renderer of its kind; a new kind that has none fails to compile. */
function layBlock(layout: LayoutEngine, block: Block): void {
  switch (block.block) {
    case 'title':
      return layTitle(layout, block);
    case 'filedDate':
      return layFiledDate(layout, block);
    case 'addressee':
      return layAddressee(layout, block);
    case 'issuer':
      return layIssuer(layout, block);
    case 'applicant':
      return layApplicant(layout, block);
    case 'paragraph':
      return layParagraph(layout, block);
    case 'bullets':
      return layBullets(layout, block);
    case 'heading':
      return layHeading(layout, block);
    case 'fieldTable':
      return layFieldTable(layout, block);
    case 'groupTable':
      return layGroupTable(layout, block);
    case 'listTable':
      return layListTable(layout, block);
    case 'computedLine':
      return layComputedLine(layout, block);
    case 'checkLine':
      return layCheckLine(layout, block);
    case 'pageBreak':
      return layPageBreak(layout, block);
    case 'spacer':
      return laySpacer(layout, block);
    default:
      return block satisfies never;
  }
}
