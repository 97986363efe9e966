/**
 * The 受付票 (receipt) as PDF: a small laid-out document of text cells — title, then a two-column table (項目 | 内容) — drawn
 * by the same renderPdf as every 様式, so it prints with the same embedded font. Rows that would run past the foot of
 * the page continue on the next.
 */
import { getDefinition } from '../forms/registry.ts';
import { printFont, type PrintFont } from '../render/font.ts';
import { wrapText } from '../render/layout/wrap.ts';
import { CELL_PADDING as PAD, CONTENT_WIDTH, lineMm, PAGE, type Cell, type LaidOutDocument, type LaidOutPage } from '../render/layout/model.ts';
import { renderPdf } from '../render/pdf/render-pdf.ts';
import { warekiDateTime } from './clock.ts';
import { municipalityName } from '../store/receipt-number.ts';
import type { Receipt } from './receipt.ts';
import { renderPool, type RenderTask } from '../render/pool.ts';

const LABEL_WIDTH = 40;
const VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH;
const BODY = 9.5;
const DIGEST = 7;

export interface ReceiptRow {
  label: string;
  /** Paragraphs, each at its own size (a digest prints smaller). */
  value: { text: string; size?: number }[];
}

function drawable(font: PrintFont, text: string): string {
  // A file name may hold a character the print font lacks; print a replacement rather than a blank box.
  return [...text].map((ch) => (ch === '\n' || font.canDraw(ch.codePointAt(0)!) ? ch : '?')).join('');
}

/** Lays out a title and rows of (label, value) as pages of cells. */
export function layoutReceipt(title: string, subtitle: string, rows: ReceiptRow[], closing: string, font = printFont()): LaidOutDocument {
  const pages: LaidOutPage[] = [{ cells: [] }];
  const measure = (size: number) => (s: string) => font.widthMm(s, size);
  const wrap = (text: string, width: number, size: number) => wrapText(drawable(font, text), width - PAD * 2 - 0.6, measure(size)).map((l) => l.text);
  const page = () => pages[pages.length - 1].cells;
  let y = PAGE.top + 8;
  const push = (cell: Omit<Cell, 'align' | 'valign' | 'role'> & Partial<Pick<Cell, 'align' | 'valign' | 'role'>>) =>
    page().push({ align: 'left', valign: 'top', role: 'text', ...cell });

  push({ x: PAGE.left, y, w: CONTENT_WIDTH, h: 12, border: false, lines: [title], text: title, size: 18, align: 'center', role: 'title' });
  y += 14;
  push({ x: PAGE.left, y, w: CONTENT_WIDTH, h: 7, border: false, lines: wrap(subtitle, CONTENT_WIDTH, BODY), size: BODY, align: 'center' });
  y += 10;

  for (const row of rows) {
    // The value's paragraphs may differ in size (a digest prints smaller): one bordered box, each paragraph a text cell in it.
    const paragraphs = row.value.map((v) => {
      const size = v.size ?? BODY;
      const lines = wrap(v.text, VALUE_WIDTH, size);
      return { size, lines, h: lines.length * lineMm(size) + 0.6 };
    });
    const h = Math.max(8, paragraphs.reduce((sum, p) => sum + p.h, 0) + PAD * 2);
    if (y + h > PAGE.height - PAGE.bottom - 20) {
      pages.push({ cells: [] });
      y = PAGE.top + 8;
    }
    push({ x: PAGE.left, y, w: LABEL_WIDTH, h, border: true, lines: wrap(row.label, LABEL_WIDTH, BODY), size: BODY, role: 'label' });
    push({ x: PAGE.left + LABEL_WIDTH, y, w: VALUE_WIDTH, h, border: true, lines: [], size: BODY, role: 'value' });
    let top = y + PAD / 2;
    for (const p of paragraphs) {
      push({ x: PAGE.left + LABEL_WIDTH, y: top, w: VALUE_WIDTH, h: p.h + PAD, border: false, lines: p.lines, size: p.size, role: 'value' });
      top += p.h;
    }
    y += h;
  }
  y += 6;
  const closingLines = wrap(closing, CONTENT_WIDTH, BODY);
  push({ x: PAGE.left, y, w: CONTENT_WIDTH, h: closingLines.length * lineMm(BODY) + 4, border: false, lines: closingLines, size: BODY });
  return { title, pages, overflows: [] };
}

const titleOf = (form: string) => {
  try {
    return getDefinition(form).title;
  } catch {
    return form;
  }
};

/** The rows of a receipt: number, time, city, office, each document and attachment with its SHA-256, computed values. */
export function receiptRows(receipt: Receipt): ReceiptRow[] {
  const rows: ReceiptRow[] = [
    { label: '受付番号', value: [{ text: `${receipt.receiptNumber}（第${receipt.revision}版）` }] },
    { label: '受付日時', value: [{ text: warekiDateTime(receipt.receivedAt) }] },
    { label: '提出先', value: [{ text: municipalityName(receipt.municipality) }] },
    { label: '提出者', value: [{ text: `事業所番号 ${receipt.officeNumber}` }] },
  ];
  receipt.documents.forEach((d, i) => {
    rows.push({ label: `書類 ${i + 1}`, value: [{ text: titleOf(d.form) }, { text: `SHA-256: ${d.sha256}`, size: DIGEST }] });
    const definition = (() => {
      try {
        return getDefinition(d.form);
      } catch {
        return undefined;
      }
    })();
    const computed = receipt.computed[i] ?? {};
    const shown = (definition?.computed ?? []).filter((c) => computed[c.key] !== undefined && computed[c.key] !== '');
    if (shown.length) rows.push({ label: `書類 ${i + 1} の計算結果`, value: shown.map((c) => ({ text: `${c.label}：${String(computed[c.key])}` })) });
  });
  receipt.attachments.forEach((a, i) => {
    rows.push({ label: `添付 ${i + 1}`, value: [{ text: `${a.name}（${a.size.toLocaleString('ja-JP')} バイト）` }, { text: `SHA-256: ${a.sha256}`, size: DIGEST }] });
  });
  rows.push({
    label: '注意事項',
    value: [{ text: receipt.warnings.length ? `${receipt.warnings.length}件（内容は受付結果で確認してください。受付の妨げにはなりません。）` : 'なし' }],
  });
  return rows;
}

export async function renderReceiptPdf(receipt: Receipt): Promise<Uint8Array> {
  const font = printFont();
  const layout = layoutReceipt(
    '受付票',
    `${municipalityName(receipt.municipality)}への電子届出`,
    receiptRows(receipt),
    'この受付票は、上記の書類を電子届出で受け付けたことを示すものです。受付は、届出の内容を審査し認めたことを意味しません。SHA-256 は受け付けた内容の指紋で、保存された内容が受付時から変わっていないことの確認に使えます。',
    font,
  );
  // The receipt is issued by the office that received the filing.
  return renderPdf(layout, font, { author: municipalityName(receipt.municipality) });
}

/** renderReceiptPdf on a render thread (src/render-worker.ts). */
export interface ReceiptTask extends RenderTask {
  kind: 'receipt';
  receipt: Receipt;
}

/** The 受付票 PDF drawn on the process's render pool. */
export function receiptPdfOnPool(receipt: Receipt): Promise<Uint8Array> {
  const task: ReceiptTask = { kind: 'receipt', receipt };
  return renderPool.run<Uint8Array>(task);
}
