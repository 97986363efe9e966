/**
 * Reading values inside rules. Rules run on normalised data but must not throw on what a malformed document holds
 * (the schema already reports it), so they read through these guards.
 */
import { parseDateInput } from '../../text/wareki.ts';

export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object at `v`, or an empty one. */
export const objectAt = (v: unknown): Obj => (isObject(v) ? v : {});

/** Trimmed text, or '' for anything that is not a string. */
export const textOf = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** A real calendar date in ISO form (what normalisation makes of a good input), else undefined (G-DATE reports it). */
export function isoDate(v: unknown): string | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  const parsed = parseDateInput(v);
  return parsed.ok && parsed.iso === v ? v : undefined;
}

/** The office rows of a Takatsuki 様式 (様式1, 様式3), skipping anything that is not an object. */
export const officesOf = (data: Obj): Obj[] => (Array.isArray(data.offices) ? data.offices.filter(isObject) : []);

export const isCoreOffice = (office: Obj) => office.isCore === true;
