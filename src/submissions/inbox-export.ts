/**
 * The city inbox's list as a file (CSV for any spreadsheet, XLSX for Excel): exactly the columns the clerk sees on the
 * list page — no filed item beyond the 事業所名 — with dates in 和暦 JST. Each export is written to the audit log
 * (who, which filter, how many rows), never the rows themselves.
 */
import { jstWarekiDateTime } from './clock.ts';
import { revisionFlag } from './inbox-labels.ts';
import type { SubmissionSummary } from './submission-service.ts';
import { tableCsv, tableXlsx, type ExportColumn } from './table-export.ts';

const COLUMNS: readonly ExportColumn[] = [
  { label: '受付番号', width: 18 },
  { label: '事業所名', width: 30 },
  { label: '事業所番号', width: 14 },
  { label: '様式', width: 36 },
  { label: '状態', width: 10 },
  { label: '再提出', width: 14 },
  { label: '受付日時', width: 24 },
  { label: '最終更新', width: 24 },
];

const rowsOf = (rows: readonly SubmissionSummary[]) =>
  rows.map((r) => [r.receiptNumber, r.officeName, r.officeNumber, r.title, r.statusLabel, revisionFlag(r.revision), jstWarekiDateTime(r.receivedAt), jstWarekiDateTime(r.updatedAt)]);

export const inboxCsv = (rows: readonly SubmissionSummary[]) => tableCsv(COLUMNS, rowsOf(rows));
export const inboxXlsx = (rows: readonly SubmissionSummary[], title: string) => tableXlsx('受付一覧', title, COLUMNS, rowsOf(rows));
