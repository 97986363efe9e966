/**
 * Cases of ichikawa-taisei-kyoka-todokede — 市川市地域体制強化共同支援加算に関する届出書 (S002 §27; §25, §6-5).
 * The example: a 計画相談支援・障害児相談支援 office with all three confirmations ticked and described, filed on 令和6年6月14日
 * (→ 算定開始月 2024-07).
 */
import type { CaseTable } from './case-table.ts';

const CONFIRM_PATHS = [
  'consultationSystem.checked',
  'consultationSystem.detail',
  'emergencyContact.checked',
  'emergencyContact.detail',
  'councilParticipation.checked',
  'councilParticipation.detail',
];

export default {
  form: 'ichikawa-taisei-kyoka-todokede',
  today: '2024-06-20',
  cases: [
    {
      name: '記入例はそのまま提出でき、6月14日の届出なので7月サービス提供分から算定できる',
      change: () => {},
      errors: [],
      warnings: [],
      computed: { billingStartMonth: '2024-07' },
    },

    /* ---- TT-SERVICE: 計画相談支援 / 障害児相談支援 を1つ以上 ---- */
    {
      name: 'サービス種類に1つもチェックがないと提出できない',
      change: (d) => (d.office.serviceTypes = []),
      errors: ['TT-SERVICE'],
      messages: {
        'TT-SERVICE': '「サービス種類」で「計画相談支援」又は「障害児相談支援」を1つ以上選んでください（この加算はこの2つのサービスだけが算定できます）。',
      },
      paths: { 'TT-SERVICE': ['office.serviceTypes'] },
    },
    {
      name: 'サービス種類の欄がなくても、選ぶよう求める',
      change: (d) => delete d.office.serviceTypes,
      errors: ['TT-SERVICE'],
      paths: { 'TT-SERVICE': ['office.serviceTypes'] },
    },
    {
      name: '障害児相談支援だけにチェックがあれば提出できる',
      change: (d) => (d.office.serviceTypes = ['障害児相談支援']),
      errors: [],
    },
    {
      name: '計画相談支援だけにチェックがあれば提出できる',
      change: (d) => (d.office.serviceTypes = ['計画相談支援']),
      errors: [],
    },
    {
      name: '2つ以外のサービス（居宅介護）は選べず、相談支援のサービスが選ばれていないことも示す',
      change: (d) => (d.office.serviceTypes = ['居宅介護']),
      errors: ['G-CHOICE', 'TT-SERVICE'],
      paths: { 'G-CHOICE': ['office.serviceTypes.0'], 'TT-SERVICE': ['office.serviceTypes'] },
    },

    /* ---- TT-CONFIRM: 3つの確認事項すべてにチェックと記載 ---- */
    {
      name: '協議する体制の確認事項にチェックがないと提出できない',
      change: (d) => (d.consultationSystem.checked = false),
      errors: ['TT-CONFIRM'],
      messages: {
        'TT-CONFIRM':
          '確認事項「支援が必要な方への対応について拠点関係機関と協議する体制」にチェックがありません。この届出は3つの確認事項の全てに該当する事業所が行うものです。該当することを確かめてチェックを付けてください。',
      },
      paths: { 'TT-CONFIRM': ['consultationSystem.checked'] },
    },
    {
      name: '緊急時の連絡体制の下欄が空白（全角スペースだけ）だと提出できない',
      change: (d) => (d.emergencyContact.detail = '　'),
      errors: ['TT-CONFIRM'],
      messages: { 'TT-CONFIRM': '確認事項「緊急時に連絡をとれる体制」の下欄に、具体的な確保の状況を記入してください。' },
      paths: { 'TT-CONFIRM': ['emergencyContact.detail'] },
    },
    {
      name: '協議会への参画の欄がまるごとないと、チェックと会議名の両方を求める',
      change: (d) => delete d.councilParticipation,
      errors: ['TT-CONFIRM'],
      messages: {
        'TT-CONFIRM':
          '確認事項「市川市自立支援協議会への定期的な参画」にチェックがありません。この届出は3つの確認事項の全てに該当する事業所が行うものです。該当することを確かめてチェックを付けてください。',
      },
      paths: { 'TT-CONFIRM': ['councilParticipation.checked', 'councilParticipation.detail'] },
    },
    {
      name: '会議名を書いてもチェックがなければ提出できない',
      change: (d) => delete d.councilParticipation.checked,
      errors: ['TT-CONFIRM'],
      paths: { 'TT-CONFIRM': ['councilParticipation.checked'] },
    },
    {
      name: '3つの確認事項がどれもチェックも記載もなければ、6か所すべてを示す',
      change: (d) => {
        for (const key of ['consultationSystem', 'emergencyContact', 'councilParticipation']) d[key] = { checked: false, detail: '' };
      },
      errors: ['TT-CONFIRM'],
      paths: { 'TT-CONFIRM': CONFIRM_PATHS },
    },
    {
      name: 'チェックがあり下欄に会議名が短く書かれていれば足りる',
      change: (d) => (d.councilParticipation = { checked: true, detail: '相談支援部会' }),
      errors: [],
    },

    /* ---- F-START: 算定開始月 (S002 §6-5) ---- */
    {
      name: '15日の届出（和暦で入力）は翌月サービス提供分から算定できる',
      change: (d) => (d.filedOn = '令和6年6月15日'),
      errors: [],
      computed: { billingStartMonth: '2024-07' },
    },
    {
      name: '16日の届出は翌々月サービス提供分から算定できる',
      change: (d) => (d.filedOn = '2024-06-16'),
      errors: [],
      computed: { billingStartMonth: '2024-08' },
    },
    {
      name: '12月16日の届出は翌年2月サービス提供分から算定できる',
      change: (d) => (d.filedOn = 'R6.12.16'),
      errors: [],
      computed: { billingStartMonth: '2025-02' },
    },
    {
      name: '入力された算定開始月が届出日から求めた月と違えば誤りとする',
      change: (d) => (d.billingStartMonth = '2024-06'),
      errors: ['F-START'],
      messages: {
        'F-START': '「算定開始月」は入力された値 2024-06 ではなく、記入内容から計算すると 2024-07 です。値を消すか、計算のもとになる記入内容を確認してください。',
      },
      paths: { 'F-START': ['billingStartMonth'] },
    },

    /* ---- general checks ---- */
    {
      name: '存在しない届出日（令和6年6月31日）は誤りとし、算定開始月も求めない',
      change: (d) => (d.filedOn = '令和6年6月31日'),
      errors: ['G-DATE'],
      computed: { billingStartMonth: undefined },
      messages: { 'G-DATE': '「届出日」の「令和6年6月31日」は存在しない日付です。正しい日付（例：令和6年5月1日、2024-05-01）を入力してください。' },
    },
    {
      name: '届出日がなければ入力を求める',
      change: (d) => delete d.filedOn,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['filedOn'] },
    },
    {
      name: '事業所名が空欄なら入力を求める',
      change: (d) => (d.office.name = ' '),
      errors: ['G-REQUIRED'],
      messages: { 'G-REQUIRED': '「事業所名」を入力してください。' },
      paths: { 'G-REQUIRED': ['office.name'] },
    },
    {
      name: 'FAX 番号とメールアドレスは空欄でもよい',
      change: (d) => {
        delete d.office.fax;
        delete d.office.email;
      },
      errors: [],
    },
    {
      name: '事業所番号が9桁なら誤りとする',
      change: (d) => (d.office.number = '123210045'),
      errors: ['G-OFFICE-NUMBER'],
    },
    {
      name: '全角数字の事業所番号と郵便番号は半角に直して受け付ける',
      change: (d) => {
        d.office.number = '１２３２１００４５７';
        d.office.postalCode = '２７２－００２３';
      },
      errors: [],
    },
    {
      name: '様式にない項目（担う機能）があれば誤りとする',
      change: (d) => (d.functions = ['consultation']),
      errors: ['G-UNKNOWN'],
      messages: { 'G-UNKNOWN': '「functions」はこの様式にない項目です。項目名の誤りがないか確認し、不要なら削除してください。' },
      paths: { 'G-UNKNOWN': ['functions'] },
    },
    {
      name: '確認事項の中の様式にない項目も誤りとする',
      change: (d) => (d.emergencyContact.note = '夜間は転送'),
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['emergencyContact.note'] },
    },
  ],
} satisfies CaseTable;
