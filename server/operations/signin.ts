/**
 * Sign-in with OpenID Connect (server/signin/signin-router.ts): pages a browser follows, listed so the document covers
 * every route. The embedded demo provider under /demo-idp is not listed: it is oidc-provider's, mounted only when no
 * provider is configured, and documented by its own /demo-idp/.well-known/openid-configuration.
 */
import { errorResponse, header, htmlResponse, redirectResponse, type DocumentedOperation, type Json } from './operation.ts';

const FAULT = errorResponse('サーバー内部の問題（スタックトレースは返しません）', ['INTERNAL_ERROR', 'INTERNAL']);
const SESSION_COOKIE = [{ sessionCookie: [] }];
const page = (operationId: string, summary: string, extra: Json = {}): Json => ({ operationId, summary, tags: ['signin'], ...extra });
const cookie = (value: string) => header(`yoshiki_session=${value}; Path=/; HttpOnly; SameSite=Lax（HTTPS なら Secure）`);

export const signinOperations: DocumentedOperation[] = [
  {
    method: 'get',
    path: '/signin',
    operation: page('signIn', 'サインインを始める（認証サーバーへ移動。state・nonce・PKCE の検証子はサーバー側のセッションに保存）', {
      parameters: [{ name: 'returnTo', in: 'query', required: false, description: 'サインイン後に開くこのサーバーのパス（既定 /account）', schema: { type: 'string' } }],
      responses: {
        303: { ...redirectResponse('認証サーバーの認可エンドポイントへ'), headers: { Location: header('認証サーバーの URL'), 'Set-Cookie': cookie('<サインイン中のセッション ID>; Max-Age=600') } },
        503: htmlResponse('サインインが設定されていない、又は認証サーバーに接続できない'),
        500: FAULT,
      },
    }),
  },
  {
    method: 'get',
    path: '/signin/callback',
    operation: page('signInCallback', '認証サーバーから戻る（認可コードを交換し、新しいセッションを開く）', {
      parameters: [
        { name: 'code', in: 'query', required: false, description: '認可コード', schema: { type: 'string' } },
        { name: 'state', in: 'query', required: false, description: 'サインインを始めたときの state', schema: { type: 'string' } },
      ],
      responses: {
        303: { ...redirectResponse('returnTo のページへ'), headers: { Location: header('returnTo'), 'Set-Cookie': cookie('<セッション ID>; Max-Age=28800') } },
        400: htmlResponse('サインインの手続きが見つからない、又は期限切れ'),
        401: htmlResponse('認証サーバーでのサインインが完了しなかった'),
        500: FAULT,
      },
    }),
  },
  {
    method: 'post',
    path: '/signout',
    operation: page('signOut', 'サインアウトする（サーバー側のセッションを削除。CSRF トークンが必要）', {
      security: SESSION_COOKIE,
      requestBody: { required: false, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { _csrf: { type: 'string', description: 'CSRF トークン' } } } } } },
      responses: {
        303: { ...redirectResponse('/signout/done へ'), headers: { Location: header('/signout/done'), 'Set-Cookie': cookie('; Expires=Thu, 01 Jan 1970 00:00:00 GMT') } },
        403: errorResponse('CSRF トークンがない、又は違う（フォームからは日本語のページ）', ['CSRF']),
        500: FAULT,
      },
    }),
  },
  {
    method: 'get',
    path: '/signout/done',
    operation: page('signedOut', 'サインアウトしたことを知らせるページ', { responses: { 200: htmlResponse('サインアウトしました'), 500: FAULT } }),
  },
  {
    method: 'get',
    path: '/account',
    operation: page('accountPage', 'サインイン中の方（氏名、どの事業所又は市の担当者か、サインアウト）', {
      security: SESSION_COOKIE,
      responses: {
        200: htmlResponse('サインイン中の方'),
        401: htmlResponse('サインインしていない'),
        403: htmlResponse('どの事業所にも市にも登録されていない（招待を依頼するよう案内）'),
        500: FAULT,
      },
    }),
  },
];
