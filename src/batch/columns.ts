/**
 * Which data path each column of a spreadsheet fills. A header names a field either by its key (`office.number`) or by the
 * Japanese label the 様式 prints (`事業所番号`, labelAt's 「申請者 所在地」). Repeated rows are numbered from 1 in the header,
 * as a person counts them: `meeting.attendees.2.name` or 「出席者 2行目 氏名」 (「出席者 2 氏名」 also reads) both fill
 * `meeting.attendees.1.name`. A header that names no field, or more than one, stops the batch before anything is made: a
 * misread column would otherwise fill the wrong box on every document.
 */
import type { FieldDefinition, FormDefinition } from '../forms/definition.ts';
import { labelAt } from '../forms/fields.ts';
import { BatchInputError } from './errors.ts';
import { batchMessages } from '../messages/batch.ts';

/** A field a cell can fill: not a group or a list, but every scalar inside them (`*` stands for a list index). */
export interface Leaf {
  /** `meeting.attendees.*.name` */
  template: string;
  field: FieldDefinition;
  /** The label headers are matched against, with every list index as a capture group (absent: keys only). */
  label?: RegExp;
  /** The field's own label, a second way to name it when that is unambiguous (「事業所名」 for office.name). */
  alias?: string;
}

export interface Column {
  /** 0-based position in the row. */
  index: number;
  header: string;
  /** Data path with 0-based list indices (`meeting.attendees.1.name`). */
  path: string;
  field: FieldDefinition;
}

/** How headers compare: NFKC (全角 letters and brackets) and no white space, so 「申請者　所在地」 reads as 「申請者 所在地」. */
export const canonical = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Sentinel list indices: printed by labelAt as 「…987651行目…」, then turned into capture groups.
const SENTINEL = 987650;

export function leaves(definition: Pick<FormDefinition, 'fields'>): Leaf[] {
  const out: Leaf[] = [];
  const visit = (field: FieldDefinition, template: string) => {
    if (field.type === 'group') for (const child of field.fields ?? []) visit(child, `${template}.${child.key}`);
    else if (field.type === 'list' && field.item) {
      const item = field.item;
      if (item.type === 'group') for (const child of item.fields ?? []) visit(child, `${template}.*.${child.key}`);
      else visit(item, `${template}.*`);
    } else out.push({ template, field, ...labelPattern(definition, template, field) });
  };
  for (const field of definition.fields) visit(field, field.key);
  return out;
}

function labelPattern(definition: Pick<FormDefinition, 'fields'>, template: string, field: FieldDefinition): Pick<Leaf, 'label' | 'alias'> {
  let level = 0;
  const sentinelPath = template
    .split('.')
    .map((part) => (part === '*' ? String(SENTINEL + level++) : part))
    .join('.');
  let pattern = escapeRegExp(canonical(labelAt(definition, sentinelPath)));
  for (let k = 0; k < level; k++) {
    const printed = String(SENTINEL + k + 1);
    // labelAt prints only the innermost row number of nested lists; such a field is named by its key alone.
    if (!pattern.includes(printed)) return {};
    pattern = pattern.replace(`${printed}行目`, '(\\d+)(?:行目)?').replace(printed, '(\\d+)');
  }
  return { label: new RegExp(`^${pattern}$`), alias: level === 0 ? canonical(field.label) : undefined };
}

/** Excel's column letters (0 → A, 26 → AA): what a person sees above the column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const KEY_HEADER = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*$/;

interface Match {
  leaf: Leaf;
  /** 1-based list indices as written in the header. */
  numbers: number[];
}

function byKey(all: Leaf[], header: string): Match | undefined {
  const parts = header.split('.');
  const numbers: number[] = [];
  const template = parts.map((p) => (/^\d+$/.test(p) ? (numbers.push(Number(p)), '*') : p)).join('.');
  const leaf = all.find((l) => l.template === template);
  return leaf ? { leaf, numbers } : undefined;
}

function byLabel(all: Leaf[], text: string): { primary: Match[]; aliases: Match[] } {
  const primary: Match[] = [];
  const aliases: Match[] = [];
  for (const leaf of all) {
    const m = leaf.label?.exec(text);
    if (m) primary.push({ leaf, numbers: m.slice(1).map(Number) });
    else if (leaf.alias === text) aliases.push({ leaf, numbers: [] });
  }
  return { primary, aliases };
}

function dataPath(match: Match): string {
  let k = 0;
  return match.leaf.template
    .split('.')
    .map((part) => (part === '*' ? String(match.numbers[k++] - 1) : part))
    .join('.');
}

/**
 * Maps a header row to columns. Empty header cells are skipped (a value under one is reported on its row); anything else
 * must name exactly one field, and no two headers the same one.
 */
export function resolveHeaders(definition: Pick<FormDefinition, 'fields'>, headers: string[]): Column[] {
  const all = leaves(definition);
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (header === '') return;
    const letter = columnLetter(index);
    const normalised = header.normalize('NFKC').trim();
    let match = KEY_HEADER.test(normalised) ? byKey(all, normalised) : undefined;
    if (!match) {
      const { primary, aliases } = byLabel(all, canonical(header));
      const candidates = primary.length ? primary : aliases;
      if (candidates.length > 1)
        throw new BatchInputError(batchMessages.ambiguousHeader(header, letter, candidates.map((c) => c.leaf.template.replaceAll('*', '1'))));
      match = candidates[0];
    }
    if (!match) throw new BatchInputError(batchMessages.unknownHeader(header, letter));
    if (match.numbers.some((n) => n < 1)) throw new BatchInputError(batchMessages.zeroIndex(header, letter));
    const path = dataPath(match);
    const other = seen.get(path);
    if (other !== undefined) throw new BatchInputError(batchMessages.duplicateHeader(other, header, path));
    seen.set(path, header);
    columns.push({ index, header, path, field: match.leaf.field });
  });
  return columns;
}
