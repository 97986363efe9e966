/**
 * Values a 様式 does not print (printed: false) survive the files a person fills in: the fillable PDF has them as fields on
 * a last page 「入力専用項目（様式には印刷されません）」, the XLSX on a sheet 「入力専用項目」 with defined names
 * `yoshiki.<path>`, and both read back exactly. The printed pages, sheets and PDF do not change.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { PDFCheckBox, PDFDocument, PDFHexString, PDFName, PDFTextField, type PDFField } from '@pdfme/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillFillablePdf } from '../../src/fillable/fill-pdf.ts';
import { INPUT_ONLY_LEAD, INPUT_ONLY_TITLE, inputOnlyPages, unprintedPaths } from '../../src/render/layout/input-only-page.ts';
import { renderFillablePdf } from '../../src/fillable/fillable-pdf.ts';
import type { FormDefinition } from '../../src/forms/definition.ts';
import { getDefinition, loadDefinitions } from '../../src/forms/registry.ts';
import { importDocument } from '../../src/import/import-document.ts';
import { printFont } from '../../src/render/font.ts';
import { layoutDocument } from '../../src/render/layout/layout.ts';
import { renderDocument } from '../../src/render/render.ts';
import { listItemsOf, renderXlsx } from '../../src/render/xlsx/render-xlsx.ts';
import { validateDocument } from '../../src/validate.ts';
import { asFormHoldsIt } from '../support/form-data.ts';
import { pdfPageTexts, squash, xlsxCells } from '../support/read-back.ts';
import { formFolder } from '../../src/forms/folders.ts';

const font = printFont();
const SHEET = '入力専用項目';

/** What each 様式 does not print, as its definition says (a new `printed: false` field shows up here first). */
const UNPRINTED: Record<string, string[]> = {
  'ichikawa-kino-kyoka': ['filedOn'],
  'ichikawa-kyoten-todokede': ['targetAdditions'],
  'ichikawa-kyoten-haishi-tsuchi': ['noSeal', 'filedOn'],
  'ichikawa-kyoten-toroku-tsuchi': ['noSeal'],
  'ichikawa-kyoten-henko-toroku-tsuchi': ['noSeal'],
  'takatsuki-renkei-kaigi-kiroku': ['meeting.isFirst'],
};

const exampleOf = (id: string): Record<string, unknown> => JSON.parse(fs.readFileSync(formFolder(id)!.example, 'utf8'));
const TODAY = '2024-07-01';
const fillable = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const id of ['ichikawa-kino-kyoka', 'ichikawa-kyoten-todokede', 'ichikawa-kyoten-haishi-tsuchi', 'ichikawa-kyoten-toroku-tsuchi', 'takatsuki-renkei-kaijo'])
    fillable.set(id, await renderFillablePdf(getDefinition(id)));
}, 120_000);

describe('the values a 様式 does not print', () => {
  it.each([...loadDefinitions().values()].map((d) => [d.id, UNPRINTED[d.id] ?? []] as const))('of %s are %j', (id, paths) => {
    expect(unprintedPaths(getDefinition(id))).toEqual(paths);
  });

  const definitionWith = (field: FormDefinition['fields'][number]): FormDefinition => ({ ...getDefinition('ichikawa-kino-kyoka'), id: 'test-form', fields: [field] });

  it('are the fields of a group the 様式 does not print, each with a row of its own', () => {
    const definition = definitionWith({
      key: 'contact', label: '連絡先', type: 'group', printed: false,
      fields: [{ key: 'phone', label: '電話番号', type: 'phone' }, { key: 'mail', label: 'メールアドレス', type: 'email' }],
    });
    expect(unprintedPaths(definition)).toEqual(['contact.phone', 'contact.mail']);
  });

  it('cannot be a list of groups (a page of its own has no number of rows): the definition is refused, naming the field', () => {
    const definition = definitionWith({
      key: 'staff', label: '職員', type: 'list', printed: false,
      item: { key: '*', label: '職員', type: 'group', fields: [{ key: 'name', label: '氏名', type: 'text' }] },
    });
    expect(() => unprintedPaths(definition)).toThrow("[yoshiki/fillable] test-form: field 'staff' is not printed");
  });
});

/** The label a viewer shows on hover and a screen reader reads (TU). */
const tooltip = (field: PDFField) => field.acroField.dict.lookup(PDFName.of('TU'), PDFHexString).decodeText();

describe('the 入力専用項目 page of the fillable PDF', () => {
  async function lastPage(id: string) {
    const doc = await PDFDocument.load(fillable.get(id)!);
    const refs = doc.getPages().map((p) => p.ref);
    const pageOf = (field: PDFField) => refs.indexOf(field.acroField.getWidgets()[0].P()!);
    const last = refs.length - 1;
    const fields = doc.getForm().getFields().filter((f) => pageOf(f) === last);
    const texts = await pdfPageTexts(fillable.get(id)!);
    return { doc, fields, text: texts[last], pages: refs.length };
  }

  it('comes after the 様式, whose pages stay as many as it prints', async () => {
    for (const id of ['ichikawa-kino-kyoka', 'ichikawa-kyoten-todokede', 'ichikawa-kyoten-haishi-tsuchi']) {
      // The blank form has every page, the ＜別紙＞ that applies only sometimes included.
      const printed = layoutDocument({ definition: getDefinition(id), data: {}, computed: {}, font, everyPage: true }).pages.length;
      expect((await lastPage(id)).pages, id).toBe(printed + 1);
    }
  });

  it('is not added to a 様式 that prints every field', async () => {
    const printed = layoutDocument({ definition: getDefinition('takatsuki-renkei-kaijo'), data: {}, computed: {}, font }).pages.length;
    const doc = await PDFDocument.load(fillable.get('takatsuki-renkei-kaijo')!);
    expect(doc.getPageCount()).toBe(printed);
    expect((await pdfPageTexts(fillable.get('takatsuki-renkei-kaijo')!)).join('')).not.toContain('入力専用項目');
  });

  it.each([
    ['ichikawa-kino-kyoka', ['届出日']],
    ['ichikawa-kyoten-haishi-tsuchi', ['公印の省略（押印廃止）', '届出のあった日']],
    ['ichikawa-kyoten-todokede', ['届出の目的とする加算', ...getDefinition('ichikawa-kyoten-todokede').fields.find((f) => f.key === 'targetAdditions')!.options!.map((o) => o.label)]],
  ])('of %s shows its title, what it is for, and the labels %j', async (id, labels) => {
    const { text } = await lastPage(id);
    expect(squash(text)).toBe(squash([INPUT_ONLY_TITLE, INPUT_ONLY_LEAD, ...labels].join('')));
  });

  it('has a date field, labelled, for a date (ichikawa-kino-kyoka 届出日)', async () => {
    const { fields } = await lastPage('ichikawa-kino-kyoka');
    expect(fields.map((f) => f.getName())).toEqual(['filedOn']);
    expect(fields[0]).toBeInstanceOf(PDFTextField);
    expect(tooltip(fields[0])).toBe('届出日');
  });

  it('has a checkbox for a yes/no and a text field for a date (ichikawa-kyoten-haishi-tsuchi)', async () => {
    const { fields } = await lastPage('ichikawa-kyoten-haishi-tsuchi');
    expect(fields.map((f) => [f.getName(), f.constructor.name])).toEqual([
      ['noSeal', PDFCheckBox.name],
      ['filedOn', PDFTextField.name],
    ]);
    expect(tooltip(fields[0])).toBe('公印の省略（押印廃止）');
  });

  it('has a checkbox per option of a multiple choice, named <path>.<option> (ichikawa-kyoten-todokede)', async () => {
    const { fields } = await lastPage('ichikawa-kyoten-todokede');
    const options = getDefinition('ichikawa-kyoten-todokede').fields.find((f) => f.key === 'targetAdditions')!.options!;
    expect(fields.map((f) => f.getName())).toEqual(options.map((o) => `targetAdditions.${o.value}`));
    expect(fields.every((f) => f instanceof PDFCheckBox)).toBe(true);
    expect(tooltip(fields[0])).toBe('届出の目的とする加算 緊急時対応加算');
  });

  it('leaves the printed PDF as it was: no such page, nothing of it in the text', async () => {
    const definition = getDefinition('ichikawa-kyoten-haishi-tsuchi');
    const { pdf, layout } = await renderDocument(definition, { ...exampleOf(definition.id), noSeal: true }, { today: TODAY });
    expect((await PDFDocument.load(pdf!)).getPageCount()).toBe(layout!.pages.length);
    const text = (await pdfPageTexts(pdf!)).join('');
    expect(text).not.toContain('入力専用項目');
    expect(text).not.toContain('公印の省略');
  });
});

describe('the 入力専用項目 sheet of the XLSX', () => {
  async function rendered(id: string, data: Record<string, unknown> = exampleOf(id)) {
    const definition = getDefinition(id);
    const out = await renderDocument(definition, data, { today: TODAY, xlsx: true, pdf: false });
    const { workbook, cells } = await xlsxCells(out.xlsx!);
    return { definition, xlsx: out.xlsx!, layout: out.layout!, workbook, cells, data: validateDocument(definition, data, { today: TODAY }).data };
  }
  const names = (workbook: ExcelJS.Workbook) => (workbook.definedNames.model as { name: string; ranges: string[] }[]).map((n) => [n.name, n.ranges[0]] as const);

  it.each([
    ['ichikawa-kino-kyoka', {}, ['届出日', '令和6年6月10日'], [['yoshiki.filedOn', `'${SHEET}'!$B$5`]]],
    [
      'ichikawa-kyoten-haishi-tsuchi',
      { noSeal: true },
      ['■公印の省略（押印廃止）', '届出のあった日', '令和6年6月14日'],
      [['yoshiki.noSeal', `'${SHEET}'!$A$5`], ['yoshiki.filedOn', `'${SHEET}'!$B$7`]],
    ],
    ['ichikawa-kyoten-toroku-tsuchi', {}, ['□公印の省略（押印廃止）'], [['yoshiki.noSeal', `'${SHEET}'!$A$5`]]],
  ])('of %s (with %j) holds the title, the lead, then label and value: %j', async (id, extra, rows, named) => {
    const { workbook, cells } = await rendered(id, { ...exampleOf(id), ...extra });
    expect(workbook.worksheets.at(-1)!.name).toBe(SHEET);
    expect(cells.filter((c) => c.sheet === SHEET).map((c) => c.value)).toEqual([INPUT_ONLY_TITLE, INPUT_ONLY_LEAD, ...rows]);
    expect(names(workbook).filter(([, range]) => range.startsWith(`'${SHEET}'`))).toEqual(named);
  });

  it('holds a multiple choice as ■/□ and its labels, in one named cell (ichikawa-kyoten-todokede)', async () => {
    const { workbook, cells } = await rendered('ichikawa-kyoten-todokede', { ...exampleOf('ichikawa-kyoten-todokede'), targetAdditions: ['kinkyu-taio', 'tanki-kyoten'] });
    const options = getDefinition('ichikawa-kyoten-todokede').fields.find((f) => f.key === 'targetAdditions')!.options!;
    // One option per line, so none is broken in the middle.
    const ticked = options.map((o) => `${['kinkyu-taio', 'tanki-kyoten'].includes(o.value) ? '■' : '□'}${o.label}`).join('\n');
    expect(cells.filter((c) => c.sheet === SHEET).map((c) => c.value)).toEqual([INPUT_ONLY_TITLE, INPUT_ONLY_LEAD, '届出の目的とする加算', ticked]);
    expect(names(workbook).filter(([name]) => name === 'yoshiki.targetAdditions')).toEqual([['yoshiki.targetAdditions', `'${SHEET}'!$B$5`]]);
  });

  it('is not added to a 様式 that prints every field', async () => {
    const { workbook } = await rendered('takatsuki-renkei-kaijo');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['様式2']);
  });

  it.each(Object.keys(UNPRINTED))('leaves the printed sheets of %s exactly as they were: cells, merges and names', async (id) => {
    const { workbook, cells, layout, definition, data } = await rendered(id, { ...exampleOf(id), ...(id.endsWith('tsuchi') ? { noSeal: true } : {}) });
    const printedOnly = await xlsxCells(await renderXlsx(layout, { listItems: listItemsOf(definition, data) }));
    expect(printedOnly.workbook.worksheets.map((s) => s.name)).toEqual(workbook.worksheets.slice(0, -1).map((s) => s.name));
    expect(cells.filter((c) => c.sheet !== SHEET)).toEqual(printedOnly.cells);
    for (const sheet of printedOnly.workbook.worksheets) expect(workbook.getWorksheet(sheet.name)!.model.merges).toEqual(sheet.model.merges);
    expect(names(workbook).filter(([, range]) => !range.startsWith(`'${SHEET}'`))).toEqual(names(printedOnly.workbook));
  });

  it('is marked 下書き like every sheet of a draft', async () => {
    const definition = getDefinition('ichikawa-kino-kyoka');
    const { xlsx } = await renderDocument(definition, exampleOf(definition.id), { today: TODAY, xlsx: true, pdf: false, draft: true });
    const { workbook } = await xlsxCells(xlsx!);
    expect(workbook.getWorksheet(SHEET)!.headerFooter.oddHeader).toContain('下書き');
  });

  it('is laid out by the same page the fillable PDF adds (one page, boxes named by path)', () => {
    const pages = inputOnlyPages(getDefinition('ichikawa-kyoten-haishi-tsuchi'), { noSeal: true, filedOn: '2024-06-14' }, font);
    expect(pages).toHaveLength(1);
    expect(pages[0].cells.filter((c) => c.role === 'value').map((c) => [c.path, c.text ?? c.lines.join(''), c.checks?.map((m) => m.checked)])).toEqual([
      ['noSeal', '', [true]],
      ['filedOn', '令和6年6月14日', undefined],
    ]);
  });
});

describe('values the 様式 does not print read back exactly', () => {

  const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ['ichikawa-kino-kyoka', {}, { filedOn: '2024-06-10' }],
    ['ichikawa-kyoten-todokede', { targetAdditions: ['kinkyu-taio', 'tanki-kyoten', 'taisei-kyoka'] }, { targetAdditions: ['kinkyu-taio', 'tanki-kyoten', 'taisei-kyoka'] }],
    ['ichikawa-kyoten-haishi-tsuchi', { noSeal: true }, { noSeal: true, filedOn: '2024-06-14' }],
    ['ichikawa-kyoten-toroku-tsuchi', { noSeal: true }, { noSeal: true }],
    ['ichikawa-kyoten-toroku-tsuchi', { noSeal: false }, { noSeal: false }],
  ];

  describe.each(cases)('%s with %j', (id, extra, unprinted) => {
    const definition = getDefinition(id);
    const input = { ...exampleOf(id), ...extra };
    const expected = () => validateDocument(definition, input, { today: TODAY }).data;

    it('through the fillable PDF', async () => {
      const filled = await fillFillablePdf(fillable.get(id)!, definition, expected());
      const { data } = await importDocument(definition, filled, { today: TODAY });
      expect(data).toMatchObject(unprinted);
      expect(asFormHoldsIt(data)).toEqual(asFormHoldsIt(expected()));
    });

    it('through the XLSX', async () => {
      const { xlsx } = await renderDocument(definition, input, { today: TODAY, xlsx: true, pdf: false });
      const { data } = await importDocument(definition, xlsx!, { today: TODAY });
      expect(data).toMatchObject(unprinted);
      expect(asFormHoldsIt(data)).toEqual(asFormHoldsIt(expected()));
    });
  });

  it('as a person types them into the blank fillable PDF: a ticked box and a date', async () => {
    const definition = getDefinition('ichikawa-kyoten-haishi-tsuchi');
    const doc = await PDFDocument.load(fillable.get(definition.id)!);
    doc.getForm().getCheckBox('noSeal').check();
    doc.getForm().getTextField('filedOn').setText('令和6年6月20日');
    const { data } = await importDocument(definition, await doc.save({ updateFieldAppearances: false }), { today: TODAY });
    expect(asFormHoldsIt(data)).toEqual({ noSeal: true, filedOn: '2024-06-20' });
  });

  it('as a person edits them on the sheet: □ turned ■ and a date retyped', async () => {
    const definition = getDefinition('ichikawa-kyoten-haishi-tsuchi');
    const { xlsx } = await renderDocument(definition, exampleOf(definition.id), { today: TODAY, xlsx: true, pdf: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(SHEET)!;
    expect([sheet.getCell('A5').value, sheet.getCell('B7').value]).toEqual(['□公印の省略（押印廃止）', '令和6年6月14日']);
    sheet.getCell('A5').value = '■公印の省略（押印廃止）';
    sheet.getCell('B7').value = '令和6年6月20日';
    const { data } = await importDocument(definition, Buffer.from(await workbook.xlsx.writeBuffer()), { today: TODAY });
    expect(data).toMatchObject({ noSeal: true, filedOn: '2024-06-20' });
  });
});
