/**
 * Two classes of input, checked over every field of every 様式 in the catalogue (issue 14, Rules 4 and 5):
 * - blank is blank: a value of only spaces (half- or full-width) behaves exactly as the empty box — in validation, in a
 *   batch table and in an imported file;
 * - a choice typed as the printed option reads with 全角 letters or 半角 brackets (NFKC) is that option; names are never
 *   normalised.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinitions, renderDocument, validateDocument } from '../src/index.ts';
import type { FieldDefinition, FormDefinition } from '../src/forms/definition.ts';
import { labelAt } from '../src/forms/fields.ts';
import { message } from '../src/messages/ja.ts';
import { resolveHeaders, leaves } from '../src/batch/columns.ts';
import { rowToData } from '../src/batch/cells.ts';
import { assembleData } from '../src/import/assemble-data.ts';
import { xlsxCells } from './support/read-back.ts';
import { formFolder } from '../src/forms/folders.ts';

const TODAY = '2024-06-01';
const BLANKS = [' ', '　', ' 　\t'];
const definitions = [...loadDefinitions().values()];

// any: free-form example JSON the tests edit by path.
const example = (id: string): any => JSON.parse(fs.readFileSync(formFolder(id)!.example, 'utf8')); // any: the tests change examples freely

interface Leaf {
  path: string;
  field: FieldDefinition;
}

/** Every leaf field with a concrete path: list items at row 0 (`allocations.0.count`, `liaisons.0`). */
function leafPaths(fields: FieldDefinition[], prefix = ''): Leaf[] {
  return fields.flatMap((field) => {
    const path = prefix ? `${prefix}.${field.key}` : field.key;
    if (field.type === 'group') return leafPaths(field.fields!, path);
    if (field.type === 'list') {
      const item = field.item!;
      return item.type === 'group' ? leafPaths(item.fields!, `${path}.0`) : [{ path: `${path}.0`, field: item }];
    }
    return [{ path, field }];
  });
}

/** Every list whose rows are groups, with its path. */
function groupLists(fields: FieldDefinition[], prefix = ''): { path: string; field: FieldDefinition }[] {
  return fields.flatMap((field) => {
    const path = prefix ? `${prefix}.${field.key}` : field.key;
    if (field.type === 'group') return groupLists(field.fields!, path);
    if (field.type === 'list' && field.item!.type === 'group') return [{ path, field }];
    return [];
  });
}

/** Sets (or, for undefined, deletes) the value at a dotted path, creating the rows and groups on the way. */
function setAt(data: any, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = data;
  parts.slice(0, -1).forEach((part, i) => {
    if (node[part] === undefined || node[part] === null || typeof node[part] !== 'object') node[part] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    node = node[part];
  });
  const last = parts[parts.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** The empty value of a leaf: absent in a group, '' as an element of a list of text (its row must stay). */
const emptyOf = (leaf: Leaf) => (/\.\d+$/.test(leaf.path) ? '' : undefined);

const findingsOf = (definition: FormDefinition, data: unknown) => {
  const { result } = validateDocument(definition, data, { today: TODAY });
  return [...result.errors, ...result.warnings].map((f) => `${f.rule} ${f.path} ${f.message}`).sort();
};

describe.each(definitions.map((d) => [d.id, d] as const))('空白だけの値は空欄と同じ（%s）', (_id, definition) => {
  const leavesOf = leafPaths(definition.fields);

  const optional = leavesOf.filter((l) => !l.field.required);
  // 廃止届出書 and 様式2 have no optional field: every box is required, checked by the next test.
  if (optional.length > 0) it('任意の項目に半角・全角の空白だけを入れても、空欄のときにない指摘は出ない', () => {
    for (const leaf of optional) {
      const empty = example(definition.id);
      setAt(empty, leaf.path, emptyOf(leaf));
      const expected = findingsOf(definition, empty);
      for (const blank of BLANKS) {
        const data = example(definition.id);
        setAt(data, leaf.path, blank);
        expect(findingsOf(definition, data), `${leaf.path} = ${JSON.stringify(blank)}`).toEqual(expected);
      }
    }
  });

  it('必須の項目が空白だけなら、空欄と同じ G-REQUIRED（いつもの文言）だけが出る', () => {
    for (const leaf of leavesOf.filter((l) => l.field.required)) {
      for (const blank of BLANKS) {
        const data = example(definition.id);
        setAt(data, leaf.path, blank);
        const { result } = validateDocument(definition, data, { today: TODAY });
        const here = result.errors.filter((f) => f.path === leaf.path);
        const select = leaf.field.type === 'choice' || leaf.field.type === 'boolean';
        const code = select ? 'G-REQUIRED-SELECT' : leaf.field.type === 'choices' ? 'G-REQUIRED-CHOICE' : 'G-REQUIRED';
        expect(here, `${leaf.path} = ${JSON.stringify(blank)}`).toEqual([
          { rule: 'G-REQUIRED', severity: 'error', path: leaf.path, message: message(code, { label: labelAt(definition, leaf.path) }) },
        ]);
      }
    }
  });

  it('一覧の行のすべての欄が空白だけなら、空の行と同じ指摘になる', () => {
    for (const list of groupLists(definition.fields)) {
      const rowLeaves = leafPaths(list.field.item!.fields!, `${list.path}.0`);
      const empty = example(definition.id);
      setAt(empty, `${list.path}.0`, {});
      const blank = example(definition.id);
      setAt(blank, `${list.path}.0`, {});
      for (const leaf of rowLeaves) setAt(blank, leaf.path, '　');
      expect(findingsOf(definition, blank), list.path).toEqual(findingsOf(definition, empty));
      // A row given as a blank string (a spreadsheet's empty line) is the same empty row.
      const blankRow = example(definition.id);
      setAt(blankRow, `${list.path}.0`, '　');
      expect(findingsOf(definition, blankRow), `${list.path}.0 = 「　」`).toEqual(findingsOf(definition, empty));
    }
  });

  it('一括作成の表で空白だけのセルは、空のセルと同じデータになる', () => {
    const columns = resolveHeaders(definition, leaves(definition).map((l) => l.template.replace(/\*/g, '1')));
    const cells = columns.map(() => '');
    const blankCells = columns.map(() => '　');
    expect(rowToData(columns, blankCells)).toEqual(rowToData(columns, cells));
    // Nothing typed is read from a blank cell (an empty top-level checkbox is 「いいえ」 either way).
    const read = JSON.stringify(rowToData(columns, blankCells).data);
    expect(read.includes('　')).toBe(false);
  });

  it('読み込んだ PDF・XLSX の空白だけの欄は、空欄として読む', () => {
    const values = new Map(leavesOf.map((l) => [l.path, '　'] as const));
    expect(assembleData(definition, values)).toEqual({});
  });
});

describe('名前の中の空白はそのまま（空白だけの値だけが空になる）', () => {
  it('「理事長　中山 健太」の全角・半角の空白は、検証後のデータにそのまま残る', () => {
    const definition = loadDefinitions().get('ichikawa-kyoten-henko')!;
    const data = example('ichikawa-kyoten-henko');
    data.applicant.name = '　社会福祉法人　すがの 福祉会 ';
    const { data: normalised } = validateDocument(definition, data, { today: TODAY });
    expect((normalised.applicant as any).name).toBe('　社会福祉法人　すがの 福祉会 ');
    expect((normalised.applicant as any).representative).toBe('理事長　中山 健太');
  });
});

/** The 全角 form of the ASCII characters of a text (「A型」 → 「Ａ型」, 「(」 → 「（」): what NFKC folds back. */
const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Every choice field with a concrete path (list rows at row 0). */
const choiceLeaves = (definition: FormDefinition) => leafPaths(definition.fields).filter((l) => l.field.type === 'choice' || l.field.type === 'choices');

const withChoices = definitions.filter((d) => choiceLeaves(d).length > 0);
describe.each(withChoices.map((d) => [d.id, d] as const))('選択肢は印刷された選択肢の意味で読む（%s）', (_id, definition) => {
  const choices = choiceLeaves(definition);

  it('全角の英数字・半角の括弧で書いた選択肢は、その選択肢と同じ結果になる', () => {
    let variants = 0;
    for (const leaf of choices) {
      for (const option of leaf.field.options!) {
        const typed = new Set([toFullWidth(option.value), option.value.normalize('NFKC'), toFullWidth(option.label), option.label.normalize('NFKC')]);
        const wrap = (v: string) => (leaf.field.type === 'choices' ? [v] : v);
        const exact = example(definition.id);
        setAt(exact, leaf.path, wrap(option.value));
        const expected = findingsOf(definition, exact);
        expect(expected.filter((f) => f.startsWith('G-CHOICE'))).toEqual([]);
        for (const variant of typed) {
          const data = example(definition.id);
          setAt(data, leaf.path, wrap(variant));
          const { data: normalised } = validateDocument(definition, data, { today: TODAY });
          const value = leaf.path.split('.').reduce<any>((v, k) => v?.[k], normalised);
          expect(value, `${leaf.path} = ${variant}`).toEqual(wrap(option.value));
          expect(findingsOf(definition, data), `${leaf.path} = ${variant}`).toEqual(expected);
          variants++;
        }
      }
    }
    expect(variants).toBeGreaterThan(0);
  });
});

describe('選択肢の NFKC は選択肢だけ（名前は正規化しない）', () => {
  it('「就労継続支援Ａ型」は「就労継続支援A型」として受け付け、全角英字の事業所名と申請者名は印刷まで書いたとおり', async () => {
    const data = example('ichikawa-kyoten-todokede');
    data.office.serviceType = '就労継続支援Ａ型';
    data.office.name = 'ＡＢＣワークス市川';
    data.applicant.name = '株式会社ＡＢＣ（エービーシー）';
    data.targetAdditions = [];
    const rendered = await renderDocument('ichikawa-kyoten-todokede', data, { today: TODAY, pdf: false, xlsx: true });
    expect(rendered.result.errors).toEqual([]);
    const { data: normalised } = validateDocument(loadDefinitions().get('ichikawa-kyoten-todokede')!, data, { today: TODAY });
    expect((normalised.office as any).serviceType).toBe('就労継続支援A型');
    expect((normalised.office as any).name).toBe('ＡＢＣワークス市川');
    expect((normalised.applicant as any).name).toBe('株式会社ＡＢＣ（エービーシー）');
    const texts = (await xlsxCells(rendered.xlsx!)).cells.map((c) => c.text);
    expect(texts).toContain('ＡＢＣワークス市川');
    expect(texts.some((t) => t.includes('株式会社ＡＢＣ（エービーシー）'))).toBe(true);
    expect(texts.some((t) => t.includes('ABCワークス') || t.includes('株式会社ABC'))).toBe(false);
  });

  it('選択肢にない値は、NFKC で読んでも合わなければ書いたとおりに G-CHOICE で示す', () => {
    const definition = loadDefinitions().get('ichikawa-kyoten-todokede')!;
    const data = example('ichikawa-kyoten-todokede');
    data.office.serviceType = '就労継続支援Ｃ型';
    const { result } = validateDocument(definition, data, { today: TODAY });
    expect(result.errors.find((f) => f.rule === 'G-CHOICE')?.message).toContain('「就労継続支援Ｃ型」は選択肢にありません');
  });
});

describe('計算値の写しは全角の数字でも同じ値', () => {
  it('機能強化加算の (b) を「２００」と写しても KK の計算値 200 と一致し、「２０１」は一致しない', () => {
    const definition = loadDefinitions().get('ichikawa-kino-kyoka')!;
    const data = example('ichikawa-kino-kyoka');
    const computed = validateDocument(definition, data, { today: TODAY }).result.computed;
    const key = definition.computed.find((c) => typeof computed[c.key] === 'number')!.key;
    const expected = computed[key] as number;
    const fullWidth = (n: number) => toFullWidth(String(n));
    setAt(data, key, fullWidth(expected));
    expect(validateDocument(definition, data, { today: TODAY }).result.errors).toEqual([]);
    setAt(data, key, `　${fullWidth(expected)} `);
    expect(validateDocument(definition, data, { today: TODAY }).result.errors).toEqual([]);
    setAt(data, key, fullWidth(expected + 1));
    const errors = validateDocument(definition, data, { today: TODAY }).result.errors;
    expect(errors.map((e) => e.message)).toEqual([
      message('G-COMPUTED', { label: definition.computed.find((c) => c.key === key)!.label, given: fullWidth(expected + 1), expected: String(expected) }),
    ]);
  });
});
