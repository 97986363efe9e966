/**
 * Every message of batch production a person reads, in Japanese. Kept here (not in src/messages/ja.ts) because only the
 * batch command and its report use them; the validator's own messages still come from ja.ts.
 */
const q = (s: string | number | undefined) => `「${s ?? ''}」`;

export const batchMessages = {
  /* ---- the input as a whole (exit 2) ---- */
  unreadable: (file: string, reason: string) => `入力ファイル${q(file)}を読めません（${reason}）。パスを確認してください。`,
  unknownKind: (file: string) => `入力ファイル${q(file)}の種類が分かりません。拡張子を .csv、.xlsx 又は .jsonl にしてください。`,
  noHeader: (file: string) => `入力ファイル${q(file)}に見出し行がありません。1行目に項目名（例：事業所番号、office.number）を並べてください。`,
  noRows: (file: string) => `入力ファイル${q(file)}にデータの行がありません。見出し行の下に1件1行で入力してください。`,
  unknownHeader: (header: string, column: string) =>
    `見出し${q(header)}（${column}列）はこの様式の項目名にありません。様式に印刷された項目名（例：事業所番号）又は項目のキー（例：office.number）にしてください。yoshiki batch-template で見出し行の見本を作れます。`,
  ambiguousHeader: (header: string, column: string, keys: string[]) =>
    `見出し${q(header)}（${column}列）に当たる項目が複数あります（${keys.join('、')}）。どれか分かるよう、項目のキー（例：${keys[0]}）で書いてください。`,
  zeroIndex: (header: string, column: string) => `見出し${q(header)}（${column}列）の番号は1から数えてください（1行目 = 1）。`,
  duplicateHeader: (header: string, other: string, path: string) => `見出し${q(header)}と${q(other)}は同じ項目（${path}）を指しています。どちらか一方にしてください。`,
  noSheet: (sheet: string, sheets: string[]) => `シート${q(sheet)}がありません。シート名を確かめてください（このファイルのシート：${sheets.join('、') || 'なし'}）。`,
  badXlsx: (file: string, reason: string) => `${q(file)}を Excel ファイルとして読めません（${reason}）。.xlsx 形式で保存し直してください。`,
  tooManyRows: (file: string, limit: number) =>
    `入力ファイル${q(file)}の行が多すぎます（一度に作成できるのは ${limit.toLocaleString('en-US')} 行まで）。表を分けてください。`,
  xlsxBomb: (file: string, reason: string) =>
    `${q(file)}は展開すると大きすぎる（又は部品が多すぎる）ため読み込みません（${reason}）。Excel で開き、.xlsx 形式で保存し直してください。`,
  readTimeout: (file: string, seconds: number) =>
    `入力ファイル${q(file)}の読み込みが ${seconds} 秒以内に進みませんでした。ファイルが壊れている可能性があります。保存し直してから、もう一度送ってください。`,
  badCsv: (file: string, reason: string) => `${q(file)}を CSV として読めません（${reason}）。区切りや引用符（"）を確かめてください。`,

  /* ---- options (exit 2) ---- */
  badFormats: (value: string) => `--format は pdf、xlsx 又は pdf,xlsx で指定してください（指定された値：${q(value)}）。`,
  badJobs: (value: string) => `--jobs は1以上の整数で指定してください（指定された値：${q(value)}）。`,
  badPattern: (pattern: string, key: string) =>
    `--name ${q(pattern)} の {${key}} はこの様式の項目ではありません。{row}、{form-id} 又は項目のキー（例：{office.number}）を使ってください。`,
  templateKind: () => '--xlsx か --csv のどちらか一方を指定してください。',
  noExample: (formId: string) => `様式${q(formId)}の記入例（example.json）がないため、見出し行だけを作成します。`,

  /* ---- a row (the row is refused; shown in report.csv / report.xlsx) ---- */
  badJsonLine: (reason: string) => `この行を JSON として読めません（${reason}）。1行に1件の JSON オブジェクト（{ … }）を書いてください。`,
  notObject: () => 'この行は JSON オブジェクト（{ … }）ではありません。1行に1件の記入データを書いてください。',
  cellWithoutHeader: (column: string) => `見出しのない列（${column}列）に値があります。見出しを付けるか、値を消してください。`,
  renderFailed: (reason: string) => `PDF・Excel の作成中に問題が起きました（${reason}）。もう一度実行しても直らない場合は、この行の内容を確認してください。`,

  /* ---- progress and summary ---- */
  progressLine: (done: number, total: number | undefined, perSecond: number, etaSeconds: number | undefined) =>
    `${done}${total ? `/${total}` : ''} 行（${perSecond.toFixed(1)} 行/秒${etaSeconds !== undefined ? `、残り約 ${Math.ceil(etaSeconds)} 秒` : ''}）\n`,
  resumeIgnored: () => '前回の作成記録は入力ファイル又は指定が異なるため使わず、すべての行を作成し直します。\n',
  summary: (p: { rendered: number; reused: number; refused: number; report: string }) =>
    `作成 ${p.rendered}件、前回作成済み ${p.reused}件、誤りのため作成しなかった行 ${p.refused}件。報告：${p.report}\n`,
  interrupted: () => '中断しました（作成途中のファイルは仕上げ、作成記録 manifest.json を書きました）。同じコマンドをもう一度実行すると続きから作成します。\n',
  combinedSkipped: () => '中断したため、まとめた PDF と ZIP は作成していません。\n',
  wrote: (file: string) => `作成しました：${file}\n`,
} as const;

/** Rule ids of findings batch production adds itself (the validator's ids stay as they are). */
export const BATCH_RULES = {
  row: 'BATCH-ROW',
  cell: 'BATCH-CELL',
  render: 'BATCH-RENDER',
} as const;
