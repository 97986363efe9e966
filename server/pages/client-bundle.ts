/**
 * The browser client (web/form.ts), bundled in-process with esbuild's JS API the first time it is asked for and kept in
 * memory: `npm start` needs no build step, and the browser runs the very rule code the CLI and the API run (src/validate.ts).
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { formRulesPlugin } from '../../src/rules/form-rules-plugin.ts';

const ENTRY = fileURLToPath(new URL('../../web/form.ts', import.meta.url));

export interface ClientBundle {
  code: string;
  etag: string;
}

let bundle: Promise<ClientBundle> | undefined;

export function clientBundle(): Promise<ClientBundle> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [formRulesPlugin],
  }).then((result) => {
    const code = result.outputFiles[0].text;
    // Weak: the same tag stands for the plain, gzip and brotli answers (RFC 9110 §8.8.1), which differ in bytes.
    return { code, etag: `W/"${createHash('sha256').update(code).digest('base64url').slice(0, 27)}"` };
  });
  // A failed build is not cached: the next request tries again (and reports the same error if nothing changed).
  bundle.catch(() => (bundle = undefined));
  return bundle;
}
