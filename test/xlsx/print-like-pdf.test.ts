/**
 * The workbook prints like the PDF: sheet names say what the page prints, each sheet is one A4 page, rows grow for the
 * lines Excel needs, options and list items go one per line, text keeps off the border, the 入力専用項目 sheet is kept
 * but not printed. (LibreOffice printing every workbook: libreoffice.test.ts.)
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getDefinition } from '../../src/forms/registry.ts';
import { CELL_PADDING, LINE_HEIGHT, PAGE, type Cell, type LaidOutDocument } from '../../src/render/layout/model.ts';
import { renderDocument } from '../../src/render/render.ts';
import { INPUT_ONLY_SHEET_NAME, pageSheetName, renderXlsx } from '../../src/render/xlsx/render-xlsx.ts';
import { formFolder } from '../../src/forms/folders.ts';

const TODAY = '2024-07-10';
const exampleOf = (id: string) => JSON.parse(fs.readFileSync(formFolder(id)!.example, 'utf8'));

function cell(y: number, fields: Partial<Cell>): Cell {
  return { x: PAGE.left, y: PAGE.top + y, w: 174, h: 8, border: true, lines: [], size: 10, align: 'left', valign: 'middle', role: 'value', ...fields };
}

async function workbookOf(xlsx: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(xlsx) as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('sheet names are what the page prints', () => {
  it.each([
    ['the first page of a 様式 without a number', [cell(0, { lines: ['市川市地域生活支援拠点等届出書'], role: 'title' })], 0, '様式', '様式'],
    ['the first page of (様式3)', [cell(0, { lines: ['(様式3) 事業所間連携会議にかかる記録(報告書)'], role: 'title' })], 0, '様式3', '様式3'],
    ['the 様式’s own ＜別紙＞ page', [cell(0, { lines: ['<別紙>'], role: 'text' }), cell(8, { lines: ['緊急時に受入れ可能な障がいの種類'] })], 1, '様式', '別紙'],
    ['a continuation sheet headed 別紙1', [cell(0, { lines: ['別紙1「担う機能の具体的内容」の続き'], role: 'text' })], 2, '様式', '別紙1'],
    ['a continuation sheet headed 続紙', [cell(0, { lines: ['続紙　市川市地域生活支援拠点等届出書'], role: 'text' })], 1, '様式', '続紙'],
    ['a second page of the 様式 itself', [cell(0, { lines: ['【会議の具体的な内容】'], role: 'text' })], 1, '様式', '様式（2枚目）'],
  ])('%s is named by it', (_what, cells, index, formName, expected) => {
    expect(pageSheetName({ cells }, index, formName)).toBe(expected);
  });

  it('names the kiroku’s second page 様式（2枚目）, not 別紙1 (ichikawa-taisei-kyoka-kiroku)', async () => {
    const id = 'ichikawa-taisei-kyoka-kiroku';
    const { xlsx } = await renderDocument(id, exampleOf(id), { today: TODAY, xlsx: true, pdf: false });
    expect((await workbookOf(xlsx!)).worksheets.map((s) => s.name)).toEqual(['様式', '様式（2枚目）']);
  });

  it('names the todokede’s ＜別紙＞ page 別紙 and the (様式3) pages 様式3 (ichikawa-kyoten-todokede, takatsuki-renkei-kaigi-kiroku)', async () => {
    const todokede = await renderDocument('ichikawa-kyoten-todokede', exampleOf('ichikawa-kyoten-todokede'), { today: TODAY, xlsx: true, pdf: false });
    expect((await workbookOf(todokede.xlsx!)).worksheets.map((s) => s.name)).toEqual(['様式', '別紙', INPUT_ONLY_SHEET_NAME]);
    const kaigi = await renderDocument('takatsuki-renkei-kaigi-kiroku', exampleOf('takatsuki-renkei-kaigi-kiroku'), { today: TODAY, xlsx: true, pdf: false });
    expect((await workbookOf(kaigi.xlsx!)).worksheets.map((s) => s.name)).toEqual(['様式3', '様式3（2枚目）', '様式3（3枚目）', INPUT_ONLY_SHEET_NAME]);
  });
});

describe('printing the workbook', () => {
  it('keeps the 入力専用項目 sheet, hidden, so printing the whole workbook prints the 様式 alone', async () => {
    const { xlsx } = await renderDocument('ichikawa-kyoten-todokede', exampleOf('ichikawa-kyoten-todokede'), { today: TODAY, xlsx: true, pdf: false });
    const workbook = await workbookOf(xlsx!);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['様式', 'visible'],
      ['別紙', 'visible'],
      [INPUT_ONLY_SHEET_NAME, 'hidden'],
    ]);
  });

  it('fits every sheet on one A4 page, as the PDF prints one page per sheet', async () => {
    const { xlsx } = await renderDocument('takatsuki-renkei-kaigi-kiroku', exampleOf('takatsuki-renkei-kaigi-kiroku'), { today: TODAY, xlsx: true, pdf: false });
    for (const sheet of (await workbookOf(xlsx!)).worksheets) expect([sheet.pageSetup.fitToWidth, sheet.pageSetup.fitToHeight, sheet.pageSetup.paperSize]).toEqual([1, 1, 9]);
  });
});

describe('cells print like the PDF', () => {
  const doc = (cells: Cell[]): LaidOutDocument => ({ title: 't', overflows: [], pages: [{ cells }] });

  it('puts each item of a list on its own line (市町村…との連携…に従事する者の氏名)', async () => {
    const id = 'ichikawa-kyoten-todokede';
    const data = { ...exampleOf(id), liaisons: ['国府台 一郎', '行徳 さくら', '真間 花子'] };
    const { xlsx } = await renderDocument(id, data, { today: TODAY, xlsx: true, pdf: false });
    const workbook = await workbookOf(xlsx!);
    const named = (workbook.definedNames.model as { name: string; ranges: string[] }[]).find((n) => n.name === 'yoshiki.liaisons')!;
    const [sheetName, address] = named.ranges[0].replace(/[$']/g, '').split('!');
    expect(workbook.getWorksheet(sheetName)!.getCell(address).value).toBe('国府台 一郎\n行徳 さくら\n真間 花子');
    expect(getDefinition(id).fields.find((f) => f.key === 'liaisons')!.type).toBe('list');
  });

  it('keeps a sentence with 、 as typed: only a list is put one item per line', async () => {
    const sentence = '障がいのある方の介護者の急病等により、短期入所の空床を活用して受け入れる。';
    const workbook = await workbookOf(await renderXlsx(doc([cell(0, { lines: [sentence.slice(0, 20), sentence.slice(20)], text: sentence, path: 'details' })]), { listItems: new Map([['other', ['a', 'b']]]) }));
    expect(workbook.worksheets[0].getCell('A1').value).toBe(sentence);
  });

  it('grows a row to the lines the sheet needs: four options one per line do not fit a two-line box', async () => {
    const checks = ['相談機能', '緊急時の受け入れ・対応機能', '体験の機会・場の提供機能', '専門的人材の確保・養成機能'].map((label) => ({ label, checked: false, x: 0, y: 0, size: 3 }));
    const sheet = (await workbookOf(await renderXlsx(doc([cell(0, { h: 10, checks })])))).worksheets[0];
    // Four lines of 10 pt at the PDF's line height, with the padding above and below.
    expect(sheet.getRow(1).height).toBeCloseTo(4 * 10 * LINE_HEIGHT + 2 * CELL_PADDING * (72 / 25.4), 1);
  });

  it('leaves a row as tall as the PDF box when the text fits', async () => {
    const sheet = (await workbookOf(await renderXlsx(doc([cell(0, { h: 10, lines: ['047-332-0000'], text: '047-332-0000' })])))).worksheets[0];
    expect(sheet.getRow(1).height).toBeCloseTo(10 * (72 / 25.4), 1);
  });

  it.each([
    ['a table cell is indented one step, off its border', { border: true, align: 'left' as const }, 1],
    ['a right-aligned number too', { border: true, align: 'right' as const }, 1],
    ['a centred heading is not', { border: true, align: 'center' as const }, undefined],
    ['free text without a border is not', { border: false, align: 'left' as const }, undefined],
  ])('%s', async (_what, fields, indent) => {
    const sheet = (await workbookOf(await renderXlsx(doc([cell(0, { lines: ['x'], ...fields })])))).worksheets[0];
    expect(sheet.getCell('A1').alignment?.indent).toBe(indent);
  });
});
