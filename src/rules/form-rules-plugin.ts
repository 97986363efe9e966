/**
 * An esbuild plugin for bundles that run where folders cannot be listed (the browser) or should not be (the render
 * worker's compiled code): it writes `src/rules/index.ts` out as static imports of every `forms/…/rules.ts` found now,
 * so the bundle holds exactly the rule modules the server found.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { formFolders } from '../forms/folders.ts';

const RULES_INDEX = fileURLToPath(new URL('./index.ts', import.meta.url));

export function formRulesModuleSource(): string {
  const folders = formFolders().filter((f) => fs.existsSync(f.rules));
  const imports = folders.map((f, i) => `import rules${i} from ${JSON.stringify(f.rules)};`);
  const entries = folders.map((f, i) => `  ${JSON.stringify(f.id)}: rules${i},`);
  return `${imports.join('\n')}\nexport const formRules = {\n${entries.join('\n')}\n};\n`;
}

export const formRulesPlugin: Plugin = {
  name: 'yoshiki-form-rules',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]rules[\\/]index\.ts$/ }, (args) =>
      args.path === RULES_INDEX ? { contents: formRulesModuleSource(), loader: 'ts', resolveDir: fileURLToPath(new URL('.', import.meta.url)) } : undefined,
    );
  },
};
