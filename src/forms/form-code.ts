/**
 * A form folder's own code (its rules.ts and whatever TypeScript beside it the rules import) is compiled into dist/ by
 * `npm run build`; its JSON is read when the program runs. The digest of that code lets the compiled program tell a
 * folder whose rules changed after the build (src/rules/form-rules-plugin.ts records it, `yoshiki form check` compares).
 * Kept apart from folders.ts: the browser bundle imports that module, and node:crypto is not for the browser.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FormFolder } from './folders.ts';

/** sha256 over the folder's .ts files (names and contents), or undefined when it has none. */
export function formCodeDigest(folder: Pick<FormFolder, 'dir'>): string | undefined {
  if (!fs.existsSync(folder.dir)) return undefined;
  const files = fs
    .readdirSync(folder.dir)
    .filter((name) => name.endsWith('.ts'))
    .sort();
  if (!files.length) return undefined;
  const hash = createHash('sha256');
  for (const name of files) hash.update(`${name}\0`).update(fs.readFileSync(path.join(folder.dir, name))).update('\0');
  return hash.digest('hex');
}
