/**
 * Rows counted once. What a 様式 counts is people and offices, not the rows they are written on: the same 拠点
 * コーディネーター written twice is still one coordinator (S002 §26-1 「1人につき…1月につき100回を限度」), one 事業所番号
 * written twice is still one office (S000 Q1 「2か所以上」), and an office earns (Ⅱ) once (S001 「いずれも1月に1回を限度」).
 *
 * A rule that counts rows therefore counts distinct identities (`distinctRows`), and a row that repeats an earlier one is an
 * error naming both rows (the declared `distinctRows` rule, src/rules/declared/distinct-rows.ts). What makes two rows the
 * same is data — the list's path and the fields of its key.
 *
 * Keys are compared NFKC-folded and without spaces, for comparing only (never written back): 「ABC病院」 and 「ＡＢＣ　病院」
 * are one organisation, as a reader of the paper would take them.
 */
import { getAt } from '../../forms/fields.ts';

/** Which rows are the same thing: the list's dotted path and the fields of a row that together name it. */
export interface DistinctKey {
  /** Dotted data path of the list (`offices`, `meeting.attendees`). */
  list: string;
  /** Fields of a row that together say who or what it is (`['number']`); `[]` for a list of plain values. */
  key: string[];
}

/** A row that repeats an earlier one: both 0-based indexes and the values of the key as written in the later row. */
export interface DuplicateRow {
  first: number;
  row: number;
  values: string[];
}

/** A value compared as an identity: NFKC, every space (半角・全角) removed. */
export const identityKey = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

const text = (v: unknown): string | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  return identityKey(v) === '' ? undefined : v;
};

/** The key values of a row as written, or undefined when any is blank or not text (G-REQUIRED / G-TYPE report those). */
function keyValues(row: unknown, key: string[]): string[] | undefined {
  const values = key.length === 0 ? [text(row)] : key.map((k) => (row !== null && typeof row === 'object' && !Array.isArray(row) ? text((row as Record<string, unknown>)[k]) : undefined));
  return values.every((v): v is string => v !== undefined) ? values : undefined;
}

const identity = (values: string[]) => values.map(identityKey).join('\u0000');

/** The rows of the list at `spec.list` (an empty list when it is missing or not a list). */
export const rowsAt = (data: unknown, list: string): unknown[] => {
  const rows = getAt(data, list);
  return Array.isArray(rows) ? rows : [];
};

/** Every row that repeats an earlier one, in order; each names the first row with the same key. */
export function duplicateRows(rows: unknown[], key: string[]): DuplicateRow[] {
  const seen = new Map<string, number>();
  const duplicates: DuplicateRow[] = [];
  rows.forEach((row, i) => {
    const values = keyValues(row, key);
    if (!values) return;
    const id = identity(values);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, i);
    else duplicates.push({ first, row: i, values });
  });
  return duplicates;
}

/** The rows to count: each identity once (its first row); a row whose key is incomplete cannot be matched and stays. */
export function distinctRows<T>(rows: T[], key: string[]): T[] {
  const repeated = new Set(duplicateRows(rows, key).map((d) => d.row));
  return rows.filter((_, i) => !repeated.has(i));
}
