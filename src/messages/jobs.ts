/**
 * What the asynchronous batch API, its page and the operations routes say, in Japanese. The batch's own messages about
 * a table (a header it does not know, a row it cannot read) stay in src/batch/messages.ts; these are about the job.
 */
const q = (s: string | number | undefined) => `「${s ?? ''}」`;

export const jobMessages = {
  batchNotFound: (id: string, days: number) => `一括作成${q(id)}はありません。番号を確認してください（作成の結果は依頼から ${days} 日で削除されます）。`,
  batchTooManyRows: (limit: number) =>
    `一度に作成できるのは ${limit.toLocaleString('en-US')} 行までです。表を分けて送るか、行数に上限のないコマンド yoshiki batch を使ってください。`,
  batchXlsxBomb: (file: string, limit: string, parts: number) =>
    `Excel ファイル${q(file)}は展開すると大きすぎる（上限 ${limit}、部品 ${parts.toLocaleString('en-US')} 個まで）ため読み込みません。Excel で開いて .xlsx 形式で保存し直すか、CSV にして送ってください。`,
  batchNoDocument: (file: string, row: string, reason: string) =>
    `入力ファイル${q(file)}のどの行も書類として読み取れませんでした（${row}件目：${reason}）。1行に1件の記入データを書いて、もう一度送ってください。`,
  batchNotDone: (id: string, state: string) =>
    `一括作成${q(id)}はまだ終わっていません（状態：${state}）。GET /api/batches/${id} で done になってから取得してください。`,
  batchFailed: (id: string) => `一括作成${q(id)}は作成できませんでした。GET /api/batches/${id} の error に理由があります。表を直して、もう一度送ってください。`,
  batchGaveUp: () => '作成中に問題が続いたため、作成を中止しました。時間をおいて、もう一度送ってください。続く場合は管理者に連絡してください。',
  queueUnavailable: () => '作成の依頼を受け付けられません（ジョブの待ち行列に接続できません）。時間をおいて、もう一度送ってください。',
  notReady: (reasons: string) => `準備ができていません（${reasons}）。しばらくしてから、もう一度確かめてください。`,
  notReadyReasons: { store: 'データベースに接続できません', queue: 'ジョブの待ち行列に接続できません', server: 'サーバーは停止処理中です' } as Record<string, string>,
  stateLabel: { queued: '待ち', running: '作成中', done: '完了', failed: '失敗' } as Record<string, string>,
} as const;

/** The batch page (/batches): labels and the lines the script shows while polling. */
export const batchPageText = {
  title: '一括作成（大きな表）',
  lead: '表（CSV・Excel・JSONL）の1行を1件として、PDF・Excel をまとめて作成します。作成はサーバーの裏側で進み、終わると ZIP をダウンロードできます。この画面を閉じても作成は続きます（番号を控えておけば、後で結果を取得できます）。',
  form: '様式',
  file: '表のファイル',
  fileHint: 'CSV（UTF-8 又は Shift_JIS）、Excel（.xlsx）又は JSONL。1行目は見出し（印刷される項目名 又は office.number のようなキー）。',
  format: '作成する形式',
  today: '基準日（省略可）',
  submit: '作成を依頼する',
  progress: '進み具合',
  waiting: '作成の順番を待っています…',
  /** Templates the page's script fills ({done}, {total} — with its leading「 / 」or empty —, {refused}, {rows}, {rendered}). */
  running: '{done}{total} 行を処理しました（うち誤りのため作成しない行 {refused}）。',
  done: '完了しました：{rows} 行のうち {rendered} 件を作成、{refused} 行は誤りのため作成していません（理由は ZIP の report.csv）。',
  download: '結果（ZIP）をダウンロード',
  failed: '作成できませんでした：',
  number: '依頼の番号：',
  sendFailed: '送信できませんでした：',
  noscript: 'この画面は JavaScript を使います。使えない場合は POST /api/batches（API）をお使いください。',
} as const;
