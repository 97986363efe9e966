/** 拠点廃止通知書 (S002 §27, §4-3): N-DATES against the 廃止届出, and the general rules. */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'ichikawa-kyoten-haishi-tsuchi',
  today: '2024-07-10',
  cases: [
    { name: '記入例はそのまま発行できる', change: () => {}, errors: [], warnings: [] },
    {
      name: '位置付けを廃止した日が廃止届出のあった日より前だと発行できない',
      change: (d) => (d.abolishedOn = '令和6年6月13日'),
      errors: ['N-DATES'],
      paths: { 'N-DATES': ['abolishedOn'] },
      messages: {
        'N-DATES': '「位置付けを廃止した日」（令和6年6月13日）が届出のあった日（令和6年6月14日）より前になっています。届出を受けた日以後の日付にしてください。',
      },
    },
    {
      name: '廃止届出を受けたその日に廃止することはできる',
      change: (d) => (d.abolishedOn = '令和6年6月14日'),
      errors: [],
      warnings: [],
    },
    {
      name: '通知日が廃止届出のあった日より前だと発行できない',
      change: (d) => (d.issuedOn = '2024-06-01'),
      errors: ['N-DATES'],
      paths: { 'N-DATES': ['issuedOn'] },
    },
    {
      name: '廃止届出のあった日は印刷しないが、日付の確認のために必要',
      change: (d) => delete d.filedOn,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['filedOn'] },
    },
    {
      name: '日付は和暦（R6.6.20）でも受け付ける',
      change: (d) => (d.abolishedOn = 'R6.6.20'),
      errors: [],
      warnings: [],
    },
    {
      name: '存在しない日付（令和6年6月31日）の位置付けを廃止した日は発行できない',
      change: (d) => (d.abolishedOn = '令和6年6月31日'),
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['abolishedOn'] },
    },
    {
      name: '位置付けを廃止した日がないと発行できない',
      change: (d) => delete d.abolishedOn,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['abolishedOn'] },
      messages: { 'G-REQUIRED': '「位置付けを廃止した日」を入力してください。' },
    },
    {
      name: '廃止通知書には位置付けた日の欄がない',
      change: (d) => (d.designatedOn = '令和6年4月1日'),
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['designatedOn'] },
    },
  ],
} satisfies CaseTable;
