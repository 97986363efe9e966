/**
 * Checks a filing before anything is stored: the shape of `documents`, every document with its own rules and the rules
 * across them (validateBundle: KK-BUNDLE, TK-MONTHLY, RM-MONTHLY), TK-MONTHLY and RM-MONTHLY again against what the office
 * has already filed, the
 * 事業所番号 each form names against the token's, and the attachments (PDF by content, size, the ones a form needs).
 * Every finding is collected; a finding about one document carries its index (`document`), one about an attachment
 * `attachment`.
 */
import { getDefinition, loadDefinitions } from '../forms/registry.ts';
import { getAt, isBlank, labelAt } from '../forms/fields.ts';
import { normalise } from '../normalize.ts';
import { printFont } from '../render/font.ts';
import { declaredBundleRules } from '../rules/declared/index.ts';
import { message } from '../messages/ja.ts';
import type { Finding } from '../rules/rule.ts';
import { validateBundle } from '../validate-bundle.ts';
import type { ValidationResult } from '../validate.ts';
import { sha256Hex } from '../store/canonical.ts';
import type { Json, SubmissionStore } from '../store/types.ts';
import {
  looksLikePdf,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  MAX_DOCUMENTS,
  notFileable,
  officeFiling,
  requiredAttachment,
} from './filing-forms.ts';
import { submissionMessages as m } from '../messages/submissions.ts';
import { municipalityName } from '../store/receipt-number.ts';

/** An attachment as sent: its bytes, or (from the server) a file it was streamed to (StagedAttachment). */
export type IncomingAttachment = { name: string; bytes: Uint8Array } | StagedAttachment;

/**
 * An attachment the server streamed to a temporary file as it arrived (server/submissions/staged-upload.ts), so twenty
 * 10 MB files of several filings are never held in memory: its SHA-256 and size computed on the way, and the bytes the
 * PDF check reads (the first five and the last 1,024, see looksLikePdf).
 */
export interface StagedAttachment {
  name: string;
  file: string;
  size: number;
  sha256: string;
  pdfSample: Uint8Array;
}

export const attachmentSize = (a: IncomingAttachment) => ('bytes' in a ? a.bytes.byteLength : a.size);
export const attachmentSha256 = (a: IncomingAttachment) => ('bytes' in a ? sha256Hex(a.bytes) : a.sha256);
/** What the store writes: the bytes, or the file to copy them from. */
export const attachmentContent = (a: IncomingAttachment): Uint8Array | { file: string } => ('bytes' in a ? a.bytes : { file: a.file });

export interface SubmissionFinding extends Finding {
  /** Index of the document the finding is about. */
  document?: number;
  /** Index of the attachment the finding is about. */
  attachment?: number;
}

/** The result contract `{ valid, errors, warnings, computed }` for a whole filing, plus each document's own result. */
export interface FilingResult {
  valid: boolean;
  errors: SubmissionFinding[];
  warnings: SubmissionFinding[];
  /** Computed values, one object per document (e.g. F-START 算定開始月). */
  computed: Record<string, unknown>[];
  documents: { form: string; result: ValidationResult }[];
}

export interface CheckedFiling {
  result: FilingResult;
  /** The documents as they will be stored (normalised data); present when the filing is valid. */
  documents: { form: string; data: Json }[];
  municipality: string;
}

const error = (rule: string, message: string, at: { document?: number; attachment?: number; path?: string } = {}): SubmissionFinding => ({
  rule,
  severity: 'error',
  path: at.path ?? '',
  message,
  ...(at.document !== undefined ? { document: at.document } : {}),
  ...(at.attachment !== undefined ? { attachment: at.attachment } : {}),
});

const refused = (errors: SubmissionFinding[]): CheckedFiling => ({
  result: { valid: false, errors, warnings: [], computed: [], documents: [] },
  documents: [],
  municipality: '',
});

/** The shape of `documents` and the forms it names; a filing that fails here is not validated further. */
function checkShape(input: unknown): { documents: { form: string; data: unknown }[]; errors: SubmissionFinding[] } {
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_DOCUMENTS)
    return { documents: [], errors: [error('SUB-DOCUMENTS', m.documents(MAX_DOCUMENTS), { path: 'documents' })] };
  const errors: SubmissionFinding[] = [];
  const documents = input.map((d: unknown, i) => {
    const doc = d as { form?: unknown; data?: unknown } | null;
    if (!doc || typeof doc !== 'object' || typeof doc.form !== 'string' || doc.data === undefined) {
      errors.push(error('SUB-DOCUMENTS', m.documentShape(i + 1), { document: i }));
      return { form: '', data: undefined };
    }
    if (!loadDefinitions().has(doc.form)) errors.push(error('SUB-FORM', m.unknownForm(doc.form), { document: i, path: 'form' }));
    else if (notFileable(doc.form) === 'city-issued') errors.push(error('SUB-FORM', m.cityIssued(getDefinition(doc.form).title), { document: i, path: 'form' }));
    else if (notFileable(doc.form) === 'not-online') errors.push(error('SUB-FORM', m.notOnline(getDefinition(doc.form).title), { document: i, path: 'form' }));
    return { form: doc.form, data: doc.data };
  });
  if (errors.length === 0) {
    const cities = [...new Set(documents.map((d) => getDefinition(d.form).municipality))];
    if (cities.length > 1) errors.push(error('SUB-MUNICIPALITY', m.mixedMunicipality(municipalityName(cities[0]), municipalityName(cities[1]))));
  }
  return { documents, errors };
}

function attachmentFindings(attachments: IncomingAttachment[], documents: { form: string; data: unknown }[]): SubmissionFinding[] {
  const findings: SubmissionFinding[] = [];
  if (attachments.length > MAX_ATTACHMENTS) findings.push(error('SUB-ATTACHMENT', m.tooManyAttachments(MAX_ATTACHMENTS)));
  attachments.forEach((a, i) => {
    if (attachmentSize(a) > MAX_ATTACHMENT_BYTES)
      findings.push(error('SUB-ATTACHMENT', m.attachmentTooLarge(a.name, MAX_ATTACHMENT_BYTES / 1024 / 1024), { attachment: i }));
    else if (!looksLikePdf('bytes' in a ? a.bytes : a.pdfSample)) findings.push(error('SUB-ATTACHMENT', m.attachmentNotPdf(a.name), { attachment: i }));
  });
  documents.forEach(({ form, data }, i) => {
    const required = requiredAttachment(form, data);
    if (!required || attachments.length > 0) return;
    const title = getDefinition(form).title;
    const text = required.because ? m.attachmentRequiredBecause(title, required.because, required.what) : m.attachmentRequired(title, required.what);
    findings.push(error('SUB-ATTACHMENT-REQUIRED', text, { document: i }));
  });
  return findings;
}

function officeFindings(documents: { form: string; data: Json }[], officeNumber: string): SubmissionFinding[] {
  return documents.flatMap((d, i) => {
    const path = officeFiling(d.form)?.officeNumber;
    const value = path ? getAt(d.data, path) : undefined;
    if (!path || typeof value !== 'string' || isBlank(value) || value === officeNumber) return [];
    return [error('SUB-OFFICE', m.notOwnOffice(labelAt(getDefinition(d.form), path), value, officeNumber), { document: i, path })];
  });
}

/**
 * The 「1月に1回を限度」 rules each definition declares (`monthOnce`: TK-MONTHLY, RM-MONTHLY) against the office's earlier
 * filings, by the same rules as in a bundle; the message names the earlier filing by its 受付番号 (the rule's storedMessage).
 */
async function storedMonthlyFindings(
  store: SubmissionStore,
  officeNumber: string,
  documents: { form: string; data: Json }[],
  exceptReceipt: string | undefined,
): Promise<SubmissionFinding[]> {
  const findings: SubmissionFinding[] = [];
  const monthly = [...new Set(documents.map((d) => d.form))].flatMap((form) => declaredBundleRules(getDefinition(form)).map((rule) => ({ rule, form })));
  for (const { rule, form } of monthly) {
    const stored = await store.filedDocuments(officeNumber, form, exceptReceipt);
    documents.forEach((d, i) => {
      if (d.form !== form) return;
      const bundle = [...stored.map((s) => ({ form, data: s.data as Record<string, unknown> })), { form: d.form, data: d.data as Record<string, unknown> }];
      for (const hit of rule.check(bundle)) {
        if (hit.document !== stored.length) continue;
        const earlier = stored[Number(hit.params?.other) - 1];
        findings.push(error(rule.id, message(rule.storedMessage, { ...hit.params, receipt: earlier.receiptNumber }), { document: i, path: hit.path }));
      }
    });
  }
  return findings;
}

export async function checkFiling(
  store: SubmissionStore,
  input: { officeNumber: string; documents: unknown; attachments: IncomingAttachment[]; today: string; exceptReceipt?: string },
): Promise<CheckedFiling> {
  const shape = checkShape(input.documents);
  if (shape.errors.length) return refused([...shape.errors, ...attachmentFindings(input.attachments, [])]);

  const bundle = validateBundle(shape.documents, { today: input.today, canDraw: printFont().canDraw });
  const documents = shape.documents.map((d) => ({ form: d.form, data: normalise(getDefinition(d.form), d.data).data }));
  const errors: SubmissionFinding[] = [];
  const warnings: SubmissionFinding[] = [];
  bundle.documents.forEach((d, i) => {
    errors.push(...d.result.errors.map((f) => ({ ...f, document: i })));
    warnings.push(...d.result.warnings.map((f) => ({ ...f, document: i })));
  });
  errors.push(...officeFindings(documents, input.officeNumber));
  errors.push(...attachmentFindings(input.attachments, documents));
  // Only well-formed records are compared with stored ones (a malformed date has already been reported).
  if (bundle.valid) errors.push(...(await storedMonthlyFindings(store, input.officeNumber, documents, input.exceptReceipt)));

  return {
    result: { valid: errors.length === 0, errors, warnings, computed: bundle.documents.map((d) => d.result.computed), documents: bundle.documents },
    documents,
    municipality: getDefinition(documents[0].form).municipality,
  };
}
