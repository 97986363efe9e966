/**
 * What the layout of a definition promises to print (labels) and to place (data paths), derived from the definition's
 * blocks: the conformance suite looks for them in the PDF and XLSX, the web-form tests in the HTML page.
 */
import type { FieldDefinition, FormDefinition } from '../../forms/definition.ts';
import { fieldAt } from '../../forms/fields.ts';
import { yesNoPair } from './overrides.ts';
import { printsAsChecks } from './print-values.ts';

/**
 * Every label the layout promises to print: titles, sentences, row labels (the field's own label unless the row names one),
 * notes, column titles, 別紙 row labels and categories, and every checkbox option.
 */
export function printedLabels(definition: FormDefinition): string[] {
  const texts: string[] = [];
  const field = (path: string) => fieldAt(definition, path);
  const options = (f: FieldDefinition | undefined, path: string): string[] => {
    if (!f || !printsAsChecks(f)) return [];
    const pair = f.type === 'boolean' ? yesNoPair(definition.id, path) : undefined;
    if (pair) return [...pair];
    if (f.type === 'boolean') return [f.printLabel ?? f.label].filter(Boolean);
    return (f.options ?? []).map((o) => o.label);
  };
  for (const block of definition.pages.flat()) {
    switch (block.block) {
      case 'title':
        texts.push(block.text ?? definition.title);
        break;
      case 'paragraph':
      case 'heading':
        texts.push(block.text);
        break;
      case 'bullets':
        texts.push(...(block.title ? [block.title] : []), ...block.items);
        break;
      case 'issuer':
      case 'addressee':
        if (block.text) texts.push(block.text);
        break;
      case 'checkLine':
        texts.push(...options(field(block.field), block.field));
        break;
      case 'applicant': {
        const group = field(block.field)!;
        texts.push(group.printLabel ?? group.label, ...(group.fields ?? []).map((f) => f.printLabel ?? f.label));
        break;
      }
      case 'fieldTable':
        for (const row of block.rows) {
          const first = row.fields?.[0];
          const label = row.label ?? (first ? (field(first)?.label ?? definition.computed.find((c) => c.key === first)?.label) : undefined);
          if (label) texts.push(label);
          if (row.note) texts.push(row.note);
          if (row.fields?.length === 1) texts.push(...options(field(row.fields[0]), row.fields[0]));
        }
        break;
      case 'groupTable': {
        const rows = (field(block.field)!.fields ?? []).filter((f) => f.type === 'group');
        for (const row of rows) {
          texts.push(row.label, ...(row.category ? [row.category] : []));
          for (const c of block.columns)
            for (const key of c.fields ?? []) {
              const f = row.fields!.find((x) => x.key === key)!;
              if (f.type === 'boolean' || f.type === 'choices') texts.push(...options(f, `${block.field}.${row.key}.${key}`));
            }
        }
        texts.push(...block.columns.map((c) => c.title).filter(Boolean), ...(block.title ? [block.title] : []));
        break;
      }
      case 'listTable':
        texts.push(...block.columns.map((c) => c.title).filter(Boolean), ...(block.title ? [block.title] : []));
        if (block.total) texts.push(block.total.label);
        break;
    }
  }
  return texts;
}

/** The data paths the layout prints: a field missing from every block would silently vanish from the paper. */
export function layoutPaths(definition: FormDefinition): string[] {
  const paths: string[] = [];
  for (const block of definition.pages.flat()) {
    if (block.block === 'fieldTable') paths.push(...block.rows.flatMap((r) => r.fields ?? []));
    if (block.block === 'filedDate') paths.push(block.field ?? 'filedOn');
    if (block.block === 'addressee' && block.field) paths.push(block.field);
    if (block.block === 'applicant' || block.block === 'checkLine') paths.push(block.field);
    if (block.block === 'computedLine') paths.push(...[...block.text.matchAll(/\{([\w.]+)(\|weekday)?\}/g)].map((m) => m[1]));
    if (block.block === 'groupTable') {
      const rows = (fieldAt(definition, block.field)!.fields ?? []).filter((f) => f.type === 'group');
      for (const row of rows) for (const c of block.columns) for (const key of c.fields ?? []) paths.push(`${block.field}.${row.key}.${key}`);
    }
    if (block.block === 'listTable') {
      const item = fieldAt(definition, block.field)!.item!;
      if (item.type !== 'group') paths.push(block.field);
      for (const c of block.columns) for (const key of c.fields ?? []) paths.push(`${block.field}.*.${key}`);
    }
  }
  return paths;
}

export function leafPaths(fields: FieldDefinition[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    if (f.printed === false) return [];
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    if (f.type === 'group') return leafPaths(f.fields!, path);
    if (f.type === 'list' && f.item?.type === 'group') return leafPaths(f.item.fields!, `${path}.*`);
    return [path];
  });
}

