/**
 * Walking a definition's fields by data path. Paths are dotted (`allocations.2.count`); list elements are addressed by
 * index in data and by `*` in the definition.
 */
import type { FieldDefinition, FormDefinition } from './definition.ts';

/** Finds the field a data path names (`allocations.2.count` → the `count` column of allocations). */
export function fieldAt(definition: Pick<FormDefinition, 'fields'>, path: string): FieldDefinition | undefined {
  let fields: FieldDefinition[] | undefined = definition.fields;
  let current: FieldDefinition | undefined;
  for (const part of path.split('.')) {
    if (current?.type === 'list') {
      if (!/^\d+$/.test(part) && part !== '*') return undefined;
      current = current.item;
      fields = current?.fields;
      continue;
    }
    current = fields?.find((f) => f.key === part);
    if (!current) return undefined;
    fields = current.fields;
  }
  return current;
}

/**
 * The label a person reads for a path. Labels in definitions are complete on their own (「申請者 名称」, 「事業所番号」);
 * a field nested two groups deep reads with its row (別紙 「視覚 受入可 者」, 変更届 「事業所名 変更前」), and a list element
 * with its list and row number (「出席者 2行目 氏名」).
 */
export function labelAt(definition: Pick<FormDefinition, 'fields'>, path: string): string {
  if (path === '') return '';
  const chain: { field: FieldDefinition; row?: number }[] = [];
  let fields: FieldDefinition[] | undefined = definition.fields;
  let current: FieldDefinition | undefined;
  for (const part of path.split('.')) {
    if (current?.type === 'list') {
      chain[chain.length - 1].row = Number(part) + 1;
      current = current.item;
      fields = current?.fields;
      continue;
    }
    current = fields?.find((f) => f.key === part);
    if (!current) return chain.length ? chain.map((c) => c.field.label).join(' ') : path;
    chain.push({ field: current });
    fields = current.fields;
  }
  const own = chain[chain.length - 1];
  const list = [...chain].reverse().find((c) => c.row !== undefined);
  if (list && list !== own) return `${list.field.label} ${list.row}行目 ${own.field.label}`;
  if (list) return `${own.field.label} ${own.row}行目`;
  if (chain.length >= 3) return `${chain[chain.length - 2].field.label} ${own.field.label}`;
  return own.field.label;
}

export function getAt(data: unknown, path: string): unknown {
  if (path === '') return data;
  let value: unknown = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Visits every field with its data path, descending into groups and into every element present in lists. */
export function walkFields(
  fields: FieldDefinition[],
  data: unknown,
  visit: (field: FieldDefinition, path: string, value: unknown) => void,
  prefix = '',
): void {
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.key}` : field.key;
    const value = data && typeof data === 'object' ? (data as Record<string, unknown>)[field.key] : undefined;
    visit(field, path, value);
    if (field.type === 'group' && field.fields && value && typeof value === 'object' && !Array.isArray(value)) {
      walkFields(field.fields, value, visit, path);
    }
    if (field.type === 'list' && field.item && Array.isArray(value)) {
      value.forEach((element, i) => {
        const item = field.item as FieldDefinition;
        const elementPath = `${path}.${i}`;
        visit(item, elementPath, element);
        if (item.type === 'group' && item.fields && element && typeof element === 'object') {
          walkFields(item.fields, element, visit, elementPath);
        }
      });
    }
  }
}

/** True for a value a person left empty: absent, null, blank after trimming, or an empty list. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
