/**
 * An esbuild plugin for `npm run build` (tsup.config.ts): the compiled program and the browser bundle cannot list
 * forms/ and import TypeScript at run time, so `src/rules/index.ts` is written out as static imports of every
 * `forms/…/rules.ts` and `forms/…/messages.ts` found at build time. It also records the digest of each folder's code
 * (`builtFormRules`), so the compiled `yoshiki form check` can say when a folder's code changed after the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { formCodeDigest } from '../forms/form-code.ts';
import { formFolders } from '../forms/folders.ts';

/** Where a folder keeps its own messages (as src/rules/index.ts finds them). */
const messagesFile = (dir: string) => path.join(dir, 'messages.ts');

const RULES_INDEX = fileURLToPath(new URL('./index.ts', import.meta.url));

export function formRulesModuleSource(): string {
  const folders = formFolders().filter((f) => fs.existsSync(f.rules));
  const imports = folders.map((f, i) => `import rules${i} from ${JSON.stringify(f.rules)};`);
  const entries = folders.map((f, i) => `  ${JSON.stringify(f.id)}: rules${i},`);
  const withMessages = formFolders().filter((f) => fs.existsSync(messagesFile(f.dir)));
  const messageImports = withMessages.map((f, i) => `import { messages as messages${i} } from ${JSON.stringify(messagesFile(f.dir))};`);
  const messageEntries = withMessages.map((f, i) => `  ${JSON.stringify(f.id)}: messages${i},`);
  const digests = formFolders().flatMap((f) => {
    const digest = formCodeDigest(f);
    return digest ? [`  ${JSON.stringify(f.id)}: ${JSON.stringify(digest)},`] : [];
  });
  return [
    ...imports,
    ...messageImports,
    `export const formRules = {\n${entries.join('\n')}\n};`,
    `export const formMessages = {\n${messageEntries.join('\n')}\n};`,
    `export const builtFormRules = {\n${digests.join('\n')}\n};`,
    '',
  ].join('\n');
}

export const formRulesPlugin: Plugin = {
  name: 'yoshiki-form-rules',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]rules[\\/]index\.ts$/ }, (args) =>
      args.path === RULES_INDEX ? { contents: formRulesModuleSource(), loader: 'ts', resolveDir: fileURLToPath(new URL('.', import.meta.url)) } : undefined,
    );
  },
};
