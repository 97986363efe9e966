/**
 * The fitting engine every block renderer draws with: the pages laid out so far and the cursor on the last one, page
 * breaks (a table that breaks repeats its caption with 「（続き）」 and its header row), text measured in the print font
 * and wrapped to a box, and the 続紙: the one continuation sheet of a document, for the boxes a 様式 fixes in size
 * (`fixed` blocks: 「記載欄が不足する場合は…（別紙可）」). Everywhere else a box grows with its value and the page flows.
 */
import type { Block, FieldDefinition, FormDefinition } from '../../forms/definition.ts';
import { fieldAt, getAt } from '../../forms/fields.ts';
import type { PrintFont } from '../font.ts';
import { CELL_PADDING as PAD, CONTENT_WIDTH, lineMm, PAGE, type Cell, type LaidOutPage, type Overflow } from './model.ts';
import { templateOverrides, type LayoutOverrides } from './overrides.ts';
import { widestUnit, wrapText, type WrappedLine } from './wrap.ts';
import { printValue } from '../../forms/field-types/index.ts';

/** One page's part of a value that flows: its lines, exactly its text, and its number when not the first. */
export interface Part {
  lines: string[];
  text: string;
  part?: number;
}

/** Checkbox size in mm. */
export const BOX = 3.2;
/** The model's cell padding and line height, under the short names the block renderers use. */
export { PAD, lineMm };

/** The name of the continuation sheet: not 別紙, which the 様式 themselves use (＜別紙＞). */
export const SHEET = '続紙';
/** Values never print below this size (pt), labels never below LABEL_FLOOR. */
export const VALUE_FLOOR = 8;
export const LABEL_FLOOR = 9;

export interface LayoutInput {
  definition: FormDefinition;
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  font: PrintFont;
}

/** The layout block of one kind (`BlockOf<'listTable'>`). */
export type BlockOf<K extends Block['block']> = Extract<Block, { block: K }>;

/** What the 続紙 carries for one box: the rest of a text, or the rows of a list table beyond the 様式's lines. */
interface Continuation {
  path: string;
  label: string;
  text: string;
  /** Lays out the remaining rows of a list table on the 続紙 (instead of `text`). */
  layRows?: () => void;
}

/** What a table repeats at the top of the next page when it breaks: its caption with 「（続き）」 and its header row. */
export interface TableBreak {
  /** Called on the old page before the break (a title cell spanning the rows closes there). */
  close?: () => void;
  /** Called on the new page. */
  open: () => void;
}

/** An identity path as a pattern: `*` stands for a list index (meeting.attendees.*.name); a group covers its fields. */
function identityPattern(path: string): RegExp {
  const source = path.split('.').map((part) => (part === '*' ? '\\d+' : part.replace(/[^\w]/g, '\\$&'))).join('\\.');
  return new RegExp(`^${source}(\\..+)?$`);
}

export class LayoutEngine {
  pages: LaidOutPage[] = [];
  y = 0;
  continuations: Continuation[] = [];
  overflows: Overflow[] = [];
  /** The house sizes with this 様式's overrides applied. */
  readonly overrides: LayoutOverrides;
  /** The table being laid out, if any: what it repeats when it breaks across pages. */
  table?: TableBreak;
  /** Set while the 続紙 is laid out: each new page gets its header. */
  private sheetPages?: { pages: LaidOutPage[]; numbers: Cell[] };

  constructor(readonly input: LayoutInput) {
    this.overrides = templateOverrides(input.definition.id);
    this.newPage();
  }

  get page(): LaidOutPage {
    return this.pages[this.pages.length - 1];
  }

  newPage(opts: { continued?: boolean } = {}): void {
    this.pages.push({ cells: [], ...(opts.continued ? { continued: true } : {}) });
    this.y = PAGE.top;
    if (this.sheetPages) this.sheetHeader();
  }

  /** Lower bottoms for some pages (by index): set to carry more onto a continuation page that would be near-empty. */
  readonly limits = new Map<number, number>();

  /** Bottom of the printable area (mm) of the current page. */
  get bottom(): number {
    return this.limits.get(this.pages.length - 1) ?? PAGE.height - PAGE.bottom;
  }

  /** Where the layout stands, to lay a 様式 page out again from there (see layoutDocument). */
  mark(): { pages: number; cells: number; y: number; continuations: number; overflows: number } {
    return { pages: this.pages.length, cells: this.page.cells.length, y: this.y, continuations: this.continuations.length, overflows: this.overflows.length };
  }

  restore(m: ReturnType<LayoutEngine['mark']>): void {
    this.pages.length = m.pages;
    this.page.cells.length = m.cells;
    this.y = m.y;
    this.continuations.length = m.continuations;
    this.overflows.length = m.overflows;
    this.table = undefined;
  }

  /** Room left below the cursor (mm). */
  room(): number {
    return this.bottom - this.y;
  }

  /** Whether the cursor is at the top of a page (nothing but a header above it). */
  atTop(): boolean {
    return this.page.cells.every((c) => c.role === 'title' || c.header);
  }

  /** Starts a new page when `height` does not fit below the cursor; a table being laid out repeats its head there. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom + 0.01 || this.atTop()) return;
    this.breakPage();
  }

  /** Continues on a new page; a table being laid out closes its part on this page and repeats its head on the next. */
  breakPage(): void {
    this.table?.close?.();
    this.newPage({ continued: true });
    this.table?.open();
  }

  /**
   * Lays out a box of `lines` at `size` that grows with its text and, when taller than the room left, breaks across
   * pages: `head(first)` is the height of what goes above it (a stacked label, 「（続き）」 on later parts), `place` draws
   * one part (its lines and height) at the cursor and moves it down. A part left at the foot of a page has at least
   * three lines, else the box starts on the next page. `lines` are wrapped from `text`.
   */
  flowText(text: string, w: number, size: number, minH: number, head: (first: boolean) => number, place: (shown: Part, h: number, first: boolean) => void): void {
    const lines = this.wrap(text, w, size);
    let from = 0;
    let first = true;
    let part = 1;
    const placePart = (shown: WrappedLine[], h: number) =>
      place({ lines: shown.map((l) => l.text), text: text.slice(shown[0]?.start ?? 0, shown[shown.length - 1]?.end ?? 0), ...(part > 1 ? { part } : {}) }, h, first);
    for (let guard = 0; guard < 10_000; guard++) {
      const rest = lines.slice(from);
      const h = Math.max(first ? minH : 0, this.cellHeight(rest.length, size));
      if (h + head(first) <= this.room() + 0.01) return placePart(rest, h);
      const fit = Math.floor((this.room() - head(first) - 2 * PAD) / lineMm(size) + 0.001);
      if ((fit < Math.min(3, rest.length) || fit >= rest.length) && !this.atTop()) {
        this.breakPage();
        continue;
      }
      // The part carried over fills at least a third of the next page, so no near-empty continuation page is left.
      const third = Math.ceil(((this.bottom - PAGE.top) / 3 - head(false) - 2 * PAD) / lineMm(size));
      const balanced = rest.length - fit < third ? rest.length - third : fit;
      if (balanced < 3 && !this.atTop()) {
        this.breakPage();
        continue;
      }
      const n = Math.max(1, Math.min(balanced, fit, rest.length));
      placePart(rest.slice(0, n), this.room() - head(first));
      part++;
      from += n;
      first = false;
      if (from >= lines.length) return;
      this.breakPage();
    }
  }

  measure = (size: number) => (s: string) => this.input.font.widthMm(s, size);

  wrap(text: string, width: number, size: number) {
    return wrapText(text, Math.max(width - 2 * PAD, 1), this.measure(size));
  }

  /** Lines of `text` in a cell `w` wide at `size`. */
  lines(text: string, w: number, size: number): string[] {
    return this.wrap(text, w, size).map((l) => l.text);
  }

  /** Height of a bordered cell holding `count` lines at `size`. */
  cellHeight(count: number, size: number): number {
    return Math.max(count, 1) * lineMm(size) + 2 * PAD;
  }

  /**
   * The one size a table column prints at: the base, or a little smaller (never below `floor`) when one of its values
   * has a word or number wider than the column; then every cell of the column prints at that size.
   */
  columnSize(texts: string[], w: number, base: number, floor: number): number {
    const room = Math.max(w - 2 * PAD, 1);
    const widest = Math.max(0, ...texts.map((t) => widestUnit(t, this.measure(base))));
    let size = base;
    while (size - 0.5 >= floor - 0.001 && (widest * size) / base > room) size -= 0.5;
    return size;
  }

  value(path: string): unknown {
    return getAt(this.input.data, path) ?? this.input.computed[path];
  }

  /** The field at a path; a computed value with a type prints like a field of that type (適用開始日 in 和暦). */
  field(path: string): FieldDefinition | undefined {
    const field = fieldAt(this.input.definition, path);
    if (field) return field;
    const computed = this.input.definition.computed.find((c) => c.key === path);
    return computed?.type ? { key: path, label: computed.label, type: computed.type } : undefined;
  }

  /** An identity item (申請者, 事業所名, 所在地 …): it always prints whole on the face, never on the 続紙. */
  isIdentity(path: string): boolean {
    return (this.input.definition.identity ?? []).some((p) => identityPattern(p).test(path));
  }

  push(cell: Cell): void {
    this.page.cells.push(cell);
  }

  /** Free text across the page (title, lead sentence, notes). */
  textBlock(text: string, opts: { size?: number; align?: Cell['align']; indent?: number; role?: Cell['role']; gap?: number; bold?: boolean } = {}): void {
    const size = opts.size ?? this.overrides.textSize;
    const indent = opts.indent ?? 0;
    const lines = this.wrap(text, CONTENT_WIDTH - indent, size).map((l) => l.text);
    const h = this.textHeight(lines.length, size);
    this.ensure(h);
    this.push({ x: PAGE.left + indent, y: this.y, w: CONTENT_WIDTH - indent, h, border: false, lines, text, size, align: opts.align ?? 'left', valign: 'top', role: opts.role ?? 'text', ...(opts.bold ? { bold: true } : {}) });
    this.y += h + (opts.gap ?? 1.5);
  }

  /** Free text has no border, so it needs only half a cell's padding. */
  textHeight(lines: number, size: number): number {
    return lines * lineMm(size) + PAD;
  }

  /**
   * A value in a box the 様式 fixes (a `fixed` block): the size that fits, down to the floor, else the floor size with
   * the rest continued on the 続紙, the box saying so. Identity items are never continued: their box grows instead.
   */
  fitFixed(text: string, w: number, h: number, path: string, label: string, base = this.overrides.valueSize): { lines: string[]; size: number; text?: string; h: number } {
    const floor = Math.max(VALUE_FLOOR, base - 1.5);
    for (let size = base; size >= floor; size -= 0.5) {
      const lines = this.wrap(text, w, size);
      if (lines.length * lineMm(size) + 2 * PAD <= h + 0.01) return { lines: lines.map((l) => l.text), size, text, h };
    }
    if (this.isIdentity(path)) {
      const lines = this.lines(text, w, base);
      return { lines, size: base, text, h: this.cellHeight(lines.length, base) };
    }
    const size = floor;
    const lines = this.wrap(text, w, size);
    const room = Math.max(1, Math.floor((h - 2 * PAD) / lineMm(size)));
    const shown = lines.slice(0, room - 1);
    const rest = text.slice(shown.length ? shown[shown.length - 1].end : 0);
    this.continueOnSheet({ path, label, text: rest });
    return { lines: [...shown.map((l) => l.text), `（${SHEET}に続く）`], size, h };
  }

  /** Reserves room on the 続紙 for what did not fit its fixed box and records the G-OVERFLOW. */
  continueOnSheet(continuation: Continuation): void {
    this.continuations.push(continuation);
    this.overflows.push({ path: continuation.path, label: continuation.label, page: SHEET });
  }

  /**
   * The 続紙: one continuation sheet for the whole document, every page headed by the form's title, the office and
   * 「続紙 n／N」, each item under a heading naming it.
   */
  continuationPages(): void {
    if (this.continuations.length === 0) return;
    this.sheetPages = { pages: [], numbers: [] };
    this.newPage();
    for (const c of this.continuations) {
      const heading = `「${c.label}」の続き`;
      this.ensure(lineMm(10.5) * 3 + 2 * PAD);
      this.textBlock(heading, { size: this.overrides.labelSize, role: 'label', gap: 0.5 });
      if (c.layRows) {
        c.layRows();
        continue;
      }
      const size = this.overrides.valueSize;
      const lines = this.wrap(c.text, CONTENT_WIDTH, size);
      let from = 0;
      while (from < lines.length) {
        const fit = Math.max(1, Math.floor((this.room() - 2 * PAD) / lineMm(size)));
        const shown = lines.slice(from, from + fit);
        const h = this.cellHeight(shown.length, size);
        this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH, h, border: true, lines: shown.map((l) => l.text), size, align: 'left', valign: 'top', role: 'value', path: c.path });
        this.y += h + 2;
        from += shown.length;
        if (from < lines.length) {
          this.newPage();
          this.textBlock(`${heading}（続き）`, { size: this.overrides.labelSize, role: 'label', gap: 0.5 });
        }
      }
    }
    const { numbers } = this.sheetPages;
    numbers.forEach((cell, i) => (cell.lines = [`${SHEET}　${i + 1}／${numbers.length}`]));
    this.sheetPages = undefined;
  }

  /** The head of a 続紙 page: the form's title, the office it is about, and the page number (filled in at the end). */
  private sheetHeader(): void {
    const { definition } = this.input;
    const size = this.overrides.labelSize;
    const first = definition.identity?.[0];
    const office = first ? printValue(this.field(first), this.value(first)) : '';
    const officeLabel = first ? (this.field(first)?.printLabel ?? this.field(first)?.label ?? '') : '';
    this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH, h: lineMm(12) + PAD, border: false, lines: [`${SHEET}（${definition.title}）`], size: 12, align: 'center', valign: 'top', role: 'title', header: true, bold: true });
    this.y += lineMm(12) + PAD + 1;
    const numberW = 30;
    const officeLines = office ? this.lines(`${officeLabel}　${office}`, CONTENT_WIDTH - numberW, size) : [];
    const h = Math.max(1, officeLines.length) * lineMm(size) + PAD;
    if (office) this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH - numberW, h, border: false, lines: officeLines, size, align: 'left', valign: 'top', role: 'text', header: true });
    const number: Cell = { x: PAGE.left + CONTENT_WIDTH - numberW, y: this.y, w: numberW, h, border: false, lines: [], size, align: 'right', valign: 'top', role: 'text', header: true };
    this.push(number);
    this.sheetPages!.numbers.push(number);
    this.y += h + 3;
  }
}
