/**
 * 文書番号 of a city's notices (「市障第123号」): the next number of the city and year is taken inside the transaction that
 * issues the notice (a refused decision gives its number back, so the numbers have no gaps), written into the notice's
 * `documentNumber`, and the notice's digest — kept in the notices table and in the audit entry `notice-issued` — is taken
 * of the numbered notice, so `audit verify` re-hashes what was printed.
 */
import { canonicalJson, sha256Hex } from './canonical.ts';
import type { SqlDriver, SqlTx } from './sql.ts';
import type { StatusChange } from './types.ts';

/** Where the number goes in a notice's data (the three 通知書 definitions' field). */
export const DOCUMENT_NUMBER_KEY = 'documentNumber';

export function formatNoticeNumber(format: string, n: number): string {
  return format.replace('{n}', String(n));
}

async function nextNoticeNumber(driver: SqlDriver, tx: SqlTx, municipality: string, year: number): Promise<number> {
  // The counter row is locked first: two decisions of one city queue here and take consecutive numbers.
  await tx.run('INSERT INTO notice_counters (municipality, year, last_number) VALUES (?, ?, 0) ON CONFLICT (municipality, year) DO NOTHING', [municipality, year]);
  const row = await tx.get<{ last_number: number }>(`SELECT last_number FROM notice_counters WHERE municipality = ? AND year = ?${driver.forUpdate}`, [municipality, year]);
  const n = Number(row!.last_number) + 1;
  await tx.run('UPDATE notice_counters SET last_number = ? WHERE municipality = ? AND year = ?', [n, municipality, year]);
  return n;
}

/** The change with its notice numbered (and the audit's notice digest following), or as it came when it asks for no number. */
export async function numberNotice(driver: SqlDriver, tx: SqlTx, change: StatusChange): Promise<StatusChange> {
  if (!change.notice || !change.noticeNumber) return change;
  const { municipality, year, format } = change.noticeNumber;
  const documentNumber = formatNoticeNumber(format, await nextNoticeNumber(driver, tx, municipality, year));
  const data = { [DOCUMENT_NUMBER_KEY]: documentNumber, ...change.notice.data };
  const notice = { ...change.notice, data, sha256: sha256Hex(canonicalJson(data)) };
  const audit = change.audit.map((a) => (a.action === 'notice-issued' ? { ...a, details: { ...a.details, sha256: notice.sha256, documentNumber } } : a));
  return { ...change, notice, audit };
}
