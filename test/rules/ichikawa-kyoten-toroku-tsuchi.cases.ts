/** 拠点登録通知書 (S002 §27, §4-3): N-DATES and the general rules, against the valid example notice. */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'ichikawa-kyoten-toroku-tsuchi',
  today: '2024-07-10',
  cases: [
    {
      name: '記入例はそのまま発行できる（届出のあった日は文中に和暦で入る）',
      change: () => {},
      errors: [],
      warnings: [],
    },
    {
      name: '位置付けた日が届出のあった日より前だと発行できない',
      change: (d) => (d.designatedOn = '令和6年5月14日'),
      errors: ['N-DATES'],
      paths: { 'N-DATES': ['designatedOn'] },
      messages: {
        'N-DATES': '「位置付けた日」（令和6年5月14日）が届出のあった日（令和6年5月15日）より前になっています。届出を受けた日以後の日付にしてください。',
      },
    },
    {
      name: '届出を受けたその日に位置付けることはできる',
      change: (d) => (d.designatedOn = '令和6年5月15日'),
      errors: [],
      warnings: [],
    },
    {
      name: '通知日が届出のあった日より前だと発行できない',
      change: (d) => (d.issuedOn = '2024-05-10'),
      errors: ['N-DATES'],
      paths: { 'N-DATES': ['issuedOn'] },
      messages: {
        'N-DATES': '「通知日」（令和6年5月10日）が届出のあった日（令和6年5月15日）より前になっています。届出を受けた日以後の日付にしてください。',
      },
    },
    {
      name: '位置付けた日も通知日も届出より前なら、両方を指摘する',
      change: (d) => {
        d.designatedOn = '令和6年5月1日';
        d.issuedOn = '令和6年5月1日';
      },
      errors: ['N-DATES'],
      paths: { 'N-DATES': ['designatedOn', 'issuedOn'] },
    },
    {
      name: '通知日が届出を受けたその日なら発行できる',
      change: (d) => (d.issuedOn = '令和6年5月15日'),
      errors: [],
    },
    {
      name: '日付は西暦でも和暦（R6.6.1）でも受け付ける',
      change: (d) => {
        d.designatedOn = 'R6.6.1';
        d.filedOn = '令和6年5月15日';
      },
      errors: [],
      warnings: [],
    },
    {
      name: '存在しない日付（令和6年6月31日）の位置付けた日は発行できない',
      change: (d) => (d.designatedOn = '令和6年6月31日'),
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['designatedOn'] },
    },
    {
      name: '位置付けた日がないと発行できない',
      change: (d) => delete d.designatedOn,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['designatedOn'] },
      messages: { 'G-REQUIRED': '「位置付けた日」を入力してください。' },
    },
    {
      name: '担う機能が1つもないと発行できない',
      change: (d) => (d.functions = []),
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['functions'] },
    },
    {
      name: '届出のあった日がないと文が書けないので発行できない',
      change: (d) => delete d.filedOn,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['filedOn'] },
    },
    {
      name: '公印を省略する（押印廃止）指定は受け付ける',
      change: (d) => (d.noSeal = true),
      errors: [],
      warnings: [],
    },
    {
      name: '通知書にない項目（メールアドレス）は受け付けない',
      change: (d) => (d.office.email = 'shortstay@midorinomori.example.jp'),
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['office.email'] },
    },
  ],
} satisfies CaseTable;
