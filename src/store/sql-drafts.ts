/**
 * Drafts of the office pages (migration 5): one row per saved version, the newest is the draft. A save names the version
 * it was made from, so a tab working from an older version is refused (StaleDraftError) rather than overwriting a newer
 * draft saved from another tab; the last KEPT_VERSIONS versions are kept. Attachments live per slot, their bytes in the
 * content-addressed blob store under the shared blob lock (as a filing's do), so a purge never removes them.
 */
import type { SqlDriver } from './sql.ts';
import { StaleDraftError, type DraftAttachment, type DraftKey, type DraftRecord, type Json } from './types.ts';

/** Older versions are pruned beyond this many: enough to look back, not a growing history of every keystroke pause. */
const KEPT_VERSIONS = 10;

const WHERE = 'owner = ? AND office_number = ? AND form = ?';
const keyParams = (k: DraftKey) => [k.owner, k.officeNumber, k.form];

export async function readDraft(driver: SqlDriver, key: DraftKey): Promise<DraftRecord | undefined> {
  const row = await driver.get<{ version: number; data_json: string; revises: string | null; saved_at: string }>(
    `SELECT version, data_json, revises, saved_at FROM drafts WHERE ${WHERE} ORDER BY version DESC LIMIT 1`,
    keyParams(key),
  );
  if (!row) return undefined;
  const attachments = await driver.all<{ slot: number; name: string; file_name: string; sha256: string; size: number; location: string; saved_at: string }>(
    `SELECT slot, name, file_name, sha256, size, location, saved_at FROM draft_attachments WHERE ${WHERE} ORDER BY slot`,
    keyParams(key),
  );
  return {
    ...key,
    version: Number(row.version),
    data: JSON.parse(row.data_json) as Json,
    revises: row.revises,
    savedAt: row.saved_at,
    attachments: attachments.map(
      (a): DraftAttachment => ({ slot: Number(a.slot), name: a.name, fileName: a.file_name, sha256: a.sha256, size: Number(a.size), location: a.location, savedAt: a.saved_at }),
    ),
  };
}

export async function saveDraft(
  driver: SqlDriver,
  key: DraftKey,
  draft: { expectedVersion: number; data: Json; revises?: string | null; savedAt: string },
): Promise<{ version: number }> {
  try {
    return await driver.transaction(async (tx) => {
      const latest = await tx.get<{ version: number; revises: string | null; saved_at: string }>(
        `SELECT version, revises, saved_at FROM drafts WHERE ${WHERE} ORDER BY version DESC LIMIT 1 ${driver.forUpdate}`,
        keyParams(key),
      );
      const latestVersion = latest ? Number(latest.version) : 0;
      if (latestVersion !== draft.expectedVersion) throw new StaleDraftError(latestVersion, latest?.saved_at);
      const version = latestVersion + 1;
      const revises = draft.revises === undefined ? (latest?.revises ?? null) : draft.revises;
      await tx.run('INSERT INTO drafts (owner, office_number, form, version, data_json, revises, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        ...keyParams(key),
        version,
        JSON.stringify(draft.data),
        revises,
        draft.savedAt,
      ]);
      await tx.run(`DELETE FROM drafts WHERE ${WHERE} AND version <= ?`, [...keyParams(key), version - KEPT_VERSIONS]);
      return { version };
    });
  } catch (e) {
    // Two saves from the same version at once (PostgreSQL: no row to lock yet): the loser is the stale one.
    if (driver.isUniqueViolation(e)) {
      const now = await readDraft(driver, key);
      throw new StaleDraftError(now?.version ?? 0, now?.savedAt);
    }
    throw e;
  }
}

export async function saveDraftAttachment(
  driver: SqlDriver,
  key: DraftKey,
  a: Omit<DraftAttachment, 'location'> & { bytes: Uint8Array | { file: string } },
): Promise<void> {
  await driver.transaction(async (tx) => {
    await driver.lockBlobs(tx, false);
    const location = await driver.blobs.put(tx, a.sha256, a.bytes);
    await tx.run(`DELETE FROM draft_attachments WHERE ${WHERE} AND slot = ?`, [...keyParams(key), a.slot]);
    await tx.run(
      'INSERT INTO draft_attachments (owner, office_number, form, slot, name, file_name, sha256, size, location, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [...keyParams(key), a.slot, a.name, a.fileName, a.sha256, a.size, location, a.savedAt],
    );
  });
}

export async function deleteDraft(driver: SqlDriver, key: DraftKey): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.run(`DELETE FROM drafts WHERE ${WHERE}`, keyParams(key));
    // The bytes stay until a purge finds nothing referring to them (they may be a filed attachment's too).
    await tx.run(`DELETE FROM draft_attachments WHERE ${WHERE}`, keyParams(key));
  });
}
