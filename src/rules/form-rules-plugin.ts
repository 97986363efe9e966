/**
 * An esbuild plugin for bundles that run where folders cannot be listed (the browser) or should not be (the render
 * worker's compiled code): it writes `src/rules/index.ts` out as static imports of every `forms/…/rules.ts` and
 * `forms/…/messages.ts` found now, so the bundle holds exactly the rule and message modules the server found.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
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
  return [
    ...imports,
    ...messageImports,
    `export const formRules = {\n${entries.join('\n')}\n};`,
    `export const formMessages = {\n${messageEntries.join('\n')}\n};`,
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
