/**
 * Cases of takatsuki-renkei-kaigi-kiroku (S000 Q1–Q20, S001). The example: a meeting on 令和6年6月5日 of three offices of
 * three corporations — the core ひかりの森 (出席), こもれび教室 (出席) and そらいろ (欠席; 会議前 6/3 and 会議後 6/10 の情報共有
 * written); 相談援助 6/12, 従業者への共有 6/7, 記録 6/14, 提出 6/20 → (Ⅰ) 500 + (Ⅱ) 150 × 2, billable from 2024-07.
 */
import type { CaseTable } from './case-table.ts';

const CORE = { office: '放課後等デイサービス ひかりの森 高槻', number: '2752100418' };
const KOMOREBI = { office: '児童発達支援・放課後等デイサービス こもれび教室 富田', number: '2752100731' };
const SORAIRO = { office: '放課後等デイサービス そらいろ 芥川', number: '2752101029' };

export default {
  form: 'takatsuki-renkei-kaigi-kiroku',
  today: '2024-07-10',
  cases: [
    {
      name: '記入例は誤りも注意もなく受け付けられ、コア連携事業所は(Ⅰ)500単位、他の2事業所は(Ⅱ)150単位、令和6年7月から請求できる',
      change: () => {},
      errors: [],
      warnings: [],
      computed: {
        claims: [
          { ...CORE, addition: 'Ⅰ', units: 500 },
          { ...KOMOREBI, addition: 'Ⅱ', units: 150 },
          { ...SORAIRO, addition: 'Ⅱ', units: 150 },
        ],
        totalUnits: 800,
        earliestBillingMonth: '2024-07',
        submissionDeadline: '2024-06-30',
      },
    },

    /* ---- RM-OFFICES ---- */
    {
      name: '利用事業所がコア連携事業所の1か所だけなら提出できず、どの事業所も加算を算定できない',
      change: (d) => {
        d.offices = d.offices.slice(0, 1);
        d.attachments = d.attachments.slice(0, 1);
      },
      errors: ['RM-OFFICES'],
      warnings: [],
      messages: { 'RM-OFFICES': '利用事業所は2か所以上で、うちコア連携事業所はちょうど1か所にしてください（現在：1か所、コア1か所）。' },
      paths: { 'RM-OFFICES': ['offices'] },
      computed: { claims: [{ ...CORE, addition: null, units: 0, reason: 'RM-OFFICES' }], totalUnits: 0 },
    },
    {
      name: 'コア連携事業所に印のある事業所がなければ提出できない',
      change: (d) => {
        d.offices[0].isCore = false;
      },
      errors: ['RM-OFFICES'],
      warnings: [],
      messages: { 'RM-OFFICES': '利用事業所は2か所以上で、うちコア連携事業所はちょうど1か所にしてください（現在：3か所、コア0か所）。' },
    },
    {
      name: 'コア連携事業所が2か所あれば提出できない',
      change: (d) => {
        d.offices[1].isCore = true;
      },
      errors: ['RM-OFFICES'],
      warnings: [],
    },
    {
      name: '利用事業所がちょうど2か所（うちコア1か所）なら提出できる',
      change: (d) => {
        d.offices = d.offices.slice(0, 2);
        d.attachments = d.attachments.slice(0, 2);
      },
      errors: [],
      warnings: [],
      computed: { totalUnits: 650 },
    },

    /* ---- RM-SAME-CORP ---- */
    {
      name: 'すべての事業所が同一法人の運営なら（法人名の空白の違いは同じとみなし）加算は算定できない',
      change: (d) => {
        d.offices[1].corporation = '株式会社 ひかりの森';
        d.offices[2].corporation = '株式会社ひかりの森';
      },
      errors: ['RM-SAME-CORP'],
      warnings: [],
      messages: { 'RM-SAME-CORP': 'すべての事業所が同一法人（株式会社ひかりの森）の運営のため、事業所間連携加算は算定できません。' },
      paths: { 'RM-SAME-CORP': ['offices'] },
      computed: {
        claims: [
          { ...CORE, addition: null, units: 0, reason: 'RM-SAME-CORP' },
          { ...KOMOREBI, addition: null, units: 0, reason: 'RM-SAME-CORP' },
          { ...SORAIRO, addition: null, units: 0, reason: 'RM-SAME-CORP' },
        ],
        totalUnits: 0,
      },
    },
    {
      name: '同一法人の事業所が2か所でも他法人の事業所が1か所あれば、同一法人の事業所もそれぞれ算定できる',
      change: (d) => {
        d.offices[1].corporation = '株式会社ひかりの森';
      },
      errors: [],
      warnings: [],
      computed: { totalUnits: 800 },
    },

    /* ---- RM-ABSENT ---- */
    {
      name: '会議に不参加の事業所について会議後の情報共有・連絡調整が記入されていなければ、その事業所は(Ⅱ)を算定できない',
      change: (d) => {
        delete d.offices[2].after;
      },
      errors: [],
      warnings: ['RM-ABSENT'],
      messages: {
        'RM-ABSENT':
          '「放課後等デイサービス そらいろ 芥川」は会議に不参加で、会議の後の情報共有・連絡調整が記入されていないため、事業所間連携加算(Ⅱ)を算定できません。会議の後に行った情報共有・連絡調整の実施日と内容を記入してください。',
      },
      paths: { 'RM-ABSENT': ['offices.2.after'] },
      computed: {
        claims: [
          { ...CORE, addition: 'Ⅰ', units: 500 },
          { ...KOMOREBI, addition: 'Ⅱ', units: 150 },
          { ...SORAIRO, addition: null, units: 0, reason: 'RM-ABSENT' },
        ],
        totalUnits: 650,
      },
    },
    {
      name: '会議に不参加の事業所について会議前も会議後も記入がなければ、前後とも欠けていると知らせる',
      change: (d) => {
        delete d.offices[2].before;
        delete d.offices[2].after;
      },
      errors: [],
      warnings: ['RM-ABSENT'],
      messages: {
        'RM-ABSENT':
          '「放課後等デイサービス そらいろ 芥川」は会議に不参加で、会議の前後の情報共有・連絡調整が記入されていないため、事業所間連携加算(Ⅱ)を算定できません。会議の前後に行った情報共有・連絡調整の実施日と内容を記入してください。',
      },
      paths: { 'RM-ABSENT': ['offices.2'] },
    },
    {
      name: '会議前の情報共有として会議の翌日の日付が書かれていれば、会議前の情報共有とは認めず、どの日付が開催日の後かを示す',
      change: (d) => {
        d.offices[2].before.date = '2024-06-06';
      },
      errors: [],
      warnings: ['RM-ABSENT'],
      messages: {
        'RM-ABSENT':
          '「放課後等デイサービス そらいろ 芥川」の会議前の情報共有・連絡調整の実施日（令和6年6月6日）が、会議の開催日（令和6年6月5日）の後になっています。会議前の欄には開催日以前に行った情報共有・連絡調整の実施日を記入してください（不参加の事業所は、会議の前後の情報共有・連絡調整がそろわないと事業所間連携加算(Ⅱ)を算定できません）。',
      },
      paths: { 'RM-ABSENT': ['offices.2.before.date'] },
    },
    {
      name: '会議後の情報共有として会議の前日の日付が書かれていれば、会議後の情報共有とは認めず、その実施日を示す',
      change: (d) => {
        d.offices[2].after.date = '令和6年6月4日';
      },
      errors: [],
      warnings: ['RM-ABSENT'],
      messages: {
        'RM-ABSENT':
          '「放課後等デイサービス そらいろ 芥川」の会議後の情報共有・連絡調整の実施日（令和6年6月4日）が、会議の開催日（令和6年6月5日）の前になっています。会議後の欄には開催日以後に行った情報共有・連絡調整の実施日を記入してください（不参加の事業所は、会議の前後の情報共有・連絡調整がそろわないと事業所間連携加算(Ⅱ)を算定できません）。',
      },
      paths: { 'RM-ABSENT': ['offices.2.after.date'] },
    },
    {
      name: '会議前の情報共有の実施日だけで内容が空欄なら、記入されていないものとし、内容を記入するよう示す',
      change: (d) => {
        d.offices[2].before.content = '　';
      },
      errors: [],
      warnings: ['RM-ABSENT'],
      messages: {
        'RM-ABSENT':
          '「放課後等デイサービス そらいろ 芥川」の会議前の情報共有・連絡調整は内容が記入されていません。内容を記入してください（不参加の事業所は、会議の前後の情報共有・連絡調整の実施日と内容がそろわないと事業所間連携加算(Ⅱ)を算定できません）。',
      },
      paths: { 'RM-ABSENT': ['offices.2.before.content'] },
    },
    {
      name: '会議後の情報共有の内容だけで実施日が空欄なら、実施日を記入するよう示す',
      change: (d) => {
        delete d.offices[2].after.date;
      },
      errors: [],
      warnings: ['RM-ABSENT'],
      messages: {
        'RM-ABSENT':
          '「放課後等デイサービス そらいろ 芥川」の会議後の情報共有・連絡調整は実施日が記入されていません。実施日を記入してください（不参加の事業所は、会議の前後の情報共有・連絡調整の実施日と内容がそろわないと事業所間連携加算(Ⅱ)を算定できません）。',
      },
      paths: { 'RM-ABSENT': ['offices.2.after.date'] },
    },
    {
      name: '会議前・会議後の情報共有がどちらも会議当日なら、不参加の事業所も(Ⅱ)を算定できる',
      change: (d) => {
        d.offices[2].before.date = '令和6年6月5日';
        d.offices[2].after.date = '令和6年6月5日';
      },
      errors: [],
      warnings: [],
      computed: { totalUnits: 800 },
    },

    /* ---- RM-NO-USE ---- */
    {
      name: '前回の会議後に1度も利用がない事業所（最終利用日が空欄）は(Ⅱ)を算定できない',
      change: (d) => {
        delete d.offices[1].lastUsedOn;
      },
      errors: [],
      warnings: ['RM-NO-USE'],
      messages: {
        'RM-NO-USE':
          '「児童発達支援・放課後等デイサービス こもれび教室 富田」は「前回会議後の最終利用日」が空欄のため、前回の会議後の利用がないものとして事業所間連携加算(Ⅱ)を算定できません。前回の会議後に利用があれば、その最終利用日を記入してください。',
      },
      paths: { 'RM-NO-USE': ['offices.1.lastUsedOn'] },
      computed: {
        claims: [
          { ...CORE, addition: 'Ⅰ', units: 500 },
          { ...KOMOREBI, addition: null, units: 0, reason: 'RM-NO-USE' },
          { ...SORAIRO, addition: 'Ⅱ', units: 150 },
        ],
        totalUnits: 650,
      },
    },
    {
      name: 'コア連携事業所の最終利用日が空欄でも(Ⅱ)の要件ではないので注意しない',
      change: (d) => {
        delete d.offices[0].lastUsedOn;
      },
      errors: [],
      warnings: [],
      computed: { totalUnits: 800 },
    },

    /* ---- RM-RECORD-LATE ---- */
    {
      name: '記録作成日が会議（6月5日）から1か月を超える7月6日なら注意する',
      change: (d) => {
        d.recordedOn = '2024-07-06';
        d.submittedOn = '2024-07-08';
      },
      errors: [],
      warnings: ['RM-RECORD-LATE'],
      messages: { 'RM-RECORD-LATE': '記録作成日（令和6年7月6日）が会議から1か月を超えています。記録は会議開催から1か月を目途に作成してください。' },
      paths: { 'RM-RECORD-LATE': ['recordedOn'] },
      computed: { earliestBillingMonth: '2024-08', submissionDeadline: '2024-06-30' },
    },
    {
      name: '記録作成日がちょうど1か月後の7月5日なら注意しない',
      change: (d) => {
        d.recordedOn = '2024-07-05';
        d.submittedOn = '2024-07-08';
      },
      errors: [],
      warnings: [],
    },
    {
      name: '1月31日の会議の1か月後は2月29日（うるう年）なので、3月1日の記録は注意する',
      change: (d) => {
        d.meeting.date = '令和6年1月31日';
        d.offices[2].before.date = '2024-01-30';
        d.offices[2].after.date = '2024-02-05';
        d.recordedOn = '2024-03-01';
      },
      errors: [],
      warnings: ['RM-RECORD-LATE'],
      computed: { submissionDeadline: '2024-01-31' },
    },
    {
      name: '1月31日の会議で記録作成日が2月29日なら注意しない',
      change: (d) => {
        d.meeting.date = '2024-01-31';
        d.offices[2].before.date = '2024-01-30';
        d.offices[2].after.date = '2024-02-05';
        d.recordedOn = '2024-02-29';
      },
      errors: [],
      warnings: [],
    },

    /* ---- RM-CORE-READY ---- */
    {
      name: '保護者への相談援助の実施日が空欄なら、コア連携事業所はまだ(Ⅰ)を請求できない',
      change: (d) => {
        delete d.guardianSupport;
      },
      errors: [],
      warnings: ['RM-CORE-READY'],
      messages: { 'RM-CORE-READY': 'コア連携事業所は会議後の保護者への相談援助を終えるまで事業所間連携加算(Ⅰ)を請求できません。' },
      paths: { 'RM-CORE-READY': ['guardianSupport.date'] },
      computed: {
        claims: [
          { ...CORE, addition: null, units: 0, reason: 'RM-CORE-READY' },
          { ...KOMOREBI, addition: 'Ⅱ', units: 150 },
          { ...SORAIRO, addition: 'Ⅱ', units: 150 },
        ],
        totalUnits: 300,
      },
    },
    {
      name: '自事業所の従業者への共有が会議の前日付なら、会議後の共有がまだとして注意する',
      change: (d) => {
        d.staffSharing.date = '2024-06-04';
      },
      errors: [],
      warnings: ['RM-CORE-READY'],
      messages: { 'RM-CORE-READY': 'コア連携事業所は会議後の自事業所の従業者への共有を終えるまで事業所間連携加算(Ⅰ)を請求できません。' },
      paths: { 'RM-CORE-READY': ['staffSharing.date'] },
    },
    {
      name: '相談援助も従業者への共有も未記入なら、その2つを別々に知らせる',
      change: (d) => {
        delete d.guardianSupport.date;
        delete d.staffSharing;
      },
      errors: [],
      warnings: ['RM-CORE-READY'],
      paths: { 'RM-CORE-READY': ['guardianSupport.date', 'staffSharing.date'] },
    },
    {
      name: '相談援助と従業者への共有がどちらも会議当日（保護者は不参加）なら(Ⅰ)を請求できる',
      change: (d) => {
        d.guardianSupport.date = '2024-06-05';
        d.staffSharing.date = '2024-06-05';
      },
      errors: [],
      warnings: [],
      computed: { totalUnits: 800 },
    },

    /* ---- RM-GUARDIAN ---- */
    {
      name: '保護者が会議に参加し、相談援助の実施日が会議当日だけなら、参加は相談援助にあたらないと注意する',
      change: (d) => {
        d.meeting.guardianAttended = true;
        d.guardianSupport.date = '2024-06-05';
      },
      errors: [],
      warnings: ['RM-GUARDIAN'],
      messages: { 'RM-GUARDIAN': '保護者の会議への参加は相談援助にあたりません。会議後に会議内容を踏まえた相談援助を行い、その日付を記入してください。' },
      paths: { 'RM-GUARDIAN': ['guardianSupport.date'] },
    },
    {
      name: '保護者が会議に参加しても、相談援助が会議の翌日なら注意しない',
      change: (d) => {
        d.meeting.guardianAttended = true;
        d.guardianSupport.date = '2024-06-06';
      },
      errors: [],
      warnings: [],
    },

    /* ---- RM-PLANS ---- */
    {
      name: '個別支援計画の写しが利用事業所の数より少なければ提出できない',
      change: (d) => {
        d.attachments.pop();
      },
      errors: ['RM-PLANS'],
      warnings: [],
      messages: { 'RM-PLANS': '個別支援計画の写しが2件です。利用事業所3か所すべての写しを添付してください。' },
      paths: { 'RM-PLANS': ['attachments'] },
    },
    {
      name: '添付の欄がなければ写し0件として提出できない',
      change: (d) => {
        delete d.attachments;
      },
      errors: ['RM-PLANS'],
      warnings: [],
      messages: { 'RM-PLANS': '個別支援計画の写しが0件です。利用事業所3か所すべての写しを添付してください。' },
    },

    /* ---- RM-CLAIMS ---- */
    {
      name: '6月30日の提出なら7月から請求でき、7月1日の提出なら8月からになる',
      change: (d) => {
        d.submittedOn = '令和6年7月1日';
      },
      errors: [],
      warnings: [],
      computed: { earliestBillingMonth: '2024-08', submissionDeadline: '2024-06-30' },
    },
    {
      name: '請求できる最初の月が入力されていて計算と違えば誤りとする',
      change: (d) => {
        d.earliestBillingMonth = '2024-06';
      },
      errors: ['RM-CLAIMS'],
      warnings: [],
      messages: {
        'RM-CLAIMS': '「請求できる最初の月」は入力された値 2024-06 ではなく、記入内容から計算すると 2024-07 です。値を消すか、計算のもとになる記入内容を確認してください。',
      },
      paths: { 'RM-CLAIMS': ['earliestBillingMonth'] },
    },

    /* ---- general ---- */
    {
      name: '記録作成日を和暦（R6.6.14）で書いても受け付ける',
      change: (d) => {
        d.recordedOn = 'R6.6.14';
      },
      errors: [],
      warnings: [],
    },
    {
      name: '存在しない開催日（令和6年6月31日）は誤りとする',
      change: (d) => {
        d.meeting.date = '令和6年6月31日';
      },
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['meeting.date'] },
    },
    {
      name: '通所受給者証番号が空欄なら提出できない',
      change: (d) => {
        delete d.child.certificateNumber;
      },
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['child.certificateNumber'] },
    },
    {
      name: '通所受給者証番号が9桁なら誤りとし、全角数字の10桁なら受け付ける',
      change: (d) => {
        d.child.certificateNumber = '000031725';
        d.offices[1].number = '２７５２１００７３１';
      },
      errors: ['G-OFFICE-NUMBER'],
      paths: { 'G-OFFICE-NUMBER': ['child.certificateNumber'] },
    },
    {
      name: '様式にない項目（会議の部屋番号）は誤りとする',
      change: (d) => {
        d.meeting.room = '2階相談室';
      },
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['meeting.room'] },
    },
    {
      name: '終了時刻が開始時刻より前なら誤りとする',
      change: (d) => {
        d.meeting.end = '16:00';
      },
      errors: ['G-TIME'],
      paths: { 'G-TIME': ['meeting.end'] },
    },
    {
      name: 'ふりがなをカタカナで書いてもひらがなにして受け付ける',
      change: (d) => {
        d.child.kana = 'シロヤマ ハルト';
      },
      errors: [],
      warnings: [],
    },
  ],
} satisfies CaseTable;
