/**
 * Lays a 様式 out from its definition: the blocks of `pages` are stacked top to bottom on A4 portrait, tables are built from
 * the fields they name, and values are wrapped to their boxes. No coordinates are typed per form; a form's few overrides
 * live in `forms/<municipality>/<form-id>/layout.json`.
 *
 * This is the public entry: it hands each block to the renderer of its kind, then adds the 別紙 pages. Fitting and
 * overflow (G-OVERFLOW) live in `engine.ts`; the renderers in `text-blocks.ts`, `letterhead.ts` and the `*-table.ts` files.
 */
import type { Block } from '../../forms/definition.ts';
import { LayoutEngine, type LayoutInput } from './engine.ts';
import { layFieldTable } from './field-table.ts';
import { layGroupTable } from './group-table.ts';
import { layAddressee, layApplicant, layFiledDate, layIssuer } from './letterhead.ts';
import { layListTable } from './list-table.ts';
import type { LaidOutDocument } from './model.ts';
import { layBullets, layCheckLine, layComputedLine, layHeading, layPageBreak, layParagraph, laySpacer, layTitle } from './text-blocks.ts';

export type { LayoutInput } from './engine.ts';

export function layoutDocument(input: LayoutInput): LaidOutDocument {
  const layout = new LayoutEngine(input);
  input.definition.pages.forEach((blocks, i) => {
    if (i > 0) layout.newPage();
    for (const block of blocks) layBlock(layout, block);
  });
  layout.continuationPages();
  return { title: input.definition.title, pages: layout.pages, overflows: layout.overflows };
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
