/**
 * The laid-out document: pages of cells in millimetres, computed once from (definition, data) and drawn by both the PDF
 * and the XLSX renderer, so the two files always show the same boxes, labels and values.
 */

export const PAGE = { width: 210, height: 297, left: 18, right: 18, top: 12, bottom: 12 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** Padding (mm) between a cell's border and its text: the layout leaves it free, the PDF draws the text inside it. */
export const CELL_PADDING = 1.5;
/** Line height as a multiple of the font size, for laying out and for drawing alike. */
export const LINE_HEIGHT = 1.3;
/** Height (mm) of one line of text at `size` pt. */
export const lineMm = (size: number) => size * LINE_HEIGHT * (25.4 / 72);

export interface CheckMark {
  label: string;
  /** The label wrapped onto several lines, when it is wider than the cell (PDF). */
  labelLines?: string[];
  checked: boolean;
  /** Box position (mm, top-left) and size; the label starts right of it. PDF only; XLSX prints ■/□ + label. */
  x: number;
  y: number;
  size: number;
  /** Data path and value this box stands for (fillable forms, import). */
  path?: string;
  value?: string;
}

export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Draw the cell's border (a table cell); free text on the page has none. */
  border: boolean;
  /** Printed lines, already wrapped to the cell width at `size`. */
  lines: string[];
  /** The value exactly as typed, when it fit its box (spreadsheets wrap it themselves). */
  text?: string;
  /** Font size in pt. */
  size: number;
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle';
  /** Checkbox groups print every option, chosen or not. */
  checks?: CheckMark[];
  /** What the cell is: a printed label, a value from the data, or fixed text of the form. */
  role: 'title' | 'label' | 'value' | 'text';
  /** Data path of the value printed (value cells). */
  path?: string;
  /**
   * The n-th part (2, 3 …) of a value that breaks across pages; `text` is then exactly that part of the value, so the
   * parts put together are the value (the XLSX names them `yoshiki.<path>.part<n>`; the import joins them).
   */
  part?: number;
  /** Sides of a bordered cell on the outside of its table: drawn as the heavier outer frame (about 0.5 pt). */
  frame?: ('top' | 'right' | 'bottom' | 'left')[];
  /** Printed in the bold weight (titles). */
  bold?: boolean;
  /** Part of a page's running head (the 続紙's title, office and page number), not of the form's content. */
  header?: boolean;
}

export interface LaidOutPage {
  cells: Cell[];
  /** The page continues what the page before it ran out of room for (a table or a text box that flowed on). */
  continued?: boolean;
}

/** Text that did not fit the box its 様式 fixes and continues on the 続紙 (G-OVERFLOW). */
export interface Overflow {
  path: string;
  label: string;
  /** Where it continues, as the box says it (続紙). */
  page: string;
}

export interface LaidOutDocument {
  title: string;
  pages: LaidOutPage[];
  overflows: Overflow[];
}
