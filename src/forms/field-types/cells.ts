/**
 * Reading spreadsheet cells, shared by the types that take one: Excel's date serials, exceljs's UTC dates, plain text.
 */
import type { CellValue } from './field-type.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel stores a date as days since 1899-12-30 (serials from 61 on, past Excel's phantom 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
export const serialToDate = (serial: number) => new Date(EXCEL_EPOCH_MS + Math.round(serial * 86400) * 1000);
// exceljs gives date cells as UTC instants of the wall-clock date, so the UTC fields are the date Excel shows.
export const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
export const hhmm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

export function cellText(v: CellValue): string {
  if (v instanceof Date) return isoDate(v);
  return String(v);
}

/** A value as template text: objects (a group in one cell) cannot be a cell. */
export const plainCell = (value: unknown): string => (typeof value === 'object' ? '' : String(value));
