/**
 * Cases of takatsuki-renkei-kakunin (S000 Q1–Q12, Q20; S001). The example: a 変更 確認書 filed 令和6年7月3日 for a child
 * using three offices of three corporations by セルフプラン, with the guardian's consent; the core わかば 高槻南 accepted on
 * 7/1; the city received it on 7/3 → コア連携事業所としての適用 from 令和6年8月1日.
 */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'takatsuki-renkei-kakunin',
  today: '2024-07-10',
  cases: [
    {
      name: '記入例は誤りも注意もなく受け付けられ、7月3日の受理なので8月1日からコア連携事業所として適用される',
      change: () => {},
      errors: [],
      warnings: [],
      computed: { effectiveFrom: '2024-08-01' },
    },

    /* ---- RK-OFFICES ---- */
    {
      name: '利用事業所がコア連携事業所の1か所だけなら、2か所以上の併用ではないので提出できない',
      change: (d) => {
        d.offices = d.offices.slice(0, 1);
      },
      errors: ['RK-OFFICES'],
      warnings: [],
      messages: {
        'RK-OFFICES':
          '利用事業所が1か所です。事業所間連携加算は、セルフプランで2か所以上の事業所を併用する児童が対象です。利用しているすべての事業所を記入してください。',
      },
      paths: { 'RK-OFFICES': ['offices'] },
    },
    {
      name: '利用事業所がちょうど2か所（うちコア1か所、別法人）なら提出できる',
      change: (d) => {
        d.offices = d.offices.slice(0, 2);
      },
      errors: [],
      warnings: [],
    },
    {
      name: '利用事業所が1件も書かれていなければ、利用事業所の記入漏れとして扱う',
      change: (d) => {
        d.offices = [];
      },
      errors: ['G-REQUIRED'],
    },

    /* ---- RK-CORE ---- */
    {
      name: 'コア連携事業所に印のある利用事業所がなければ提出できない',
      change: (d) => {
        d.offices[0].isCore = false;
      },
      errors: ['RK-CORE'],
      warnings: [],
      messages: { 'RK-CORE': 'コア連携事業所に印のある利用事業所が0か所です。利用事業所のうち1か所だけにコア連携事業所の印を付けてください。' },
      paths: { 'RK-CORE': ['offices'] },
    },
    {
      name: 'コア連携事業所に印のある利用事業所が2か所あれば提出できない',
      change: (d) => {
        d.offices[1].isCore = true;
      },
      errors: ['RK-CORE'],
      warnings: [],
    },
    {
      name: '1か所だけの利用事業所にコアの印もなければ、2か所以上とコア1か所の両方の誤りになる',
      change: (d) => {
        d.offices = d.offices.slice(1, 2);
      },
      errors: ['RK-CORE', 'RK-OFFICES'],
    },
    {
      name: 'コア連携事業所記入欄の事業所番号が、コアに印のある利用事業所の番号と違えば提出できない',
      change: (d) => {
        d.core.number = '2752100827';
      },
      errors: ['RK-CORE'],
      warnings: [],
      messages: {
        'RK-CORE':
          'コア連携事業所記入欄の事業所番号（2752100827）が、利用事業所でコア連携事業所に印のある「放課後等デイサービス わかば 高槻南」の事業所番号（2752100512）と一致しません。どちらかを確認してください。',
      },
      paths: { 'RK-CORE': ['core.number'] },
    },
    {
      name: 'コア連携事業所記入欄の事業所番号が全角数字でも、同じ番号なら一致とみなす',
      change: (d) => {
        d.core.number = '２７５２１００５１２';
      },
      errors: [],
      warnings: [],
    },

    /* ---- RK-SAME-CORP ---- */
    {
      name: 'すべての利用事業所が同一法人の運営なら（法人名の空白の違いは同じとみなし）加算は算定できない',
      change: (d) => {
        d.offices[1].corporation = '株式会社 わかば福祉サービス';
        d.offices[2].corporation = '株式会社わかば福祉サービス';
      },
      errors: ['RK-SAME-CORP'],
      warnings: [],
      messages: { 'RK-SAME-CORP': '利用事業所のすべてが同一法人（株式会社わかば福祉サービス）の運営のため、事業所間連携加算は算定できません。' },
      paths: { 'RK-SAME-CORP': ['offices'] },
    },
    {
      name: '同一法人の事業所が2か所でも、他法人の事業所が1か所含まれていれば算定できる',
      change: (d) => {
        d.offices[1].corporation = '株式会社わかば福祉サービス';
      },
      errors: [],
      warnings: [],
    },

    /* ---- RK-SELFPLAN ---- */
    {
      name: 'セルフプランで利用している旨に印がなければ（相談支援事業所の計画で利用する児童は）提出できない',
      change: (d) => {
        d.selfPlan = false;
      },
      errors: ['RK-SELFPLAN'],
      warnings: [],
      messages: {
        'RK-SELFPLAN':
          '「セルフプランで利用している」に印がありません。事業所間連携加算は、セルフプラン（指定障害児相談支援事業者以外の者が作成する計画）で通所支援を利用する児童が対象です。',
      },
      paths: { 'RK-SELFPLAN': ['selfPlan'] },
    },
    {
      name: 'セルフプランの欄が書かれていなくても、印がないものとして提出できない',
      change: (d) => {
        delete d.selfPlan;
      },
      errors: ['RK-SELFPLAN'],
    },

    /* ---- RK-CONSENT ---- */
    {
      name: '事業所間で児童の情報を共有することへの保護者の同意がなければ提出できない',
      change: (d) => {
        d.consent = false;
      },
      errors: ['RK-CONSENT'],
      warnings: [],
      messages: {
        'RK-CONSENT':
          '「事業所間で児童の情報を共有することに同意する」に印がありません。事業所間連携加算は、保護者の同意のもとで事業所間で児童の情報を共有するものです。同意する場合に印を付けてください。',
      },
    },

    /* ---- RK-CHANGE ---- */
    {
      name: '「変更」を選んで変更内容が空欄なら提出できない',
      change: (d) => {
        d.changeDetails = '';
      },
      errors: ['RK-CHANGE'],
      warnings: [],
      messages: { 'RK-CHANGE': '「変更」を選んだ場合は、「変更内容」（変更前のコア連携事業所、利用を始めた・終えた事業所など）を記入してください。' },
      paths: { 'RK-CHANGE': ['changeDetails'] },
    },
    {
      name: '「変更」を選んで変更内容が全角空白だけでも、空欄として提出できない',
      change: (d) => {
        d.changeDetails = '　';
      },
      errors: ['RK-CHANGE'],
    },
    {
      name: '「新規」なら変更内容は空欄で提出できる',
      change: (d) => {
        d.kind = 'new';
        delete d.changeDetails;
      },
      errors: [],
      warnings: [],
    },

    /* ---- RK-EFFECTIVE ---- */
    {
      name: '月末（7月31日）に受理すれば、翌日の8月1日から適用される',
      change: (d) => {
        d.receivedOn = '2024-07-31';
      },
      errors: [],
      computed: { effectiveFrom: '2024-08-01' },
    },
    {
      name: '月の初日（8月1日）に受理すれば、その日ではなく翌月の9月1日から適用される',
      change: (d) => {
        d.receivedOn = '2024-08-01';
      },
      errors: [],
      computed: { effectiveFrom: '2024-09-01' },
    },
    {
      name: '12月に受理すれば、翌年1月1日から適用される',
      change: (d) => {
        d.receivedOn = '令和6年12月27日';
      },
      errors: [],
      computed: { effectiveFrom: '2025-01-01' },
    },
    {
      name: '受理日が和暦の略記（R6.7.31）でも読み取り、8月1日から適用される',
      change: (d) => {
        d.receivedOn = 'R6.7.31';
      },
      errors: [],
      computed: { effectiveFrom: '2024-08-01' },
    },
    {
      name: '市が受理日を記入するまでは適用開始日は決まらない（保護者の提出前の確認）',
      change: (d) => {
        delete d.receivedOn;
      },
      errors: [],
      warnings: [],
      computed: { effectiveFrom: undefined },
    },
    {
      name: '適用開始日が受理日の翌月1日と違う値で入力されていれば誤りとする',
      change: (d) => {
        d.effectiveFrom = '2024-07-03';
      },
      errors: ['RK-EFFECTIVE'],
      messages: {
        'RK-EFFECTIVE':
          '「適用開始日」は入力された値 2024-07-03 ではなく、記入内容から計算すると 2024-08-01 です。値を消すか、計算のもとになる記入内容を確認してください。',
      },
    },
    {
      name: '適用開始日が受理日の翌月1日と同じ値で入力されていれば受け付ける',
      change: (d) => {
        d.effectiveFrom = '2024-08-01';
      },
      errors: [],
      warnings: [],
    },

    /* ---- RK-DATES: 承諾日 ≤ 提出日 ≤ 受理日 (S000 Q5) ---- */
    {
      name: 'コア連携事業所の承諾日・提出日・受理日が同じ日なら受け付け、翌月1日から適用される',
      change: (d) => {
        d.core.acceptedOn = '令和6年7月3日';
      },
      errors: [],
      warnings: [],
      computed: { effectiveFrom: '2024-08-01' },
    },
    {
      name: 'コア連携事業所の承諾日が提出日より後なら誤りとし、適用開始日を求めない',
      change: (d) => {
        d.core.acceptedOn = '令和6年7月5日';
      },
      errors: ['RK-DATES'],
      computed: { effectiveFrom: undefined },
      messages: {
        'RK-DATES':
          'コア連携事業所の承諾日（令和6年7月5日）が提出日（令和6年7月3日）より後になっています。確認書はコア連携事業所の承諾を得てから提出するものです。承諾日と提出日を確認してください。',
      },
      paths: { 'RK-DATES': ['core.acceptedOn'] },
    },
    {
      name: '受理日が提出日より前なら誤りとし、その受理日から適用開始日を求めない',
      change: (d) => {
        d.receivedOn = '2024-06-28';
      },
      errors: ['RK-DATES'],
      computed: { effectiveFrom: undefined },
      messages: {
        'RK-DATES':
          '受理日（令和6年6月28日）が提出日（令和6年7月3日）より前になっています。受理日は確認書が提出された日以後の日付にしてください（適用開始日は受理日の翌月1日です）。',
      },
      paths: { 'RK-DATES': ['receivedOn'] },
    },
    {
      name: '承諾日が提出日より後で、受理日も提出日より前なら、両方を指摘する',
      change: (d) => {
        d.core.acceptedOn = '2024-07-04';
        d.receivedOn = '2024-07-02';
      },
      errors: ['RK-DATES'],
      paths: { 'RK-DATES': ['core.acceptedOn', 'receivedOn'] },
    },
    {
      name: '承諾日が存在しない日付なら、その誤りだけを示し適用開始日は求めない',
      change: (d) => {
        d.core.acceptedOn = '令和6年6月31日';
      },
      errors: ['G-DATE'],
      computed: { effectiveFrom: undefined },
    },

    /* ---- RK-DUPLICATE: 同じ事業所番号は1か所 (S000 Q1) ---- */
    {
      name: '同じ事業所（同じ事業所番号）を2行書いても2か所とは数えず、重複した行を示して提出できない',
      change: (d) => {
        d.offices = [d.offices[0], { ...d.offices[0], isCore: false }];
      },
      errors: ['RK-DUPLICATE', 'RK-OFFICES'],
      messages: {
        'RK-DUPLICATE':
          '「利用事業所」の1行目と2行目は、事業所番号「2752100512」が同じです。同じ利用事業所を2回数えることはできません。どちらかの行を削除してください。',
        'RK-OFFICES':
          '利用事業所が1か所です。事業所間連携加算は、セルフプランで2か所以上の事業所を併用する児童が対象です。利用しているすべての事業所を記入してください。',
      },
      paths: { 'RK-DUPLICATE': ['offices.1'] },
    },
    {
      name: '事業所名を書き換えても事業所番号が同じなら同じ事業所とみなす',
      change: (d) => {
        d.offices.push({ ...d.offices[1], name: 'ぽけっと 富田教室' });
      },
      errors: ['RK-DUPLICATE'],
      paths: { 'RK-DUPLICATE': ['offices.3'] },
      messages: {
        'RK-DUPLICATE':
          '「利用事業所」の2行目と4行目は、事業所番号「2752100827」が同じです。同じ利用事業所を2回数えることはできません。どちらかの行を削除してください。',
      },
    },
    {
      name: '同じコア連携事業所を2行書いても、コアの数は1か所と数える（重複の指摘だけになる）',
      change: (d) => {
        d.offices.push({ ...d.offices[0] });
      },
      errors: ['RK-DUPLICATE'],
    },

    /* ---- general ---- */
    {
      name: '児童の生年月日に存在しない日（令和6年2月30日）は受け付けない',
      change: (d) => {
        d.child.birthDate = '令和6年2月30日';
      },
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['child.birthDate'] },
    },
    {
      name: '保護者氏名が空欄なら提出できない',
      change: (d) => {
        d.guardian.name = '  ';
      },
      errors: ['G-REQUIRED'],
      messages: { 'G-REQUIRED': '「保護者氏名」を入力してください。' },
      paths: { 'G-REQUIRED': ['guardian.name'] },
    },
    {
      name: '承諾日が書かれていなければ、コア連携事業所の承諾がないものとして提出できない',
      change: (d) => {
        delete d.core.acceptedOn;
      },
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['core.acceptedOn'] },
    },
    {
      name: '様式にない項目（担当ケースワーカー）は黙って捨てずに誤りとする',
      change: (d) => {
        d.caseworker = '高槻 一郎';
      },
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['caseworker'] },
    },
    {
      name: '通所受給者証番号が9桁なら受け付けない',
      change: (d) => {
        d.child.certificateNumber = '000042861';
      },
      errors: ['G-OFFICE-NUMBER'],
      messages: { 'G-OFFICE-NUMBER': '「通所受給者証番号」は10桁の数字で入力してください（入力された値：「000042861」）。' },
    },
    {
      name: '利用事業所の事業所番号が10桁でなければ、その行を示して受け付けない',
      change: (d) => {
        d.offices[2].number = '27522001';
      },
      errors: ['G-OFFICE-NUMBER'],
      paths: { 'G-OFFICE-NUMBER': ['offices.2.number'] },
    },
    {
      name: 'サービス種類に選択肢にない値（障害児相談支援）は受け付けない',
      change: (d) => {
        d.offices[1].service = '障害児相談支援';
      },
      errors: ['G-CHOICE'],
    },
    {
      name: 'ふりがなをカタカナで書いてもひらがなに直して受け付ける',
      change: (d) => {
        d.child.kana = 'マカミ ソウタ';
      },
      errors: [],
      warnings: [],
    },
    {
      name: 'ふりがなに漢字が混じっていれば受け付けない',
      change: (d) => {
        d.child.kana = '真上 そうた';
      },
      errors: ['G-KANA'],
    },
  ],
} satisfies CaseTable;
