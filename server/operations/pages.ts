/**
 * What people open in a browser: the fillable web forms and their assets (server/pages/router.ts), the city's inbox
 * (server/submissions/inbox-router.ts) and the public 一覧表 (server/submissions/registry-router.ts). Listed so the
 * document covers every route the server answers; they answer HTML (or a file), not the API's JSON.
 */
import type { FormDefinition } from '../../src/forms/definition.ts';
import { RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import { REGISTRY_TITLE } from '../../src/submissions/registry.ts';
import { errorResponse, fileResponse, header, htmlResponse, redirectResponse, type DocumentedOperation, type Json } from './operation.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FAULT = errorResponse('サーバー内部の問題（スタックトレースは返しません）', ['INTERNAL_ERROR', 'INTERNAL']);
const INBOX_COOKIE = [{ inboxCookie: [] }];
const receiptNumber: Json = { name: 'no', in: 'path', required: true, description: '受付番号', schema: { type: 'string', pattern: RECEIPT_NUMBER.source } };
const municipality: Json = {
  name: 'municipality',
  in: 'query',
  required: false,
  description: '市（省略時は ichikawa）',
  schema: { type: 'string', enum: Object.keys(REGISTRY_TITLE), default: 'ichikawa' },
};
const formUrlEncoded = (properties: Record<string, Json>, required: string[]): Json => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required, properties } } },
});
const page = (operationId: string, summary: string, tag: string, extra: Json = {}): Json => ({ operationId, summary, tags: [tag], ...extra });

export function pageOperations(definitions: FormDefinition[]): DocumentedOperation[] {
  return [
    {
      method: 'get',
      path: '/',
      operation: page('home', '様式の一覧へ移動する', 'pages', { responses: { 302: redirectResponse('/forms へ') } }),
    },
    {
      method: 'get',
      path: '/forms',
      operation: page('formsPage', '様式の一覧（ウェブページ）', 'pages', { responses: { 200: htmlResponse('様式の一覧'), 500: FAULT } }),
    },
    {
      method: 'get',
      path: '/forms/{id}',
      operation: page('formPage', '様式の記入ページ（入力中に誤りと確認事項を表示、PDF・Excel のダウンロード）', 'pages', {
        parameters: [{ name: 'id', in: 'path', required: true, description: '様式の id', schema: { type: 'string', enum: definitions.map((d) => d.id) } }],
        responses: { 200: htmlResponse('記入ページ'), 404: htmlResponse('様式がない（日本語のページ）'), 500: FAULT },
      }),
    },
    {
      method: 'get',
      path: '/assets/form.js',
      operation: page('formScript', '記入ページのスクリプト（検証規則を含む、このサーバーでまとめたもの）', 'pages', {
        parameters: [{ name: 'If-None-Match', in: 'header', required: false, description: '前に受け取った ETag', schema: { type: 'string' } }],
        responses: {
          200: { description: 'JavaScript（gzip 可）', headers: { ETag: header('内容の SHA-256') }, content: { 'text/javascript': { schema: { type: 'string' } } } },
          304: { description: '変わっていない' },
          500: FAULT,
        },
      }),
    },
    {
      method: 'get',
      path: '/assets/form.css',
      operation: page('formStyles', '記入ページのスタイルシート', 'pages', {
        responses: { 200: { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } }, 500: FAULT },
      }),
    },
    {
      method: 'get',
      path: '/assets/fonts/{file}',
      operation: page('formFont', '印刷と同じフォント（BIZ UDPGothic）', 'pages', {
        parameters: [{ name: 'file', in: 'path', required: true, description: 'フォントのファイル名', schema: { type: 'string', enum: ['biz-udpgothic-400.ttf', 'biz-udpgothic-700.ttf'] } }],
        responses: { 200: fileResponse('TrueType フォント', 'font/ttf'), 404: errorResponse('そのフォントはない', ['ROUTE_NOT_FOUND']) },
      }),
    },

    {
      method: 'get',
      path: '/inbox',
      operation: page('inboxPage', '受付一覧（市の担当者、ウェブページ）', 'inbox', {
        security: INBOX_COOKIE,
        parameters: [{ name: 'status', in: 'query', required: false, description: '状態で絞り込む', schema: { type: 'string', enum: ['received', 'reviewing', 'accepted', 'returned'] } }],
        responses: { 200: htmlResponse('受付一覧'), 401: htmlResponse('サインインのページ（市のトークンを入力）'), 500: FAULT },
      }),
    },
    {
      method: 'post',
      path: '/inbox/login',
      operation: page('inboxLogin', '市のトークンでサインインする（サーバー側のセッションを開き、その ID だけを HttpOnly・SameSite=Lax のクッキーに保存。操作のない30分又はサインインから8時間で切れる）', 'inbox', {
        requestBody: formUrlEncoded({ token: { type: 'string', description: '市の担当者用トークン' } }, ['token']),
        responses: {
          303: { ...redirectResponse('/inbox へ'), headers: { Location: header('/inbox'), 'Set-Cookie': header('yoshiki_inbox=<セッション ID>; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax（HTTPS なら Secure）') } },
          401: htmlResponse('トークンが正しくない、又は市のトークンでない'),
          403: htmlResponse('このサーバーのページ以外から送られた'),
          500: FAULT,
        },
      }),
    },
    {
      method: 'post',
      path: '/inbox/logout',
      operation: page('inboxLogout', 'サインアウトする（セッションを削除）', 'inbox', {
        responses: { 303: redirectResponse('/inbox へ'), 403: htmlResponse('このサーバーのページ以外から送られた'), 500: FAULT },
      }),
    },
    ...(['csv', 'xlsx'] as const).map((format) => ({
      method: 'get' as const,
      path: `/inbox/export.${format}`,
      operation: page(
        format === 'csv' ? 'inboxExportCsv' : 'inboxExportXlsx',
        `受付一覧を${format === 'csv' ? ' CSV（UTF-8 BOM 付き、数式にならないセル）' : ' Excel'}で書き出す（一覧と同じ項目。書き出しは監査ログに記録）`,
        'inbox',
        {
          security: INBOX_COOKIE,
          parameters: [{ name: 'status', in: 'query', required: false, description: '状態で絞り込む', schema: { type: 'string', enum: ['received', 'reviewing', 'accepted', 'returned'] } }],
          responses: {
            200: fileResponse(`受付一覧の${format === 'csv' ? ' CSV' : ' Excel'}`, format === 'csv' ? 'text/csv' : XLSX, {
              'Content-Disposition': header(`attachment; filename="inbox-<市>.${format}"; filename*=UTF-8''受付一覧（<市>）.${format}`),
            }),
            401: htmlResponse('サインインのページ'),
            500: FAULT,
          },
        },
      ),
    })),
    {
      method: 'get',
      path: '/inbox/{no}',
      operation: page('inboxSubmissionPage', '提出の詳細と審査（ウェブページ。受付の提出を開くと審査中になり、監査ログに記録）', 'inbox', {
        security: INBOX_COOKIE,
        parameters: [receiptNumber],
        responses: { 200: htmlResponse('提出の詳細'), 401: htmlResponse('サインインのページ'), 404: errorResponse('提出がない', ['SUBMISSION_NOT_FOUND']), 500: FAULT },
      }),
    },
    {
      method: 'post',
      path: '/inbox/{no}/status',
      operation: page('inboxChangeStatus', '審査を始める・受理する・差し戻す（ウェブページのフォーム。受理で通知書に市の文書番号が付く）', 'inbox', {
        security: INBOX_COOKIE,
        parameters: [receiptNumber],
        requestBody: formUrlEncoded(
          {
            to: { type: 'string', enum: ['reviewing', 'accepted', 'returned'] },
            reason: { type: 'string', description: '差戻しの理由' },
            designatedOn: { type: 'string', description: '位置付けた日' },
            abolishedOn: { type: 'string', description: '位置付けを廃止した日' },
          },
          ['to'],
        ),
        responses: {
          303: redirectResponse('提出の詳細のページへ'),
          401: htmlResponse('サインインのページ'),
          403: htmlResponse('このサーバーのページ以外から送られた、又は市のトークンでない'),
          404: errorResponse('提出がない', ['SUBMISSION_NOT_FOUND']),
          409: htmlResponse('今の状態からは変えられない（理由を表示した詳細のページ）'),
          422: htmlResponse('理由・日付の誤り（理由を表示した詳細のページ）'),
          500: FAULT,
        },
      }),
    },

    {
      method: 'get',
      path: '/registry',
      operation: page('registryPage', '市川市地域生活支援拠点等一覧表（公開、ウェブページ）', 'registry', {
        parameters: [municipality],
        responses: { 200: htmlResponse('一覧表'), 404: errorResponse('その市の一覧表はない', ['REGISTRY_NOT_FOUND']), 500: FAULT },
      }),
    },
    {
      method: 'get',
      path: '/registry.csv',
      operation: page('registryCsv', '一覧表（CSV、UTF-8 BOM 付き）', 'registry', {
        parameters: [municipality],
        responses: {
          200: fileResponse('一覧表の CSV', 'text/csv', { 'Content-Disposition': header('attachment; filename="registry-<市>.csv"') }),
          404: errorResponse('その市の一覧表はない', ['REGISTRY_NOT_FOUND']),
          500: FAULT,
        },
      }),
    },
    {
      method: 'get',
      path: '/registry.xlsx',
      operation: page('registryXlsx', '一覧表（Excel）', 'registry', {
        parameters: [municipality],
        responses: {
          200: fileResponse('一覧表の Excel', XLSX, { 'Content-Disposition': header('attachment; filename="registry-<市>.xlsx"') }),
          404: errorResponse('その市の一覧表はない', ['REGISTRY_NOT_FOUND']),
          500: FAULT,
        },
      }),
    },
  ];
}
