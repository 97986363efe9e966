import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE, type Cell, type CheckMark, type LaidOutDocument } from '../../src/render/layout/model.ts';
import { renderXlsx } from '../../src/render/xlsx/render-xlsx.ts';

/** A layout cell with the defaults of a bordered table cell; tests override what they are about. */
/** Positions below are written for a 14 mm top margin; they move with the page's real margin. */
function cell(x: number, y: number, w: number, h: number, fields: Partial<Cell> = {}): Cell {
  return { x, y: y - 14 + PAGE.top, w, h, border: true, lines: [], size: 10, align: 'left', valign: 'middle', role: 'value', ...fields };
}

function check(label: string, checked: boolean): CheckMark {
  return { label, checked, x: 0, y: 0, size: 3 };
}

/**
 * Columns: A 18–58, B 58–100, C 100–130, D 130–192 (mm). Rows: 1 title 14–24, 2 gap 24–30, 3 postal code 30–40,
 * 4 code 40–48, 5–8 formula-looking values, 9 checks, 10 lines and checks.
 */
const formulaLookingValues = ['=1+1', '+81', '-3', '@SUM(A1)'];
const formPage = {
  cells: [
    cell(18, 14, 174, 10, { border: false, lines: ['居宅介護支援事業所 指定申請書'], size: 14, align: 'center', role: 'title' }),
    cell(18, 30, 40, 10, { lines: ['郵便番号'], role: 'label' }),
    cell(58, 30, 42, 10, { lines: ['〒012-3456'] }),
    cell(100, 30, 30, 10, { lines: ['電話番号'], role: 'label' }),
    cell(130, 30, 62, 10, { lines: ['03-1234-5678'] }),
    cell(18, 40, 40, 8, { lines: ['事業所番号'], role: 'label' }),
    cell(58, 40, 134, 8, { lines: ['0012345678'] }),
    ...formulaLookingValues.flatMap((value, i) => [
      cell(18, 48 + i * 8, 40, 8, { lines: [`項目${i + 1}`], role: 'label' }),
      cell(58, 48 + i * 8, 134, 8, { lines: [value] }),
    ]),
    cell(18, 80, 174, 10, {
      checks: [check('相談機能', true), check('緊急時の受け入れ・対応機能', false), check('体験の機会・場', true)],
    }),
    cell(18, 90, 174, 16, {
      lines: ['地域生活支援拠点等の機能', '（該当するものすべて）'],
      checks: [check('専門的人材の確保・養成', false), check('地域の体制づくり', true)],
      valign: 'top',
    }),
  ],
};
const attachmentPage = {
  cells: [cell(18, 14, 174, 250, { lines: ['別紙の続き', '二行目'], valign: 'top', role: 'text' })],
};
const doc: LaidOutDocument = { title: '指定申請書', pages: [formPage, attachmentPage], overflows: [] };

async function readBack(document: LaidOutDocument, options?: Parameters<typeof renderXlsx>[1]): Promise<ExcelJS.Workbook> {
  const buffer = await renderXlsx(document, options);
  const workbook = new ExcelJS.Workbook();
  // exceljs types its own `Buffer` as an ArrayBuffer; a Node Buffer is what it actually reads.
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheetAt(workbook: ExcelJS.Workbook, index: number): ExcelJS.Worksheet {
  return workbook.worksheets[index];
}

describe('renderXlsx', () => {
  let workbook: ExcelJS.Workbook;
  let form: ExcelJS.Worksheet;
  beforeAll(async () => {
    workbook = await readBack(doc);
    form = sheetAt(workbook, 0);
  });

  it.each([
    ['the title across the whole width', 'A1', '居宅介護支援事業所 指定申請書'],
    ['a label', 'A3', '郵便番号'],
    ['a postal code', 'B3', '〒012-3456'],
    ['a phone number', 'D3', '03-1234-5678'],
    ['a code with leading zeros', 'B4', '0012345678'],
    ['every option of a checkbox group as ■/□, one per line', 'A9', '■相談機能\n□緊急時の受け入れ・対応機能\n■体験の機会・場'],
    ['lines first, then the checks on lines of their own', 'A10', '地域生活支援拠点等の機能\n（該当するものすべて）\n□専門的人材の確保・養成\n■地域の体制づくり'],
  ])('writes %s as the exact string at %s', (_what, address, expected) => {
    expect(form.getCell(address).value).toBe(expected);
    expect(form.getCell(address).type).toBe(ExcelJS.ValueType.String);
  });

  it.each(formulaLookingValues.map((value, i) => [value, `B${5 + i}`]))(
    'keeps %j a plain string, never a formula, at %s',
    (value, address) => {
      const target = form.getCell(address);
      expect(target.value).toBe(value);
      expect(target.type).toBe(ExcelJS.ValueType.String);
      expect(target.formula).toBeUndefined();
    },
  );

  it.each([
    ['the title', 'A1:D1'],
    ['a value spanning three grid columns', 'B4:D4'],
    ['the checkbox group', 'A9:D9'],
    ['the two-line cell', 'A10:D10'],
  ])('merges %s into %s', (_what, range) => {
    expect(form.model.merges).toContain(range);
  });

  it('does not merge a box that covers a single grid cell', () => {
    expect(form.model.merges).not.toContain('A3:A3');
    expect(form.model.merges.some((range) => range.startsWith('A3:'))).toBe(false);
  });

  it.each([
    ['the master cell of a merged box', 'B4'],
    ['a covered cell of a merged box, so the outline is drawn', 'D4'],
    ['an unmerged label', 'A3'],
  ])('draws a thin border on all four sides of %s', (_what, address) => {
    const border = form.getCell(address).border;
    for (const side of ['top', 'left', 'bottom', 'right'] as const) expect(border?.[side]?.style).toBe('thin');
  });

  it('draws no border around free text', () => {
    expect(form.getCell('A1').border?.top).toBeUndefined();
  });

  it.each([
    ['a value cell is formatted as text', 'B4', (c: ExcelJS.Cell) => c.numFmt, '@'],
    ['a label is not formatted as text', 'A3', (c: ExcelJS.Cell) => c.numFmt === '@', false],
    ['the title is bold', 'A1', (c: ExcelJS.Cell) => c.font?.bold, true],
    ['the font is BIZ UDPゴシック', 'B4', (c: ExcelJS.Cell) => c.font?.name, 'BIZ UDPゴシック'],
    ['the font size is the cell size', 'A1', (c: ExcelJS.Cell) => c.font?.size, 14],
    ['text wraps', 'B4', (c: ExcelJS.Cell) => c.alignment?.wrapText, true],
    ['the title is centred', 'A1', (c: ExcelJS.Cell) => c.alignment?.horizontal, 'center'],
    ['a top-aligned cell stays at the top', 'A10', (c: ExcelJS.Cell) => c.alignment?.vertical, 'top'],
    ['other cells are vertically centred', 'B4', (c: ExcelJS.Cell) => c.alignment?.vertical, 'middle'],
  ])('styles cells: %s', (_what, address, read, expected) => {
    expect(read(form.getCell(address))).toBe(expected);
  });

  it('turns row heights from millimetres into points', () => {
    expect(form.getRow(3).height).toBeCloseTo(10 * (72 / 25.4), 1);
  });

  it('keeps the whole content width printable on one A4 page', () => {
    const widths = [1, 2, 3, 4].map((i) => form.getColumn(i).width ?? 0);
    // Excel width → pixels (7 px per unit + 5 px padding) → mm at 96 dpi.
    const totalMm = widths.reduce((sum, w) => sum + ((w * 7 + 5) * 25.4) / 96, 0);
    expect(totalMm).toBeCloseTo(174, 0);
  });

  it.each([
    ['paper size A4', (s: ExcelJS.Worksheet) => s.pageSetup.paperSize, 9],
    ['portrait', (s: ExcelJS.Worksheet) => s.pageSetup.orientation, 'portrait'],
    ['fit to one page wide', (s: ExcelJS.Worksheet) => s.pageSetup.fitToWidth, 1],
    ['fit to page', (s: ExcelJS.Worksheet) => s.pageSetup.fitToPage, true],
    ['horizontally centred', (s: ExcelJS.Worksheet) => s.pageSetup.horizontalCentered, true],
    ['left margin from the layout, in inches', (s: ExcelJS.Worksheet) => s.pageSetup.margins?.left, 18 / 25.4],
    ['print area over the used grid', (s: ExcelJS.Worksheet) => s.pageSetup.printArea, 'A1:D10'],
    ['no gridlines', (s: ExcelJS.Worksheet) => s.views[0]?.showGridLines, false],
  ])('sets up the page: %s', (_what, read, expected) => {
    const value = read(form);
    if (typeof expected === 'number') expect(value).toBeCloseTo(expected, 5);
    else expect(value).toBe(expected);
  });

  it('writes one sheet per page, named by what it prints: 様式, then 様式（2枚目） for a page that is no 別紙', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['様式', '様式（2枚目）']);
    expect(sheetAt(workbook, 1).getCell('A1').value).toBe('別紙の続き\n二行目');
  });

  it('splits a box taller than Excel allows for one row into several merged rows', () => {
    const attachment = sheetAt(workbook, 1);
    expect(attachment.model.merges).toEqual(['A1:A2']);
    expect(attachment.getRow(1).height! + attachment.getRow(2).height!).toBeCloseTo(250 * (72 / 25.4), 1);
  });

  it('records the creator and title, without a draft mark unless asked', () => {
    expect(workbook.creator).toBe('yoshiki');
    expect(workbook.title).toBe('指定申請書');
    expect(form.headerFooter?.oddHeader ?? '').not.toContain('下書き');
  });

  it.each([
    ['given names, cleaned of characters Excel forbids', ['申請書[案]', 'a/b:c'], ['申請書_案_', 'a_b_c']],
    ['names cut to 31 characters', ['あ'.repeat(40)], ['あ'.repeat(31), '様式（2枚目）']],
    ['duplicate names made unique', ['様式', '様式'], ['様式', '様式(2)']],
  ])('names sheets from sheetNames: %s', async (_what, sheetNames, expected) => {
    const named = await readBack(doc, { sheetNames });
    expect(named.worksheets.map((s) => s.name)).toEqual(expected);
  });

  it('marks a draft on the sheet itself (a row of its own on top), in the header, footer and workbook title', async () => {
    const draft = await readBack(doc, { draft: true });
    for (const sheet of draft.worksheets) {
      expect(sheet.getCell('A1').value).toBe('下書き（この書類は提出できません）');
      expect(sheet.headerFooter.oddHeader).toContain('下書き');
      expect(sheet.headerFooter.oddFooter).toContain('下書き');
    }
    expect(sheetAt(draft, 0).model.merges).toContain('A1:D1');
    expect(draft.title).toContain('下書き');
    // The form follows one row lower, and prints whole.
    expect(sheetAt(draft, 0).getCell('A2').value).toBe('居宅介護支援事業所 指定申請書');
    expect(sheetAt(draft, 0).getCell('B4').value).toBe('〒012-3456');
    expect(sheetAt(draft, 0).pageSetup.printArea).toBe('A1:D11');
  });

  it('keeps the first of two overlapping boxes and writes the second only where its top-left cell is free', async () => {
    const overlapping: LaidOutDocument = {
      title: '重なり',
      overflows: [],
      pages: [
        {
          cells: [
            cell(58, 14, 134, 20, { lines: ['first'] }), // B1:C2
            cell(18, 14, 82, 10, { lines: ['second'] }), // A1:B1, overlaps B1; A1 is free
            cell(58, 24, 42, 10, { lines: ['third'] }), // B2, inside the first box
            cell(100, 34, 92, 10, { lines: ['fourth'] }), // C3
          ],
        },
      ],
    };
    const sheet = sheetAt(await readBack(overlapping), 0);
    expect(sheet.model.merges).toEqual(['B1:C2']);
    expect(['A1', 'B1', 'C3'].map((a) => sheet.getCell(a).value)).toEqual(['second', 'first', 'fourth']);
    expect(sheet.getCell('B2').isMerged && sheet.getCell('B2').master.address).toBe('B1');
  });

  it('writes the inputOnly pages after the printed ones, as 入力専用項目, their value boxes named like the printed ones', async () => {
    const inputOnly = [
      { cells: [cell(18, 14, 40, 8, { lines: ['届出日'], role: 'label' }), cell(58, 14, 134, 8, { lines: ['令和6年6月10日'], path: 'filedOn' })] },
      { cells: [cell(18, 14, 174, 8, { lines: ['続き'], path: 'note' })] },
    ];
    const withInputOnly = await readBack({ ...doc, pages: [{ cells: [cell(18, 14, 174, 8, { lines: ['0012345678'], path: 'office.number' })] }] }, { inputOnly });
    expect(withInputOnly.worksheets.map((s) => s.name)).toEqual(['様式', '入力専用項目', '入力専用項目(2)']);
    expect(['A1', 'B1'].map((a) => withInputOnly.getWorksheet('入力専用項目')!.getCell(a).value)).toEqual(['届出日', '令和6年6月10日']);
    expect((withInputOnly.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges[0]])).toEqual([
      ['yoshiki.office.number', "'様式'!$A$1"],
      ['yoshiki.filedOn', "'入力専用項目'!$B$1"],
      ['yoshiki.note', "'入力専用項目(2)'!$A$1"],
    ]);
  });

  it('writes an empty page as an empty sheet', async () => {
    const empty = await readBack({ title: '空', pages: [{ cells: [] }], overflows: [] });
    expect(empty.worksheets.map((s) => s.name)).toEqual(['様式']);
    expect(sheetAt(empty, 0).actualRowCount).toBe(0);
    expect(sheetAt(empty, 0).pageSetup.printArea).toBeUndefined();
  });
});
