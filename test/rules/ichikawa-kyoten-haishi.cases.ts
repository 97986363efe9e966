/** 拠点廃止届出書 (S002 §27): no form-specific rule; the general rules from the definition. */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'ichikawa-kyoten-haishi',
  today: '2024-06-20',
  cases: [
    { name: '記入例はそのまま提出できる', change: () => {}, errors: [], warnings: [] },
    {
      name: '届出日は西暦でも和暦でも受け付ける',
      change: (d) => (d.filedOn = '2024-06-14'),
      errors: [],
      warnings: [],
    },
    {
      name: '存在しない日付（令和6年2月30日）の届出日は提出できない',
      change: (d) => (d.filedOn = '令和6年2月30日'),
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['filedOn'] },
    },
    {
      name: 'サービス種類がないと提出できない',
      change: (d) => delete d.office.serviceType,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['office.serviceType'] },
      messages: { 'G-REQUIRED': '「サービス種類」を選んでください。' },
    },
    {
      name: '申請者の代表者がないと提出できない',
      change: (d) => (d.applicant.representative = '　'),
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['applicant.representative'] },
    },
    {
      name: '拠点の届出書にないサービス種類は選べない',
      change: (d) => (d.office.serviceType = '放課後等デイサービス'),
      errors: ['G-CHOICE'],
    },
    {
      name: '事業所番号は全角数字でも10桁なら受け付ける',
      change: (d) => (d.office.number = '１２３３５０１１８７'),
      errors: [],
      warnings: [],
    },
    {
      name: '事業所番号が10桁でないと提出できない',
      change: (d) => (d.office.number = '12335011870'),
      errors: ['G-OFFICE-NUMBER'],
    },
    {
      name: '郵便番号が7桁でないと提出できない',
      change: (d) => (d.office.postalCode = '272-013'),
      errors: ['G-POSTAL'],
    },
    {
      name: '廃止届出書にない項目（電話番号）は受け付けない',
      change: (d) => (d.office.tel = '047-356-0000'),
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['office.tel'] },
    },
  ],
} satisfies CaseTable;
