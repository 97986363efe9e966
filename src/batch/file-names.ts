/**
 * File names of a batch's documents, from a pattern such as `{office.number}-{filedOn}` (default `{row}-{form-id}`).
 * Names must open on the office's Windows PCs and inside a zip: the characters Windows forbids become 「_」, a name may
 * not end in a dot or space, and the device names (CON, PRN, AUX, NUL, COM1…9, LPT1…9) get a leading 「_」. Two rows that
 * would share a name get 「 (2)」, 「 (3)」… in row order, so the same input always gives the same names (which resuming needs).
 */
import type { FormDefinition } from '../forms/definition.ts';
import { fieldAt, getAt } from '../forms/fields.ts';
import { BatchInputError } from './errors.ts';
import { batchMessages } from '../messages/batch.ts';

export const DEFAULT_NAME_PATTERN = '{row}-{form-id}';

const PLACEHOLDER = /\{([^{}]+)\}/g;
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;
// Leaves room for 「 (12)」 and the extension inside Windows' 255-character limit, and for the folder in a zip.
const MAX_LENGTH = 120;

/** Checks every placeholder of a pattern names `row`, `form-id` or a field of the 様式 (exit 2 before any work). */
export function checkPattern(definition: FormDefinition, pattern: string): void {
  for (const [, key] of pattern.matchAll(PLACEHOLDER)) {
    if (key === 'row' || key === 'form-id') continue;
    // `liaisons.1` counts rows from 1 like the headers do.
    const template = key.split('.').map((p) => (/^\d+$/.test(p) ? '0' : p)).join('.');
    if (!fieldAt(definition, template)) throw new BatchInputError(batchMessages.badPattern(pattern, key));
  }
}

function printable(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(printable).filter(Boolean).join('・');
  if (typeof value === 'object') return '';
  return String(value);
}

export function sanitiseFileName(name: string): string {
  let safe = [...name.replace(/[\r\n\t]+/g, ' ').replace(FORBIDDEN, '_')].slice(0, MAX_LENGTH).join('');
  safe = safe.replace(/[. ]+$/, '');
  const stem = safe.split('.')[0];
  if (RESERVED.test(stem.trim())) safe = `_${safe}`;
  return safe;
}

/** Gives each rendered row its base name (without extension), unique without regard to case as Windows compares. */
export class FileNamer {
  // The batch's own files (report.xlsx, combined.pdf, manifest.json) are never a document's name.
  private readonly used = new Set<string>(['report', 'combined', 'manifest']);

  constructor(
    private readonly formId: string,
    private readonly pattern: string,
  ) {}

  name(row: number, data: Record<string, unknown>): string {
    const expanded = this.pattern.replace(PLACEHOLDER, (_, key: string) => {
      if (key === 'row') return String(row);
      if (key === 'form-id') return this.formId;
      const path = key.split('.').map((p) => (/^\d+$/.test(p) ? String(Number(p) - 1) : p)).join('.');
      return printable(getAt(data, path));
    });
    const base = sanitiseFileName(expanded) || String(row);
    let candidate = base;
    for (let n = 2; this.used.has(candidate.toLowerCase()); n++) candidate = `${base} (${n})`;
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}
