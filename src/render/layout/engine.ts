/**
 * The fitting engine every block renderer draws with: the pages laid out so far and the cursor on the last one, page
 * breaks, text measured in the print font and wrapped to a box, and the G-OVERFLOW path — text that does not fit shrinks
 * down to a floor size, wraps, then continues on a 別紙 page that names the item. Kept apart from the block renderers so
 * that every block kind fits and overflows the same way.
 */
import type { Block, FieldDefinition, FormDefinition } from '../../forms/definition.ts';
import { fieldAt, getAt } from '../../forms/fields.ts';
import type { PrintFont } from '../font.ts';
import { CELL_PADDING as PAD, CONTENT_WIDTH, lineMm, PAGE, type Cell, type LaidOutPage, type Overflow } from './model.ts';
import { templateOverrides, type LayoutOverrides } from './overrides.ts';
import { wrapText } from './wrap.ts';

/** Checkbox size in mm. */
export const BOX = 3.2;
/** The model's cell padding and line height, under the short names the block renderers use. */
export { PAD, lineMm };

export interface LayoutInput {
  definition: FormDefinition;
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  font: PrintFont;
}

/** The layout block of one kind (`BlockOf<'listTable'>`). */
export type BlockOf<K extends Block['block']> = Extract<Block, { block: K }>;

/** What a 別紙 page carries: the rest of a text, or the rows of a list table that did not fit. */
interface Continuation {
  path: string;
  label: string;
  page: string;
  text: string;
  /** Lays out the remaining rows of a list table on the 別紙 page (instead of `text`). */
  layRows?: () => void;
}

export class LayoutEngine {
  pages: LaidOutPage[] = [];
  y = 0;
  continuations: Continuation[] = [];
  overflows: Overflow[] = [];
  /** The house sizes with this 様式's overrides applied. */
  readonly overrides: LayoutOverrides;

  constructor(readonly input: LayoutInput) {
    this.overrides = templateOverrides(input.definition.id);
    this.newPage();
  }

  get page(): LaidOutPage {
    return this.pages[this.pages.length - 1];
  }

  newPage(): void {
    this.pages.push({ cells: [] });
    this.y = PAGE.top;
  }

  /** Starts a new page when `height` does not fit below the cursor. */
  ensure(height: number): void {
    if (this.y + height > PAGE.height - PAGE.bottom && this.page.cells.length > 0) this.newPage();
  }

  measure = (size: number) => (s: string) => this.input.font.widthMm(s, size);

  wrap(text: string, width: number, size: number) {
    return wrapText(text, Math.max(width - 2 * PAD, 1), this.measure(size));
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

  push(cell: Cell): void {
    this.page.cells.push(cell);
  }

  /** Free text across the page (title, lead sentence, notes). */
  textBlock(text: string, opts: { size?: number; align?: Cell['align']; indent?: number; role?: Cell['role']; gap?: number } = {}): void {
    const size = opts.size ?? this.overrides.textSize;
    const indent = opts.indent ?? 0;
    const lines = this.wrap(text, CONTENT_WIDTH - indent, size).map((l) => l.text);
    const h = this.textHeight(lines.length, size);
    this.ensure(h);
    this.push({ x: PAGE.left + indent, y: this.y, w: CONTENT_WIDTH - indent, h, border: false, lines, text, size, align: opts.align ?? 'left', valign: 'top', role: opts.role ?? 'text' });
    this.y += h + (opts.gap ?? 1.5);
  }

  /** Free text has no border, so it needs only half a cell's padding. */
  textHeight(lines: number, size: number): number {
    return lines * lineMm(size) + PAD;
  }

  /**
   * Fits a value into a box: the base size if it fits, else smaller down to the floor, else the floor size with the rest
   * continued on a 別紙 page named in the box.
   */
  fit(text: string, w: number, h: number, path: string, label: string, base = this.overrides.valueSize): { lines: string[]; size: number; text?: string } {
    for (let size = base; size >= this.overrides.floorSize; size -= 0.5) {
      const lines = this.wrap(text, w, size);
      if (lines.length * lineMm(size) + 2 * PAD <= h + 0.01) return { lines: lines.map((l) => l.text), size, text };
    }
    const size = this.overrides.floorSize;
    const lines = this.wrap(text, w, size);
    const room = Math.max(1, Math.floor((h - 2 * PAD) / lineMm(size)));
    const shown = lines.slice(0, room - 1);
    const rest = text.slice(shown.length ? shown[shown.length - 1].end : 0);
    const page = this.continueOnSheet({ path, label, text: rest });
    return { lines: [...shown.map((l) => l.text), `（${page}に続く）`], size };
  }

  /** Reserves the next 別紙 page for what did not fit, records the G-OVERFLOW, and returns the page's name (別紙1). */
  continueOnSheet(continuation: Omit<Continuation, 'page'>): string {
    const page = `別紙${this.continuations.length + 1}`;
    this.continuations.push({ ...continuation, page });
    this.overflows.push({ path: continuation.path, label: continuation.label, page });
    return page;
  }

  /** The 別紙 pages that carry what did not fit, each naming the item it continues. */
  continuationPages(): void {
    for (const c of this.continuations) {
      this.newPage();
      this.textBlock(`${c.page}　「${c.label}」の続き`, { size: 12, role: 'title', gap: 3 });
      if (c.layRows) {
        c.layRows();
        continue;
      }
      let rest = c.text;
      const size = this.overrides.valueSize;
      while (rest.length > 0) {
        const available = PAGE.height - PAGE.bottom - this.y;
        const room = Math.max(1, Math.floor((available - 2 * PAD) / lineMm(size)));
        const lines = this.wrap(rest, CONTENT_WIDTH, size);
        const shown = lines.slice(0, room);
        const h = shown.length * lineMm(size) + 2 * PAD;
        this.push({ x: PAGE.left, y: this.y, w: CONTENT_WIDTH, h, border: true, lines: shown.map((l) => l.text), size, align: 'left', valign: 'top', role: 'value', path: c.path });
        rest = lines.length > room ? rest.slice(shown[shown.length - 1].end) : '';
        if (rest) {
          this.newPage();
          this.textBlock(`${c.page}　「${c.label}」の続き（${this.pages.length}ページ目）`, { size: 12, role: 'title', gap: 3 });
        }
      }
    }
  }
}
