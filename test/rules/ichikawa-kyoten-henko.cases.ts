/** 拠点変更届出書 (S002 §27, S004 1(2)): named cases per rule, against the valid example (changed on 令和6年6月10日, filed 6月17日). */
import type { CaseTable } from './case-table.ts';

export default {
  form: 'ichikawa-kyoten-henko',
  today: '2024-06-20',
  cases: [
    { name: '記入例はそのまま提出できる', change: () => {}, errors: [], warnings: [] },

    /* ---- KH-CHANGES ---- */
    {
      name: '変更のある項目が1つもないと提出できない',
      change: (d) => (d.changes = {}),
      errors: ['KH-CHANGES'],
      warnings: [],
      paths: { 'KH-CHANGES': ['changes'] },
      messages: { 'KH-CHANGES': '変更のある項目を1つ以上、変更前と変更後を記入してください。' },
    },
    {
      name: '変更内容の欄そのものがなくても「変更のある項目がない」と知らせる',
      change: (d) => delete d.changes,
      errors: ['KH-CHANGES'],
    },
    {
      name: '変更前・変更後とも空欄の行だけでは変更として数えない',
      change: (d) => (d.changes = { email: { before: '', after: '' }, liaisons: { before: [], after: [] } }),
      errors: ['KH-CHANGES'],
    },
    {
      name: 'FAX番号を新たに設けただけ（変更前が空欄）でも変更として提出できる',
      change: (d) => (d.changes = { fax: { after: '047-378-2211' } }),
      errors: [],
      warnings: [],
    },

    /* ---- KH-SAME ---- */
    {
      name: '事業所名の変更前と変更後が空白の違いだけなら同じとみなし提出できない',
      change: (d) => (d.changes.name = { before: 'すがの　ショートステイ南八幡', after: ' すがの ショートステイ南八幡 ' }),
      errors: ['KH-SAME'],
      paths: { 'KH-SAME': ['changes.name'] },
      messages: { 'KH-SAME': '「事業所名」の変更前と変更後が同じです。変更がない項目は空欄にしてください。' },
    },
    {
      name: '電話番号の変更前と変更後が全角・半角の違いだけなら同じとみなし提出できない',
      change: (d) => (d.changes.tel = { before: '047-378-2200', after: '０４７－３７８－２２００' }),
      errors: ['KH-SAME'],
      paths: { 'KH-SAME': ['changes.tel'] },
    },
    {
      name: '連携担当者の氏名の並び順を入れ替えただけでは変更にならず提出できない',
      change: (d) => (d.changes.liaisons = { before: ['鬼高 真理子', '稲荷木 大輔'], after: ['稲荷木　大輔', '鬼高 真理子'] }),
      errors: ['KH-SAME'],
      paths: { 'KH-SAME': ['changes.liaisons'] },
    },
    {
      name: '担う機能の選択順を入れ替えただけでは変更にならず提出できない',
      change: (d) => (d.changes.functions = { before: ['experience', 'emergencyAcceptance'], after: ['emergencyAcceptance', 'experience'] }),
      errors: ['KH-SAME'],
      paths: { 'KH-SAME': ['changes.functions'] },
    },
    {
      name: '事業所名が1文字でも変われば変更として提出できる',
      change: (d) => (d.changes.name = { before: 'すがのショートステイ南八幡', after: 'すがのショートステイ南八幡館' }),
      errors: [],
      warnings: [],
    },

    /* ---- KH-LATE (S004 1(2): 変更が生じてから10日以内) ---- */
    {
      name: '変更から11日後の届出は確認を促し、10日が静岡市の期限（市川市は「速やかに」）であることを示す',
      change: (d) => (d.changedOn = '2024-06-06'),
      errors: [],
      warnings: ['KH-LATE'],
      paths: { 'KH-LATE': ['filedOn'] },
      messages: {
        'KH-LATE':
          '変更年月日（令和6年6月6日）から11日後の届出です。市川市の変更届出書は、変更が生じたら「速やかに」届け出るものとしています（日数の定めはありません）。目安の10日は、静岡市の集団指導資料（令和6年度第2回）にある変更届の期限「変更が生じてから10日以内」によるものです。できるだけ早く提出してください。',
      },
    },
    {
      name: '変更からちょうど10日後の届出は期限内',
      change: (d) => (d.changedOn = '2024-06-07'),
      errors: [],
      warnings: [],
    },
    {
      name: '変更予定日より前に届け出るのは差し支えない',
      change: (d) => (d.changedOn = '令和6年7月1日'),
      errors: [],
      warnings: [],
    },

    /* ---- KT-BESSHI / KT-BESSHI-UNUSED (functions after the change) ---- */
    {
      name: '変更後の機能に緊急時の受け入れ・対応機能があるのに別紙がないと提出できない',
      change: (d) => delete d.emergencyAcceptance,
      errors: ['KT-BESSHI'],
      paths: { 'KT-BESSHI': ['emergencyAcceptance'] },
      messages: { 'KT-BESSHI': '「緊急時の受け入れ・対応機能」を選んだ場合は、別紙「緊急時に受入れ可能な障がいの種類」を記入してください。' },
    },
    {
      name: '別紙の行に受入可も受入不可も付いていないと提出できない',
      change: (d) => (d.emergencyAcceptance.hearing = { note: '手話のできる職員は日中のみ' }),
      errors: ['KT-BESSHI'],
      paths: { 'KT-BESSHI': ['emergencyAcceptance.hearing'] },
      messages: { 'KT-BESSHI': '別紙の「聴覚又は平衡機能」の行で、受入可（者・児）又は受入不可のいずれかを選んでください。' },
    },
    {
      name: '別紙の同じ行で受入可と受入不可の両方に印があると提出できない',
      change: (d) => (d.emergencyAcceptance.medicalCare = { child: true, notAccepted: true }),
      errors: ['KT-BESSHI'],
      paths: { 'KT-BESSHI': ['emergencyAcceptance.medicalCare'] },
      messages: { 'KT-BESSHI': '別紙の「医療的ケアを必要とする方」の行で、受入可と受入不可の両方が選ばれています。どちらか一方にしてください。' },
    },
    {
      name: '受入可は「児」だけでも行の記入として足りる',
      change: (d) => (d.emergencyAcceptance.physical = { child: true }),
      errors: [],
      warnings: [],
    },
    {
      name: '変更前にだけ緊急時の受け入れ・対応機能があり変更後にない場合は別紙は不要',
      change: (d) => {
        d.changes.functions = { before: ['emergencyAcceptance', 'experience'], after: ['experience'] };
        delete d.emergencyAcceptance;
      },
      errors: [],
      warnings: [],
    },
    {
      name: '変更後の機能に緊急時の受け入れ・対応機能がないのに別紙を書くと確認を促す',
      change: (d) => (d.changes.functions = { before: ['experience'], after: ['experience', 'consultation'] }),
      errors: [],
      warnings: ['KT-BESSHI-UNUSED'],
      paths: { 'KT-BESSHI-UNUSED': ['emergencyAcceptance'] },
    },
    {
      name: '担う機能を変更しない届出では別紙があってもなくてもよい',
      change: (d) => {
        delete d.changes.functions;
        delete d.emergencyAcceptance;
      },
      errors: [],
      warnings: [],
    },
    {
      name: '担う機能を変更しない届出でも、書いた別紙の行に印がなければ提出できない',
      change: (d) => {
        delete d.changes.functions;
        d.emergencyAcceptance.visual = {};
      },
      errors: ['KT-BESSHI'],
      warnings: [],
      paths: { 'KT-BESSHI': ['emergencyAcceptance.visual'] },
    },

    /* ---- general rules ---- */
    {
      name: '変更年月日は「R6.6.10」のような略記の和暦でも受け付ける',
      change: (d) => {
        d.filedOn = '2024-06-17';
        d.changedOn = 'R6.6.10';
      },
      errors: [],
      warnings: [],
    },
    {
      name: '存在しない日付（令和6年6月31日）の変更年月日は提出できない',
      change: (d) => (d.changedOn = '令和6年6月31日'),
      errors: ['G-DATE'],
    },
    {
      name: '届け出た事業所の事業所番号がないと提出できない',
      change: (d) => delete d.office.number,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['office.number'] },
    },
    {
      name: '変更年月日がないと提出できない',
      change: (d) => delete d.changedOn,
      errors: ['G-REQUIRED'],
      paths: { 'G-REQUIRED': ['changedOn'] },
    },
    {
      name: '変更後の事業所番号が10桁でないと提出できない',
      change: (d) => (d.changes.number = { before: '1213500421', after: '121350042' }),
      errors: ['G-OFFICE-NUMBER'],
      paths: { 'G-OFFICE-NUMBER': ['changes.number.after'] },
    },
    {
      name: '様式にない変更項目（代表者）は受け付けない',
      change: (d) => (d.changes.representative = { before: '中山 健太', after: '中山 美紀' }),
      errors: ['G-UNKNOWN'],
      paths: { 'G-UNKNOWN': ['changes.representative'] },
    },
  ],
} satisfies CaseTable;
