/**
 * One spreadsheet row → the data object of one document, exactly what `yoshiki render` would read from JSON.
 * Only what a spreadsheet cannot say in JSON's terms is converted: ○/✓/はい → true, option labels → option values,
 * `;`-separated choices → a list, digits → numbers for integer fields, Excel date and time cells → ISO dates and HH:MM.
 * Everything else (names, addresses, 和暦 strings, 全角 digits, 半角カナ) goes through as typed: the validator normalises
 * what may be normalised and reports what is wrong, naming the field. A value that cannot be converted is passed on
 * unchanged, so the validator's finding quotes what the person typed.
 */
import type { FieldDefinition } from '../forms/definition.ts';
import { getAt } from '../forms/fields.ts';
import { isBlankText } from '../forms/options.ts';
import { fieldType, type CellValue as TypedCell } from '../forms/field-types/index.ts';
import type { Finding } from '../rules/rule.ts';
import { columnLetter, type Column } from './columns.ts';
import { BATCH_RULES, batchMessages } from '../messages/batch.ts';

/** A cell as the readers give it: CSV cells are strings; XLSX cells may be numbers, booleans or dates. */
export type CellValue = TypedCell | undefined;

// Blank is blank: a cell of only spaces (half- or full-width) is an empty cell, as in the validator (src/normalize.ts).
const isEmpty = (v: CellValue) => v === undefined || (typeof v === 'string' && isBlankText(v));

/** Converts a non-empty cell for its field: the field type's own reading (src/forms/field-types/). */
export function cellToValue(field: FieldDefinition, v: Exclude<CellValue, undefined>): unknown {
  return fieldType(field).fromCell(field, v);
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> | unknown[] = target;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const key = Array.isArray(node) ? Number(part) : part;
    const container = node as Record<string | number, unknown>;
    if (last) container[key] = value;
    else {
      if (container[key] === undefined) container[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      node = container[key] as Record<string, unknown> | unknown[];
    }
  });
}

/** Rows of a list left empty in the middle (出席者 1 and 3 filled, 2 empty) close up, as on paper. */
function closeUpLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(closeUpLists);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closeUpLists(v)]));
  return value;
}

export interface RowData {
  data: Record<string, unknown>;
  /** Cells the batch could not place (a value under an empty header). */
  problems: Finding[];
}

export function rowToData(columns: Column[], cells: CellValue[]): RowData {
  const data: Record<string, unknown> = {};
  const problems: Finding[] = [];
  const emptyBooleans: Column[] = [];
  const mapped = new Set(columns.map((c) => c.index));
  for (const column of columns) {
    const v = cells[column.index];
    if (isEmpty(v)) {
      if (column.field.type === 'boolean') emptyBooleans.push(column);
      continue;
    }
    setAt(data, column.path, cellToValue(column.field, v as Exclude<CellValue, undefined>));
  }
  // An empty checkbox cell is "not checked" — but only where something else of its group was filled: a 別紙 row left
  // wholly empty stays absent, as it would be in JSON, rather than becoming a row of explicit 「いいえ」.
  for (const column of emptyBooleans) {
    const parent = column.path.includes('.') ? column.path.slice(0, column.path.lastIndexOf('.')) : '';
    const container = getAt(data, parent);
    if (container && typeof container === 'object' && !Array.isArray(container)) setAt(data, column.path, false);
  }
  cells.forEach((v, index) => {
    if (!mapped.has(index) && !isEmpty(v))
      problems.push({ rule: BATCH_RULES.cell, severity: 'error', path: '', message: batchMessages.cellWithoutHeader(columnLetter(index)) });
  });
  return { data: closeUpLists(data) as Record<string, unknown>, problems };
}
