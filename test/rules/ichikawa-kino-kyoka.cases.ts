/**
 * Cases of ichikawa-kino-kyoka (S002 §26, §27). The example: two 常勤・専従 coordinators → (b) 200 回; allocations 120 + 40 +
 * 15 + 25 = 200 回 over three 事業所 (相互に連携して運営). KK-CITY warns on every filing (S002 §26), the example included.
 *
 * The form prints no date (the seed prints none; the 届出日 is on the 拠点等届出書 it is filed with); the unprinted `filedOn`
 * (令和6年6月10日 in the example) only derives the 算定開始月 (F-START, S002 §6-5). 全角数字 normalisation of a count is
 * checked too.
 */
import type { CaseTable } from './case-table.ts';

const CITY = ['KK-CITY'];

export default {
  form: 'ichikawa-kino-kyoka',
  today: '2024-06-20',
  cases: [
    {
      name: '記入例は誤りなく受け付けられ、(a) 2名・(b) 200回・(c) 200回で確認欄は OK になる（市川市の体制に関する注意は常に出る）',
      change: () => {},
      errors: [],
      warnings: CITY,
      computed: { a: 2, b: 200, c: 200, check: 'OK', billingStartMonth: '2024-07' },
      messages: { 'KK-CITY': '市川市では現時点で地域生活支援拠点等機能強化加算の算定を可とする体制になっていません。届出の前に市へ確認してください。' },
      paths: { 'KK-CITY': [''] },
    },

    /* ---- KK-COUNTS: (a), (b), (c), 確認 ---- */
    {
      name: '常勤・専従でない拠点コーディネーターは (a) に数えない',
      change: (d) => {
        d.coordinators.push({ office: '社会福祉法人 いちかわ福祉会 相談支援センターこうのだい', name: '真間 三郎', fullTimeDedicated: false });
      },
      errors: [],
      warnings: CITY,
      computed: { a: 2, b: 200 },
    },
    {
      name: '入力された (c) 999 が記入内容から計算した 200 と違えば誤りとする',
      change: (d) => {
        d.c = 999;
      },
      errors: ['KK-COUNTS'],
      warnings: CITY,
      messages: {
        'KK-COUNTS': '「合計（月内算定上限）(c)」は入力された値 999 ではなく、記入内容から計算すると 200 です。値を消すか、計算のもとになる記入内容を確認してください。',
      },
      paths: { 'KK-COUNTS': ['c'] },
    },
    {
      name: '入力された (a)・(b)・(c)・確認欄が計算と一致すれば誤りとしない',
      change: (d) => {
        Object.assign(d, { a: 2, b: 200, c: 200, check: 'OK' });
      },
      errors: [],
      warnings: CITY,
    },
    {
      name: '確認欄に NG と入力されていても計算上 OK なら誤りとする',
      change: (d) => {
        d.check = 'NG';
      },
      errors: ['KK-COUNTS'],
      warnings: CITY,
      paths: { 'KK-COUNTS': ['check'] },
    },
    {
      name: '算定回数を全角数字「１２０」で入力しても 120 回として合計する',
      change: (d) => {
        d.allocations[0].count = '１２０';
      },
      errors: [],
      warnings: CITY,
      computed: { c: 200, check: 'OK' },
    },

    /* ---- KK-LIMIT: (c) ≦ (b) ---- */
    {
      name: '(a) 2名で配分の合計 (c) が 230 回なら (b) 200 回を超えるため提出できない',
      change: (d) => {
        d.allocations[0].count = 150;
      },
      errors: ['KK-LIMIT'],
      warnings: CITY,
      computed: { a: 2, b: 200, c: 230, check: 'NG' },
      messages: {
        'KK-LIMIT': '配分の合計 (c) 230 回が月内算定上限 (b) 200 回を超えています。合計を 200 回以下にするか、常勤の拠点コーディネーターの配置を見直してください。',
      },
      paths: { 'KK-LIMIT': ['allocations'] },
    },
    {
      name: '(c) が (b) をちょうど 1 回超える 201 回なら提出できない',
      change: (d) => {
        d.allocations[3].count = 26;
      },
      errors: ['KK-LIMIT'],
      warnings: CITY,
      computed: { c: 201, check: 'NG' },
    },
    {
      name: '(c) が (b) と同じ 200 回なら上限内として受け付ける',
      change: (d) => {
        d.allocations[0].count = 100;
        d.allocations[1].count = 60;
      },
      errors: [],
      warnings: CITY,
      computed: { b: 200, c: 200, check: 'OK' },
    },
    {
      name: '常勤の拠点コーディネーターが1名なら上限は 100 回で、合計 200 回は超過になる',
      change: (d) => {
        d.coordinators[1].fullTimeDedicated = false;
      },
      errors: ['KK-LIMIT'],
      warnings: CITY,
      computed: { a: 1, b: 100, c: 200, check: 'NG' },
    },

    /* ---- KK-COORDINATOR: 常勤で1名以上 ---- */
    {
      name: '非常勤2名（0.5人×2の常勤換算）だけでは常勤の拠点コーディネーターがいないため提出できない',
      change: (d) => {
        d.coordinators[0].fullTimeDedicated = false;
        d.coordinators[1].fullTimeDedicated = false;
        for (const row of d.allocations) row.count = 0;
      },
      errors: ['KK-COORDINATOR'],
      warnings: CITY,
      computed: { a: 0, b: 0, c: 0, check: 'OK' },
      messages: {
        'KK-COORDINATOR':
          '常勤で専ら拠点コーディネート業務に従事する拠点コーディネーターを1名以上配置してください（非常勤2名による常勤換算は認められません）。',
      },
      paths: { 'KK-COORDINATOR': ['coordinators'] },
    },
    {
      name: '常勤の拠点コーディネーターがいないのに配分があれば、上限 0 回の超過も示す',
      change: (d) => {
        d.coordinators[0].fullTimeDedicated = false;
        d.coordinators[1].fullTimeDedicated = false;
      },
      errors: ['KK-COORDINATOR', 'KK-LIMIT'],
      warnings: CITY,
      computed: { a: 0, b: 0, c: 200, check: 'NG' },
    },
    {
      name: '常勤の拠点コーディネーターが1名いれば配置の要件を満たす',
      change: (d) => {
        d.coordinators.splice(1, 1);
        d.allocations[0].count = 20;
      },
      errors: [],
      warnings: CITY,
      computed: { a: 1, b: 100, c: 100, check: 'OK' },
    },

    /* ---- KK-SERVICES: 4つの拠点機能強化サービスすべて ---- */
    {
      name: '配分に地域定着支援がなければ、4つのサービスがそろわないため提出できない',
      change: (d) => {
        d.allocations.splice(3, 1);
      },
      errors: ['KK-SERVICES'],
      warnings: CITY,
      messages: {
        'KK-SERVICES': '算定件数上限の配分に「地域定着支援」が含まれていません。4つの拠点機能強化サービスすべてを配分に含めてください。',
      },
      paths: { 'KK-SERVICES': ['allocations'] },
    },
    {
      name: '計画相談支援の行しかなければ、足りない3つのサービスをすべて示す',
      change: (d) => {
        d.structure = 'integrated';
        d.allocations.splice(1);
      },
      errors: ['KK-SERVICES'],
      warnings: CITY,
      messages: {
        'KK-SERVICES':
          '算定件数上限の配分に「自立生活援助」、「地域移行支援」、「地域定着支援」が含まれていません。4つの拠点機能強化サービスすべてを配分に含めてください。',
      },
    },
    {
      name: '地域定着支援の行が 0 回でも、サービスとして含まれていれば4つそろっている',
      change: (d) => {
        d.allocations[3].count = 0;
      },
      errors: [],
      warnings: CITY,
      computed: { c: 175 },
    },

    /* ---- KK-STRUCTURE: 構成形態と配分の事業所数 ---- */
    {
      name: '「同一の事業所において一体的に運営」なのに配分に複数の事業所があれば提出できない',
      change: (d) => {
        d.structure = 'integrated';
      },
      errors: ['KK-STRUCTURE'],
      warnings: CITY,
      messages: {
        'KK-STRUCTURE':
          '構成形態が「同一の事業所において一体的に運営」ですが、配分に複数の法人・事業所（社会福祉法人 いちかわ福祉会 相談支援センターこうのだい、特定非営利活動法人 ぎょうとく生活支援ネット 自立生活援助事業所ぎょうとく、特定非営利活動法人 ぎょうとく生活支援ネット 地域相談支援センターぎょうとく）があります。構成形態か配分を確認してください。',
      },
      paths: { 'KK-STRUCTURE': ['structure'] },
    },
    {
      name: '「同一の事業所において一体的に運営」で4つのサービスすべてが1つの事業所なら受け付ける（空白の違いは同じ事業所とみなす）',
      change: (d) => {
        d.structure = 'integrated';
        for (const row of d.allocations) row.office = '社会福祉法人 いちかわ福祉会 相談支援センターこうのだい';
        d.allocations[2].office = '社会福祉法人　いちかわ福祉会　相談支援センターこうのだい ';
      },
      errors: [],
      warnings: CITY,
    },
    {
      name: '「相互に連携して運営」なのに配分の事業所が1か所だけなら提出できない',
      change: (d) => {
        for (const row of d.allocations) row.office = '社会福祉法人 いちかわ福祉会 相談支援センターこうのだい';
      },
      errors: ['KK-STRUCTURE'],
      warnings: CITY,
      messages: {
        'KK-STRUCTURE': '構成形態が「相互に連携して運営」ですが、配分の法人・事業所が1か所だけです。2か所以上の事業所を記入するか、構成形態を確認してください。',
      },
    },
    {
      name: '「相互に連携して運営」で配分の事業所が2か所なら受け付ける',
      change: (d) => {
        d.allocations[1].office = d.allocations[2].office;
      },
      errors: [],
      warnings: CITY,
    },

    /* ---- F-START: 算定開始月 (S002 §6-5) ---- */
    {
      name: '拠点等届出書と併せて15日に届け出れば翌月サービス提供分から算定できる',
      change: (d) => {
        d.filedOn = '令和6年6月15日';
      },
      errors: [],
      warnings: CITY,
      computed: { billingStartMonth: '2024-07' },
    },
    {
      name: '16日の届出は翌々月サービス提供分から算定できる',
      change: (d) => {
        d.filedOn = '2024-06-16';
      },
      errors: [],
      warnings: CITY,
      computed: { billingStartMonth: '2024-08' },
    },
    {
      name: '届出日を記入しなくても提出でき、算定開始月は求めない',
      change: (d) => {
        delete d.filedOn;
      },
      errors: [],
      warnings: CITY,
      computed: { billingStartMonth: undefined },
    },
    {
      name: '存在しない届出日（令和6年2月30日）は誤りとし、算定開始月も求めない',
      change: (d) => {
        d.filedOn = '令和6年2月30日';
      },
      errors: ['G-DATE'],
      warnings: CITY,
      computed: { billingStartMonth: undefined },
    },

    /* ---- general checks ---- */
    {
      name: '事業者名が空欄なら入力を求める',
      change: (d) => {
        delete d.operatorName;
      },
      errors: ['G-REQUIRED'],
      warnings: CITY,
      messages: { 'G-REQUIRED': '「事業者名」を入力してください。' },
      paths: { 'G-REQUIRED': ['operatorName'] },
    },
    {
      name: '拠点コーディネーターの氏名が空欄なら、その行の氏名の入力を求める',
      change: (d) => {
        d.coordinators[1].name = '';
      },
      errors: ['G-REQUIRED'],
      warnings: CITY,
      paths: { 'G-REQUIRED': ['coordinators.1.name'] },
    },
    {
      name: '配分が1行もなければ入力を求める',
      change: (d) => {
        d.allocations = [];
      },
      errors: ['G-REQUIRED'],
      warnings: CITY,
      computed: { c: 0 },
    },
    {
      name: '様式にない項目（FAX番号）があれば誤りとする',
      change: (d) => {
        d.fax = '047-000-0000';
      },
      errors: ['G-UNKNOWN'],
      warnings: CITY,
      messages: { 'G-UNKNOWN': '「fax」はこの様式にない項目です。項目名の誤りがないか確認し、不要なら削除してください。' },
    },
    {
      name: '算定回数が負の数なら誤りとする',
      change: (d) => {
        d.allocations[1].count = -5;
      },
      errors: ['G-RANGE'],
      warnings: CITY,
      paths: { 'G-RANGE': ['allocations.1.count'] },
    },
    {
      name: '算定回数が整数でなければ誤りとする',
      change: (d) => {
        d.allocations[1].count = 12.5;
      },
      errors: ['G-TYPE'],
      warnings: CITY,
    },
    {
      name: '4つの拠点機能強化サービス以外のサービスは選べない',
      change: (d) => {
        d.allocations[1].service = '短期入所';
      },
      errors: ['G-CHOICE', 'KK-SERVICES'],
      warnings: CITY,
      paths: { 'G-CHOICE': ['allocations.1.service'] },
    },
  ],
} satisfies CaseTable;
