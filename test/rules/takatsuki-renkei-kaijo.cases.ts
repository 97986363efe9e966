/**
 * Cases of takatsuki-renkei-kaijo (S000 Q10, Q12). Only the general rules apply to the (解除)確認書: it carries no office list,
 * no セルフプラン/同意 and no 新規・変更 (see src/rules/takatsuki-renkei-kaijo.ts). The example: 令和6年7月5日 提出, the child
 * now uses only the core すずらん 上牧, 解除希望日 令和6年7月31日.
 */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'takatsuki-renkei-kaijo',
  today: '2024-07-10',
  cases: [
    {
      name: '記入例は誤りも注意もなく受け付けられる',
      change: () => {},
      errors: [],
      warnings: [],
      computed: {},
    },
    {
      name: '解除の理由が空欄なら提出できない',
      change: (d) => {
        d.reason = '';
      },
      errors: ['G-REQUIRED'],
      messages: { 'G-REQUIRED': '「解除の理由」を入力してください。' },
      paths: { 'G-REQUIRED': ['reason'] },
    },
    {
      name: '解除希望日が書かれていなければ提出できない',
      change: (d) => {
        delete d.requestedOn;
      },
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['requestedOn'] },
    },
    {
      name: '解除希望日に存在しない日（令和6年6月31日）は受け付けない',
      change: (d) => {
        d.requestedOn = '令和6年6月31日';
      },
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['requestedOn'] },
    },
    {
      name: '提出日を西暦で書いても和暦の略記（R6.7.5）で書いても受け付ける',
      change: (d) => {
        d.filedOn = 'R6.7.5';
        d.requestedOn = '2024-08-31';
      },
      errors: [],
      warnings: [],
    },
    {
      name: 'コア連携事業所の事業所番号が10桁でなければ受け付けない',
      change: (d) => {
        d.core.number = '275210094';
      },
      errors: ['G-OFFICE-NUMBER'],
      messages: { 'G-OFFICE-NUMBER': '「コア連携事業所 事業所番号」は10桁の数字で入力してください（入力された値：「275210094」）。' },
    },
    {
      name: '様式1の利用事業所の一覧は解除確認書にない項目なので、黙って捨てずに誤りとする',
      change: (d) => {
        d.offices = [{ name: '放課後等デイサービス にじいろ 高槻駅前' }];
      },
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['offices'] },
    },
    {
      name: 'ふりがなにひらがな以外（英字）が混じっていれば受け付けない',
      change: (d) => {
        d.child.kana = 'karasaki ひなの';
      },
      errors: ['G-KANA'],
    },
  ],
} satisfies CaseTable;
