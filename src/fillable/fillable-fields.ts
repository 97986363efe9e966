/**
 * The fields of a fillable 様式: where each value is printed on the blank form, and the blank form to draw under them.
 *
 * Field names (AcroForm names in the fillable PDF; `yoshiki.`-prefixed defined names in the XLSX) are data paths:
 * - a value: its path — `office.number`, `applicant.name`, `meeting.start`;
 * - a list row: `<list>.<row>.<column>`, rows from 0 — `allocations.0.count`; a list of plain values: `attachments.0`;
 *   every row the paper prints has its fields (listTable `rows`);
 * - a list of plain values printed in one box (`liaisons`): its path, a multi-line field, one value per line;
 * - a boolean: its path, a checkbox — `consent`, `emergencyAcceptance.visual.adult`;
 * - an option of a multiple choice: `<path>.<option value>`, a checkbox — `functions.consultation`;
 * - a single choice printed as boxes: a radio group named by its path, whose export values are the option values;
 *   printed as a word (種別 with 18 options): a drop-down named by its path listing the option labels.
 * Computed values (合計, 年齢) are printed by yoshiki and get no field. Fields the 様式 does not print (`printed: false`)
 * get theirs, by the same scheme, on a page after the 様式: 「入力専用項目（様式には印刷されません）」 (input-only-page.ts).
 */
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { fieldAt, labelAt } from '../forms/fields.ts';
import type { PrintFont } from '../render/font.ts';
import { layoutDocument } from '../render/layout/layout.ts';
import { CELL_PADDING as PAD, lineMm, type Cell, type LaidOutDocument } from '../render/layout/model.ts';
import { wrapText } from '../render/layout/wrap.ts';
import { inputOnlyPages } from '../render/layout/input-only-page.ts';
import { blankText, isValue, printedTokens, type Token } from './printed-tokens.ts';
import { BLANK_DATE, fieldType } from '../forms/field-types/index.ts';

/** A rectangle on a page, in mm from the top-left corner (as the layout measures). */
export interface Box {
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

interface FieldBase {
  /** The AcroForm field name. */
  name: string;
  /** The data path the field fills. */
  path: string;
  /** The label a person reads (tooltip; messages). */
  label: string;
  box: Box;
}

export type FillableField =
  | (FieldBase & { kind: 'text'; field: FieldDefinition; size: number; align: Cell['align']; multiline: boolean })
  | (FieldBase & { kind: 'dropdown'; field: FieldDefinition; size: number; options: { value: string; label: string }[] })
  /** A boolean (no `value`) or one option of a multiple choice. */
  | (FieldBase & { kind: 'checkbox'; value?: string })
  /** One option of a single choice; the options of a path form one radio group. */
  | (FieldBase & { kind: 'radio'; value: string });

export interface Fillable {
  /**
   * The blank 様式 to draw: the layout of an empty document, without the blanks that fields now cover, then the
   * 入力専用項目 page if the 様式 has values it does not print.
   */
  layout: LaidOutDocument;
  fields: FillableField[];
}

const INSET = 0.4; // fields stay inside the drawn border
/** Room (mm) for a typed 和暦 date (令和10年12月31日) inside a printed sentence. */
const DATE_SLOT_MM = 36;

/** The smallest font size a value is typed at (the print layout's floor is 7 pt). */
const MIN_TYPED_SIZE = 6.5;
/** pdf-lib and viewers keep 1 pt clear inside a field on each side. */
const FIELD_PAD = 0.6;

export function fillableFields(definition: FormDefinition, font: PrintFont): Fillable {
  const layout = layoutDocument({ definition, data: {}, computed: {}, font });
  const tokens = printedTokens(definition);
  const fields: FillableField[] = [];
  const label = (path: string) => labelAt(definition, path);

  // The 入力専用項目 page comes last, so the 様式's own pages keep their numbers.
  const pages = [...layout.pages, ...inputOnlyPages(definition, {}, font)].map((page, p) => {
    const cells: Cell[] = [];
    for (const cell of page.cells) {
      if (cell.checks?.length) {
        cells.push(cell);
        for (const mark of cell.checks) {
          if (!mark.path) continue;
          const field = fieldAt(definition, mark.path);
          const box = { page: p, x: mark.x, y: mark.y, w: mark.size, h: mark.size };
          if (field?.type === 'boolean') fields.push({ kind: 'checkbox', name: mark.path, path: mark.path, label: label(mark.path), box });
          else if (field?.type === 'choices' && mark.value)
            fields.push({ kind: 'checkbox', name: `${mark.path}.${mark.value}`, path: mark.path, value: mark.value, label: `${label(mark.path)} ${mark.label}`, box });
          else if (field?.type === 'choice' && mark.value)
            fields.push({ kind: 'radio', name: mark.path, path: mark.path, value: mark.value, label: `${label(mark.path)} ${mark.label}`, box });
        }
        continue;
      }
      const sentence = cell.role === 'text' && !cell.path ? tokens.sentences.find((t) => blankText(t) === cell.lines.join('')) : undefined;
      if (sentence) {
        cells.push(sentenceFields(sentence, cell, p, font, fields, label));
        continue;
      }
      if (cell.role !== 'value' || !cell.path) {
        cells.push(cell);
        continue;
      }
      const row = tokens.byCellPath.get(cell.path);
      if (row) {
        cells.push(...rowFields(row, cell, p, font, fields, label));
        continue;
      }
      const field = definition.computed.some((c) => c.key === cell.path) ? undefined : fieldAt(definition, cell.path);
      if (!field) {
        cells.push(cell);
        continue;
      }
      cells.push({ ...cell, lines: [], text: undefined });
      fields.push(valueField(field, cell.path, label(cell.path), inset({ page: p, x: cell.x, y: cell.y, w: cell.w, h: cell.h }), cell, font));
    }
    return { cells };
  });
  return { layout: { ...layout, pages }, fields };
}

function inset(box: Box): Box {
  return { ...box, x: box.x + INSET, y: box.y + INSET, w: Math.max(box.w - 2 * INSET, 1), h: Math.max(box.h - 2 * INSET, 1) };
}

/** A value in a box of its own: a drop-down for a single choice printed as a word, else a text field. */
function valueField(field: FieldDefinition, path: string, label: string, box: Box, cell: Pick<Cell, 'size' | 'align' | 'valign'>, font: PrintFont): FillableField {
  if (field.type === 'choice' && field.options) return { kind: 'dropdown', name: path, path, label, box, field, size: cell.size, options: field.options };
  // Multi-line: free text in a box the layout fills from the top (stacked rows, `lines` > 1, a list printed in one box)
  // or in any box two lines tall (a table cell where a long 事業所名 wraps).
  const wraps = field.type === 'text' || field.type === 'list';
  const multiline = wraps && (cell.valign === 'top' || box.h >= 2 * lineMm(cell.size) + 1);
  // A date or code in a box narrower than it needs (a table column) is typed smaller, as the print layout shrinks it.
  const sample = fieldType(field).typical;
  const wanted = sample ? font.widthMm(sample, cell.size) + 2 * FIELD_PAD : 0;
  const size = box.w < wanted ? Math.max(MIN_TYPED_SIZE, Math.floor(((cell.size * box.w) / wanted) * 2) / 2) : cell.size;
  return { kind: 'text', name: path, path, label, box, field, size, align: cell.align, multiline };
}

/**
 * A box printing several values between fixed text (〒 + address, 「氏名（よみがな）」): the fixed text stays printed and
 * each value gets a field of its own, left to right, at the size of the box.
 */
function rowFields(tokens: Token[], cell: Cell, page: number, font: PrintFont, fields: FillableField[], label: (p: string) => string): Cell[] {
  const literals: Cell[] = [];
  const size = cell.size;
  const room = cell.w - 2 * PAD;
  // Fixed text, including the 〒 a postal code is printed after and the blank a computed value leaves.
  const pieces = tokens.flatMap((t): ({ text: string } | { token: Extract<Token, { path: string }> })[] => {
    if (!isValue(t)) return [{ text: t.literal }];
    if (!t.field) return [{ text: '　' }];
    return t.field.type === 'postalCode' ? [{ text: '〒' }, { token: t }] : [{ token: t }];
  });
  const textWidth = pieces.reduce((sum, piece) => sum + ('text' in piece ? font.widthMm(piece.text, size) : 0), 0);
  const wanted = pieces.map((piece) => ('token' in piece ? (fieldType(piece.token.field!).slotMm ?? 0) : 0));
  const flexible = pieces.filter((piece, i) => 'token' in piece && wanted[i] === 0).length;
  const fixed = wanted.reduce((a, b) => a + b, 0);
  const spare = room - textWidth - fixed;
  // Too narrow for the usual widths: every value shrinks alike.
  const scale = spare < 0 ? Math.max(0.3, (room - textWidth) / fixed) : 1;
  const share = flexible ? Math.max(spare, 0) / flexible : 0;
  let x = cell.x + PAD;
  pieces.forEach((piece, i) => {
    if ('text' in piece) {
      const w = font.widthMm(piece.text, size);
      if (piece.text.trim())
        literals.push({ x: x - PAD, y: cell.y, w: w + 2 * PAD + 0.6, h: cell.h, border: false, lines: [piece.text], size, align: 'left', valign: 'middle', role: 'text' });
      x += w;
      return;
    }
    const w = wanted[i] ? wanted[i] * scale : share;
    const { path, field } = piece.token;
    const box = { page, x, y: cell.y + INSET, w: Math.max(w, 4), h: cell.h - 2 * INSET };
    fields.push(valueField(field!, path, label(path), box, { size, align: 'left', valign: 'middle' }, font));
    x += w;
  });
  return [{ ...cell, lines: [], text: undefined }, ...literals];
}

/**
 * A sentence printing a date (「{filedOn}にあった…届出について」): the date's blank 「年　月　日」 becomes a run of spaces wide
 * enough for a typed 和暦 date and a field sits over it. The sentence is wrapped again; if the wider blank would need
 * another line, the blank keeps the printed width (the box below leaves no room).
 */
function sentenceFields(tokens: Token[], cell: Cell, page: number, font: PrintFont, fields: FillableField[], label: (p: string) => string): Cell {
  const isDate = (t: Token) => isValue(t) && t.field !== undefined && blankText([t]) === BLANK_DATE;
  const wrap = (slot: string) => {
    const pieces = tokens.map((t) => (isDate(t) ? slot : blankText([t])));
    const lines = wrapText(pieces.join(''), Math.max(cell.w - 2 * PAD, 1), (s) => font.widthMm(s, cell.size));
    return { pieces, lines };
  };
  // Spaces as wide as the room a date needs (the print font is proportional: measure, do not count).
  const spaces = (mm: number) => '　'.repeat(Math.ceil(mm / font.widthMm('　', cell.size)));
  let { pieces, lines } = wrap(spaces(DATE_SLOT_MM));
  if (lines.length > cell.lines.length) ({ pieces, lines } = wrap(spaces(font.widthMm(BLANK_DATE, cell.size))));
  let offset = 0;
  tokens.forEach((token, i) => {
    const slot = pieces[i];
    const row = lines.findIndex((l) => offset >= l.start && offset + slot.length <= l.start + l.text.length);
    if (isDate(token) && isValue(token) && row >= 0) {
      const line = lines[row];
      const left = font.widthMm(line.text.slice(0, offset - line.start), cell.size);
      const top = cell.y + PAD / 2 + row * lineMm(cell.size);
      const box = { page, x: cell.x + PAD + left, y: top - 0.3, w: font.widthMm(slot, cell.size), h: lineMm(cell.size) + 0.6 };
      fields.push(valueField(token.field!, token.path, label(token.path), box, { size: cell.size, align: 'right', valign: 'middle' }, font));
    }
    offset += slot.length;
  });
  return { ...cell, lines: lines.map((l) => l.text) };
}
