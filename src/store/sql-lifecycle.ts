/**
 * A status change with everything it brings, in one transaction: the event, the notice (on 受理 of a 拠点届出), the
 * registry row (added, changed or removed, with a history row) and the audit entries. The decision was made on a state
 * read earlier; if the submission or the registry row changed meanwhile, nothing is written (StaleSubmissionError).
 */
import { canonicalJson } from './canonical.ts';
import { appendAuditInTx } from './sql-audit.ts';
import { numberNotice } from './notice-number.ts';
import type { SqlDriver } from './sql.ts';
import { StaleSubmissionError, type Json, type RegistryAction, type RegistryEntry, type RegistryHistoryRow, type StatusChange } from './types.ts';

const staleSubmission = (no: string) => new StaleSubmissionError(`受付番号 ${no} の状態が変わりました。画面を更新して、もう一度操作してください。`);
const staleRegistry = (office: string) => new StaleSubmissionError(`事業所番号 ${office} の一覧表の登録内容が変わりました。画面を更新して、もう一度操作してください。`);

/**
 * Two decisions racing: SQLite writes one transaction at a time, so the loser reads the winner's rows and is refused as
 * stale below. PostgreSQL runs them side by side, and `FOR UPDATE` cannot lock a registry row that does not exist yet, so
 * the loser of two 届出書 for one office (or of two changes to one new number) meets the primary key instead (23505):
 * it is told the same as on SQLite, never a 500.
 */
export async function applyStatusChange(driver: SqlDriver, change: StatusChange): Promise<void> {
  try {
    await writeStatusChange(driver, change);
  } catch (e) {
    if (!driver.isUniqueViolation(e)) throw e;
    throw change.registry ? staleRegistry(change.registry.newOfficeNumber ?? change.registry.officeNumber) : staleSubmission(change.receiptNumber);
  }
}

async function writeStatusChange(driver: SqlDriver, asked: StatusChange): Promise<void> {
  await driver.transaction(async (tx) => {
    const head = await tx.get<{ status: string; revision: number }>(`SELECT status, revision FROM submissions WHERE receipt_number = ?${driver.forUpdate}`, [
      asked.receiptNumber,
    ]);
    if (!head || head.status !== asked.expected.status || Number(head.revision) !== asked.expected.revision)
      throw staleSubmission(asked.receiptNumber);
    const change = await numberNotice(driver, tx, asked);
    await tx.run('UPDATE submissions SET status = ?, updated_at = ? WHERE receipt_number = ?', [change.to, change.at, change.receiptNumber]);
    await tx.run('INSERT INTO events (receipt_number, revision, at, actor, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      change.receiptNumber,
      change.expected.revision,
      change.at,
      change.actor,
      change.expected.status,
      change.to,
      change.reason,
    ]);
    if (change.notice)
      await tx.run('INSERT INTO notices (receipt_number, form, data_json, sha256, issued_at) VALUES (?, ?, ?, ?, ?)', [
        change.receiptNumber,
        change.notice.form,
        canonicalJson(change.notice.data),
        change.notice.sha256,
        change.at,
      ]);
    const reg = change.registry;
    if (reg) {
      const current = await tx.get<{ version: number }>(`SELECT version FROM registry_entries WHERE municipality = ? AND office_number = ?${driver.forUpdate}`, [
        reg.municipality,
        reg.officeNumber,
      ]);
      if ((current ? Number(current.version) : null) !== reg.expectedVersion)
        throw staleRegistry(reg.officeNumber);
      const row = JSON.stringify(reg.row);
      const source = JSON.stringify(reg.sourceData);
      if (reg.action === 'added')
        await tx.run(
          'INSERT INTO registry_entries (municipality, office_number, row_json, source_form, source_json, receipt_number, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
          [reg.municipality, reg.officeNumber, row, reg.sourceForm, source, change.receiptNumber, change.at],
        );
      else if (reg.action === 'changed')
        await tx.run(
          'UPDATE registry_entries SET office_number = ?, row_json = ?, source_form = ?, source_json = ?, receipt_number = ?, version = version + 1, updated_at = ? WHERE municipality = ? AND office_number = ?',
          [reg.newOfficeNumber ?? reg.officeNumber, row, reg.sourceForm, source, change.receiptNumber, change.at, reg.municipality, reg.officeNumber],
        );
      else await tx.run('DELETE FROM registry_entries WHERE municipality = ? AND office_number = ?', [reg.municipality, reg.officeNumber]);
      await tx.run('INSERT INTO registry_history (municipality, office_number, action, row_json, receipt_number, at) VALUES (?, ?, ?, ?, ?, ?)', [
        reg.municipality,
        reg.newOfficeNumber ?? reg.officeNumber,
        reg.action,
        row,
        change.receiptNumber,
        change.at,
      ]);
    }
    await appendAuditInTx(driver, tx, change.audit, change.at);
  });
}

interface EntryRow {
  municipality: string;
  office_number: string;
  row_json: string;
  source_form: string;
  source_json: string;
  receipt_number: string;
  version: number;
  updated_at: string;
}

const ENTRY_COLUMNS = 'municipality, office_number, row_json, source_form, source_json, receipt_number, version, updated_at';

const toEntry = (r: EntryRow): RegistryEntry => ({
  municipality: r.municipality,
  officeNumber: r.office_number,
  row: JSON.parse(r.row_json) as Record<string, string>,
  sourceForm: r.source_form,
  sourceData: JSON.parse(r.source_json) as Json,
  receiptNumber: r.receipt_number,
  version: Number(r.version),
  updatedAt: r.updated_at,
});

export async function readRegistryEntries(driver: SqlDriver, municipality: string): Promise<RegistryEntry[]> {
  const rows = await driver.all<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM registry_entries WHERE municipality = ? ORDER BY office_number`, [municipality]);
  return rows.map(toEntry);
}

export async function readRegistryEntry(driver: SqlDriver, municipality: string, officeNumber: string): Promise<RegistryEntry | undefined> {
  const r = await driver.get<EntryRow>(`SELECT ${ENTRY_COLUMNS} FROM registry_entries WHERE municipality = ? AND office_number = ?`, [municipality, officeNumber]);
  return r && toEntry(r);
}

export async function readRegistryHistory(driver: SqlDriver, municipality: string): Promise<RegistryHistoryRow[]> {
  const rows = await driver.all<{ municipality: string; office_number: string; action: RegistryAction; row_json: string; receipt_number: string; at: string }>(
    'SELECT municipality, office_number, action, row_json, receipt_number, at FROM registry_history WHERE municipality = ? ORDER BY id',
    [municipality],
  );
  return rows.map((r) => ({
    municipality: r.municipality,
    officeNumber: r.office_number,
    action: r.action,
    row: JSON.parse(r.row_json) as Record<string, string>,
    receiptNumber: r.receipt_number,
    at: r.at,
  }));
}
