/** Rendering behaviour that every form shares: overflow onto a 別紙, drafts, refusal, characters the font cannot draw. */
import { describe, expect, it } from 'vitest';
import { renderDocument } from '../src/render/render.ts';
import { pdfPageTexts, squash, xlsxCells } from './support/read-back.ts';
import { example } from './support/examples.ts';

const FORM = 'ichikawa-kyoten-todokede';
const TODAY = '2024-05-20';

/** 2,000 characters in which every sentence is numbered, so a lost or repeated piece shows. */
function longText(length: number): string {
  let text = '';
  for (let i = 1; text.length < length; i++) text += `第${i}項、緊急時の受入れ体制を整え関係機関と連携する。`;
  return text.slice(0, length);
}

describe('担う機能の具体的内容 of 2,000 characters', () => {
  it('continues on a 別紙 page that names the item, loses no character and warns with G-OVERFLOW', async () => {
    const data = example(FORM);
    data.functionDetails = longText(2000);
    const rendered = await renderDocument(FORM, data, { today: TODAY, xlsx: true });
    expect(rendered.result.valid).toBe(true);
    expect(rendered.result.warnings.filter((w) => w.rule !== 'F-START-PREF')).toEqual([
      {
        rule: 'G-OVERFLOW',
        severity: 'warning',
        path: 'functionDetails',
        message: '「担う機能の具体的内容」は記入欄に収まらないため、続きを別紙（別紙1）に印刷しました。',
      },
    ]);
    const pages = (await pdfPageTexts(rendered.pdf!)).map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // Page 1 holds the start of the text up to the marker; the continuation pages hold the rest, after their heading.
    const marker = '（別紙1に続く）';
    const first = pages[0];
    const start = first.indexOf(squash(data.functionDetails.slice(0, 20)));
    expect(start).toBeGreaterThan(-1);
    const part1 = first.slice(start, first.indexOf(marker));
    const continuation = pages.slice(2).join('');
    const heading = /別紙1「担う機能の具体的内容」の続き(（\d+ページ目）)?/g;
    expect(continuation).toMatch(heading);
    const part2 = continuation.replace(heading, '');
    expect(part1 + part2).toBe(squash(data.functionDetails));
  });

  it('shrinks a slightly long value to fit its box rather than continuing it', async () => {
    const data = example(FORM);
    data.functionDetails = longText(330);
    const rendered = await renderDocument(FORM, data, { today: TODAY });
    expect(rendered.result.warnings.filter((w) => w.rule !== 'F-START-PREF')).toEqual([]);
    const cell = rendered.layout!.pages[0].cells.find((c) => c.path === 'functionDetails')!;
    expect(cell.size).toBeLessThan(10.5);
    expect(cell.size).toBeGreaterThanOrEqual(7);
    expect(squash(cell.lines.join(''))).toBe(squash(data.functionDetails));
  });
});

describe('a document with errors', () => {
  it('is refused: no PDF and no XLSX, with the findings', async () => {
    const data = example(FORM);
    data.office.number = '12345';
    const rendered = await renderDocument(FORM, data, { today: TODAY, xlsx: true });
    expect(rendered.pdf).toBeUndefined();
    expect(rendered.xlsx).toBeUndefined();
    expect(rendered.result.errors.map((e) => e.rule)).toEqual(['G-OFFICE-NUMBER']);
  });

  it('renders as a draft with 「下書き」 across every page when asked', async () => {
    const data = example(FORM);
    data.office.number = '12345';
    const rendered = await renderDocument(FORM, data, { today: TODAY, draft: true, xlsx: true });
    const pages = await pdfPageTexts(rendered.pdf!);
    expect(pages.length).toBe(2);
    for (const page of pages) expect(page).toContain('下書き');
    const { workbook } = await xlsxCells(rendered.xlsx!);
    workbook.eachSheet((sheet) => expect(sheet.headerFooter.oddHeader).toContain('下書き'));
  });

  it('never carries 「下書き」 when it is a final document', async () => {
    const rendered = await renderDocument(FORM, example(FORM), { today: TODAY });
    for (const page of await pdfPageTexts(rendered.pdf!)) expect(page).not.toContain('下書き');
  });
});

describe('characters the print font cannot draw', () => {
  it('are an error before rendering that names the field and the character, never a blank box', async () => {
    const data = example(FORM);
    data.applicant.representative = '理事長　𠮷野 太郎';
    const rendered = await renderDocument(FORM, data, { today: TODAY });
    expect(rendered.pdf).toBeUndefined();
    expect(rendered.result.errors).toEqual([
      {
        rule: 'G-GLYPH',
        severity: 'error',
        path: 'applicant.representative',
        message: '「申請者 代表者」の「𠮷」は印刷用の書体にない文字のため印刷できません。別の文字（常用の漢字やかな）に置き換えてください。',
      },
    ]);
  });

  it('do not include 髙 or 﨑, which the font has', async () => {
    const data = example(FORM);
    data.applicant.representative = '理事長　髙橋 﨑子';
    const rendered = await renderDocument(FORM, data, { today: TODAY });
    expect(rendered.result.errors).toEqual([]);
    expect(squash((await pdfPageTexts(rendered.pdf!))[0])).toContain('髙橋﨑子');
  });
});

describe('user text that looks like a formula', () => {
  it.each(['=HYPERLINK("http://x")', '+81-47-000', '-1', '@SUM(A1)'])('%s stays text in the XLSX', async (value) => {
    const data = example(FORM);
    data.office.name = value;
    const rendered = await renderDocument(FORM, data, { today: TODAY, xlsx: true });
    const { cells } = await xlsxCells(rendered.xlsx!);
    const cell = cells.find((c) => c.text === value)!;
    expect(cell).toBeDefined();
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(value);
  });
});

describe('user text that looks like a pdfme placeholder', () => {
  // pdfme's text plugin evaluates `{…}` in read-only text: {date} printed today's date, {1+1} printed 2.
  it.each(['みどりの杜{date}', '{currentPage}/{totalPages}', '第{1+1}事業所', '{office.name}'])('%s is printed as typed in the PDF', async (value) => {
    const data = example(FORM);
    data.office.name = value;
    const rendered = await renderDocument(FORM, data, { today: TODAY });
    expect(rendered.result.errors).toEqual([]);
    const page = squash((await pdfPageTexts(rendered.pdf!))[0]);
    expect(page).toContain(squash(`事業所名${value}`));
  });
});

describe('more rows than the 様式 has lines for', () => {
  it('continue on a 別紙 page that repeats the column titles, and the total is printed once', async () => {
    const data = example('ichikawa-kino-kyoka');
    const services = ['planConsultation', 'independentLiving', 'transition', 'settlement'];
    data.allocations = Array.from({ length: 8 }, (_, i) => ({ office: `相談支援事業所 第${i + 1}号`, service: services[i % 4], count: 20 }));
    const rendered = await renderDocument('ichikawa-kino-kyoka', data, { today: '2024-07-10', xlsx: true });
    expect(rendered.result.errors).toEqual([]);
    expect(rendered.result.warnings.map((w) => w.rule)).toContain('G-OVERFLOW');
    const pages = (await pdfPageTexts(rendered.pdf!)).map(squash);
    expect(pages.length).toBe(2);
    for (let i = 1; i <= 5; i++) expect(pages[0]).toContain(`相談支援事業所第${i}号`);
    expect(pages[0]).toContain('（6行目以降は別紙1に記載）');
    for (let i = 6; i <= 8; i++) expect(pages[1]).toContain(`相談支援事業所第${i}号`);
    expect(pages[1]).toContain('別紙1「地域生活支援拠点等機能強化加算の算定件数上限の配分（目安）」の続き');
    expect(pages[1]).toContain('法人・事業所名');
    expect(pages.join('').match(/160回/g)).toHaveLength(1);
  });
});
