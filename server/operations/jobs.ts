/** The asynchronous batch API and its page (server/routes/batch-jobs.ts, server/pages/batch-page.ts), and the operations routes (server/operations-routes.ts). */
import type { FormDefinition } from '../../src/forms/definition.ts';
import { ASYNC_BATCH_MAX_ROWS, BATCH_RETENTION_DAYS } from '../../src/jobs/consumers.ts';
import { ASYNC_BATCH_LIMIT_BYTES } from '../routes/batch-jobs.ts';
import { BATCH_MAX_ROWS } from '../routes/batch.ts';
import { CONTENT_DISPOSITION, errorResponse, fileResponse, htmlResponse, jsonResponse, SERVER_FAULT, TODAY_PARAMETER, type DocumentedOperation, type Json } from './operation.ts';

const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;
const ID: Json = { name: 'id', in: 'path', required: true, description: '一括作成の番号（POST /api/batches が返す id。22文字）', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' } };
const NOT_FOUND = errorResponse(`その番号の一括作成がない（依頼から ${BATCH_RETENTION_DAYS} 日で削除されます）`, ['BATCH_NOT_FOUND']);
const count = { type: 'integer', minimum: 0 };

const BATCH_STATUS: Json = {
  type: 'object',
  required: ['id', 'form', 'state', 'stateLabel', 'rows', 'attempts', 'createdAt', 'finishedAt', 'error', 'result', 'links'],
  properties: {
    id: { type: 'string' },
    form: { type: 'string', description: '様式の id' },
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'], description: 'queued（順番待ち）、running（作成中）、done（完了）、failed（表が読めない等で作成できなかった）' },
    stateLabel: { type: 'string', description: '状態の日本語（待ち・作成中・完了・失敗）' },
    rows: {
      type: 'object',
      required: ['done', 'total', 'refused', 'rendered'],
      properties: {
        done: { ...count, description: '処理した行（作成した行と誤りのため作成しない行）' },
        total: { type: ['integer', 'null'], minimum: 0, description: '行の数（読み終わるまでは見込み。分からなければ null）' },
        refused: { ...count, description: 'これまでに誤りのため作成しないと決まった行' },
        rendered: { type: ['integer', 'null'], minimum: 0, description: '作成した行（完了したときだけ）' },
      },
    },
    attempts: { ...count, description: '作成を始めた回数（作成中に worker が止まると、別の worker がやり直し、2 以上になる）' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    error: {
      type: ['object', 'null'],
      required: ['code', 'message'],
      properties: { code: { type: 'string', enum: ['UNREADABLE_FILE', 'PAYLOAD_TOO_LARGE', 'QUEUE_UNAVAILABLE', 'INTERNAL_ERROR'] }, message: { type: 'string', description: '日本語の理由（何を直せばよいか）' } },
      description: 'failed のときの理由',
    },
    result: {
      type: ['object', 'null'],
      required: ['size', 'sha256', 'link'],
      properties: { size: count, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, link: { type: 'string' } },
      description: 'done のときの ZIP',
    },
    links: { type: 'object', required: ['self'], properties: { self: { type: 'string' } } },
  },
};

const CHECK = { type: 'string', enum: ['ok', 'unreachable', 'stopping'] };
const CHECKS: Json = { type: 'object', properties: { store: CHECK, queue: CHECK, server: CHECK }, description: '確かめた相手ごとの結果（store：データベース、queue：ジョブの待ち行列、server：停止処理中）' };

export function jobOperations(definitions: FormDefinition[]): DocumentedOperation[] {
  return [
    {
      method: 'post',
      path: '/api/batches',
      operation: {
        operationId: 'createBatch',
        summary: '大きな表の一括作成を依頼する（裏側で作成し、進み具合と結果は番号で取得）',
        description:
          `POST /api/forms/{id}/batch と同じ multipart に、様式の id を form という部分で加えて送ります。表を保存して作成の仕事（ジョブ）を登録し、すぐ 202 と番号を返します。` +
          `作成は worker（yoshiki worker、SQLite ではサーバー自身）が行い、どのサーバーに問い合わせても同じ結果が得られます。` +
          `同期の POST /api/forms/{id}/batch は ${BATCH_MAX_ROWS.toLocaleString('en-US')} 行までですが、こちらは ${ASYNC_BATCH_MAX_ROWS.toLocaleString('en-US')} 行まで（ファイル ${MB(ASYNC_BATCH_LIMIT_BYTES)} まで）。` +
          `表が読めない・行が多すぎるときは、状態が failed になり error に理由が入ります。結果は依頼から ${BATCH_RETENTION_DAYS} 日で削除されます。番号を知っている人は誰でも結果を取得できるため、番号は人に渡さないでください。`,
        tags: ['files'],
        parameters: [TODAY_PARAMETER],
        requestBody: {
          required: true,
          description: `multipart/form-data（ファイルの上限 ${MB(ASYNC_BATCH_LIMIT_BYTES)}）`,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['form', 'file'],
                properties: {
                  form: { type: 'string', enum: definitions.map((d) => d.id), description: '様式の id' },
                  file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'CSV（UTF-8 又は Shift_JIS）、.xlsx、.jsonl（POST /api/forms/{id}/batch と同じ）' },
                  format: { type: 'string', pattern: '^(pdf|xlsx)(,(pdf|xlsx))?$', default: 'pdf' },
                  combined: { type: 'string', enum: ['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'] },
                  sheet: { type: 'string' },
                  name: { type: 'string', default: '{row}-{form-id}' },
                },
              },
            },
          },
        },
        responses: {
          202: jsonResponse('受け付けた（Location に状態の URL）', BATCH_STATUS, { Location: { description: '/api/batches/{id}', schema: { type: 'string' } } }),
          400: errorResponse('ファイルがない、指定の誤り、知らない部分、multipart が壊れている、又は実在しない today', ['FILE_MISSING', 'INVALID_OPTION', 'BAD_REQUEST', 'INVALID_TODAY']),
          404: errorResponse('form の様式がない', ['FORM_NOT_FOUND']),
          405: errorResponse('POST 以外のメソッド', ['METHOD_NOT_ALLOWED']),
          413: errorResponse(`ファイルが上限（${MB(ASYNC_BATCH_LIMIT_BYTES)}）を超えている`, ['PAYLOAD_TOO_LARGE']),
          415: errorResponse('multipart/form-data でない', ['UNSUPPORTED_MEDIA_TYPE']),
          503: errorResponse('ジョブの待ち行列に接続できない', ['QUEUE_UNAVAILABLE']),
          500: SERVER_FAULT,
        },
      },
    },
    {
      method: 'get',
      path: '/api/batches/{id}',
      operation: {
        operationId: 'getBatch',
        summary: '一括作成の状態と進み具合（処理した行・全体の行・誤りの行）',
        description: '画面 /batches は2秒ごとにこれを読み、完了したら ZIP を示します。',
        tags: ['files'],
        parameters: [ID],
        responses: { 200: jsonResponse('状態', BATCH_STATUS), 404: NOT_FOUND, 405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']), 500: SERVER_FAULT },
      },
    },
    {
      method: 'get',
      path: '/api/batches/{id}/result.zip',
      operation: {
        operationId: 'getBatchResult',
        summary: '一括作成の結果（yoshiki batch --zip と同じ ZIP：作成したファイル、manifest.json、report.csv、report.xlsx）',
        tags: ['files'],
        parameters: [ID],
        responses: {
          200: fileResponse('ZIP（ファイル名は「<様式の表題>（一括作成）.zip」、ETag は SHA-256）', 'application/zip', { 'Content-Disposition': CONTENT_DISPOSITION }),
          404: NOT_FOUND,
          405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']),
          409: errorResponse('まだ終わっていない、又は作成できなかった（理由は GET /api/batches/{id}）', ['BATCH_NOT_DONE', 'BATCH_FAILED']),
          500: SERVER_FAULT,
        },
      },
    },
    {
      method: 'get',
      path: '/batches',
      operation: { operationId: 'batchPage', summary: '一括作成の画面（表を送り、進み具合を見て、ZIP を受け取る）', tags: ['pages'], responses: { 200: htmlResponse('画面') } },
    },
    {
      method: 'get',
      path: '/assets/batch.js',
      operation: {
        operationId: 'batchPageScript',
        summary: '一括作成の画面のスクリプト',
        tags: ['pages'],
        responses: { 200: { description: 'JavaScript', content: { 'text/javascript': { schema: { type: 'string' } } } } },
      },
    },
    {
      method: 'get',
      path: '/healthz',
      operation: {
        operationId: 'healthz',
        summary: '生きているか（プロセスが応答する）',
        tags: ['operations'],
        responses: { 200: jsonResponse('応答できる', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }), 405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']) },
      },
    },
    {
      method: 'get',
      path: '/readyz',
      operation: {
        operationId: 'readyz',
        summary: '仕事ができるか（データベースとジョブの待ち行列に1秒以内に届く。停止処理が始まると 503）',
        description: 'ロードバランサーはこれが 503 のサーバーに要求を送らないでください。',
        tags: ['operations'],
        responses: {
          200: jsonResponse('準備ができている', { type: 'object', required: ['status', 'checks'], properties: { status: { const: 'ready' }, checks: CHECKS } }),
          405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']),
          503: jsonResponse('準備ができていない（NOT_READY：どれに届かないかを message と checks に）', {
            type: 'object',
            required: ['error', 'checks'],
            properties: { error: { $ref: '#/components/schemas/ErrorResponse/properties/error' }, checks: CHECKS },
          }),
        },
      },
    },
    {
      method: 'get',
      path: '/metrics',
      operation: {
        operationId: 'metrics',
        summary: 'Prometheus の指標（要求の数と時間を経路のパターンごとに、ジョブの数を待ち行列と状態ごとに、Node.js の指標）',
        description: '経路はパターン（/api/batches/:id）で記録し、送られたパスそのもの（番号や名前を含みうる）は記録しません。公開のネットワークには出さず、監視系からだけ読めるようにしてください。',
        tags: ['operations'],
        responses: { 200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } }, 405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']) },
      },
    },
  ];
}
