/**
 * The receipt (受付票) an office gets for a filing: 受付番号, 受付日時 (server time, JST), the SHA-256 of each stored
 * document (over its canonical JSON) and of each attachment, the warnings stored with it and the computed values. It is
 * rebuilt from what is stored, so asking again (the same Idempotency-Key, or GET) gives the same receipt.
 */
import type { SubmissionRecord } from '../store/types.ts';
import type { SubmissionFinding } from './filing-check.ts';

export interface Receipt {
  receiptNumber: string;
  revision: number;
  receivedAt: string;
  /** A receipt records the reception; the submission's current state is on GET /api/submissions/:no. */
  status: 'received';
  municipality: string;
  officeNumber: string;
  sha256: { documents: string[]; attachments: string[] };
  documents: { form: string; sha256: string }[];
  attachments: { name: string; size: number; sha256: string }[];
  warnings: SubmissionFinding[];
  computed: Record<string, unknown>[];
  links: { submission: string; receiptPdf: string };
}

export const submissionPath = (receiptNumber: string) => `/api/submissions/${receiptNumber}`;

export function receiptOf(record: SubmissionRecord): Receipt {
  const rev = record.current;
  const base = submissionPath(record.receiptNumber);
  return {
    receiptNumber: record.receiptNumber,
    revision: rev.revision,
    receivedAt: rev.receivedAt,
    status: 'received',
    municipality: record.municipality,
    officeNumber: record.officeNumber,
    sha256: { documents: rev.documents.map((d) => d.sha256), attachments: rev.attachments.map((a) => a.sha256) },
    documents: rev.documents.map((d) => ({ form: d.form, sha256: d.sha256 })),
    attachments: rev.attachments.map((a) => ({ name: a.name, size: a.size, sha256: a.sha256 })),
    warnings: rev.warnings as SubmissionFinding[],
    computed: rev.computed as Record<string, unknown>[],
    links: { submission: base, receiptPdf: `${base}/receipt.pdf${rev.revision > 1 ? `?revision=${rev.revision}` : ''}` },
  };
}
