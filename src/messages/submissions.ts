/**
 * Every message of the e-submission domain a person reads (an office filing, a city official deciding, the CLI). Kept
 * apart from the checks, like src/messages/ja.ts; each says what happened and what to do.
 */
const q = (s: string | number | undefined) => `「${s ?? ''}」`;

export const submissionMessages = {
  documents: (max: number) =>
    `documents に、提出する書類を { "form": "<様式の id>", "data": { … } } の形で1件以上（${max}件まで）指定してください。`,
  documentShape: (n: number) => `${n}件目の書類は { "form": "<様式の id>", "data": { … } } の形にしてください。`,
  unknownForm: (form: string) => `様式${q(form)}はありません。様式の id を確かめてください（一覧は GET /api/forms）。`,
  cityIssued: (title: string) => `${q(title)}は市が発行する通知書のため、事業所からは提出できません。`,
  notOnline: (title: string) => `${q(title)}はオンラインでの提出を受け付けていない様式です。PDF 又は Excel で作成し、市の窓口の案内に従って提出してください。`,
  mixedMunicipality: (a: string, b: string) =>
    `ひとつの提出に含められるのは同じ市の書類だけです（${a}と${b}の書類が含まれています）。市ごとに分けて提出してください。`,
  notOwnOffice: (label: string, value: string, office: string) =>
    `${q(label)}の ${value} は、提出に使ったトークンの事業所番号 ${office} と異なります。提出できるのは自らの事業所の書類だけです。事業所番号を確かめてください。`,
  attachmentNotPdf: (name: string) =>
    `添付ファイル${q(name)}は PDF ではありません（内容が PDF の形式になっていません）。PDF に変換してから添付してください。`,
  attachmentTooLarge: (name: string, mb: number) => `添付ファイル${q(name)}は ${mb} MB を超えています。${mb} MB 以下に分けるか、解像度を下げてください。`,
  tooManyAttachments: (max: number) => `添付ファイルは${max}件までです。`,
  attachmentRequired: (title: string, what: string) => `${q(title)}には、${what}（PDF）を添付してください。`,
  attachmentRequiredBecause: (title: string, because: string, what: string) =>
    `${q(title)}で${because}を変更するときは、${what}（PDF）を添付してください（変更届出書の添付書類：運営規程案）。`,
  idempotencyKeyMissing: () =>
    'Idempotency-Key ヘッダーを付けてください（提出ごとに新しい一意の値。同じ値で再送すると、二重に受け付けず同じ受付票を返します）。',
  idempotencyKeyInvalid: () => 'Idempotency-Key は 1〜200 文字の英数字と記号（空白を除く ASCII 文字）で指定してください。',
  idempotencyKeyReused: () =>
    'この Idempotency-Key は、内容の異なる別の提出に使われています。新しい提出には新しい Idempotency-Key を使ってください。',
  cityOnly: () => 'この操作は市の担当者（市のトークン）だけが行えます。',
  officeOnly: () => '届出は事業所のトークンで提出してください（市のトークンでは提出できません）。',
  transition: (from: string, to: string) => `「${from}」の提出を「${to}」にすることはできません（受付 → 審査中 → 受理 又は 差戻し の順です）。`,
  statusUnknown: (to: string) => `状態${q(to)}は指定できません。reviewing（審査中）、accepted（受理）、returned（差戻し）のいずれかを指定してください。`,
  reasonRequired: () => '差戻しの理由（reason）を入力してください。事業所はこの理由を読んで、届出を直して再提出します。',
  reasonTooLong: (max: number) => `理由は${max}文字以内にしてください。`,
  dateRequired: (label: string, key: string) => `受理するには${q(label)}（${key}）を指定してください（例：令和6年6月1日、2024-06-01）。`,
  dateNotUsed: (key: string, title: string) => `${key} は${q(title)}の受理では使いません。指定しないでください。`,
  alreadyRegistered: (office: string) =>
    `事業所番号 ${office} の事業所は既に一覧表に登録されています。内容が変わる場合は変更届出書で届け出てもらってください。`,
  notRegistered: (office: string) => `事業所番号 ${office} の事業所は一覧表に登録されていないため、この届出は受理できません（先に届出書の受理が必要です）。`,
  numberNotOwn: (label: string, value: string, office: string) =>
    `${q(label)}の ${value} は、提出に使ったトークンの事業所番号 ${office} と異なります。変更届出書で変えられるのは自らの事業所の事業所番号だけです。変更前の事業所番号を確かめてください。`,
  numberTaken: (label: string, value: string) =>
    `${q(label)}の ${value} は、既に一覧表に別の事業所の番号として登録されています。他の事業所の番号には変更できません。変更後の事業所番号を確かめてください。`,
  numberInUse: (label: string, value: string) =>
    `${q(label)}の ${value} は、別の事業所の番号として使われています（その番号のトークン又は提出があります）。変更後の事業所番号を確かめ、番号が正しい場合は市に連絡してください。`,
  acceptNumberTaken: (value: string) =>
    `変更後の事業所番号 ${value} は、既に一覧表に別の事業所の番号として登録されているため、この変更届出書は受理できません。事業所に番号を確かめてもらい、差し戻してください。`,
  acceptNumberInUse: (value: string) =>
    `変更後の事業所番号 ${value} は、別の事業所の番号として使われている（その番号のトークン又は提出がある）ため、この変更届出書は受理できません。事業所に番号を確かめてもらい、差し戻してください。`,
  acceptNumberNotOwn: (value: string, office: string) =>
    `変更前の事業所番号 ${value} が、届け出た事業所の番号 ${office} と異なるため、この変更届出書は受理できません。差し戻してください。`,
  revisionForm: (receipt: string, original: string, sent: string) =>
    `受付番号 ${receipt} は${q(original)}の提出です。再提出も${q(original)}で行ってください（送られたのは${q(sent)}です）。別の届出（${q(sent)}）は、新しい提出として送ってください。`,
  openFilingExists: (title: string, receipt: string, status: string) =>
    `${q(title)}は、受付番号 ${receipt}（${status}）を市が受け付けて手続中のため、もう1件は提出できません。審査の結果（受理又は差戻し）をお待ちください。`,
  notReturned: (receipt: string) => `受付番号 ${receipt} は差戻し中ではないため、再提出できません。差戻しの連絡を受けた提出だけを再提出できます。`,
  revisionNotFound: (receipt: string, revision: string) => `受付番号 ${receipt} に第${revision}版はありません。`,
  documentNotFound: (receipt: string, index: string) => `受付番号 ${receipt} に ${index} 番目の書類はありません（0 から数えます）。`,
  attachmentNotFound: (receipt: string, index: string) => `受付番号 ${receipt} に ${index} 番目の添付ファイルはありません（0 から数えます）。`,
  attachmentMissing: (receipt: string) => `受付番号 ${receipt} の添付ファイルが保存場所に見つかりません。システム管理者に連絡してください。`,
  noNotice: (receipt: string) => `受付番号 ${receipt} には通知書がありません（通知書は拠点等の届出が受理されたときに作成されます）。`,
  tokenRole: () => '--role は office（事業所）又は city（市）を指定してください。',
  tokenOffice: () => '--role office には --office で10桁の事業所番号を指定してください（例：--office 1212345678）。',
  tokenMunicipality: (names: string) => `--role city には --municipality で市を指定してください（${names}）。`,
} as const;

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  received: '受付',
  reviewing: '審査中',
  accepted: '受理',
  returned: '差戻し',
};
