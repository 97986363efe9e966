/**
 * Every 様式's own rules, by form id: the default export of `forms/<municipality>/<form-id>/rules.ts`, for the forms
 * whose folder has one (what their data cannot say). Found by listing the folders, so a new 様式 needs no line here.
 * Compiled code (`npm run build`: the CLI, the server, the render threads, the browser) does not list folders: there this
 * module is written out as static imports of the files found at build time (form-rules-plugin.ts).
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formFolders, shownPath } from '../forms/folders.ts';
import type { FormRules } from './rule.ts';

async function discoverFormRules(): Promise<Record<string, FormRules>> {
  const all: Record<string, FormRules> = {};
  for (const folder of formFolders()) {
    if (!fs.existsSync(folder.rules)) continue;
    const module = (await import(pathToFileURL(folder.rules).href)) as { default?: FormRules };
    if (!module.default || !Array.isArray(module.default.rules))
      throw new Error(`[yoshiki] ${shownPath(folder.rules)} must export default { rules: [...] } (FormRules)`);
    all[folder.id] = module.default;
  }
  return all;
}

export const formRules: Readonly<Record<string, FormRules>> = await discoverFormRules();

/**
 * The digest of each form folder's code as compiled into dist/ (form-code.ts), or undefined when the rules are read from
 * the folders as they are now (running the TypeScript sources, as the tests do): then nothing can be older than a build.
 */
export const builtFormRules: Readonly<Record<string, string>> | undefined = undefined;
