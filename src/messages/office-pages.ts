/**
 * Every sentence an office reads while filing from the browser: the 提出 panel of the form page (web/office-panel.ts),
 * the 確認画面, the receipt, the 提出一覧, and the refusals of the draft and filing pages. The server renders them and
 * the browser client imports the same module, so a wording is changed once.
 */
const q = (s: string | number | undefined) => `「${s ?? ''}」`;

export const officeMessages = {
  /* the 提出 panel on the form page */
  panelTitle: '提出',
  panelLead: '入力内容はこの画面で自動的に一時保存され、次に開いたときに続きから入力できます。',
  signIn: 'サインインする',
  signInNeeded: '提出と一時保存には、事業所としてのサインインが必要です。サインインしなくても、PDF・Excel の作成と入力内容の保存（JSON）はできます。',
  saveDraft: '一時保存',
  prefill: '前回の届出から作成',
  prefillHint: 'この事業所が前回提出した内容を入力欄に写します（届出日は写しません）。',
  prefillConfirm: '入力中の内容を、前回の届出の内容で置き換えます。よろしいですか。',
  prefilled: (receipt: string) => `受付番号 ${receipt} の届出の内容を入力欄に写しました。内容を確かめてください。`,
  prefilledRegistered: (receipt: string) =>
    `受付番号 ${receipt} の届出の内容を写しました。変更する項目の「変更後」を入力すると、「変更前」に現在の登録内容が入ります。`,
  noPrevious: (title: string) => `この事業所が提出した${q(title)}はまだありません。`,
  submit: '提出する',
  submitHint: '次の確認画面で、印刷される内容・添付書類・確認事項を確かめてから提出します。',
  attachmentsTitle: '添付書類',
  attachmentsLead: (mb: number) => `PDF ファイルを1件ずつ選んでください（1件 ${mb} MB まで）。選ぶとすぐに一時保存されます。`,
  attachmentLabel: (name: string) => `${name}（PDF）`,
  attachmentRequiredWhen: (what: string) => `${what}を変更するときに必要です。`,
  attachmentKept: (fileName: string, kb: number) => `添付済み：${fileName}（${kb.toLocaleString('ja-JP')} KB）。別のファイルを選ぶと置き換えます。`,
  attachmentNone: '未添付',
  attachmentUploading: (name: string) => `${q(name)}を送信しています…`,
  attachmentSaved: (name: string, fileName: string) => `${q(name)}として「${fileName}」を添付しました。`,
  draftSaving: '一時保存しています…',
  draftSaved: (time: string) => `${time}に一時保存しました。`,
  draftLoaded: (time: string) => `${time}に一時保存した内容を表示しています。`,
  draftRevises: (receipt: string) => `差し戻された受付番号 ${receipt} を修正しています。提出すると、同じ受付番号の新しい版として再提出されます。`,
  draftFailed: 'サーバーに一時保存できませんでした。入力内容はこの画面に残っています。しばらくしてから「一時保存」を押してください。',
  unsavedLeave: '一時保存していない変更があります。',

  /* refusals (JSON and pages) */
  officeOnly: () => 'この画面は事業所の担当者が使います。事業所としてサインインしてください。',
  notSignedIn: () => 'サインインしていないか、サインインの有効期限が切れました。事業所としてサインインしてから、もう一度操作してください。',
  notFileable: (form: string) => `様式${q(form)}は事業所がオンラインで提出する様式ではありません。様式の一覧から選んでください。`,
  draftVersion: () => 'version（読み込んだ又は最後に保存した一時保存の版、初めてなら 0）を整数で指定してください。',
  draftData: () => 'data には様式の入力内容を { … } の形で指定してください。',
  draftStale: (savedAt?: string) =>
    `別のタブ又は別の端末で、この様式の一時保存がより新しい内容で保存されています${savedAt ? `（${savedAt.slice(11, 16)}）` : ''}。このタブの変更は保存していません。ページを再読み込みすると新しい内容が表示されます（このタブの入力内容を残す場合は、先に「入力内容を保存（JSON）」で保存してください）。`,
  noDraft: () => '提出する一時保存がありません。様式の画面で入力してから「提出する」を押してください。',
  changedSinceConfirm: () => '確認画面を表示した後に、入力内容が別のタブで変更されました。もう一度確認画面で内容を確かめてから提出してください。',
  noSuchSlot: () => 'この様式にその添付書類の欄はありません。',
  noFile: () => '添付する PDF ファイルを選んでください。',
  attachmentNotPdf: (name: string, file: string) =>
    `「${file}」は PDF ではありません（内容が PDF の形式になっていません）。${q(name)}を PDF に変換してから選んでください。`,
  attachmentTooLarge: (name: string, mb: number) => `${q(name)}のファイルが ${mb} MB を超えています。${mb} MB 以下にしてから選んでください。`,
  notReturned: (receipt: string) => `受付番号 ${receipt} は差戻し中ではないため、修正して再提出することはできません。`,

  /* 確認画面 */
  confirmTitle: (title: string) => `提出内容の確認：${title}`,
  confirmLead: '次の内容で提出します。様式に印刷される内容で表示しています。誤りがあれば「入力画面に戻る」で直してください。',
  confirmValues: '届出の内容',
  confirmAttachments: '添付書類',
  confirmNoAttachments: '添付書類はありません。',
  confirmWarnings: '確認事項（提出はできます）',
  confirmErrors: '提出できない理由',
  confirmErrorsLead: 'このままでは提出できません。入力画面に戻って直してください。',
  confirmOpenFiling: (title: string, receipt: string, status: string) =>
    `この事業所の${q(title)}は、受付番号 ${receipt}（${status}）が手続中です。同じ届出をもう1件提出しようとしていないか確かめてください。`,
  confirmOpenFilingRefused: (title: string, receipt: string, status: string) =>
    `${q(title)}は1事業所につき市が手続中のものを1件までしか提出できません。受付番号 ${receipt}（${status}）の審査の結果（受理又は差戻し）をお待ちください。`,
  confirmRevises: (receipt: string) => `受付番号 ${receipt} の再提出（次の版）として提出します。`,
  confirmSubmit: 'この内容で提出する',
  backToForm: '入力画面に戻る',
  blank: '（記入なし）',
  attachmentSize: (kb: number) => `${kb.toLocaleString('ja-JP')} KB`,

  /* 受付 (receipt) */
  receiptTitle: '提出を受け付けました',
  receiptRevisedTitle: '再提出を受け付けました',
  receiptNumber: '受付番号',
  receivedAt: '受付日時',
  form: '様式',
  status: '状態',
  revision: '版',
  revisionLabel: (n: number) => `第${n}版`,
  receiptPdf: '受付票（PDF）をダウンロード',
  receiptNext:
    '市の担当者が内容を審査します。審査の結果（受理又は差戻し）は「提出一覧」で確かめられます。受理されると通知書をダウンロードできます。差し戻された場合は理由を読み、「修正して再提出」から直して提出してください。',
  receiptKeep: '受付番号は、市へのお問い合わせの際にお伝えください。',

  /* 提出一覧 */
  filingsTitle: '提出一覧',
  filingsLead: 'この事業所が提出した届出と、その審査の状況です。',
  filingsNone: 'まだ提出した届出はありません。',
  filingsCaption: (office: string) => `事業所番号 ${office} の提出`,
  updatedAt: '最終更新',
  actions: '操作',
  returnReason: '差戻しの理由',
  notice: (title: string) => `${title}（PDF）をダウンロード`,
  resubmit: '修正して再提出',
  resubmitHint: '提出した内容と添付書類を入力画面に読み込みます（この様式の一時保存は置き換わります）。添付書類は選び直さなければそのまま再提出されます。',
  details: '詳細',
  filingTitle: (receipt: string) => `提出の詳細：${receipt}`,
  history: '経過',
  toForms: '様式の一覧へ',
  toFilings: '提出一覧へ',
  attachmentsFiled: '添付した書類',
  documentPdf: '提出した様式（PDF）',
} as const;
