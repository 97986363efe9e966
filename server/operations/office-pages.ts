/**
 * The office's pages and the JSON its form page reads and writes (server/office/router.ts): 一時保存, 添付書類, 「前回の
 * 届出から作成」, 確認画面, 提出, 受付, 提出一覧 and the office's own files. Listed so the document covers every route.
 */
import type { FormDefinition } from '../../src/forms/definition.ts';
import { RECEIPT_NUMBER } from '../../src/store/receipt-number.ts';
import { errorResponse, fileResponse, htmlResponse, jsonResponse, redirectResponse, type DocumentedOperation, type Json } from './operation.ts';

const FAULT = errorResponse('サーバー内部の問題（スタックトレースは返しません）', ['INTERNAL_ERROR', 'INTERNAL']);
const SECURITY = [{ bearerAuth: [] }, { sessionCookie: [] }];
const WHO = {
  401: errorResponse('サインインしていない', ['UNAUTHENTICATED', 'INVALID_TOKEN', 'SESSION_EXPIRED']),
  403: errorResponse('事業所でない、又はこのサーバーのページ以外から送られた', ['OFFICE_ONLY']),
};
const receiptNumber: Json = { name: 'no', in: 'path', required: true, description: '受付番号', schema: { type: 'string', pattern: RECEIPT_NUMBER.source } };
const revision: Json = { name: 'revision', in: 'query', required: false, description: '版（省略時は最新）', schema: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' } };
const op = (operationId: string, summary: string, extra: Json): Json => ({ operationId, summary, tags: ['office'], security: SECURITY, ...extra });
const html = (description: string, codes: string[] = []) => ({ ...htmlResponse(description), ...(codes.length ? { description: `${description}（${codes.join('、')}）` } : {}) });

export function officeOperations(definitions: FormDefinition[]): DocumentedOperation[] {
  const fileable = definitions.filter((d) => d.filing?.issuedBy === 'office').map((d) => d.id);
  const formId: Json = { name: 'id', in: 'path', required: true, description: '事業所が提出する様式の id', schema: { type: 'string', enum: fileable } };
  const draft = { type: 'object', properties: { version: { type: 'integer' }, data: { type: 'object' }, savedAt: { type: 'string' }, revises: { type: ['string', 'null'] } } };
  const attachment = { type: 'object', properties: { slot: { type: 'integer' }, name: { type: 'string' }, fileName: { type: 'string' }, size: { type: 'integer' }, savedAt: { type: 'string' } } };
  const notFileable = errorResponse('事業所が提出する様式でない', ['FORM_NOT_FILEABLE']);
  return [
    {
      method: 'get',
      path: '/forms/{id}/draft',
      operation: op('officeDraft', 'この様式の一時保存（サインインした人の、最新の版と添付書類）', {
        parameters: [formId],
        responses: { 200: jsonResponse('一時保存（なければ draft: null）', { type: 'object', properties: { draft: { oneOf: [draft, { type: 'null' }] }, attachments: { type: 'array', items: attachment } } }), ...WHO, 404: notFileable, 500: FAULT },
      }),
    },
    {
      method: 'put',
      path: '/forms/{id}/draft',
      operation: op('officeSaveDraft', '一時保存する（読み込んだ版を version に。より新しい版があれば 409 で断り、上書きしない）', {
        parameters: [formId],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['version', 'data'], properties: { version: { type: 'integer', minimum: 0 }, data: { type: 'object' } } } } } },
        responses: {
          200: jsonResponse('保存した版', { type: 'object', properties: { version: { type: 'integer' }, savedAt: { type: 'string' } } }),
          400: errorResponse('version 又は data の誤り', ['DRAFT_VERSION', 'DRAFT_DATA', 'INVALID_JSON']),
          ...WHO,
          404: notFileable,
          409: errorResponse('別のタブ・端末でより新しい版が保存されている', ['DRAFT_STALE']),
          413: errorResponse('1 MB を超える', ['PAYLOAD_TOO_LARGE']),
          500: FAULT,
        },
      }),
    },
    {
      method: 'post',
      path: '/forms/{id}/draft/attachments/{slot}',
      operation: op('officeAttach', '添付書類を一時保存に加える（内容で PDF と確かめる、10 MB まで、同じ欄は置き換え）', {
        parameters: [formId, { name: 'slot', in: 'path', required: true, description: '様式の定める添付書類の番号（0 から）', schema: { type: 'string', pattern: '^[0-9]{1,2}$' } }],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
        responses: {
          200: jsonResponse('添付した書類', { type: 'object', properties: { attachment, message: { type: 'string' } } }),
          400: errorResponse('ファイルがない、又は multipart の誤り', ['ATTACHMENT_MISSING', 'MULTIPART', 'UNEXPECTED_FILE']),
          ...WHO,
          404: errorResponse('様式又は添付書類の欄がない', ['FORM_NOT_FILEABLE', 'ATTACHMENT_SLOT']),
          413: errorResponse('10 MB を超える', ['ATTACHMENT_TOO_LARGE', 'PAYLOAD_TOO_LARGE']),
          422: errorResponse('PDF でない', ['ATTACHMENT_NOT_PDF']),
          500: FAULT,
        },
      }),
    },
    {
      method: 'get',
      path: '/forms/{id}/previous',
      operation: op('officePrevious', '前回の届出から作成（前回の提出の内容。変更届は登録内容を変更前に）', {
        parameters: [formId],
        responses: {
          200: jsonResponse('写す内容', { type: 'object', properties: { data: { type: 'object' }, from: { type: 'string' }, registered: { type: 'object' } } }),
          ...WHO,
          404: errorResponse('前回の届出がない、又は事業所が提出する様式でない', ['NO_PREVIOUS_FILING', 'FORM_NOT_FILEABLE']),
          500: FAULT,
        },
      }),
    },
    {
      method: 'get',
      path: '/forms/{id}/confirm',
      operation: op('officeConfirmPage', '確認画面（印刷される値、添付書類、確認事項、提出できない理由）', {
        parameters: [formId],
        responses: { 200: htmlResponse('確認画面'), 401: html('サインインを求めるページ'), 403: html('事業所でない'), 404: html('一時保存がない、又は様式がない'), 500: FAULT },
      }),
    },
    {
      method: 'post',
      path: '/forms/{id}/submit',
      operation: op('officeSubmit', '確認した一時保存を提出する（差し戻された提出なら同じ受付番号の次の版）', {
        parameters: [formId],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required: ['version'], properties: { version: { type: 'string' } } } } } },
        responses: {
          303: redirectResponse('受付のページへ'),
          401: html('サインインを求めるページ'),
          403: html('事業所でない、又はこのサーバーのページ以外から送られた'),
          404: html('一時保存がない'),
          409: html('確認の後に変更された、又は同じ様式が手続中'),
          422: html('提出できない理由'),
          500: FAULT,
        },
      }),
    },
    {
      method: 'get',
      path: '/filings',
      operation: op('officeFilingsPage', '提出一覧（状態、受付番号、和暦の日時、差戻しの理由、通知書、修正して再提出）', {
        responses: { 200: htmlResponse('提出一覧'), 401: html('サインインを求めるページ'), 403: html('事業所でない'), 500: FAULT },
      }),
    },
    {
      method: 'get',
      path: '/filings/{no}',
      operation: op('officeFilingPage', '提出の詳細', {
        parameters: [receiptNumber, revision],
        responses: { 200: htmlResponse('提出の詳細'), 401: html('サインインを求めるページ'), 403: html('事業所でない'), 404: html('提出がない'), 500: FAULT },
      }),
    },
    {
      method: 'get',
      path: '/filings/{no}/received',
      operation: op('officeReceiptPage', '受付のページ（受付番号、和暦の受付日時、次に行われること、受付票）', {
        parameters: [receiptNumber, revision],
        responses: { 200: htmlResponse('受付のページ'), 401: html('サインインを求めるページ'), 403: html('事業所でない'), 404: html('提出がない'), 500: FAULT },
      }),
    },
    {
      method: 'post',
      path: '/filings/{no}/reopen',
      operation: op('officeReopen', '修正して再提出（提出した内容と添付書類を一時保存に戻す）', {
        parameters: [receiptNumber],
        responses: {
          303: redirectResponse('様式の記入ページへ'),
          401: html('サインインを求めるページ'),
          403: html('事業所でない、又はこのサーバーのページ以外から送られた'),
          404: html('提出がない'),
          409: html('差戻し中でない'),
          500: FAULT,
        },
      }),
    },
    ...(
      [
        ['receipt.pdf', 'officeReceiptPdf', '受付票（PDF）', [revision]],
        ['notice.pdf', 'officeNoticePdf', '通知書（PDF、受理の後）', []],
      ] as const
    ).map(
      ([file, id, summary, extra]): DocumentedOperation => ({
        method: 'get',
        path: `/filings/{no}/${file}`,
        operation: op(id, summary, {
          parameters: [receiptNumber, ...extra],
          responses: { 200: fileResponse(summary, 'application/pdf'), ...WHO, 404: errorResponse('提出又は通知書がない', ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND', 'NOTICE_NOT_FOUND']), 500: FAULT },
        }),
      }),
    ),
    {
      method: 'get',
      path: '/filings/{no}/documents/{file}',
      operation: op('officeDocument', '提出した様式（PDF 又は Excel）', {
        parameters: [receiptNumber, { name: 'file', in: 'path', required: true, description: '0.pdf、0.xlsx …', schema: { type: 'string', pattern: '^[0-9]{1,2}\\.(pdf|xlsx)$' } }, revision],
        responses: { 200: fileResponse('様式', 'application/pdf'), ...WHO, 404: errorResponse('提出又は書類がない', ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND', 'DOCUMENT_NOT_FOUND']), 500: FAULT },
      }),
    },
    {
      method: 'get',
      path: '/filings/{no}/attachments/{index}',
      operation: op('officeAttachment', '添付した書類（提出したとおり）', {
        parameters: [receiptNumber, { name: 'index', in: 'path', required: true, description: '0 から', schema: { type: 'string', pattern: '^[0-9]{1,2}$' } }, revision],
        responses: { 200: fileResponse('添付書類', 'application/pdf'), ...WHO, 404: errorResponse('提出又は添付書類がない', ['SUBMISSION_NOT_FOUND', 'REVISION_NOT_FOUND', 'ATTACHMENT_NOT_FOUND']), 500: FAULT },
      }),
    },
  ];
}
