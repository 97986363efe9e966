/**
 * Every sentence of the web form pages a person reads, in Japanese, in one place: the server renders them into the HTML and
 * the browser client (web/) imports the same module, so a wording is changed once. Rule messages are not here: they come
 * from src/messages/ja.ts through the validator, word for word as the CLI prints them.
 */
export const ui = {
  siteName: 'yoshiki 様式の記入',
  skipLink: '本文へ移動',

  /* the header menu (server/pages/site-nav.ts) */
  nav: {
    label: 'メニュー',
    forms: '様式の一覧',
    filings: '提出一覧',
    inbox: '受付一覧',
    account: 'アカウント',
    signIn: 'サインイン',
    signOut: 'サインアウト',
  },
  formsTitle: '様式の一覧',
  formsLead: '記入する様式を選んでください。入力した内容はその場で様式の規則に沿って確認され、PDF又はExcelでダウンロードできます。',
  formVersion: (v: string) => `版：${v}`,
  /** Who hands the 様式 in (the definition's `filing`), e.g. 高槻市 様式1・2: 保護者 or the コア連携事業所 (S000 Q5, Q10). */
  filedBy: (who: readonly ('office' | 'guardian')[] | 'city' | undefined): string =>
    who === 'city' ? '市が発行する通知書' : who ? `提出：${who.map((w) => (w === 'office' ? '事業所' : '保護者')).join('又は')}` : '',
  backToList: '様式の一覧へ戻る',
  officeForms: '事業所が提出する様式',
  cityNotices: '市が発行する通知書',
  filingsLink: '提出一覧（提出した届出の状況）',
  notFoundTitle: '様式が見つかりません',
  notFound: (id: string) => `様式「${id}」はありません。アドレスに誤りがないか確認し、様式の一覧から選んでください。`,
  noScript: 'このページの確認とダウンロードには JavaScript が必要です。ブラウザの設定で JavaScript を有効にしてください。',
  formLead:
    '入力すると、その場で様式の規則に沿って確認します。誤りや確認事項は各項目の下と、このページの上部にまとめて表示します。',
  required: '必須',

  /* hints under the labels */
  hint: {
    date: '例：令和6年5月1日（2024-05-01 の形でも入力できます）',
    time: '24時間表記（例：14:30）',
    officeNumber: '10桁の数字（例：1212345678）',
    postalCode: '例：272-8501',
    phone: '例：047-334-1111',
    email: '例：info@example.jp',
    kana: 'ひらがなで入力してください（カタカナは自動でひらがなにします）',
  } as Record<string, string>,
  selectPlaceholder: '選んでください',
  unprintedTitle: '様式に印刷されない項目',
  unprintedLead: 'この欄は様式には印刷されませんが、確認（算定開始月や加算の確認など）に使います。',
  otherTitle: 'その他の項目',
  computedTitle: '計算結果',
  computedLead: '入力内容から計算した値です（入力の必要はありません）。',
  notComputed: '（未計算）',

  /* repeatable rows */
  rowLegend: (n: string | number) => `${n}行目`,
  rowItemLabel: (label: string, n: string | number) => `${label}（${n}行目）`,
  addRow: '行を追加',
  addRowContext: (list: string) => `${list}に`,
  removeRow: '削除',
  removeRowContext: (list: string, n: string | number) => `${list}の${n}行目を`,
  maxRows: (max: number) => `最大${max}行まで記入できます。`,
  noRows: 'まだ行がありません。「行を追加」で追加してください。',
  rowAdded: (list: string, n: number) => `${list}に${n}行目を追加しました。`,
  rowRemoved: (list: string, n: number) => `${list}の${n}行目を削除しました。`,

  /* summaries and messages beside fields */
  errorSummaryTitle: '入力内容に誤りがあります',
  warningSummaryTitle: '確認してください',
  errorPrefix: 'エラー：',
  warningPrefix: '確認：',

  /* actions */
  actionsTitle: '保存とダウンロード',
  actionsLead: 'ダウンロードの前に、入力内容を様式の規則で確認します。誤りがある場合はダウンロードせず、誤りを上部に表示します。',
  downloadPdf: 'PDFをダウンロード',
  downloadXlsx: 'Excelをダウンロード',
  saveJson: '入力内容を保存（JSON）',
  loadJson: '保存した入力内容を読み込む',
  loadJsonHint: '「入力内容を保存（JSON）」で保存したファイル、又はコマンド yoshiki に渡す JSON ファイルを選んでください。',
  making: (kind: string) => `${kind}を作成しています…`,
  downloaded: (file: string) => `「${file}」をダウンロードしました。`,
  jsonFileName: (title: string) => `${title}（入力内容）.json`,
  saved: (file: string) => `入力内容を「${file}」として保存しました。`,
  loaded: (file: string) => `「${file}」を読み込みました。`,
  unknownSkipped: (keys: string) => `この様式にない項目（${keys}）は読み込みませんでした。`,
  loadFailed: (file: string) =>
    `「${file}」を読み込めませんでした。「入力内容を保存（JSON）」で保存した JSON ファイルを選んでください。入力中の内容はそのまま残っています。`,
  notAnObject: (file: string) => `「${file}」は様式の入力内容（{ … } の形の JSON）ではありません。入力中の内容はそのまま残っています。`,
  serverFailed: (status: number, detail?: string) =>
    `${detail ? `${detail}` : `ファイルを作成できませんでした（HTTP ${status}）。`}時間をおいてもう一度お試しください。入力内容はそのまま残っています。`,
  networkFailed: 'サーバーに接続できませんでした。ネットワークを確認して、もう一度お試しください。入力内容はそのまま残っています。',
} as const;
