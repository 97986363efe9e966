/**
 * How a spreadsheet's header row and cells become a document's data, how files are named, and that every 様式's
 * batch-template reads back as a valid document — table cases, no rendering.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rowToData, cellToValue } from '../../src/batch/cells.ts';
import { resolveHeaders, columnLetter } from '../../src/batch/columns.ts';
import { BatchInputError } from '../../src/batch/errors.ts';
import { FileNamer, sanitiseFileName, checkPattern } from '../../src/batch/file-names.ts';
import { inspectInput, readRows } from '../../src/batch/input.ts';
import { readExample, writeBatchTemplate } from '../../src/batch/template.ts';
import { fieldAt } from '../../src/forms/fields.ts';
import { getDefinition, loadDefinitions } from '../../src/forms/registry.ts';
import { validateDocument } from '../../src/validate.ts';

const kiroku = getDefinition('ichikawa-taisei-kyoka-kiroku');
const todokede = getDefinition('ichikawa-kyoten-todokede');

describe('headers', () => {
  it.each([
    { header: '事業所番号', path: 'office.number' },
    { header: 'office.number', path: 'office.number' },
    { header: '申請者　所在地', path: 'applicant.address' },
    { header: '事業所(施設)の所在地', path: 'office.address' },
    { header: 'liaisons.2', path: 'liaisons.1' },
    { header: '市町村及び地域生活支援拠点等との連携及び調整に従事する者の氏名 2行目', path: 'liaisons.1' },
    { header: '視覚 受入可 者', path: 'emergencyAcceptance.visual.adult' },
    { header: 'その他受入れ可能な障がい 3行目 備考', path: 'emergencyAcceptance.others.2.note' },
  ])('「$header」 fills $path (届出書)', ({ header, path }) => {
    expect(resolveHeaders(todokede, [header])[0].path).toBe(path);
  });

  it.each([
    { header: '出席者 2行目 氏名', path: 'meeting.attendees.1.name' },
    { header: '出席者 2 氏名', path: 'meeting.attendees.1.name' },
    { header: 'meeting.attendees.12.role', path: 'meeting.attendees.11.role' },
    { header: 'よみがな', path: 'user.kana' },
  ])('「$header」 fills $path (記録書)', ({ header, path }) => {
    expect(resolveHeaders(kiroku, [header])[0].path).toBe(path);
  });

  it.each([
    { form: 'takatsuki-renkei-kaigi-kiroku', header: '実施日', says: '見出し「実施日」（B列）に当たる項目が複数あります（guardianSupport.date、staffSharing.date）' },
    { form: 'ichikawa-kyoten-todokede', header: '受入可 者', says: '見出し「受入可 者」（B列）に当たる項目が複数あります' },
    { form: 'ichikawa-kyoten-todokede', header: '事業所の電話', says: '見出し「事業所の電話」（B列）はこの様式の項目名にありません' },
    { form: 'ichikawa-kyoten-todokede', header: 'liaisons.0', says: '見出し「liaisons.0」（B列）の番号は1から数えてください' },
  ])('stops on 「$header」 ($form), naming the header', ({ form, header, says }) => {
    expect(() => resolveHeaders(getDefinition(form), ['', header])).toThrow(BatchInputError);
    expect(() => resolveHeaders(getDefinition(form), ['', header])).toThrow(says);
  });

  it('stops when two headers name the same field', () => {
    expect(() => resolveHeaders(todokede, ['事業所番号', 'office.number'])).toThrow('見出し「事業所番号」と「office.number」は同じ項目（office.number）を指しています');
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('cells', () => {
  const field = (path: string) => fieldAt(todokede, path.replace(/\.\d+(?=\.|$)/g, '.0'))!;
  it.each([
    { path: 'emergencyAcceptance.visual.adult', cell: '○', value: true },
    { path: 'emergencyAcceptance.visual.adult', cell: '✓', value: true },
    { path: 'emergencyAcceptance.visual.adult', cell: 'はい', value: true },
    { path: 'emergencyAcceptance.visual.adult', cell: 'TRUE', value: true },
    { path: 'emergencyAcceptance.visual.adult', cell: '１', value: true },
    { path: 'emergencyAcceptance.visual.adult', cell: 'いいえ', value: false },
    { path: 'emergencyAcceptance.visual.adult', cell: 0, value: false },
    { path: 'emergencyAcceptance.visual.adult', cell: 'たぶん', value: 'たぶん' },
    { path: 'functions', cell: '相談機能;experience', value: ['consultation', 'experience'] },
    { path: 'functions', cell: '相談機能；未知の機能', value: ['consultation', '未知の機能'] },
    { path: 'office.serviceType', cell: '短期入所', value: '短期入所' },
    { path: 'filedOn', cell: new Date(Date.UTC(2024, 4, 15)), value: '2024-05-15' },
    { path: 'filedOn', cell: 45427, value: '2024-05-15' },
    { path: 'filedOn', cell: '令和６年５月１５日', value: '令和６年５月１５日' },
    { path: 'office.number', cell: 1212345678, value: '1212345678' },
    { path: 'applicant.name', cell: ' 社会福祉法人　みどりの杜会 ', value: ' 社会福祉法人　みどりの杜会 ' },
  ])('$path: $cell → $value', ({ path, cell, value }) => {
    expect(cellToValue(field(path), cell)).toEqual(value);
  });

  it('leaves a wholly empty 別紙 row absent but makes an empty checkbox of a filled row false', () => {
    const columns = resolveHeaders(todokede, ['視覚 受入可 者', '視覚 受入可 児', '内部 受入可 者', '内部 受入不可']);
    expect(rowToData(columns, ['○', '', '', '']).data).toEqual({ emergencyAcceptance: { visual: { adult: true, child: false } } });
  });

  it('closes up list rows left empty in the middle and reports a value under no header', () => {
    const columns = resolveHeaders(todokede, ['liaisons.1', 'liaisons.2', 'liaisons.3', '']);
    const { data, problems } = rowToData(columns, ['国府台 一郎', '', '行徳 さくら', 'メモ']);
    expect(data).toEqual({ liaisons: ['国府台 一郎', '行徳 さくら'] });
    expect(problems.map((p) => [p.rule, p.message])).toEqual([['BATCH-CELL', '見出しのない列（D列）に値があります。見出しを付けるか、値を消してください。']]);
  });
});

describe('file names', () => {
  it.each([
    { name: 'a<b>c:d"e/f\\g|h?i*j', safe: 'a_b_c_d_e_f_g_h_i_j' },
    { name: '事業所. ', safe: '事業所' },
    { name: 'CON', safe: '_CON' },
    { name: 'lpt1.pdf', safe: '_lpt1.pdf' },
    { name: 'みどりの杜 =1+1', safe: 'みどりの杜 =1+1' },
  ])('「$name」 → 「$safe」', ({ name, safe }) => expect(sanitiseFileName(name)).toBe(safe));

  it('numbers collisions in row order, ignoring case, and never takes the batch’s own names', () => {
    const namer = new FileNamer('f', '{office.name}');
    const names = ['Aoba', 'aoba', 'Aoba', 'report', ''].map((name, i) => namer.name(i + 1, { office: { name } }));
    expect(names).toEqual(['Aoba', 'aoba (2)', 'Aoba (3)', 'report (2)', '5']);
  });

  it('expands fields, rows from 1 and the defaults; rejects a key the 様式 lacks', () => {
    expect(new FileNamer('ichikawa-kyoten-todokede', '{row}-{form-id}-{liaisons.2}').name(7, { liaisons: ['a', 'b'] })).toBe('7-ichikawa-kyoten-todokede-b');
    expect(() => checkPattern(todokede, '{office.numbr}')).toThrow('{office.numbr} はこの様式の項目ではありません');
  });
});

describe('batch-template', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-template-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const forms = [...loadDefinitions().values()].filter((d) => readExample(d.id) !== undefined);

  it.each(forms.flatMap((d) => (['csv', 'xlsx'] as const).map((kind) => ({ id: d.id, kind }))))('$id ($kind) reads back as its valid example', async ({ id, kind }) => {
    const definition = getDefinition(id);
    const file = path.join(dir, `${id}.${kind}`);
    await writeBatchTemplate(definition, kind, file);
    const rows = [];
    for await (const row of readRows(await inspectInput(file), definition)) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(rows[0].problems).toEqual([]);
    // Read from the table, the example validates exactly as its JSON does (same findings, same computed values).
    const fromTable = validateDocument(definition, rows[0].data, { today: '2024-07-01' }).result;
    const fromJson = validateDocument(definition, readExample(id), { today: '2024-07-01' }).result;
    expect(fromTable).toEqual(fromJson);
  });
});
