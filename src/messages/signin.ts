/**
 * Every sentence of sign-in, sign-out, CSRF refusals, invitations and the demo provider's login page, in Japanese, in one
 * place. Each says what happened and what to do next.
 */
export const signinMessages = {
  signInTitle: 'サインイン',
  signIn: 'サインインする',
  signOut: 'サインアウト',
  signedOutTitle: 'サインアウトしました',
  signedOut: 'サインアウトしました。この端末のサインインは終了しています。続けて使うときは、もう一度サインインしてください。',
  accountTitle: 'サインイン中の方',
  signedInAs: (name: string) => `${name} さんとしてサインインしています。`,
  actsForOffice: (officeNumber: string) => `事業所（事業所番号 ${officeNumber}）の担当者として操作できます。`,
  actsForCity: (city: string) => `${city}の担当者として操作できます。`,
  unboundTitle: '招待が必要です',
  unbound:
    'サインインできましたが、まだどの事業所にも市にも登録されていません。事業所の方は市の担当課に、市の職員の方は受付の管理者に「招待」を依頼し、届いた招待のリンクを開いてください。',
  notSignedIn: 'サインインしていません。',
  toForms: '様式の一覧へ',
  toInbox: '受付一覧へ',
  notConfigured:
    'サインインは設定されていません。サーバーの管理者は YOSHIKI_OIDC_ISSUER、YOSHIKI_OIDC_CLIENT_ID、YOSHIKI_OIDC_CLIENT_SECRET を設定してください（設定しない場合は試用の認証サーバーが使われます）。',
  providerUnreachable: '認証サーバーに接続できなかったため、サインインを始められませんでした。時間をおいてもう一度お試しください。',
  loginExpired: 'サインインの手続きの有効期限が切れたか、別の画面で始めたものです。もう一度「サインインする」から始めてください。',
  loginFailed: '認証サーバーでのサインインが完了しませんでした。もう一度「サインインする」から始めてください。',
  loginCancelled: 'サインインが取り消されました。サインインするときは、もう一度「サインインする」から始めてください。',
  again: 'もう一度サインインする',
  sessionRequired:
    'サインインしていないか、サインインの有効期限が切れました（操作のない状態が30分続くか、サインインから8時間たつと切れます）。もう一度サインインしてください。',
  csrfTitle: '操作できません',
  csrf: '画面の有効期限が切れたか、このサイトの画面以外から送られた操作のため、受け付けませんでした。ページを再読み込みしてから、もう一度操作してください。',

  /* the embedded demo provider (only when no provider is configured) */
  demoTitle: '試用の認証サーバー',
  demoLead: 'これは yoshiki に組み込まれた試用の認証サーバーです。本番では、市又は GビズID などの認証サーバーに置き換わります。',
  demoAccounts: '試用のアカウント',
  demoOfficeAccount: (officeNumber: string) => `事業所の担当者（事業所番号 ${officeNumber}）`,
  demoCityAccount: (city: string) => `${city}の担当者`,
  demoLoginId: 'ログインID',
  demoPassword: 'パスワード',
  demoSubmit: 'ログインする',
  demoLoginFailed: 'ログインID又はパスワードが違います。下の試用のアカウントのログインIDとパスワードを入力してください。',
  demoInteractionGone: 'ログインの手続きの有効期限が切れました。元の画面に戻り、もう一度「サインインする」から始めてください。',
} as const;
