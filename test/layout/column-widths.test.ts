/**
 * Column widths come from the content: the label column from the longest label on the page (one width for every table
 * stacked there), a column of dates, numbers or checkboxes from its typical value, free text from what is left.
 */
import { describe, expect, it } from 'vitest';
import { readExample } from '../../src/forms/folders.ts';
import { printFont } from '../../src/render/font.ts';
import { PAGE, type Cell } from '../../src/render/layout/model.ts';
import { renderDocument } from '../../src/render/render.ts';
import { printCases } from '../support/print-cases.ts';

const font = printFont();
const TODAY = '2024-07-10';
const layoutOf = async (id: string, data = readExample(id)!) => (await renderDocument(id, data, { today: TODAY, pdf: false })).layout!;
/** Bordered label cells at the left edge of the page, header rows (centred) left out. */
const leftLabels = (cells: Cell[]) => cells.filter((c) => c.border && c.role === 'label' && Math.abs(c.x - PAGE.left) < 0.01 && c.align !== 'center');

describe('the label column', () => {
  it.each([
    ['ichikawa-kyoten-henko', 0],
    ['takatsuki-renkei-kaigi-kiroku', 0],
    ['takatsuki-renkei-kaigi-kiroku', 2],
    ['ichikawa-kyoten-todokede', 0],
  ])('is one width for every table stacked on page %s #%i, wide enough for its longest label or at most 62 mm', async (id, page) => {
    const layout = await layoutOf(id);
    const labels = leftLabels(layout.pages[page].cells);
    expect(labels.length).toBeGreaterThan(3);
    const widths = new Set(labels.map((c) => c.w.toFixed(2)));
    expect([...widths]).toHaveLength(1);
    const w = labels[0].w;
    // The label itself, without the note printed under it (which wraps).
    const longest = Math.max(...labels.map((c) => font.widthMm((c.text ?? c.lines.join('')).split('\n')[0].replace(/（続き）$/, ''), c.size)));
    expect(w >= Math.min(62, longest + 3) - 0.01 && w <= 62.01).toBe(true);
  });

  it('of the 変更届 group table lines up with the tables above and below it (no 60 mm vs 52 mm)', async () => {
    const layout = await layoutOf('ichikawa-kyoten-henko');
    const cells = layout.pages[0].cells;
    const valueStarts = new Set(cells.filter((c) => c.role === 'value' && c.border).map((c) => c.x.toFixed(2)));
    // Values start right of the one label column; the group table's 変更後 column starts further right.
    expect(valueStarts.size).toBe(2);
  });
});

describe('table columns', () => {
  it('give the 機能強化加算 法人・事業所名 the room free text needs, and the 算定回数 what 「0000 回」 needs', async () => {
    const layout = await layoutOf('ichikawa-kino-kyoka');
    const cells = layout.pages[0].cells;
    const office = cells.find((c) => c.path === 'allocations.0.office')!;
    const service = cells.find((c) => c.path === 'allocations.0.service')!;
    const count = cells.find((c) => c.path === 'allocations.0.count')!;
    expect(office.w).toBeGreaterThan(55);
    expect(service.w).toBeGreaterThan(40);
    expect(count.w).toBeLessThan(25);
    expect(count.w).toBeGreaterThanOrEqual(font.widthMm('0000 回', count.size) + 3);
    // One size per column, and not shrunk: its labels wrap between words instead.
    expect(new Set(cells.filter((c) => c.path?.endsWith('.service')).map((c) => c.size))).toEqual(new Set([9.5]));
  });

  it('give a date column the width of 「令和10年12月31日」', async () => {
    const layout = await layoutOf('takatsuki-renkei-kaigi-kiroku');
    const date = layout.pages[1].cells.find((c) => c.path === 'offices.0.lastUsedOn')!;
    expect(date.w).toBeGreaterThanOrEqual(font.widthMm('令和10年12月31日', date.size) + 3);
    expect(date.lines).toHaveLength(1);
  });
});

describe('the 申請者 block', () => {
  it('prints a 33-character address with its building name on two lines, 「15番2号」 whole', async () => {
    const twin = printCases().find((c) => c.name === 'ichikawa-kyoten-todokede.long')!;
    const layout = await layoutOf(twin.form, twin.data);
    const address = layout.pages[0].cells.find((c) => c.path === 'applicant.address')!;
    expect(address.w).toBeGreaterThan(80);
    expect(address.lines).toHaveLength(2);
    const data = { ...readExample('ichikawa-kyoten-todokede')!, applicant: { ...(readExample('ichikawa-kyoten-todokede')!.applicant as object), address: '千葉県市川市八幡三丁目15番2号 本八幡駅前ビル5階' } };
    const lines = (await layoutOf('ichikawa-kyoten-todokede', data)).pages[0].cells.find((c) => c.path === 'applicant.address')!.lines;
    expect(lines.join('｜')).toContain('15番2号');
  });
});

describe('list table columns sized by what is written (記録書 出席者)', () => {
  const attendeeCells = (cells: Cell[], key: string) => cells.filter((c) => new RegExp(`^meeting\\.attendees\\.\\d+\\.${key}$`).test(c.path ?? ''));

  it('the example: every 氏名, サービス名 and 職種 on one line, 所属 the widest column', async () => {
    const cells = (await layoutOf('ichikawa-taisei-kyoka-kiroku')).pages[0].cells;
    for (const key of ['name', 'service', 'role']) for (const c of attendeeCells(cells, key)) expect(c.lines, `${key}: ${c.text}`).toHaveLength(1);
    const width = (key: string) => attendeeCells(cells, key)[0].w;
    expect(width('organization')).toBeGreaterThan(Math.max(width('name'), width('service'), width('role')));
  });

  it('the long-value twin: 所属 takes more than an even quarter of the table, サービス名 stays whole', async () => {
    const twin = printCases().find((c) => c.name === 'ichikawa-taisei-kyoka-kiroku.long')!;
    const layout = await layoutOf(twin.form, twin.data);
    const cells = layout.pages.flatMap((p) => p.cells);
    const width = (key: string) => attendeeCells(cells, key)[0].w;
    const total = ['organization', 'service', 'role', 'name'].reduce((sum, key) => sum + width(key), 0);
    expect(width('organization')).toBeGreaterThan(total / 4 + 5);
    expect(width('organization')).toBeGreaterThan(width('service'));
    // The same widths on every page the table runs over.
    expect(new Set(attendeeCells(cells, 'organization').map((c) => c.w.toFixed(2))).size).toBe(1);
    for (const c of attendeeCells(cells, 'service')) expect(c.lines, c.text).toHaveLength(1);
  });
});
