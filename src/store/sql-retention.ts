/**
 * Retention (S002 §24-3(3), §25-3(3): 記録は5年間保存): filings whose last activity is older than the cutoff and that are
 * settled (受理 or 差戻し) are removed with their revisions, documents, attachments, events and notice. The registry keeps
 * its rows (they are the city's published list, not the filing). The audit log records the purge by receipt number only.
 */
import { appendAuditInTx } from './sql-audit.ts';
import type { SqlDriver, SqlTx } from './sql.ts';
import type { PurgeReport, SubmissionStatus } from './types.ts';

interface ExpiredRow {
  receipt_number: string;
  municipality: string;
  status: SubmissionStatus;
  updated_at: string;
  documents: number;
  attachments: number;
}

async function expired(db: SqlTx, cutoff: string): Promise<PurgeReport['removed']> {
  const rows = await db.all<ExpiredRow>(
    `SELECT s.receipt_number, s.municipality, s.status, s.updated_at,
            (SELECT CAST(COUNT(*) AS INTEGER) FROM documents d WHERE d.receipt_number = s.receipt_number) AS documents,
            (SELECT CAST(COUNT(*) AS INTEGER) FROM attachments a WHERE a.receipt_number = s.receipt_number) AS attachments
     FROM submissions s WHERE s.updated_at < ? AND s.status IN ('accepted', 'returned') ORDER BY s.receipt_number`,
    [cutoff],
  );
  return rows.map((r) => ({
    receiptNumber: r.receipt_number,
    municipality: r.municipality,
    status: r.status,
    updatedAt: r.updated_at,
    documents: Number(r.documents),
    attachments: Number(r.attachments),
  }));
}

export async function purgeSubmissions(
  driver: SqlDriver,
  cutoff: string,
  options: { dryRun: boolean; at: string; actor: string; olderThan: string },
): Promise<PurgeReport> {
  if (options.dryRun) return { cutoff, dryRun: true, removed: await expired(driver, cutoff), files: 0 };

  const removed = await driver.transaction(async (tx) => {
    const rows = await expired(tx, cutoff);
    // Children first, so the purge does not depend on ON DELETE CASCADE being enabled in the connection.
    for (const r of rows) {
      for (const table of ['notice_files', 'notices', 'events', 'attachments', 'documents', 'revisions', 'submissions'])
        await tx.run(`DELETE FROM ${table} WHERE receipt_number = ?`, [r.receiptNumber]);
    }
    await appendAuditInTx(
      driver,
      tx,
      [{ actor: options.actor, action: 'purged', subject: 'retention', details: { olderThan: options.olderThan, cutoff, count: rows.length, receiptNumbers: rows.map((r) => r.receiptNumber) } }],
      options.at,
    );
    return rows;
  });
  const files = await sweepUnreferencedBlobs(driver);
  return { cutoff, dryRun: false, removed, files };
}

/** Removes attachment bytes no row refers to (purged filings, or a filing killed before it committed). */
export async function sweepUnreferencedBlobs(driver: SqlDriver): Promise<number> {
  return driver.transaction(async (tx) => {
    await driver.lockBlobs(tx, true);
    const referenced = new Set((await tx.all<{ location: string }>('SELECT location FROM attachments UNION SELECT location FROM draft_attachments')).map((r) => r.location));
    let removed = await driver.blobs.removeTemporary(tx);
    for (const location of await driver.blobs.list(tx)) {
      if (referenced.has(location)) continue;
      await driver.blobs.remove(tx, location);
      removed++;
    }
    return removed;
  });
}
