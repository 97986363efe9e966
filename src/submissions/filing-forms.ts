/**
 * Which 様式 an office may file, whose 事業所番号 each names and what must be attached: read from each definition's
 * `filing` (forms/<municipality>/<form-id>/definition.json), so a city adds a fileable 様式 without touching this code.
 *
 * The office a filing belongs to is the office of the token; a number the form names (`filing.officeNumber`) must equal
 * it. A form that names no number says why (`officeNumberNote`). A form without `filing` cannot be filed online, and
 * the city's notices (`issuedBy: "city"`) are never filed by an office.
 */
import type { AttachmentPolicy, FilingPolicy, FormDefinition } from '../forms/definition.ts';
import { getAt, isBlank, labelAt } from '../forms/fields.ts';
import { getDefinition } from '../forms/registry.ts';

type OfficeFiling = Extract<FilingPolicy, { issuedBy: 'office' }>;

/** The filing policy of an office-filed form; undefined for the city's notices and for forms not filed online. */
export function officeFiling(form: string): OfficeFiling | undefined {
  const filing = getDefinition(form).filing;
  return filing?.issuedBy === 'office' ? filing : undefined;
}

/** Why `form` cannot be filed by an office, or undefined when it can. */
export function notFileable(form: string): 'city-issued' | 'not-online' | undefined {
  const filing = getDefinition(form).filing;
  if (!filing) return 'not-online';
  return filing.issuedBy === 'city' ? 'city-issued' : undefined;
}

/** An attachment a filing needs: what it is, where the seed asks for it, and — when only some filings need it — why this one does. */
export interface AttachmentRequirement {
  what: string;
  source: string;
  /** What was changed that makes it necessary (「「地域生活支援拠点等として担う機能」と「サービス種類」」), for a conditional requirement. */
  because?: string;
}

/** Something is written somewhere under `value` (a 変更届 row whose 変更前 or 変更後 is filled in). */
function written(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(written);
  if (value !== null && typeof value === 'object') return Object.values(value).some(written);
  return !isBlank(value) && value !== false;
}

function requirement(definition: FormDefinition, data: unknown, a: AttachmentPolicy): AttachmentRequirement | undefined {
  if (!a.whenWritten) return { what: a.name, source: a.source };
  const changed = a.whenWritten.filter((path) => written(getAt(data, path)));
  if (changed.length === 0) return undefined;
  return { what: a.name, source: a.source, because: changed.map((path) => `「${labelAt(definition, path)}」`).join('と') };
}

/** What `form`, filled in with `data` (normalised), needs attached; undefined when nothing is required. */
export function requiredAttachment(form: string, data: unknown): AttachmentRequirement | undefined {
  const definition = getDefinition(form);
  for (const a of officeFiling(form)?.attachments ?? []) {
    const required = requirement(definition, data, a);
    if (required) return required;
  }
  return undefined;
}

export const MAX_DOCUMENTS = 20;
export const MAX_ATTACHMENTS = 20;
/** 10 MB per attachment (the limit). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Judged by content, never by the file name: a PDF file begins with `%PDF-` and ends with `%%EOF` (ISO 32000-1 §7.5.2,
 * §7.5.5). The end marker catches an upload cut short; a little trailing junk after it is tolerated, as readers do.
 */
export function looksLikePdf(bytes: Uint8Array): boolean {
  if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') return false;
  return Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString('latin1').includes('%%EOF');
}
