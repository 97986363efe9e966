/**
 * Messages the server alone says (HTTP errors, start-up), in Japanese, keyed by code. Findings about a document keep
 * their messages in src/messages/ja.ts; these are about the request itself, and each tells the caller what to do.
 */
export type ServerMessageParams = Record<string, string | number | undefined>;
type Template = (p: ServerMessageParams) => string;

const q = (s: string | number | undefined) => `「${s ?? ''}」`;

export const serverMessages = {
  FORM_NOT_FOUND: (p) => `様式${q(p.id)}はありません。GET /api/forms で様式の一覧を確認してください。`,
  ROUTE_NOT_FOUND: (p) => `${q(`${p.method} ${p.path}`)}はありません。アドレスを確認してください（API の一覧：GET /api/openapi.json）。`,
  METHOD_NOT_ALLOWED: (p) => `${q(p.path)}には ${p.method} を使えません。使えるのは ${p.allow} です。`,
  INVALID_JSON: () =>
    '本文を JSON のオブジェクト（{ … }）として読み取れません。引用符・カンマ・括弧の対応と、文字コード（UTF-8）を確認してください。',
  BODY_NOT_OBJECT: () => '本文は様式の記入データ（JSON のオブジェクト { … }）にしてください。配列は受け付けません。',
  BODY_TOO_DEEP: (p) => `本文の入れ子が深すぎます（${p.limit}段まで）。様式のデータの形を確認してください。`,
  UNSUPPORTED_MEDIA_TYPE: (p) =>
    `本文は JSON で送ってください（Content-Type: application/json）。送られた形式：${q(p.type || 'なし')}。`,
  UNSUPPORTED_CHARSET: () => '本文の文字コードは UTF-8 にしてください（Content-Type: application/json; charset=utf-8）。',
  UNSUPPORTED_ENCODING: () => '本文の圧縮形式（Content-Encoding）に対応していません。gzip、deflate 又は圧縮なしで送ってください。',
  PAYLOAD_TOO_LARGE: (p) => `本文が大きすぎます（上限 ${p.limit}）。記入内容を見直して、もう一度送ってください。`,
  INVALID_TODAY: (p) => `today は実在する日付を YYYY-MM-DD の形で指定してください（指定された値：${q(p.value)}）。`,
  MALFORMED_PERCENT_ENCODING: (p) =>
    `${p.part}の「%」の書き方が正しくありません。% の後には2桁の16進数（UTF-8 の1バイト）が続きます。% そのものは %25 と書いてください。`,
  BAD_REQUEST: () => '要求を読み取れません。アドレスと本文の形を確認してください。',
  CLIENT_ERROR: (p) => `要求を処理できません（HTTP ${p.status}）。アドレスと本文の形を確認してください。`,
  SERVER_BUSY: (p) => `ただいま PDF・Excel の作成の依頼が混み合っています。${p.seconds}秒ほど待ってから、もう一度送ってください。`,
  INTERNAL_ERROR: () => 'サーバーで問題が起きたため、処理できませんでした。時間をおいてもう一度お試しください。続く場合は管理者に連絡してください。',
  /* ---- POST /api/forms/:id/batch (the multipart upload; what the rows say is in the zip's report) ---- */
  BATCH_FILE_MISSING: () =>
    'ファイルがありません。multipart/form-data の file という名前の部分に、CSV（UTF-8 又は Shift_JIS）、Excel（.xlsx）又は JSONL のファイルを1つ入れて送ってください。',
  BATCH_NOT_MULTIPART: (p) =>
    `一括作成のファイルは multipart/form-data で送ってください（file という名前の部分にファイル）。送られた形式：${q(p.type || 'なし')}。`,
  BATCH_MULTIPART: () => 'multipart/form-data の本文を読み取れません。file という名前の部分にファイルを1つ入れて、もう一度送ってください。',
  BATCH_UPLOAD_FIELD: (p) =>
    `${q(p.field)}という部分は受け付けません。ファイルは file、指定は format、combined、sheet、name という名前の部分で1つずつ送ってください。`,
  BATCH_FILE_TOO_LARGE: (p) => `ファイルが大きすぎます（上限 ${p.limit}）。行を分けて、何回かに分けて送ってください。`,
  BATCH_TOO_MANY_ROWS: (p) =>
    `一度に作成できるのは ${p.limit} 行までです。大きな表は POST /api/batches（画面：/batches）に送ると、裏側で作成して後で ZIP を受け取れます。表を ${p.limit} 行ずつに分けて送るか、行数に上限のないコマンド yoshiki batch（yoshiki batch <様式の id> <表のファイル>）を使うこともできます。`,
  BATCH_XLSX_BOMB: (p) =>
    `Excel ファイル${q(p.file)}は展開すると大きすぎる（上限 ${p.limit}、部品 ${p.parts} 個まで）ため読み込みません。Excel で開いて .xlsx 形式で保存し直すか、CSV にして送ってください。`,
  BATCH_FORMAT: (p) => `format は pdf、xlsx 又は pdf,xlsx で指定してください（指定された値：${q(p.value)}）。`,
  BATCH_COMBINED: (p) => `combined は 1（まとめた PDF も作る）又は 0 で指定してください（指定された値：${q(p.value)}）。`,
  BATCH_COMBINED_NEEDS_PDF: () => 'combined（まとめた PDF）を作るには、format に pdf を含めてください（例：pdf 又は pdf,xlsx）。',
  BATCH_NAME: (p) =>
    `name ${q(p.pattern)} の {${p.key}} はこの様式の項目ではありません。{row}、{form-id} 又は項目のキー（例：{office.number}）を使ってください。`,
  BATCH_NO_DOCUMENT: (p) =>
    `入力ファイル${q(p.file)}のどの行も書類として読み取れませんでした（${p.row}件目：${p.reason}）。1行に1件の記入データを書いて、もう一度送ってください。`,
  BATCH_BUSY: (p) => `一括作成の依頼が混み合っています。${p.seconds}秒ほど待ってから、もう一度送ってください。`,
  SERVER_STARTED: (p) => `yoshiki のサーバーを起動しました：${p.url}`,
  SERVER_STARTED_EN: (p) => `yoshiki is running at ${p.url}`,
  SERVER_STOPPED: () => 'yoshiki のサーバーを停止しました。',
  PORT_IN_USE: (p) => `ポート ${p.port} は使用中です。--port で別のポートを指定してください。`,
  LISTEN_FAILED: (p) => `サーバーを起動できません（${p.host}:${p.port}、${p.reason}）。--host と --port を確認してください。`,
  INVALID_PORT: (p) => `--port は 0〜65535 の整数で指定してください（指定された値：${q(p.value)}）。`,
  WARM_UP_FAILED: () => '起動時の試し作成（記入例の PDF）に失敗しました。最初の PDF の作成で同じ問題が起きるおそれがあります。',
} satisfies Record<string, Template>;

export type ServerMessageCode = keyof typeof serverMessages;

export function serverMessage(code: ServerMessageCode, params: ServerMessageParams = {}): string {
  return serverMessages[code](params);
}
