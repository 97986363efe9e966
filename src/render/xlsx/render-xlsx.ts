/**
 * The Excel renderer: draws the same laid-out cells as the PDF, one worksheet per page. The grid of columns and rows is
 * derived from the cells' edges, so every box of the form becomes a (merged) range at the same place and size.
 *
 * Printed, the workbook gives the PDF's pages: each sheet fits one A4 page, a row grows when Excel needs more lines than
 * the PDF did (options and list items go one per line here), the 入力専用項目 sheet is hidden (it stays in the workbook
 * and imports, but printing the whole workbook leaves it out), and a draft says so in a row of its own on every sheet.
 */
import ExcelJS from 'exceljs';
import { CELL_PADDING, LINE_HEIGHT, PAGE, type Cell, type LaidOutDocument, type LaidOutPage } from '../layout/model.ts';
import type { FormDefinition } from '../../forms/definition.ts';
import { walkFields } from '../../forms/fields.ts';
import { printFont } from '../font.ts';
import { printValue } from '../../forms/field-types/index.ts';

export interface RenderXlsxOptions {
  /** Mark every sheet as a draft (header and footer) and the workbook title. */
  draft?: boolean;
  /** One name per page; missing or empty entries are named by what the page prints (see `pageSheetName`). */
  sheetNames?: string[];
  /**
   * The page(s) of values the 様式 does not print (src/render/layout/input-only-page.ts), written after the printed sheets as
   * the sheet 「入力専用項目」: its value boxes are named `yoshiki.<path>` like the printed ones, so a filled-in workbook
   * gives them back (src/import), and the printed sheets stay exactly the 様式.
   */
  inputOnly?: LaidOutPage[];
  /** The printed items of each list of plain values, by data path (`listItemsOf`): the sheet puts them one per line. */
  listItems?: Map<string, string[]>;
}

/** Every list of plain values in the data with its items as printed (a list of groups is a table, a row per item). */
export function listItemsOf(definition: FormDefinition, data: Record<string, unknown>): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  walkFields(definition.fields, data, (field, path, value) => {
    if (field.type !== 'list' || !field.item || field.item.type === 'group' || !Array.isArray(value)) return;
    lists.set(path, value.map((v) => printValue(field.item!, v)));
  });
  return lists;
}

const FONT_NAME = 'BIZ UDPゴシック';
/** Shift-JIS charset, so Excel picks a Japanese face if BIZ UDPゴシック is not installed. */
const FONT_CHARSET_JAPANESE = 128;
const DRAFT = '下書き';
const MM_PER_INCH = 25.4;
const POINTS_PER_MM = 72 / MM_PER_INCH;
const PIXELS_PER_MM = 96 / MM_PER_INCH;
/** Excel's limit on a row's height (pt); taller gaps are split into several rows. */
const MAX_ROW_HEIGHT_PT = 409;
/** Edges closer than this are one grid line; otherwise hairline rows/columns appear between adjacent boxes. */
const MIN_GRID_STEP_MM = 1;
const HEADER_FOOTER_MARGIN_MM = 6;
/** The row on top of a draft's sheets that says 下書き on the sheet itself (a header shows only when printed). */
const DRAFT_ROW_PT = 24;
const DRAFT_MARK = '下書き（この書類は提出できません）';
/** Excel's indent step is about one character; one level keeps text off the border as the PDF's padding does. */
const INDENT = 1;
const THIN_BLACK: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
/**
 * Every value box is a defined name `yoshiki.<data path>` (the fillable PDF's field names, src/fillable), so a filled-in
 * workbook can be read back (src/import) even after rows or columns were inserted: Excel moves names with their cells.
 */
export const VALUE_NAME_PREFIX = 'yoshiki.';
/** The sheet of the values the 様式 does not print (a second such page, if any, becomes 入力専用項目(2)). */
export const INPUT_ONLY_SHEET_NAME = '入力専用項目';

export async function renderXlsx(doc: LaidOutDocument, options: RenderXlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yoshiki';
  workbook.title = options.draft ? `${doc.title}（${DRAFT}）` : doc.title;
  if (options.draft) workbook.keywords = DRAFT;

  const usedNames = new Set<string>();
  const valueNames = new Set<string>();
  const formName = formSheetName(doc.title);
  doc.pages.forEach((page, index) => {
    const name = uniqueSheetName(options.sheetNames?.[index] || pageSheetName(page, index, formName), usedNames);
    renderPage(workbook, name, page, options.draft ?? false, valueNames, options.listItems);
  });
  for (const page of options.inputOnly ?? []) {
    const sheet = renderPage(workbook, uniqueSheetName(INPUT_ONLY_SHEET_NAME, usedNames), page, options.draft ?? false, valueNames);
    // Hidden, not removed: 「再表示」 shows it to fill in, import reads it, and printing the workbook gives the 様式 alone.
    sheet.state = 'hidden';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 様式, or 様式3 when the title carries its number (「(様式3) 事業所間連携会議にかかる記録」). */
function formSheetName(title: string): string {
  const numbered = /^[(（]\s*(様式\s*[0-9０-９]+)\s*[)）]/.exec(title);
  return numbered ? numbered[1].replace(/\s+/g, '') : '様式';
}

/**
 * A sheet is named by what its page prints: the 様式's own 「＜別紙＞」 page is 別紙, a continuation sheet is named by its
 * heading (続紙, 別紙1), and any other page is the 様式's next page (様式（2枚目）) — never 別紙 when the page is not one.
 */
export function pageSheetName(page: LaidOutPage, index: number, formName = '様式'): string {
  const heads = page.cells.slice(0, 3).map((c) => c.lines.join('').replace(/[\s\u3000]+/g, ''));
  if (heads.some((h) => /^[<＜〈]別紙[>＞〉]/.test(h))) return '別紙';
  const continuation = heads.map((h) => /^(続紙[0-9０-９]*|別紙[0-9０-９]+)/.exec(h)?.[1]).find(Boolean);
  if (continuation) return continuation;
  return index === 0 ? formName : `${formName}（${index + 1}枚目）`;
}

/** Excel rejects these characters, names over 31 characters, edge apostrophes and duplicates (case-insensitive). */
function uniqueSheetName(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
  let name = clean;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = clean.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

function renderPage(workbook: ExcelJS.Workbook, name: string, page: LaidOutPage, draft: boolean, valueNames: Set<string>, lists = new Map<string, string[]>()): ExcelJS.Worksheet {
  // Column A starts at the left margin and row 1 at the top margin; the margins themselves are page margins, not cells.
  const clampX = (x: number) => Math.max(PAGE.left, x);
  const clampY = (y: number) => Math.max(PAGE.top, y);
  const xs = gridLines([PAGE.left, ...page.cells.flatMap((c) => [clampX(c.x), clampX(c.x + c.w)])]);
  const ys = splitTallGaps(gridLines([PAGE.top, ...page.cells.flatMap((c) => [clampY(c.y), clampY(c.y + c.h)])]));
  const columnCount = xs.length - 1;
  // A draft's sheet starts with its mark: the form's rows begin one lower.
  const first = draft ? 2 : 1;
  const rowCount = ys.length - 1;
  const lastRow = rowCount + first - 1;

  const sheet = workbook.addWorksheet(name, {
    views: [{ showGridLines: false }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      // One sheet, one page, as in the PDF: a row grown for Excel's own line breaks shrinks the page a little instead.
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
      horizontalCentered: true,
      margins: {
        left: inches(PAGE.left),
        right: inches(PAGE.right),
        top: inches(PAGE.top),
        bottom: inches(PAGE.bottom),
        header: inches(HEADER_FOOTER_MARGIN_MM),
        footer: inches(HEADER_FOOTER_MARGIN_MM),
      },
      ...(columnCount > 0 && rowCount > 0 ? { printArea: `A1:${columnLetter(columnCount)}${lastRow}` } : {}),
    },
  });
  if (draft) {
    // Excel's header syntax: &C centre, &"font,style", &20 size in pt.
    const mark = `&C&"${FONT_NAME},Regular"&20${DRAFT}`;
    sheet.headerFooter.oddHeader = mark;
    sheet.headerFooter.oddFooter = mark;
  }
  for (let i = 0; i < columnCount; i++) sheet.getColumn(i + 1).width = columnWidth(xs[i + 1] - xs[i]);
  for (let i = 0; i < rowCount; i++) sheet.getRow(i + first).height = (ys[i + 1] - ys[i]) * POINTS_PER_MM;
  if (columnCount === 0 || rowCount === 0) return sheet;
  if (draft) writeDraftRow(sheet, columnCount);

  // Grid cells already claimed by an earlier layout cell, as "row,column" (1-based).
  const claimed = new Set<string>();
  for (const cell of page.cells) {
    // Grid line indices (0-based) of the box's edges; a box narrower than one grid step still covers one cell.
    const left = gridIndex(xs, clampX(cell.x), columnCount - 1);
    const top = gridIndex(ys, clampY(cell.y), rowCount - 1);
    const right = Math.max(left + 1, gridIndex(xs, clampX(cell.x + cell.w), columnCount));
    const bottom = Math.max(top + 1, gridIndex(ys, clampY(cell.y + cell.h), rowCount));
    // 1-based inclusive range of grid cells: between lines i and i+1 lies column/row i+1 (shifted below a draft's mark).
    const range = { top: top + first, left: left + 1, bottom: bottom + first - 1, right };
    const style = cellStyle(cell);
    const text = cellText(cell, lists);

    const keys: string[] = [];
    for (let r = range.top; r <= range.bottom; r++) for (let c = range.left; c <= range.right; c++) keys.push(`${r},${c}`);
    if (keys.some((key) => claimed.has(key))) {
      // Overlapping boxes cannot both be merged; keep the first and place this value only where nothing is yet.
      if (claimed.has(keys[0])) continue;
      claimed.add(keys[0]);
      writeCell(sheet.getCell(range.top, range.left), text, style);
      nameValueCell(sheet.getCell(range.top, range.left), cell, valueNames);
      continue;
    }
    keys.forEach((key) => claimed.add(key));
    if (keys.length > 1) sheet.mergeCells(range.top, range.left, range.bottom, range.right);
    // Style every grid cell of the range, so the border is drawn around the whole merged box.
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) {
        const isMaster = r === range.top && c === range.left;
        writeCell(sheet.getCell(r, c), isMaster ? text : '', style);
      }
    }
    nameValueCell(sheet.getCell(range.top, range.left), cell, valueNames);
    growToFit(sheet, range, xs, text, cell);
  }
  return sheet;
}

/** 「下書き」 across the top of the sheet, in a row of its own, so it shows on screen as well as in the header. */
function writeDraftRow(sheet: ExcelJS.Worksheet, columnCount: number): void {
  sheet.getRow(1).height = DRAFT_ROW_PT;
  if (columnCount > 1) sheet.mergeCells(1, 1, 1, columnCount);
  const mark = sheet.getCell(1, 1);
  mark.value = DRAFT_MARK;
  mark.style = {
    font: { name: FONT_NAME, charset: FONT_CHARSET_JAPANESE, size: 14, bold: true, color: { argb: 'FFC00000' } },
    alignment: { horizontal: 'center', vertical: 'middle' },
  };
}

/**
 * Makes the box's last row taller when the text needs more lines than the box has room for in Excel: one line per option
 * and list item, and Excel's own breaks of a long value (estimated with the print font, as Excel breaks Japanese at any
 * character). The PDF's box was made to fit the PDF's lines; this is the same measure for the sheet's.
 */
function growToFit(sheet: ExcelJS.Worksheet, range: { top: number; left: number; bottom: number; right: number }, xs: number[], text: string, cell: Cell): void {
  if (text === '') return;
  const widthMm = xs[range.right] - xs[range.left - 1] - 2 * CELL_PADDING;
  const needed = wrappedLineCount(text, widthMm, cell.size) * cell.size * LINE_HEIGHT + 2 * CELL_PADDING * POINTS_PER_MM;
  let height = 0;
  for (let r = range.top; r <= range.bottom; r++) height += sheet.getRow(r).height ?? 0;
  if (needed <= height + 0.5) return;
  const last = sheet.getRow(range.bottom);
  last.height = Math.min(MAX_ROW_HEIGHT_PT, (last.height ?? 0) + needed - height);
}

/** Lines the text takes at `widthMm` when broken at any character (Excel's way with Japanese), each \n starting a line. */
function wrappedLineCount(text: string, widthMm: number, sizePt: number): number {
  const font = printFont();
  let count = 0;
  for (const paragraph of text.split('\n')) {
    count++;
    let used = 0;
    for (const ch of paragraph) {
      const w = font.widthMm(ch, sizePt);
      if (used + w > widthMm && used > 0) {
        count++;
        used = 0;
      }
      used += w;
    }
  }
  return count;
}

/**
 * Names the cell after the data paths it prints: the box's own and each checkbox's. A path is named once, at its first
 * box; a value that breaks across pages names its later parts `<path>.part<n>` (Excel refuses a name that spans two
 * sheets), which the import joins. Names compare case-insensitively.
 */
function nameValueCell(target: ExcelJS.Cell, cell: Cell, used: Set<string>): void {
  if (cell.role !== 'value') return;
  for (const path of [cell.path, ...(cell.checks ?? []).map((check) => check.path)]) {
    const name = path && `${VALUE_NAME_PREFIX}${path}${cell.part && path === cell.path ? `.part${cell.part}` : ''}`;
    if (!name || used.has(name.toLowerCase())) continue;
    used.add(name.toLowerCase());
    target.addName(name);
  }
}

/** Sorted edges, rounded to 0.5 mm, with edges closer than MIN_GRID_STEP_MM folded into the first of them. */
function gridLines(edges: number[]): number[] {
  const sorted = [...new Set(edges.map((e) => Math.round(e * 2) / 2))].sort((a, b) => a - b);
  const lines: number[] = [];
  for (const edge of sorted) if (lines.length === 0 || edge - lines[lines.length - 1] >= MIN_GRID_STEP_MM) lines.push(edge);
  return lines;
}

/** A gap taller than Excel's maximum row height becomes several equal rows, so vertical distances are kept. */
function splitTallGaps(lines: number[]): number[] {
  const maxMm = MAX_ROW_HEIGHT_PT / POINTS_PER_MM;
  const result: number[] = [];
  lines.forEach((line, i) => {
    if (i > 0) {
      const previous = lines[i - 1];
      const parts = Math.ceil((line - previous) / maxMm);
      for (let p = 1; p < parts; p++) result.push(previous + ((line - previous) * p) / parts);
    }
    result.push(line);
  });
  return result;
}

/** Index of the grid line nearest to `position`, at most `maxIndex` (0-based). */
function gridIndex(lines: number[], position: number, maxIndex: number): number {
  let best = 0;
  for (let i = 1; i < lines.length; i++) if (Math.abs(lines[i] - position) < Math.abs(lines[best] - position)) best = i;
  return Math.min(best, maxIndex);
}

/** Excel column width (characters of the default 11 pt font's digit, 7 px, plus 5 px padding) for a width in mm at 96 dpi. */
function columnWidth(mm: number): number {
  const pixels = mm * PIXELS_PER_MM;
  // Below 12 px Excel scales width linearly without the padding.
  return pixels >= 12 ? (pixels - 5) / 7 : pixels / 12;
}

function inches(mm: number): number {
  return mm / MM_PER_INCH;
}

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * The box's text: the value as typed (Excel wraps it itself) or the printed lines, then the options as ■/□ + label
 * (XLSX has no drawn boxes). Options and the items of a list go one per line, so none is broken in the middle.
 */
function cellText(cell: Cell, lists: Map<string, string[]>): string {
  const parts: string[] = [];
  const items = cell.path === undefined ? undefined : lists.get(cell.path);
  // Only when the box holds the whole list (a list continued elsewhere prints as laid out).
  if (items && cell.text !== undefined && squash(items.join('、')) === squash(cell.text)) parts.push(items.join('\n'));
  else if (cell.text !== undefined) parts.push(cell.text);
  else if (cell.lines.length > 0) parts.push(cell.lines.join('\n'));
  if (cell.checks && cell.checks.length > 0) parts.push(cell.checks.map((check) => `${check.checked ? '■' : '□'}${check.label}`).join('\n'));
  return parts.join('\n');
}

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

function cellStyle(cell: Cell): Partial<ExcelJS.Style> {
  return {
    font: { name: FONT_NAME, charset: FONT_CHARSET_JAPANESE, size: cell.size, bold: cell.role === 'title' },
    alignment: {
      wrapText: true,
      horizontal: cell.align,
      vertical: cell.valign === 'top' ? 'top' : 'middle',
      // A table's text keeps off its border, as the PDF's padding does (centred text needs none).
      ...(cell.border && cell.align !== 'center' ? { indent: INDENT } : {}),
    },
    ...(cell.border ? { border: { top: THIN_BLACK, left: THIN_BLACK, bottom: THIN_BLACK, right: THIN_BLACK } } : {}),
    // Text format, so codes like 0012345678 stay text when the user edits them in Excel.
    ...(cell.role === 'value' ? { numFmt: '@' } : {}),
  };
}

/**
 * A plain string value is always written as a string (shared string), never parsed as a formula or number, so values
 * like "=1+1" or "0012345678" come back exactly as given.
 */
function writeCell(target: ExcelJS.Cell, text: string, style: Partial<ExcelJS.Style>): void {
  // A fresh copy per grid cell: exceljs shares style objects between merged cells, and edits would leak across boxes.
  target.style = structuredClone(style);
  if (text !== '') target.value = text;
}
