/**
 * Where the data folder is. Its own module so a command that only names the folder (the audit key's place) does not
 * load the database drivers with open-store.ts.
 */
import path from 'node:path';

export const DEFAULT_DATA_DIR = 'data';

/** The data folder: the SQLite database and attachments, and (with either back end) the audit signing key by default. */
export function resolveDataDir(dataDir?: string): string {
  return path.resolve(dataDir ?? process.env.YOSHIKI_DATA ?? DEFAULT_DATA_DIR);
}
