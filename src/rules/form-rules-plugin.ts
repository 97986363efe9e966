/**
 * An esbuild plugin for `npm run build` (tsup.config.ts): the compiled program and the browser bundle cannot list
 * forms/ and import TypeScript at run time, so `src/rules/index.ts` is written out as static imports of every
 * `forms/…/rules.ts` found at build time. It also records the digest of each folder's code (`builtFormRules`), so the
 * compiled `yoshiki form check` can say when a folder's rules changed after the build.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { formCodeDigest } from '../forms/form-code.ts';
import { formFolders } from '../forms/folders.ts';

const RULES_INDEX = fileURLToPath(new URL('./index.ts', import.meta.url));

export function formRulesModuleSource(): string {
  const folders = formFolders().filter((f) => fs.existsSync(f.rules));
  const imports = folders.map((f, i) => `import rules${i} from ${JSON.stringify(f.rules)};`);
  const entries = folders.map((f, i) => `  ${JSON.stringify(f.id)}: rules${i},`);
  const digests = formFolders().flatMap((f) => {
    const digest = formCodeDigest(f);
    return digest ? [`  ${JSON.stringify(f.id)}: ${JSON.stringify(digest)},`] : [];
  });
  return [...imports, `export const formRules = {`, ...entries, `};`, `export const builtFormRules = {`, ...digests, `};`, ''].join('\n');
}

export const formRulesPlugin: Plugin = {
  name: 'yoshiki-form-rules',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]rules[\\/]index\.ts$/ }, (args) =>
      args.path === RULES_INDEX ? { contents: formRulesModuleSource(), loader: 'ts', resolveDir: fileURLToPath(new URL('.', import.meta.url)) } : undefined,
    );
  },
};
