/** 拠点届出書 (S002 §27): named cases per rule, against the valid example. */
import type { CaseTable, RuleCase } from './case-table.ts';

/**
 * KT-FUNCTION-FIT cites the 「運営規程への記載」 subsection the seed gives for each addition and service (S002 §7-5 … §26-9).
 * 機能強化加算 cites §26-9 for every service: the service chapters (§20–§22) only say 「後述の26を参照」.
 */
const CHARTER: [addition: string, name: string, fn: string, services: [string, string][]][] = [
  ['kinkyu-taio', '緊急時対応加算', '緊急時の対応機能', [['居宅介護', '§7-5'], ['重度訪問介護', '§8-5'], ['同行援護', '§9-5'], ['行動援護', '§10-5']]],
  [
    'kinkyu-ukeire',
    '緊急時受入加算',
    '緊急時の受け入れ・対応機能',
    [['生活介護', '§11-8'], ['自立訓練（機能訓練）', '§15-8'], ['自立訓練（生活訓練）', '§16-8'], ['就労移行支援', '§17-8'], ['就労継続支援A型', '§18-8'], ['就労継続支援B型', '§19-8']],
  ],
  ['tanki-kyoten', '短期入所の拠点等である場合の加算', '緊急時の受け入れ・対応機能', [['短期入所', '§12-6']]],
  ['hokatsu-kyoten', '重度障害者等包括支援の拠点等の加算', '緊急時の受け入れ・対応機能', [['重度障害者等包括支援', '§13-5']]],
  ['chiiki-iko-sokushin', '地域移行促進加算', '体験の機会・場の提供機能', [['施設入所支援', '§14-6']]],
  ['kinkyu-shien', '緊急時支援加算(Ⅰ)・緊急時支援費(Ⅰ)', '緊急時の対応機能', [['自立生活援助', '§20-5'], ['地域定着支援', '§22-5']]],
  ['chiiki-iko-taiken', '体験利用加算・体験宿泊加算', '体験の機会・場の提供機能', [['地域移行支援', '§21-6']]],
  ['kino-kyoka-gata', '機能強化型（継続）サービス利用支援費・障害児支援利用援助費', '相談機能', [['計画相談支援', '§23'], ['障害児相談支援', '§23']]],
  ['sodan-kyoka', '地域生活支援拠点等相談強化加算', '相談機能', [['計画相談支援', '§24-6'], ['障害児相談支援', '§24-6']]],
  ['taisei-kyoka', '地域体制強化共同支援加算', '相談機能', [['計画相談支援', '§25-7'], ['障害児相談支援', '§25-7']]],
  [
    'kino-kyoka',
    '地域生活支援拠点等機能強化加算',
    '',
    [['計画相談支援', '§26-9'], ['障害児相談支援', '§26-9'], ['自立生活援助', '§26-9'], ['地域移行支援', '§26-9'], ['地域定着支援', '§26-9']],
  ],
];
// §26-9: the function 機能強化加算 names depends on the service.
const KINO_KYOKA_FUNCTION: Record<string, string> = {
  計画相談支援: '相談機能',
  障害児相談支援: '相談機能',
  自立生活援助: '緊急時の対応機能',
  地域移行支援: '体験の機会・場の提供機能',
  地域定着支援: '緊急時の対応機能',
};

const charterCases: RuleCase[] = CHARTER.flatMap(([id, name, fn, services]) =>
  services.map(([service, section]): RuleCase => ({
    name: `${service}が${name}を届け出るのに、通常担う機能を選んでいなければ、しおり${section}の「運営規程への記載」を示して確認を促す`,
    change: (d) => {
      d.office.serviceType = service;
      d.functions = ['specialistTraining'];
      delete d.emergencyAcceptance;
      d.targetAdditions = [id];
    },
    errors: [],
    warnings: ['KT-FUNCTION-FIT'],
    messages: {
      'KT-FUNCTION-FIT': `${name}の算定には、通常「${fn || KINO_KYOKA_FUNCTION[service]}」を担う旨を運営規程に定めます（しおり${section}「運営規程への記載」）。担う機能の選択を確認してください。`,
    },
  })),
);

export default {
  form: 'ichikawa-kyoten-todokede',
  today: '2024-05-20',
  cases: [
    { name: '記入例はそのまま提出できる', change: () => {}, errors: [], warnings: [] },
    {
      name: '担う機能を1つも選ばないと提出できない',
      change: (d) => {
        d.functions = [];
        delete d.emergencyAcceptance;
      },
      errors: ['KT-FUNCTIONS'],
      messages: { 'KT-FUNCTIONS': '「地域生活支援拠点等として担う機能」を1つ以上選んでください。' },
    },
    {
      name: '緊急時の受け入れ・対応機能を選んで別紙がないと提出できない',
      change: (d) => delete d.emergencyAcceptance,
      errors: ['KT-BESSHI'],
      messages: { 'KT-BESSHI': '「緊急時の受け入れ・対応機能」を選んだ場合は、別紙「緊急時に受入れ可能な障がいの種類」を記入してください。' },
    },
    {
      name: '別紙の行に受入可も受入不可も付いていないと提出できない',
      change: (d) => (d.emergencyAcceptance.visual = { note: '' }),
      errors: ['KT-BESSHI'],
      paths: { 'KT-BESSHI': ['emergencyAcceptance.visual'] },
      messages: { 'KT-BESSHI': '別紙の「視覚」の行で、受入可（者・児）又は受入不可のいずれかを選んでください。' },
    },
    {
      name: '別紙の同じ行で受入可と受入不可の両方に印があると提出できない',
      change: (d) => (d.emergencyAcceptance.mental = { adult: true, notAccepted: true }),
      errors: ['KT-BESSHI'],
      paths: { 'KT-BESSHI': ['emergencyAcceptance.mental'] },
    },
    {
      name: '緊急時の受け入れ・対応機能を選ばずに別紙を書くと確認を促す',
      change: (d) => {
        d.functions = ['experience'];
        d.targetAdditions = [];
      },
      errors: [],
      warnings: ['KT-BESSHI-UNUSED'],
    },
    {
      name: '連携担当者の氏名がないと提出できない',
      change: (d) => (d.liaisons = []),
      errors: ['KT-LIAISON'],
      paths: { 'KT-LIAISON': ['liaisons'] },
    },
    {
      name: '相談強化加算と地域体制強化共同支援加算のためだけの届出なら連携担当者は記入不要',
      change: (d) => {
        d.office.serviceType = '計画相談支援';
        d.functions = ['consultation', 'emergencyResponse'];
        delete d.emergencyAcceptance;
        d.targetAdditions = ['sodan-kyoka', 'taisei-kyoka'];
        d.liaisons = [];
      },
      errors: [],
      warnings: [],
    },
    {
      name: '記入不要の加算と他の加算を併せて届け出るときは連携担当者が必要',
      change: (d) => {
        d.targetAdditions = ['tanki-kyoten', 'kino-kyoka'];
        d.liaisons = [];
      },
      errors: ['KT-LIAISON'],
    },
    {
      name: '緊急時対応加算を届け出るのに緊急時の対応機能を選んでいないと確認を促す',
      change: (d) => {
        d.office.serviceType = '居宅介護';
        d.functions = ['consultation'];
        delete d.emergencyAcceptance;
        d.targetAdditions = ['kinkyu-taio'];
      },
      errors: [],
      warnings: ['KT-FUNCTION-FIT'],
      messages: {
        'KT-FUNCTION-FIT': '緊急時対応加算の算定には、通常「緊急時の対応機能」を担う旨を運営規程に定めます（しおり§7-5「運営規程への記載」）。担う機能の選択を確認してください。',
      },
    },
    ...charterCases,
    {
      name: '短期入所では機能強化加算を算定できないので、機能強化加算の章（しおり§26）を示して確認を促す',
      change: (d) => (d.targetAdditions = ['kino-kyoka']),
      errors: [],
      warnings: ['KT-SERVICE-FIT'],
      messages: {
        'KT-SERVICE-FIT': 'サービス種類「短期入所」では地域生活支援拠点等機能強化加算を算定できません（しおり§26）。届出の目的又はサービス種類を確認してください。',
      },
    },
    {
      name: '短期入所では緊急時対応加算を算定できないので確認を促す',
      change: (d) => (d.targetAdditions = ['kinkyu-taio']),
      errors: [],
      warnings: ['KT-SERVICE-FIT'],
      messages: {
        'KT-SERVICE-FIT': 'サービス種類「短期入所」では緊急時対応加算を算定できません（しおり§7・§8・§9・§10）。届出の目的又はサービス種類を確認してください。',
      },
    },
    {
      name: '届出日は和暦でも入力でき、元年も読める',
      change: (d) => (d.filedOn = '令和元年5月7日'),
      errors: [],
    },
    {
      name: '存在しない日付（令和6年2月30日）は誤り',
      change: (d) => (d.filedOn = '令和6年2月30日'),
      errors: ['G-DATE'],
      messages: { 'G-DATE': '「届出日」の「令和6年2月30日」は存在しない日付です。正しい日付（例：令和6年5月1日、2024-05-01）を入力してください。' },
    },
    { name: '令和6年2月29日は正しい日付', change: (d) => (d.filedOn = '令和6年2月29日'), errors: [] },
    {
      name: '全角数字の事業所番号は半角に直して受け付ける',
      change: (d) => (d.office.number = '１２１２３４５６７８'),
      errors: [],
    },
    {
      name: '事業所番号が9桁だと誤り',
      change: (d) => (d.office.number = '121234567'),
      errors: ['G-OFFICE-NUMBER'],
      messages: { 'G-OFFICE-NUMBER': '「事業所番号」は10桁の数字で入力してください（入力された値：「121234567」）。' },
    },
    { name: '郵便番号が6桁だと誤り', change: (d) => (d.office.postalCode = '272-002'), errors: ['G-POSTAL'] },
    {
      name: '申請者の名称がないと提出できない',
      change: (d) => (d.applicant.name = '　'),
      errors: ['G-REQUIRED'],
      messages: { 'G-REQUIRED': '「申請者 名称」を入力してください。' },
    },
    {
      name: '申請者の欄をまるごと欠くと3項目それぞれを指摘する',
      change: (d) => delete d.applicant,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['applicant.address', 'applicant.name', 'applicant.representative'] },
    },
    {
      name: '様式にない項目は黙って捨てずに指摘する',
      change: (d) => (d.office.faxNumber = '047-000-0000'),
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['office.faxNumber'] },
    },
    {
      name: 'サービス種類が一覧にないと選択肢を示して誤りとする',
      change: (d) => (d.office.serviceType = '訪問介護'),
      errors: ['G-CHOICE'],
    },
  ],
} satisfies CaseTable;
