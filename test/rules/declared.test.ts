/**
 * Rules declared as data (src/rules/declared/): each kind run by the real validator on a small definition, a case that
 * passes and one that fails, with the exact Japanese message a person reads. The definition goes through the same zod
 * format as every definition.json (parseDefinition), so the defaults of each kind are the ones a folder gets.
 */
import { describe, expect, it } from 'vitest';
import type { DeclaredRule } from '../../src/forms/declared-rules.ts';
import { parseDefinition } from '../../src/forms/registry.ts';
import { message } from '../../src/messages/ja.ts';
import { declaredBundleRules } from '../../src/rules/declared/index.ts';
import { evaluateExpression, ExpressionError, parseExpression } from '../../src/rules/declared/expression.ts';
import { openDaysBetween } from '../../src/rules/declared/date-order.ts';
import { validateDocument } from '../../src/validate.ts';

const FIELDS = [
  { key: 'kind', label: '届出の種類', type: 'choice', options: [{ value: 'new', label: '新規' }, { value: 'change', label: '変更' }] },
  { key: 'changeDetails', label: '変更の内容', type: 'text' },
  { key: 'functions', label: '担う機能', type: 'choices', options: [{ value: 'consultation', label: '相談' }, { value: 'emergency', label: '緊急時の受け入れ・対応' }] },
  {
    key: 'offices',
    label: '利用事業所',
    type: 'list',
    item: {
      label: '利用事業所',
      type: 'group',
      fields: [
        { key: 'number', label: '事業所番号', type: 'officeNumber' },
        { key: 'name', label: '事業所名', type: 'text' },
        { key: 'count', label: '回数', type: 'integer', min: 0 },
      ],
    },
  },
  { key: 'coordinators', label: '常勤の拠点コーディネーター数', type: 'integer', min: 0 },
  { key: 'acceptedOn', label: '承諾日', type: 'date' },
  { key: 'filedOn', label: '提出日', type: 'date' },
  { key: 'receivedOn', label: '受理日', type: 'date' },
  { key: 'note', label: '相談援助の内容', type: 'text' },
  { key: 'child', label: '加算対象児', type: 'group', fields: [{ key: 'name', label: '氏名', type: 'text' }, { key: 'birthDate', label: '生年月日', type: 'date' }] },
  { key: 'meetingDate', label: '開催日', type: 'date' },
];

function definitionWith(rule: Record<string, unknown>) {
  return parseDefinition(
    {
      format: 1,
      id: 'declared-rule-test',
      title: '規則の試験',
      version: '2026-12',
      municipality: 'ichikawa',
      source: { seed: '—', section: '—' },
      author: { text: '試験' },
      fields: FIELDS,
      rules: [{ severity: 'error', source: 'S000 Q1', ...rule }],
      pages: [[{ block: 'title' }, { block: 'fieldTable', rows: FIELDS.filter((f) => f.type !== 'list').map((f) => ({ fields: [f.key] })) }]],
    },
    'declared-rule-test.json',
  );
}

const findings = (rule: Record<string, unknown>, data: Record<string, unknown>) => {
  const { result } = validateDocument(definitionWith(rule), data, { today: '2026-12-01' });
  return [...result.errors, ...result.warnings].map(({ rule: id, path, message: text }) => ({ rule: id, path, message: text }));
};

const office = (number: string, name: string, count = 0) => ({ number, name, count });

describe('requiredIf: a path filled in when a condition on another holds', () => {
  const rule = { kind: 'requiredIf', id: 'RK-CHANGE', message: 'RK-CHANGE', path: 'changeDetails', when: { path: 'kind', equals: 'change' } };

  it('「新規」なら変更の内容は空欄でよく、「変更」で内容を書けば誤りはない', () => {
    expect(findings(rule, { kind: 'new' })).toEqual([]);
    expect(findings(rule, { kind: 'change', changeDetails: 'コア連携事業所を変更' })).toEqual([]);
  });

  it('「変更」を選んで変更の内容が空欄なら、その項目を名指しして記入を求める', () => {
    expect(findings(rule, { kind: 'change', changeDetails: '  ' })).toEqual([
      { rule: 'RK-CHANGE', path: 'changeDetails', message: '「変更」を選んだ場合は、「変更の内容」（変更前のコア連携事業所、利用を始めた・終えた事業所など）を記入してください。' },
    ]);
  });

  it('includes: a choices field holding the value', () => {
    const includes = { ...rule, when: { path: 'functions', includes: 'emergency' } };
    expect(findings(includes, { functions: ['consultation'] })).toEqual([]);
    expect(findings(includes, { functions: ['emergency'] }).map((f) => f.path)).toEqual(['changeDetails']);
  });
});

describe('atLeastOneOf: at least one of the paths filled in', () => {
  const rule = { kind: 'atLeastOneOf', id: 'KT-FUNCTIONS', message: 'KT-FUNCTIONS', paths: ['functions'] };

  it('機能を1つ選べば誤りはない', () => {
    expect(findings(rule, { functions: ['consultation'] })).toEqual([]);
  });

  it('何も選ばなければ「担う機能」を1つ以上選ぶよう求める', () => {
    expect(findings(rule, { functions: [] })).toEqual([{ rule: 'KT-FUNCTIONS', path: 'functions', message: '「担う機能」を1つ以上選んでください。' }]);
  });
});

describe('distinctRows: a repeated row is an error naming both rows', () => {
  const rule = { kind: 'distinctRows', id: 'RK-DUPLICATE', message: 'DUPLICATE-ROW', lists: [{ list: 'offices', key: ['number'] }] };

  it('事業所番号が異なれば誤りはない', () => {
    expect(findings(rule, { offices: [office('2712345678', 'ひまわり'), office('2712345679', 'そらいろ')] })).toEqual([]);
  });

  it('同じ事業所番号の2行目と3行目は、後の行に誤りとして両方の行番号と番号を示す（全角で書いても同じ）', () => {
    const data = { offices: [office('2712345678', 'ひまわり'), office('2712345679', 'そらいろ'), office('２７１２３４５６７９', 'そらいろ２')] };
    expect(findings(rule, data)).toEqual([
      {
        rule: 'RK-DUPLICATE',
        path: 'offices.2',
        message: '「利用事業所」の2行目と3行目は、事業所番号「2712345679」が同じです。同じ利用事業所を2回数えることはできません。どちらかの行を削除してください。',
      },
    ]);
  });
});

describe('countDistinctAtLeast: distinct values of a key at least N', () => {
  const rule = { kind: 'countDistinctAtLeast', id: 'RK-OFFICES', message: 'RK-OFFICES', list: 'offices', key: ['number'], atLeast: 2 };

  it('異なる事業所が2か所あれば誤りはない', () => {
    expect(findings(rule, { offices: [office('2712345678', 'ひまわり'), office('2712345679', 'そらいろ')] })).toEqual([]);
  });

  it('同じ事業所を2行に書いても1か所と数える', () => {
    expect(findings(rule, { offices: [office('2712345678', 'ひまわり'), office('2712345678', 'ひまわり')] })).toEqual([
      {
        rule: 'RK-OFFICES',
        path: 'offices',
        message: '利用事業所が1か所です。事業所間連携加算は、セルフプランで2か所以上の事業所を併用する児童が対象です。利用しているすべての事業所を記入してください。',
      },
    ]);
  });
});

describe('sumAtMost: the sum of a column at most an expression of other fields', () => {
  const rule = {
    kind: 'sumAtMost',
    id: 'KK-LIMIT',
    message: 'KK-LIMIT',
    list: 'offices',
    column: 'count',
    atMost: 'coordinators × 100',
    sumParam: 'c',
    limitParam: 'b',
    messageWhenNoLimit: 'KK-LIMIT-NO-COORDINATOR',
  };
  const offices = [office('2712345678', 'ひまわり', 120), office('2712345679', 'そらいろ', 80)];

  it('(c) 200 回 ≦ (a) 2 × 100 なら誤りはない', () => {
    expect(findings(rule, { coordinators: 2, offices })).toEqual([]);
  });

  it('(c) 200 回が (a) 1 × 100 を超えると、合計と上限を示す', () => {
    expect(findings(rule, { coordinators: 1, offices })).toEqual([
      { rule: 'KK-LIMIT', path: 'offices', message: '配分の合計 (c) 200 回が月内算定上限 (b) 100 回を超えています。合計を 100 回以下にするか、常勤の拠点コーディネーターの配置を見直してください。' },
    ]);
  });

  it('上限が 0 回なら、削っても算定できないので配置を求める別のメッセージになる', () => {
    expect(findings(rule, { coordinators: 0, offices }).map((f) => f.message)).toEqual([message('KK-LIMIT-NO-COORDINATOR', { c: 200 })]);
  });
});

describe('the expression of sumAtMost is parsed, never run', () => {
  const values: Record<string, number> = { a: 2, b: 3 };
  const value = (source: string) => evaluateExpression(parseExpression(source), (p) => values[p]);

  it('× ÷ bind tighter than + −, parentheses first, ASCII operators too', () => {
    expect(value('a × 100')).toBe(200);
    expect(value('a + b × 2')).toBe(8);
    expect(value('(a + b) * 2')).toBe(10);
    expect(value('b − a ÷ 2')).toBe(2);
    expect(value('-a + 10')).toBe(8);
  });

  it('a path that is not a number, or a division by zero, gives no limit', () => {
    expect(value('c × 100')).toBeUndefined();
    expect(value('a / (b - 3)')).toBeUndefined();
  });

  it('refuses anything but paths, numbers, operators and parentheses', () => {
    expect(() => parseExpression('a; process.exit(1)')).toThrow(new ExpressionError('式「a; process.exit(1)」の2文字目「;」は使えません（項目のパス、数、＋－×÷、括弧だけが使えます）'));
    expect(() => parseExpression('a × (b + 1')).toThrow(ExpressionError);
    expect(() => parseExpression('a b')).toThrow(ExpressionError);
  });
});

describe('dateOrder: dates in order, a blank one skipped', () => {
  const rule = {
    kind: 'dateOrder',
    id: 'RK-DATES',
    message: 'RK-DATES-ACCEPTED',
    dates: [
      { path: 'acceptedOn', param: 'accepted' },
      { path: 'filedOn', param: 'filed' },
      { path: 'receivedOn', param: 'received' },
    ],
    pairs: [{ at: 'earlier' }, { message: 'RK-DATES-RECEIVED' }],
  };

  it('承諾日 ≦ 提出日 ≦ 受理日（同じ日も可）、空欄の日付があれば比べない', () => {
    expect(findings(rule, { acceptedOn: '2026-04-01', filedOn: '2026-04-01', receivedOn: '2026-04-03' })).toEqual([]);
    expect(findings(rule, { acceptedOn: '2026-05-01', receivedOn: '2026-04-03' })).toEqual([]);
  });

  it('順序の違う組ごとに、その組のメッセージを和暦の日付で示す', () => {
    expect(findings(rule, { acceptedOn: '2026-04-05', filedOn: '2026-04-02', receivedOn: '2026-04-01' })).toEqual([
      {
        rule: 'RK-DATES',
        path: 'acceptedOn',
        message: 'コア連携事業所の承諾日（令和8年4月5日）が提出日（令和8年4月2日）より後になっています。確認書はコア連携事業所の承諾を得てから提出するものです。承諾日と提出日を確認してください。',
      },
      {
        rule: 'RK-DATES',
        path: 'receivedOn',
        message: '受理日（令和8年4月1日）が提出日（令和8年4月2日）より前になっています。受理日は確認書が提出された日以後の日付にしてください（適用開始日は受理日の翌月1日です）。',
      },
    ]);
  });

  it('strict: the same day is out of order too (生年月日 before the meeting)', () => {
    const strict = { kind: 'dateOrder', id: 'TK-AGE', message: 'TK-AGE', strict: true, dates: [{ path: 'child.birthDate', param: 'birth' }, { path: 'meetingDate', param: 'meeting' }], pairs: [{ at: 'earlier' }] };
    expect(findings(strict, { child: { birthDate: '2018-04-01' }, meetingDate: '2026-04-01' })).toEqual([]);
    expect(findings(strict, { child: { birthDate: '2026-04-01' }, meetingDate: '2026-04-01' })).toEqual([
      { rule: 'TK-AGE', path: 'child.birthDate', message: '生年月日（令和8年4月1日）が開催年月日（令和8年4月1日）以後になっています。生年月日と開催年月日を確認してください。' },
    ]);
  });

  it('within: open days between, closed days not counted', () => {
    // Friday 2025-02-28 → Monday 2025-03-03: Saturday and Sunday closed make it one open day, else three.
    expect(openDaysBetween('2025-02-28', '2025-03-03', ['2025-03-01', '2025-03-02'])).toBe(1);
    expect(openDaysBetween('2025-02-28', '2025-03-03', [])).toBe(3);
    expect(openDaysBetween('2025-03-03', '2025-03-03', [])).toBe(0);
  });
});

describe('mentionsOneOf: a written text says one of the words', () => {
  const rule = { kind: 'mentionsOneOf', id: 'RM-GUARDIAN', severity: 'warning', message: 'RM-GUARDIAN', path: 'note', words: ['伝え', '助言'] };

  it('伝えたことが書かれていれば注意はなく、空欄はこの規則の対象外', () => {
    expect(findings(rule, { note: '次回の利用日を伝えた。' })).toEqual([]);
    expect(findings(rule, { note: '' })).toEqual([]);
  });

  it('どの語も書かれていなければ注意になる', () => {
    expect(findings(rule, { note: '欠席の連絡があった。' })).toEqual([{ rule: 'RM-GUARDIAN', path: 'note', message: message('RM-GUARDIAN') }]);
  });
});

describe('monthOnce: one per person per month, across documents', () => {
  const rule = {
    kind: 'monthOnce',
    id: 'TK-MONTHLY',
    message: 'TK-MONTHLY',
    date: 'meetingDate',
    keys: [['child.name', 'child.birthDate']],
    params: { name: 'child.name', birth: 'child.birthDate' },
    // On submission the earlier record is a stored filing (test/submissions/monthly-claims.test.ts); here only its name.
    storedMessage: 'TK-MONTHLY',
  } satisfies Partial<DeclaredRule> & Record<string, unknown>;
  const definition = definitionWith(rule);
  const doc = (name: string, meetingDate: string) => ({ form: definition.id, data: { child: { name, birthDate: '2018-04-02' }, meetingDate } });

  it('says nothing about a single document', () => {
    expect(findings(rule, doc('高槻 はなこ', '2026-04-10').data)).toEqual([]);
  });

  it('同じ月の2件目は、1件目を名指しして誤りとする（氏名の空白の違いは同じ人）; 翌月は別', () => {
    const [monthly] = declaredBundleRules(definition);
    const hits = monthly.check([doc('高槻 はなこ', '2026-04-10'), doc('高槻 はなこ', '2026-05-01'), doc('高槻　はなこ', '2026-04-28')]);
    expect(hits.map((h) => ({ document: h.document, path: h.path, message: message(monthly.message, h.params) }))).toEqual([
      {
        document: 2,
        path: 'meetingDate',
        message: '利用者「高槻　はなこ」（生年月日 平成30年4月2日）の記録書が令和8年4月に2件以上あります（1件目と重複）。地域体制強化共同支援加算は1月に1回を限度とします。',
      },
    ]);
  });
});
