/** Rule cases of 市川市地域体制強化共同支援加算 記録書兼報告書 (S002 §27, §25). TK-MONTHLY is a batch rule: not here. */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'ichikawa-taisei-kyoka-kiroku',
  today: '2024-06-20',
  cases: [
    /* ---- the example ---- */
    {
      name: '記入例はそのまま提出できる（年齢は開催日時点で26歳、2,000単位）',
      change: () => {},
      errors: [],
      warnings: [],
      computed: { 'user.age': 26, units: 2000 },
    },

    /* ---- TK-CONSENT (S002 §25-1 同意を得て) ---- */
    {
      name: '本人同意にチェックがないと算定できない',
      change: (d) => {
        d.consent = false;
      },
      errors: ['TK-CONSENT'],
      messages: {
        'TK-CONSENT': '「共同支援に係る会議及び協議会への報告について本人同意を得ている」に該当しない場合は算定できません。本人の同意を得てから記入してください。',
      },
      paths: { 'TK-CONSENT': ['consent'] },
    },
    {
      name: '本人同意の欄そのものがなくても算定できない（同意の確認として扱う）',
      change: (d) => {
        delete d.consent;
      },
      errors: ['TK-CONSENT'],
    },

    /* ---- TK-THREE (S002 §25-1 3者以上と共同して) ---- */
    {
      name: '自事業所以外の出席機関が2機関しかないと算定できない',
      change: (d) => {
        d.meeting.attendees.splice(3, 2);
      },
      errors: ['TK-THREE'],
      messages: { 'TK-THREE': '出席者の所属（自事業所を除く）が2機関です。共同支援は3者以上の機関と行う必要があります。' },
      paths: { 'TK-THREE': ['meeting.attendees'] },
    },
    {
      name: '自事業所以外の出席機関がちょうど3機関なら算定できる',
      change: (d) => {
        d.meeting.attendees.splice(4, 1);
      },
      errors: [],
    },
    {
      name: '同じ機関から2人出席しても1機関と数える',
      change: (d) => {
        d.meeting.attendees.splice(3, 2, { organization: 'ヘルパーステーションこうや', service: '居宅介護', role: 'ホームヘルパー', name: '塩焼 光' });
      },
      errors: ['TK-THREE'],
      messages: { 'TK-THREE': '出席者の所属（自事業所を除く）が2機関です。共同支援は3者以上の機関と行う必要があります。' },
    },
    {
      name: '自事業所の職員は、所属名の空白の有無が違っても自事業所として数えない',
      change: (d) => {
        d.meeting.attendees.splice(4, 1, { organization: '相談支援センター　つばさ市川', role: '管理者', name: '田尻 浩二' });
      },
      errors: [],
    },
    {
      name: '自事業所の職員を加えても他の機関が2機関なら算定できない',
      change: (d) => {
        d.meeting.attendees.splice(3, 2, { organization: '相談支援センター つばさ市川', role: '管理者', name: '田尻 浩二' });
      },
      errors: ['TK-THREE'],
    },
    {
      name: '医療機関や自治会も「福祉サービス等を提供する事業者」に含めて数える（Q&A問20）',
      change: (d) => {
        d.meeting.attendees.splice(1, 2);
      },
      errors: ['TK-THREE'],
      messages: { 'TK-THREE': '出席者の所属（自事業所を除く）が2機関です。共同支援は3者以上の機関と行う必要があります。' },
    },

    /* ---- TK-REPORT (S002 §27 <以下、自立支援協議会に報告後に記載>) ---- */
    {
      name: '協議会への報告前なら報告欄は空欄のままでよい',
      change: (d) => {
        delete d.report;
      },
      errors: [],
      warnings: [],
    },
    {
      name: '報告欄が空の文字だけなら未記入として扱う',
      change: (d) => {
        d.report = { councilName: '', reporter: ' ', opinion: '' };
      },
      errors: [],
    },
    {
      name: '協議会での意見だけを書くと、協議会名・報告年月日・報告者の記入を求める',
      change: (d) => {
        d.report = { opinion: '同様の事例が他の事業所からも報告されている。' };
      },
      errors: ['TK-REPORT'],
      messages: { 'TK-REPORT': '報告状況を記入する場合は「報告した協議会名」も記入してください。' },
      paths: { 'TK-REPORT': ['report.councilName', 'report.date', 'report.reporter'] },
    },
    {
      name: '報告した相談支援専門員氏名が抜けていると提出できない',
      change: (d) => {
        d.report.reporter = '';
      },
      errors: ['TK-REPORT'],
      messages: { 'TK-REPORT': '報告状況を記入する場合は「報告した相談支援専門員氏名」も記入してください。' },
      paths: { 'TK-REPORT': ['report.reporter'] },
    },
    {
      name: '報告年月日が会議の開催年月日より前だと提出できない',
      change: (d) => {
        d.report.date = '令和6年6月4日';
      },
      errors: ['TK-REPORT'],
      messages: { 'TK-REPORT': '報告年月日（令和6年6月4日）が開催年月日（令和6年6月5日）より前です。日付を確認してください。' },
      paths: { 'TK-REPORT': ['report.date'] },
    },
    {
      name: '会議と同じ日に協議会へ報告してもよい',
      change: (d) => {
        d.report.date = '2024-06-05';
      },
      errors: [],
    },

    /* ---- TK-AGE (S002 §27 生年月日(年齢)) ---- */
    {
      name: '年齢は開催年月日の時点で数え、誕生日当日に1つ増える',
      change: (d) => {
        d.user.birthDate = '1998-06-05';
      },
      errors: [],
      computed: { 'user.age': 26 },
    },
    {
      name: '開催年月日の翌日が誕生日なら、まだ1つ少ない年齢になる',
      change: (d) => {
        d.user.birthDate = '1998-06-06';
      },
      errors: [],
      computed: { 'user.age': 25 },
    },
    {
      name: '生年月日が開催年月日より後だと提出できない',
      change: (d) => {
        d.user.birthDate = '令和6年6月6日';
      },
      errors: ['TK-AGE'],
      messages: { 'TK-AGE': '生年月日（令和6年6月6日）が開催年月日（令和6年6月5日）以後になっています。生年月日と開催年月日を確認してください。' },
      paths: { 'TK-AGE': ['user.birthDate'] },
    },
    {
      name: '生年月日が開催年月日と同じ日でも提出できない',
      change: (d) => {
        d.user.birthDate = '2024-06-05';
      },
      errors: ['TK-AGE'],
    },
    {
      name: '年齢を手で書き込む場合は、開催日時点の年齢と一致していなければならない',
      change: (d) => {
        d.user.age = 30;
      },
      errors: ['TK-AGE'],
      messages: {
        'TK-AGE': '「年齢（開催年月日時点）」は入力された値 30 ではなく、記入内容から計算すると 26 です。値を消すか、計算のもとになる記入内容を確認してください。',
      },
    },
    {
      name: '正しい年齢を書き込んであれば提出できる',
      change: (d) => {
        d.user.age = 26;
      },
      errors: [],
    },

    /* ---- TK-PURPOSE (S002 §27 その他の場合下段に具体的に記載) ---- */
    {
      name: '開催目的で「その他」を選んで具体的な目的を書かないと提出できない',
      change: (d) => {
        d.meeting.purposes.push('other');
      },
      errors: ['TK-PURPOSE'],
      messages: { 'TK-PURPOSE': '開催目的で「その他」を選んだ場合は、具体的な目的を記入してください。' },
      paths: { 'TK-PURPOSE': ['meeting.purposeOther'] },
    },
    {
      name: '開催目的で「その他」を選び具体的な目的を書けば提出できる',
      change: (d) => {
        d.meeting.purposes.push('other');
        d.meeting.purposeOther = '退院前の在宅生活の準備';
      },
      errors: [],
    },
    {
      name: '開催目的を1つも選ばないと提出できない',
      change: (d) => {
        d.meeting.purposes = [];
      },
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['meeting.purposes'] },
    },

    /* ---- TK-UNITS (S002 §25-1 2,000単位) ---- */
    {
      name: '単位数は2,000単位として書き込める',
      change: (d) => {
        d.units = 2000;
      },
      errors: [],
      computed: { units: 2000 },
    },
    {
      name: '単位数を2,000単位以外で書き込むと提出できない',
      change: (d) => {
        d.units = 1000;
      },
      errors: ['TK-UNITS'],
      messages: {
        'TK-UNITS': '「地域体制強化共同支援加算 単位数」は入力された値 1000 ではなく、記入内容から計算すると 2000 です。値を消すか、計算のもとになる記入内容を確認してください。',
      },
    },

    /* ---- general ---- */
    {
      name: '生年月日は「H9.8.21」のような和暦の略記でも受け付ける',
      change: (d) => {
        d.user.birthDate = 'H9.8.21';
      },
      errors: [],
      computed: { 'user.age': 26 },
    },
    {
      name: '存在しない開催年月日（令和6年2月30日）は提出できず、年齢も計算しない',
      change: (d) => {
        d.meeting.date = '令和6年2月30日';
      },
      errors: ['G-DATE'],
      paths: { 'G-DATE': ['meeting.date'] },
    },
    {
      name: '①利用者の支援の経過が空欄だと提出できない',
      change: (d) => {
        d.content.progress = '';
      },
      errors: ['G-REQUIRED'],
      messages: { 'G-REQUIRED': '「①利用者の支援の経過」を入力してください。' },
      paths: { 'G-REQUIRED': ['content.progress'] },
    },
    {
      name: '出席者の氏名が空欄だと提出できない',
      change: (d) => {
        delete d.meeting.attendees[2].name;
      },
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['meeting.attendees.2.name'] },
    },
    {
      name: 'よみがなはカタカナで書いてもひらがなに直して受け付けるが、漢字は受け付けない',
      change: (d) => {
        d.user.kana = '真間 けんた';
      },
      errors: ['G-KANA'],
    },
    {
      name: '開催時間の終了が開始より前だと提出できない',
      change: (d) => {
        d.meeting.end = '13:30';
      },
      errors: ['G-TIME'],
      paths: { 'G-TIME': ['meeting.end'] },
    },
    {
      name: '様式にない項目（会議の司会者）は黙って捨てずに知らせる',
      change: (d) => {
        d.meeting.chair = '妙典 由美子';
      },
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['meeting.chair'] },
    },

    /* ---- TK-DUPLICATE / TK-THREE: 出席者・機関は1度だけ数える (S002 §25-1) ---- */
    {
      name: '同じ出席者（所属と氏名が同じ）を2行書くと、重複した行を示して提出できない',
      change: (d) => {
        d.meeting.attendees.push({ ...d.meeting.attendees[1] });
      },
      errors: ['TK-DUPLICATE'],
      messages: {
        'TK-DUPLICATE':
          '「出席者」の2行目と6行目は、所属「社会福祉法人 江戸川福祉会 ひまわり工房」、氏名「下貝塚 修」が同じです。同じ出席者を2回数えることはできません。どちらかの行を削除してください。',
      },
      paths: { 'TK-DUPLICATE': ['meeting.attendees.5'] },
    },
    {
      name: '全角英字と半角英字、空白の違いだけの所属は同じ機関として数える（3者に満たなければ提出できない）',
      change: (d) => {
        d.meeting.attendees = [
          { organization: 'ABCクリニック', service: '', role: '医師', name: '市川 一郎' },
          { organization: 'ＡＢＣ　クリニック', service: '', role: '看護師', name: '市川 二郎' },
          { organization: 'ヘルパーステーションこうや', service: '居宅介護', role: 'サービス提供責任者', name: '高谷 真理' },
        ];
      },
      errors: ['TK-THREE'],
      messages: { 'TK-THREE': '出席者の所属（自事業所を除く）が2機関です。共同支援は3者以上の機関と行う必要があります。' },
    },
  ],
} satisfies CaseTable;
