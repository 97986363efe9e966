/**
 * Values read by path (`allocations.2.count` → 30) become the data object validation expects. What a person left blank
 * is left out: an empty box, a table row with nothing in it, a group with nothing chosen. A paper checkbox has no
 * "unanswered": an unticked box in a row that has other values is false.
 */
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import type { Finding } from '../rules/rule.ts';

/** Values read from a file, by data path, as printed (和暦 dates, codes with hyphens: normalisation reads them). */
export type ReadValues = Map<string, unknown>;

export interface Reading {
  values: ReadValues;
  /** What the reader noticed about single values (a choice ticked twice, a box continued on a 別紙). */
  findings: Finding[];
}

export function assembleData(definition: FormDefinition, values: ReadValues): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [path, value] of values) if (value !== undefined) setAt(data, path.split('.'), value);
  return tidyGroup(definition.fields, data) ?? {};
}

function setAt(target: Record<string, unknown> | unknown[], parts: string[], value: unknown): void {
  const [head, ...rest] = parts;
  const slot = target as Record<string, unknown>;
  if (rest.length === 0) {
    slot[head] = value;
    return;
  }
  if (slot[head] === undefined || typeof slot[head] !== 'object') slot[head] = /^\d+$/.test(rest[0]) ? [] : {};
  setAt(slot[head] as Record<string, unknown>, rest, value);
}

/** True when nothing in the value was filled in: blanks and unticked boxes only. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isEmpty);
  if (value && typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

function tidyGroup(fields: FieldDefinition[], group: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = tidy(field, group[field.key]);
    if (value !== undefined) out[field.key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

function tidy(field: FieldDefinition, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (field.type === 'group' && value && typeof value === 'object' && !Array.isArray(value)) {
    if (isEmpty(value)) return undefined;
    return tidyGroup(field.fields ?? [], value as Record<string, unknown>);
  }
  if (field.type === 'list' && Array.isArray(value)) {
    // Rows a person skipped close up: the rows filled in 1st and 3rd become the list's first two elements.
    const rows = value.filter((row) => !isEmpty(row)).map((row) => tidy(field.item!, row));
    return rows.length ? rows : undefined;
  }
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}
