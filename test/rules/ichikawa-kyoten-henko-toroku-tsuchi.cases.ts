/** 拠点変更登録通知書 (S002 §27, §4-3): N-DATES against the 変更届出, and the general rules. */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'ichikawa-kyoten-henko-toroku-tsuchi',
  today: '2024-07-10',
  cases: [
    {
      name: '記入例はそのまま発行できる（変更届出のあった日は文中に和暦で入る）',
      change: () => {},
      errors: [],
      warnings: [],
    },
    {
      name: '位置付けた日が変更届出のあった日より前だと発行できない（当初の位置付けの日ではなく、変更を登録した日を書く）',
      change: (d) => (d.designatedOn = '令和6年4月1日'),
      errors: ['N-DATES'],
      paths: { 'N-DATES': ['designatedOn'] },
      messages: {
        'N-DATES': '「位置付けた日」（令和6年4月1日）が届出のあった日（令和6年6月17日）より前になっています。届出を受けた日以後の日付にしてください。',
      },
    },
    {
      name: '変更届出を受けたその日に位置付けることはできる',
      change: (d) => (d.designatedOn = '2024-06-17'),
      errors: [],
    },
    {
      name: '通知日が変更届出のあった日より前だと発行できない',
      change: (d) => (d.issuedOn = '令和6年6月16日'),
      errors: ['N-DATES'],
      paths: { 'N-DATES': ['issuedOn'] },
    },
    {
      name: '日付は和暦（R6.7.1）でも受け付ける',
      change: (d) => (d.designatedOn = 'R6.7.1'),
      errors: [],
      warnings: [],
    },
    {
      name: '存在しない日付（令和6年2月30日）の通知日は発行できない',
      change: (d) => (d.issuedOn = '令和6年2月30日'),
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['issuedOn'] },
    },
    {
      name: '宛名がないと発行できない',
      change: (d) => (d.addressee = ''),
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['addressee'] },
      messages: { 'G-REQUIRED': '「宛名」を入力してください。' },
    },
    {
      name: '変更届出書の変更前・変更後の形（changes）は通知書にはない',
      change: (d) => (d.changes = { tel: { before: '047-378-2200', after: '047-378-2210' } }),
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['changes'] },
    },
  ],
} satisfies CaseTable;
