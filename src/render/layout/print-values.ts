/**
 * How a value is printed on the 様式: 和暦 dates, 〒123-4567, option labels. One place, shared by PDF and XLSX
 * (both draw the same laid-out cells) and by the conformance tests that look for the printed text in the files.
 */
import type { FieldDefinition } from '../../forms/definition.ts';
import { formatWareki } from '../../text/wareki.ts';

export const BLANK_DATE = '年　　月　　日';

/** Choice fields with few options print every option with a checkbox, as the paper does; long lists print the label. */
export function printsAsChecks(field: FieldDefinition): boolean {
  return field.type === 'choices' || field.type === 'boolean' || (field.type === 'choice' && (field.options?.length ?? 0) <= 6);
}

/** Fills a row's `format` (「{user.birthDate}（{user.age}歳）」) with printed values; `|weekday` adds （水）. */
export function formatRow(format: string, lookup: (path: string) => { field: FieldDefinition | undefined; value: unknown }): string {
  return format.replace(/\{([\w.]+)(\|weekday)?\}/g, (_, path: string, weekday?: string) => {
    const { field, value } = lookup(path);
    if (weekday && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatWareki(value, { weekday: true });
    return printedValue(field, value);
  });
}

export function printedValue(field: FieldDefinition | undefined, value: unknown): string {
  if (value === undefined || value === null || value === '') {
    if (field?.type === 'date') return BLANK_DATE;
    if (field?.type === 'postalCode') return '〒';
    return '';
  }
  if (!field) return String(value);
  switch (field.type) {
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatWareki(value) : String(value);
    case 'postalCode':
      return typeof value === 'string' && /^\d{7}$/.test(value) ? `〒${value.slice(0, 3)}-${value.slice(3)}` : `〒${value}`;
    case 'choice':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'choices':
      return Array.isArray(value) ? value.map((v) => field.options?.find((o) => o.value === v)?.label ?? String(v)).join('、') : String(value);
    case 'boolean':
      return value === true ? '■' : '□';
    case 'list':
      return Array.isArray(value) ? value.map((v) => printedValue(field.item, v)).join('、') : String(value);
    case 'integer':
      return String(value);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}
