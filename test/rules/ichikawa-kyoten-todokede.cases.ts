/** 拠点届出書 (S002 §27): named cases per rule, against the valid example. */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'ichikawa-kyoten-todokede',
  today: '2024-05-20',
  cases: [
    {
      name: '記入例はそのまま提出でき、短期入所の加算の算定開始月は千葉県への届出で決まると知らせる（この届出日からは求めない）',
      change: () => {},
      errors: [],
      warnings: ['F-START-PREF'],
      computed: { billingStartMonth: undefined },
      messages: { 'F-START-PREF': '「短期入所」の指定権者は千葉県です。その加算の算定開始月は、この届出の日ではなく、市川市から交付される登録通知書を添付して千葉県に届け出た日で決まります（15日以前の届出は翌月、16日以降は翌々月のサービス提供分から）。' },
      paths: { 'F-START-PREF': ['office.serviceType'] },
    },
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
      warnings: ['KT-FUNCTION-FIT', 'F-START-PREF'],
      messages: {
        'KT-FUNCTION-FIT': '緊急時対応加算の算定には、通常「緊急時の対応機能」を担う旨を運営規程に定めます（しおり§7）。担う機能の選択を確認してください。',
      },
    },
    {
      name: '短期入所では緊急時対応加算を算定できないので確認を促す',
      change: (d) => (d.targetAdditions = ['kinkyu-taio']),
      errors: [],
      warnings: ['KT-SERVICE-FIT', 'F-START-PREF'],
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

    /* ---- F-START / F-START-PREF: 算定開始月は指定権者への届出日で決まる (S002 §6-5) ---- */
    ...(['計画相談支援', '障害児相談支援'] as const).flatMap((service) => [
      {
        name: `${service}は市川市への届出がそのまま指定権者への届出になるので、15日の届出は翌月サービス提供分から算定できる`,
        change: (d: any) => {
          d.office.serviceType = service;
          d.functions = ['consultation'];
          delete d.emergencyAcceptance;
          d.targetAdditions = ['sodan-kyoka'];
          d.filedOn = '令和6年5月15日';
        },
        errors: [],
        warnings: ['KT-FUNCTION-FIT'],
        computed: { billingStartMonth: '2024-06' },
      },
      {
        name: `${service}で16日に届け出れば翌々月サービス提供分から算定できる`,
        change: (d: any) => {
          d.office.serviceType = service;
          d.functions = ['consultation', 'emergencyResponse'];
          delete d.emergencyAcceptance;
          d.targetAdditions = ['sodan-kyoka'];
          d.filedOn = '2024-05-16';
        },
        errors: [],
        warnings: [],
        computed: { billingStartMonth: '2024-07' },
      },
    ]),
    {
      name: '計画相談支援でも存在しない届出日からは算定開始月を求めない',
      change: (d) => {
        d.office.serviceType = '計画相談支援';
        d.filedOn = '令和6年2月30日';
      },
      errors: ['G-DATE'],
      computed: { billingStartMonth: undefined },
    },
    ...(['自立生活援助', '地域移行支援', '地域定着支援'] as const).map((service) => ({
      name: `${service}は千葉県が指定するので、算定開始月を市川市への届出日から求めず、千葉県への届出で決まると知らせる`,
      change: (d: any) => {
        d.office.serviceType = service;
        d.functions = ['emergencyAcceptance', 'emergencyResponse', 'experience'];
        d.targetAdditions = ['kino-kyoka'];
        d.filedOn = '令和6年5月10日';
      },
      errors: [],
      warnings: ['F-START-PREF'],
      computed: { billingStartMonth: undefined },
      messages: { 'F-START-PREF': `「${service}」の指定権者は千葉県です。その加算の算定開始月は、この届出の日ではなく、市川市から交付される登録通知書を添付して千葉県に届け出た日で決まります（15日以前の届出は翌月、16日以降は翌々月のサービス提供分から）。` },
    })),
    {
      name: '届出の目的とする加算がなければ、算定開始月の知らせは出さない',
      change: (d) => (d.targetAdditions = []),
      errors: [],
      warnings: [],
    },
    {
      name: 'サービス種類が一覧にないと選択肢を示して誤りとする',
      change: (d) => (d.office.serviceType = '訪問介護'),
      errors: ['G-CHOICE'],
    },
  ],
} satisfies CaseTable;
