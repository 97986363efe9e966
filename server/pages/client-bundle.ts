/**
 * The browser client (web/form.ts), compiled by `npm run build` into dist/web/form.js (tsup.config.ts) with the rules of
 * every form folder in it: the browser runs the very rule code the CLI and the API run (src/validate.ts). Read once and
 * kept in memory.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUNDLE = fileURLToPath(new URL('../../dist/web/form.js', import.meta.url));

export interface ClientBundle {
  code: string;
  etag: string;
}

let bundle: ClientBundle | undefined;

export async function clientBundle(): Promise<ClientBundle> {
  if (bundle) return bundle;
  const code = await fs.promises.readFile(BUNDLE, 'utf8').catch((e: NodeJS.ErrnoException) => {
    // Not kept: once the build has run, the next request finds the file.
    throw e.code === 'ENOENT' ? new Error(`[yoshiki] ${BUNDLE} がありません。npm run build を実行してください。`) : e;
  });
  // Weak: the same tag stands for the plain, gzip and brotli answers (RFC 9110 §8.8.1), which differ in bytes.
  bundle = { code, etag: `W/"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
  return bundle;
}
