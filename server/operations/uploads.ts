/** The fillable PDF, the import of a filled file (server/routes/fillable.ts) and the batch upload (server/routes/batch.ts). */
import type { FormDefinition } from '../../src/forms/definition.ts';
import { IMPORT_LIMIT_BYTES } from '../routes/fillable.ts';
import { BATCH_HEADERS, BATCH_LIMIT_BYTES, BATCH_MAX_ROWS, BATCH_READ_LIMITS } from '../routes/batch.ts';
import { IMPORT_ZIP_LIMITS } from '../../src/import/read-xlsx.ts';
import { CONTENT_DISPOSITION, errorResponse, fileResponse, formIdParameter, header, jsonResponse, ref, SERVER_FAULT, TODAY_PARAMETER, type DocumentedOperation } from './operation.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;
const NO_FORM = errorResponse('様式がない', ['FORM_NOT_FOUND']);

export function uploadOperations(definitions: FormDefinition[]): DocumentedOperation[] {
  const id = formIdParameter(definitions);
  return [
    {
      method: 'get',
      path: '/api/forms/{id}/fillable.pdf',
      operation: {
        operationId: 'getFillablePdf',
        summary: '記入用 PDF（AcroForm の記入欄つき、白紙の様式）',
        description: '記入欄の名前はデータのパス（office.number など）です。日本語を入力できるよう、フォントを丸ごと埋め込んでいます。',
        tags: ['files'],
        parameters: [id],
        responses: {
          200: fileResponse('記入用 PDF（ファイル名は「<様式の表題>（記入用）.pdf」）', 'application/pdf', { 'Content-Disposition': CONTENT_DISPOSITION }),
          404: NO_FORM,
          500: SERVER_FAULT,
        },
      },
    },
    {
      method: 'post',
      path: '/api/forms/{id}/import',
      operation: {
        operationId: 'importFilledFile',
        summary: '記入済みの記入用 PDF 又は yoshiki の Excel から記入データを読み込む',
        description:
          'ファイルの種類は先頭のバイトで判断します。ファイルを読めれば 200 で、データとその検証結果を返します（誤りがあるかは result に）。',
        tags: ['files'],
        parameters: [id, TODAY_PARAMETER],
        requestBody: {
          required: true,
          description: `multipart/form-data の file、又はファイルそのものを本文に（上限 ${MB(IMPORT_LIMIT_BYTES)}）`,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: '記入済みの PDF 又は .xlsx' } } },
            },
            'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
            [XLSX]: { schema: { type: 'string', contentMediaType: XLSX } },
            'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
          },
        },
        responses: {
          200: jsonResponse('読み込んだデータと検証結果', ref('ImportResult')),
          400: errorResponse('ファイルがない、multipart が壊れている、file 以外の部分、又は実在しない today', ['FILE_MISSING', 'BAD_REQUEST', 'INVALID_TODAY']),
          404: NO_FORM,
          413: errorResponse(
            `ファイルが上限（${MB(IMPORT_LIMIT_BYTES)}）を超えている、又は Excel が展開すると上限（${MB(IMPORT_ZIP_LIMITS.maxTotalBytes)}、部品 ${IMPORT_ZIP_LIMITS.maxEntries} 個）を超える`,
            ['PAYLOAD_TOO_LARGE'],
          ),
          415: errorResponse('PDF でも Excel（.xlsx）でもない', ['UNSUPPORTED_MEDIA_TYPE']),
          422: errorResponse('記入済みの様式として読めない（壊れている、記入欄がない、別の様式のファイル）', ['UNREADABLE_FILE', 'NOT_FILLABLE', 'WRONG_FORM']),
          500: SERVER_FAULT,
        },
      },
    },
    {
      method: 'post',
      path: '/api/forms/{id}/batch',
      operation: {
        operationId: 'renderBatch',
        summary: '表（CSV・Excel・JSONL）の1行を1件として、まとめて PDF・Excel を作成し ZIP で返す（yoshiki batch と同じ）',
        description:
          '誤りのある行は作成せず、ZIP の report.csv・report.xlsx に行・規則・項目・メッセージを記録します（一部の行が誤りでも 200）。' +
          'manifest.json には行ごとのファイルと SHA-256 を記録します。表がまったく読めないときだけ 422 です。' +
          '1件の依頼は作成用のスレッド1本で処理し、同時に処理する依頼は CPU の数まで（超えた分は少し待ち、さらに混むと 503）。' +
          `1回に送れる表は ${BATCH_MAX_ROWS.toLocaleString('en-US')} 行まで（超えると 413。行数に上限のないコマンド yoshiki batch を使うか、表を分けて送る）。` +
          `Excel は展開して ${MB(BATCH_READ_LIMITS.zip.maxTotalBytes)}・部品 ${BATCH_READ_LIMITS.zip.maxEntries.toLocaleString('en-US')} 個まで（超えると 413）。` +
          `表は1行ずつ読み、次の行が ${BATCH_READ_LIMITS.stepTimeoutMs / 1000} 秒以内に読めなければ壊れたファイルとして 422 です。`,
        tags: ['files'],
        parameters: [id, TODAY_PARAMETER],
        requestBody: {
          required: true,
          description: `multipart/form-data（ファイルの上限 ${MB(BATCH_LIMIT_BYTES)}）`,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: {
                    type: 'string',
                    contentMediaType: 'application/octet-stream',
                    description:
                      'CSV（UTF-8（BOM の有無は問わない）又は Shift_JIS（CP932））、.xlsx、.jsonl。種類は拡張子で、拡張子がなければ内容で判断します。1行目は見出し（印刷される項目名 事業所番号、又はキー office.number）。',
                  },
                  format: { type: 'string', pattern: '^(pdf|xlsx)(,(pdf|xlsx))?$', default: 'pdf', description: '作成する形式：pdf、xlsx 又は pdf,xlsx' },
                  combined: { type: 'string', enum: ['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], description: '1 なら全行をまとめた combined.pdf も作成' },
                  sheet: { type: 'string', description: 'Excel の読み込むシート名（省略時は最初のシート）' },
                  name: { type: 'string', default: '{row}-{form-id}', description: 'ファイル名の形（例：{office.number}-{filedOn}）' },
                },
              },
            },
          },
        },
        responses: {
          200: fileResponse('作成したファイル、manifest.json、report.csv、report.xlsx の ZIP（ファイル名は「<様式の表題>（一括作成）.zip」）', 'application/zip', {
            'Content-Disposition': CONTENT_DISPOSITION,
            [BATCH_HEADERS.rows]: header('読み込んだ行の数', { type: 'integer', minimum: 0 }),
            [BATCH_HEADERS.rendered]: header('作成した行の数', { type: 'integer', minimum: 0 }),
            [BATCH_HEADERS.refused]: header('誤りのため作成しなかった行の数（理由は report.csv）', { type: 'integer', minimum: 0 }),
          }),
          400: errorResponse('ファイルがない、指定（format、combined、name）の誤り、知らない部分、multipart が壊れている、又は実在しない today', [
            'FILE_MISSING',
            'INVALID_OPTION',
            'BAD_REQUEST',
            'INVALID_TODAY',
          ]),
          404: NO_FORM,
          405: errorResponse('POST 以外のメソッド（Allow ヘッダーに使えるメソッド）', ['METHOD_NOT_ALLOWED']),
          413: errorResponse(
            `ファイルが上限（${MB(BATCH_LIMIT_BYTES)}）を超えている、行が ${BATCH_MAX_ROWS.toLocaleString('en-US')} 行を超える、又は Excel が展開すると大きすぎる`,
            ['PAYLOAD_TOO_LARGE'],
          ),
          415: errorResponse('multipart/form-data でない本文', ['UNSUPPORTED_MEDIA_TYPE']),
          422: errorResponse('表を読めない（見出し行がない、知らない見出し、データの行がない、壊れた Excel、シートがない、どの行も書類として読めない）', ['UNREADABLE_FILE']),
          500: SERVER_FAULT,
          503: {
            ...errorResponse('一括作成の依頼が混み合っている', ['SERVER_BUSY']),
            headers: { 'Retry-After': header('待つ秒数', { type: 'integer', minimum: 1 }) },
          },
        },
      },
    },
  ];
}
