/**
 * Files a submission gives: each filed document as PDF or XLSX (rendered from the stored data by the same renderer as
 * everything else), the attachments exactly as filed (checked against their SHA-256 on the way out), the 受付票 PDF and
 * the notice PDF, each drawn on the process's render threads (src/render/pool.ts). Access and the audit of city reads go
 * through SubmissionService.record.
 */
import { renderPool } from '../render/pool.ts';
import { renderOnPool } from '../render/render.ts';
import { sha256Hex } from '../store/canonical.ts';
import { SubmissionError } from './errors.ts';
import { submissionMessages as m } from '../messages/submissions.ts';
import { receiptOf } from './receipt.ts';
import { receiptPdfOnPool } from './receipt-pdf.ts';
import type { SubmissionService } from './submission-service.ts';
import type { Principal } from './tokens.ts';

export interface FileDownload {
  bytes: Uint8Array;
  contentType: string;
  /** An ASCII file name (receipt number, index, form id). */
  filename: string;
  /** The stored data no longer passes today's rules (a rule changed since filing): rendered with 「下書き」. */
  draft?: boolean;
}

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Renders stored data; a document filed valid but failing a later rule is still shown, marked as a draft. */
export async function renderStoredDocument(form: string, data: unknown, today: string, format: 'pdf' | 'xlsx'): Promise<{ bytes: Uint8Array; draft: boolean }> {
  const options = { today, pdf: format === 'pdf', xlsx: format === 'xlsx' };
  let rendered = await renderOnPool(renderPool, form, data, options);
  let draft = false;
  if (!rendered.pdf && !rendered.xlsx) {
    rendered = await renderOnPool(renderPool, form, data, { ...options, draft: true });
    draft = true;
  }
  return { bytes: format === 'pdf' ? rendered.pdf! : rendered.xlsx!, draft };
}

export async function documentFile(service: SubmissionService, principal: Principal, receiptNumber: string, file: string, revision?: string): Promise<FileDownload> {
  const match = /^(\d{1,2})\.(pdf|xlsx)$/.exec(file);
  const index = match ? Number(match[1]) : -1;
  const record = await service.record(principal, receiptNumber, revision, { what: 'document', index });
  const document = record.current.documents.find((d) => d.position === index);
  if (!match || !document) throw new SubmissionError('DOCUMENT_NOT_FOUND', m.documentNotFound(receiptNumber, file.replace(/\.\w+$/, '')));
  const format = match[2] as 'pdf' | 'xlsx';
  const { bytes, draft } = await renderStoredDocument(document.form, document.data, record.current.receivedAt.slice(0, 10), format);
  return { bytes, draft, contentType: format === 'pdf' ? PDF : XLSX, filename: `${receiptNumber}-${index}-${document.form}.${format}` };
}

export async function attachmentFile(service: SubmissionService, principal: Principal, receiptNumber: string, indexText: string, revision?: string): Promise<FileDownload> {
  const index = /^\d{1,2}$/.test(indexText) ? Number(indexText) : -1;
  const record = await service.record(principal, receiptNumber, revision, { what: 'attachment', index });
  const attachment = record.current.attachments.find((a) => a.position === index);
  if (!attachment) throw new SubmissionError('ATTACHMENT_NOT_FOUND', m.attachmentNotFound(receiptNumber, indexText));
  const bytes = await service.store.attachmentBytes(attachment.location);
  // Bytes that no longer match the receipt's digest are not handed out as if they were the filing.
  if (!bytes || sha256Hex(bytes) !== attachment.sha256) throw new Error(m.attachmentMissing(receiptNumber));
  return { bytes, contentType: PDF, filename: `${receiptNumber}-attachment-${index}.pdf` };
}

export async function receiptPdf(service: SubmissionService, principal: Principal, receiptNumber: string, revision?: string): Promise<FileDownload> {
  const record = await service.record(principal, receiptNumber, revision, { what: 'receipt' });
  return { bytes: await receiptPdfOnPool(receiptOf(record)), contentType: PDF, filename: `${receiptNumber}-receipt-${record.current.revision}.pdf` };
}

export async function noticePdf(service: SubmissionService, principal: Principal, receiptNumber: string): Promise<FileDownload> {
  const record = await service.record(principal, receiptNumber, undefined, { what: 'notice' });
  if (!record.notice) throw new SubmissionError('NOTICE_NOT_FOUND', m.noNotice(receiptNumber));
  const filename = `${receiptNumber}-${record.notice.form}.pdf`;
  // The notice job stores the PDF as issued; until it has, the notice is rendered from its stored data (the same bytes).
  const stored = await service.store.noticeFile(receiptNumber);
  if (stored) return { bytes: stored.bytes, contentType: PDF, filename };
  const { bytes, draft } = await renderStoredDocument(record.notice.form, record.notice.data, record.notice.issuedAt.slice(0, 10), 'pdf');
  return { bytes, draft, contentType: PDF, filename };
}
