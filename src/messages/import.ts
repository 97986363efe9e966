/**
 * What a person reads when a filled-in file is read back (CLI and server), in Japanese, keyed by code. Each message says
 * what to do next.
 */
import type { MessageParams } from './ja.ts';

const q = (s: string | number | undefined) => `「${s ?? ''}」`;

const importMessages = {
  /* ---- the file as a whole (ImportError: 4xx) ---- */
  'IM-UNSUPPORTED': () =>
    '送られたファイルは PDF でも Excel（.xlsx）でもありません。yoshiki の記入用 PDF か、yoshiki で作成した Excel ファイルに記入して送ってください。',
  'IM-XLSX-UNREADABLE': () =>
    'Excel（.xlsx）ファイルとして読み取れません。yoshiki で作成した Excel ファイルに記入し、.xlsx 形式のまま保存して送ってください。',
  'IM-XLSX-BOMB': (p) =>
    `Excel ファイルが展開すると大きすぎる（上限 ${p.limit}、部品 ${p.parts} 個まで）ため読み込みません。yoshiki で作成した様式の Excel ファイルに記入し、.xlsx 形式のまま保存して送ってください。`,
  'IM-PDF-UNREADABLE': (p) =>
    `PDF を読み取れません（壊れているか、パスワードで保護されています）。記入用 PDF（yoshiki fillable ${p.form}）をもう一度ダウンロードして記入し、保護をかけずに保存して送ってください。`,
  'IM-PDF-NOT-FILLABLE': (p) =>
    `この PDF には yoshiki の記入欄がありません。記入用 PDF（yoshiki fillable ${p.form}、又は GET /api/forms/${p.form}/fillable.pdf）をダウンロードし、PDF ビューアで記入・保存したファイルを送ってください。印刷して PDF にしたものや、記入欄を固定（フラット化）したものは読み込めません。`,
  'IM-XLSX-NOT-YOSHIKI': (p) =>
    `この Excel ファイルには yoshiki の記入欄の目印（名前の定義 yoshiki.…）がありません。yoshiki で作成した様式の Excel ファイル（yoshiki render ${p.form} … --xlsx）に記入し、名前の定義を消さずに保存して送ってください。`,
  'IM-WRONG-FORM': (p) =>
    `このファイルは様式${q(p.other)}のものです。様式${q(p.title)}として読み込むには、その様式の記入用ファイルに記入して送ってください。`,
  /* ---- one value (findings in the result) ---- */
  'IM-CONTINUED': (p) =>
    `${q(p.label)}は${p.page}に続いていますが、${p.page}の部分は読み込んでいません。読み込んだ内容を確認し、続きを入力してください。`,
  'IM-CHOICE': (p) => `${q(p.label)}は1つだけ選ぶ項目ですが、${p.chosen}に印があります。1つだけに印を付けてください。`,
  'IM-SPLIT': (p) =>
    `${q(p.label)}の欄の内容${q(p.text)}を項目ごとに分けられなかったため、読み込んでいません。欄の区切り（${p.fixed}）を残して入力し直してください。`,
  /* ---- the request (server) ---- */
  'IM-FILE-MISSING': () =>
    'ファイルがありません。multipart/form-data の file という名前の部分で送るか、PDF 又は Excel（.xlsx）のファイルそのものを本文として送ってください。',
  'IM-FILE-TOO-LARGE': (p) => `ファイルが大きすぎます（上限 ${p.limit}）。記入用 PDF 又は Excel ファイルをそのまま送ってください。`,
  'IM-MULTIPART': () => 'multipart/form-data の本文を読み取れません。file という名前の部分にファイルを1つ入れて、もう一度送ってください。',
  'IM-UPLOAD-FIELD': (p) => `ファイルは file という名前の部分で1つだけ送ってください（送られた部分：${q(p.field)}）。`,
} satisfies Record<string, (p: MessageParams) => string>;

export type ImportMessageCode = keyof typeof importMessages;

export function importMessage(code: ImportMessageCode, params: MessageParams = {}): string {
  return importMessages[code](params);
}
