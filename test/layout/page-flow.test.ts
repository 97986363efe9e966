/**
 * Pages flow as a typesetter fills them: a page is filled before its content continues on the next one, and a row of
 * long text starts where there is room and breaks across pages instead of leaving the page half empty.
 */
import { describe, expect, it } from 'vitest';
import { readExample } from '../../src/forms/folders.ts';
import { PAGE } from '../../src/render/layout/model.ts';
import { renderDocument } from '../../src/render/render.ts';
import { printCases } from '../support/print-cases.ts';
import { pdfPageTexts, squash } from '../support/read-back.ts';

const used = (cells: { y: number; h: number }[]) => (Math.max(...cells.map((c) => c.y + c.h)) - PAGE.top) / (PAGE.height - PAGE.top - PAGE.bottom);

describe('the 変更届出書 (ichikawa-kyoten-henko)', () => {
  it('prints its example on two pages: the 届出書 whole on page 1, the ＜別紙＞ on page 2', async () => {
    const { pdf, layout } = await renderDocument('ichikawa-kyoten-henko', readExample('ichikawa-kyoten-henko'), { today: '2024-06-20' });
    const texts = (await pdfPageTexts(pdf!)).map(squash);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(squash('別紙（緊急時の受入れ・対応機能を担う場合のみ）'));
    expect(texts[1]).toContain('<別紙>');
    expect(layout!.pages[1].continued).toBeUndefined();
  });

  it('with long values fills page 1 and breaks the long 具体的内容 row across pages: four pages', async () => {
    const twin = printCases().find((c) => c.name === 'ichikawa-kyoten-henko.long')!;
    const { layout } = await renderDocument(twin.form, twin.data, { today: '2024-07-10', pdf: false });
    expect(layout!.pages).toHaveLength(4);
    expect(used(layout!.pages[0].cells)).toBeGreaterThan(0.9);
    const parts = layout!.pages.map((p) => p.cells.filter((c) => c.path === 'changes.functionDetails.after').length);
    expect(parts.slice(0, 2)).toEqual([1, 1]);
  });
});

describe('a section heading', () => {
  it('moves to the next page with the table it introduces (様式3 long twin: 「5 会議に不参加の事業所との…」)', async () => {
    const twin = printCases().find((c) => c.name === 'takatsuki-renkei-kaigi-kiroku.long')!;
    const { pdf } = await renderDocument(twin.form, twin.data, { today: '2024-07-10' });
    const texts = (await pdfPageTexts(pdf!)).map(squash);
    const headingPage = texts.findIndex((t) => t.includes(squash('5 会議に不参加の事業所との情報共有・連絡調整')));
    expect(headingPage).toBeGreaterThan(0);
    expect(texts[headingPage]).toContain(squash('会議前 実施日'));
    expect(texts[headingPage]).toContain(squash('※ 4で「会議出席」に印のない事業所について'));
  });
});
