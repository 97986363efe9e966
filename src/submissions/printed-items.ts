/**
 * A filing's values as the 様式 prints them (和暦 dates, 〒123-4567, option labels — each field type's printValue, as the
 * layout prints them), item by item in the definition's order, for the city's inbox: the detail page lists them, and two
 * revisions are compared item by item (a 第2版 shows what the office changed after a 差戻し).
 */
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { getAt, isBlank } from '../forms/fields.ts';
import { getDefinition } from '../forms/registry.ts';
import { printValue } from '../forms/field-types/index.ts';

export interface PrintedItem {
  /** Data path with list indexes (`liaisons.1`), stable between revisions. */
  path: string;
  /** The labels from the top group down: 「事業所 › 事業所名」, 「連携担当者（2）」. */
  label: string;
  /** As printed; '' when the filing leaves the item blank. */
  value: string;
}

const join = (parent: string, label: string) => (parent ? `${parent} › ${label}` : label);

function itemsOf(fields: FieldDefinition[], data: unknown, prefix: string, parentLabel: string, out: PrintedItem[]): void {
  for (const field of fields) {
    if (field.printed === false) continue;
    const path = prefix ? `${prefix}.${field.key}` : field.key;
    const label = join(parentLabel, field.label);
    const value = getAt(data, field.key);
    if (field.type === 'group' && field.fields) {
      itemsOf(field.fields, value, path, label, out);
    } else if (field.type === 'list' && field.item?.type === 'group' && field.item.fields) {
      // Rows of a list table, each numbered as a person counts them (1 …).
      const rows = Array.isArray(value) ? value : [];
      rows.forEach((row, i) => itemsOf(field.item!.fields!, row, `${path}.${i}`, `${label}（${i + 1}）`, out));
      if (!rows.length) out.push({ path, label, value: '' });
    } else {
      // An unticked box prints □ on the 様式; other blank items print nothing.
      const blank = field.type === 'boolean' ? value === undefined || value === null : isBlank(value);
      out.push({ path, label, value: blank ? '' : printValue(field, value) });
    }
  }
}

export function printedItems(definition: Pick<FormDefinition, 'fields'>, data: unknown): PrintedItem[] {
  const out: PrintedItem[] = [];
  itemsOf(definition.fields, data, '', '', out);
  return out;
}

export interface ComparedItem {
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

/**
 * Two revisions of one document side by side, item by item: the items of the later one in its order, then any the later
 * one no longer has (a list row removed). `changed` when the printed values differ.
 */
export function compareItems(form: string, before: unknown, after: unknown): ComparedItem[] {
  const definition = getDefinition(form);
  const earlier = new Map(printedItems(definition, before).map((i) => [i.path, i]));
  const later = printedItems(definition, after);
  const seen = new Set(later.map((i) => i.path));
  const rows = later.map((i) => {
    const was = earlier.get(i.path)?.value ?? '';
    return { label: i.label, before: was, after: i.value, changed: was !== i.value };
  });
  for (const [path, i] of earlier) if (!seen.has(path)) rows.push({ label: i.label, before: i.value, after: '', changed: i.value !== '' });
  return rows;
}

/**
 * The office a filing is about, as the clerk knows it: the 事業所名 beside the 事業所番号 the 様式 names
 * (`filing.officeNumber`: office.number → office.name), else the 様式's first identity item (`officeName`, `core.name`).
 * '' when the filing names none.
 */
export function officeNameOf(form: string, data: unknown): string {
  let definition: FormDefinition;
  try {
    definition = getDefinition(form);
  } catch {
    return '';
  }
  const numberPath = definition.filing?.issuedBy === 'office' ? definition.filing.officeNumber : undefined;
  const candidates = [
    ...(numberPath ? [numberPath.replace(/[^.]+$/, 'name')] : []),
    // Only the first identity item: the later ones may name people (利用者, 保護者), never shown as an office.
    ...(definition.identity ?? []).slice(0, 1).filter((p) => !p.includes('*')),
  ];
  for (const path of candidates) {
    const value = getAt(data, path);
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return '';
}
