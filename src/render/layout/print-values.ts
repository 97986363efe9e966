/**
 * How the layout prints values in rows: a row's `format` filled with printed values, and which choices print as boxes.
 * How one value prints (和暦 dates, 〒123-4567, option labels) is its field type's (src/forms/field-types/).
 */
import type { FieldDefinition } from '../../forms/definition.ts';
import { printValue } from '../../forms/field-types/index.ts';
import { formatWareki } from '../../text/wareki.ts';

/** Choice fields with few options print every option with a checkbox, as the paper does; long lists print the label. */
export function printsAsChecks(field: FieldDefinition): boolean {
  return field.type === 'choices' || field.type === 'boolean' || (field.type === 'choice' && (field.options?.length ?? 0) <= 6);
}

/** Fills a row's `format` (「{user.birthDate}（{user.age}歳）」) with printed values; `|weekday` adds （水）. */
export function formatRow(format: string, lookup: (path: string) => { field: FieldDefinition | undefined; value: unknown }): string {
  return format.replace(/\{([\w.]+)(\|weekday)?\}/g, (_, path: string, weekday?: string) => {
    const { field, value } = lookup(path);
    if (weekday && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatWareki(value, { weekday: true });
    return printValue(field, value);
  });
}

