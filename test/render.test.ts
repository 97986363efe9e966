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
  it('grows its box and flows onto the next page under 「（続き）」, losing no character and warning of nothing', async () => {
    const data = example(FORM);
    data.functionDetails = longText(2000);
    const rendered = await renderDocument(FORM, data, { today: TODAY, xlsx: true });
    expect(rendered.result.valid).toBe(true);
    expect(rendered.result.warnings.filter((w) => w.rule !== 'F-START-PREF')).toEqual([]);
    const pages = (await pdfPageTexts(rendered.pdf!)).map(squash);
    expect(pages[0]).toContain(squash(`所在地${data.applicant.address}名称${data.applicant.name}`));
    // The parts, page by page, put together are the text; each later part is labelled 「（続き）」.
    const parts = rendered.layout!.pages.flatMap((p) => p.cells).filter((c) => c.path === 'functionDetails');
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((c) => c.text).join('')).toBe(data.functionDetails);
    expect(parts.map((c) => c.lines.join('')).join('')).toBe(data.functionDetails);
    expect(pages[1]).toContain('担う機能の具体的内容（続き）');
    const all = pages.join('').replace(/担う機能の具体的内容（続き）\(上記の機能を担うとして具体的にどんなことを行うか、記載\)/g, '');
    expect(all.length).toBeLessThan(pages.join('').length);
    expect(all).toContain(squash(data.functionDetails));
    for (const cell of parts) expect(cell.size).toBe(10.5);
  });

  it('grows the box for a slightly long value rather than shrinking it', async () => {
    const data = example(FORM);
    data.functionDetails = longText(330);
    const rendered = await renderDocument(FORM, data, { today: TODAY });
    expect(rendered.result.warnings.filter((w) => w.rule !== 'F-START-PREF')).toEqual([]);
    const cell = rendered.layout!.pages[0].cells.find((c) => c.path === 'functionDetails')!;
    expect(cell.size).toBe(10.5);
    expect(cell.lines.join('')).toBe(data.functionDetails);
    expect(cell.text).toBe(data.functionDetails);
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
  it('in a table the 様式 fixes (別紙可): continue on the 続紙, headed by the title, the office and 続紙 1／1, with the column titles; the total is printed once', async () => {
    const data = example('ichikawa-kino-kyoka');
    const services = ['planConsultation', 'independentLiving', 'transition', 'settlement'];
    data.allocations = Array.from({ length: 8 }, (_, i) => ({ office: `相談支援事業所 第${i + 1}号`, service: services[i % 4], count: 20 }));
    const rendered = await renderDocument('ichikawa-kino-kyoka', data, { today: '2024-07-10', xlsx: true });
    expect(rendered.result.errors).toEqual([]);
    expect(rendered.result.warnings.filter((w) => w.rule === 'G-OVERFLOW')).toEqual([
      {
        rule: 'G-OVERFLOW',
        severity: 'warning',
        path: 'allocations',
        message: '「地域生活支援拠点等機能強化加算の算定件数上限の配分（目安）」は記入欄に収まらないため、続きを続紙に印刷しました。',
      },
    ]);
    const pages = (await pdfPageTexts(rendered.pdf!)).map(squash);
    expect(pages.length).toBe(2);
    for (let i = 1; i <= 5; i++) expect(pages[0]).toContain(`相談支援事業所第${i}号`);
    expect(pages[0]).toContain('（6行目以降は続紙に記載）');
    for (let i = 6; i <= 8; i++) expect(pages[1]).toContain(`相談支援事業所第${i}号`);
    expect(pages[1]).toContain(squash(`続紙（市川市地域生活支援拠点等機能強化加算に関する届出書）事業所名 ${data.officeName}続紙 1／1`));
    expect(pages[1]).toContain('「地域生活支援拠点等機能強化加算の算定件数上限の配分（目安）」の続き');
    expect(pages[1]).toContain('法人・事業所名');
    expect(pages[1]).not.toContain('別紙');
    expect(pages.join('').match(/160回/g)).toHaveLength(1);
  });

  it('in a table that grows: add rows and break across pages with the header row repeated and 「（続き）」 by its title', async () => {
    const data = example('ichikawa-taisei-kyoka-kiroku');
    const first = (data.meeting.attendees as Record<string, string>[])[0];
    data.meeting.attendees = Array.from({ length: 20 }, (_, i) => ({ ...first, name: `出席者 ${i + 1}番`, organization: `${first.organization}（${"第二".repeat(i % 3)}事務所）` }));
    const rendered = await renderDocument('ichikawa-taisei-kyoka-kiroku', data, { today: '2024-07-10' });
    expect(rendered.result.errors).toEqual([]);
    expect(rendered.result.warnings.filter((w) => w.rule === 'G-OVERFLOW')).toEqual([]);
    const pages = (await pdfPageTexts(rendered.pdf!)).map(squash);
    const all = pages.join('');
    for (let i = 1; i <= 20; i++) expect(all).toContain(`出席者${i}番`);
    const continued = pages.findIndex((p) => p.includes(squash('出席者 (所属・サービス名・職種・氏名)（続き）')));
    expect(continued).toBeGreaterThan(0);
    // The header row comes first on the new page, then the rows carry on where the last page stopped.
    const page = pages[continued];
    const firstRow = Number(page.match(/出席者(\d+)番/)![1]);
    expect(firstRow).toBeGreaterThan(1);
    expect(pages[continued - 1]).toContain(`出席者${firstRow - 1}番`);
    expect(page.indexOf('所属サービス名職種氏名')).toBeGreaterThan(-1);
    expect(page.indexOf('所属サービス名職種氏名')).toBeLessThan(page.indexOf(`出席者${firstRow}番`));
  });
});
