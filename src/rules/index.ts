/**
 * Every 様式's own rules and messages, by form id: the default export of `forms/<municipality>/<form-id>/rules.ts` (what
 * its data cannot say) and the `messages` export of its `messages.ts` (the wording of its own rules, declared or not),
 * for the forms whose folder has them. Found by listing the folders, so a new 様式 needs no line here.
 * Compiled code (`npm run build`: the CLI, the server, the render threads, the browser) does not list folders: there this
 * module is written out as static imports of the files found at build time (form-rules-plugin.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formFolders, shownPath } from '../forms/folders.ts';
import type { MessageTemplate } from '../messages/ja.ts';
import type { FormRules } from './rule.ts';

/** A folder's own locale module: `export const messages = { name: (params) => '…' }`. */
export const messagesFile = (dir: string): string => path.join(dir, 'messages.ts');

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

async function discoverFormMessages(): Promise<Record<string, Record<string, MessageTemplate>>> {
  const all: Record<string, Record<string, MessageTemplate>> = {};
  for (const folder of formFolders()) {
    const file = messagesFile(folder.dir);
    if (!fs.existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as { messages?: Record<string, MessageTemplate> };
    if (!module.messages || typeof module.messages !== 'object')
      throw new Error(`[yoshiki] ${shownPath(file)} must export const messages = { name: (params) => '…' }`);
    all[folder.id] = module.messages;
  }
  return all;
}

export const formRules: Readonly<Record<string, FormRules>> = await discoverFormRules();
export const formMessages: Readonly<Record<string, Readonly<Record<string, MessageTemplate>>>> = await discoverFormMessages();

/**
 * The digest of each form folder's code as compiled into dist/ (form-code.ts), or undefined when the rules are read from
 * the folders as they are now (running the TypeScript sources, as the tests do): then nothing can be older than a build.
 */
export const builtFormRules: Readonly<Record<string, string>> | undefined = undefined;
