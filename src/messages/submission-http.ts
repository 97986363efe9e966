/** Messages only the e-submission HTTP layer gives (the domain's are in src/messages/submissions.ts). */
export const httpMessages = {
  noToken: () => 'トークンがありません。Authorization ヘッダーに「Bearer <トークン>」を付けて送ってください（トークンは yoshiki token create で作成します）。',
  badToken: () => 'トークンが正しくないか、登録されていません。トークンを確かめるか、新しいトークンを作成してください。',
  unsupportedType: () => '提出は Content-Type: application/json 又は multipart/form-data（documents と attachments）で送ってください。',
  documentsPart: () => 'multipart の documents には、提出する書類の一覧を JSON（[{ "form": "…", "data": { … } }]）で入れてください。',
  fileTooLarge: (mb: number) => `添付ファイルは1件 ${mb} MB までです。${mb} MB 以下にしてから送ってください。`,
  tooManyFiles: (max: number) => `添付ファイルは${max}件までです。`,
  unexpectedFile: (field: string) => `「${field}」という名前のファイルは受け付けません。添付ファイルは attachments という名前で送ってください。`,
  documentsTooLarge: (mb: number) => `multipart の documents の部分は ${mb} MB までです。書類を分けて、別々に提出してください。`,
  bodyTooLarge: () => 'リクエストの本文が大きすぎます（JSON は 1 MB まで）。添付ファイルは multipart/form-data で送ってください。',
  multipart: () => 'multipart/form-data の本文を読み取れませんでした。送信の形式を確かめてください。',
  loginFailed: () => 'トークンが正しくないか、市のトークンではありません。市の担当者用のトークンを入力してください。',
  sessionExpired: () =>
    'サインインの有効期限が切れたか、サインアウトしました（操作のない状態が30分続くか、サインインから8時間たつと切れます）。受付一覧（/inbox）で市の担当者用トークンを入力して、もう一度サインインしてください。',
  crossSite: () => 'このページ以外から送られた操作は受け付けません。受付一覧の画面から操作してください。',
} as const;
