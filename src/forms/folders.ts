/**
 * Where a 様式 lives: `forms/<municipality>/<form-id>/` holds everything of one 様式 — `definition.json`, `example.json`,
 * optional `layout.json` (the few sizes that differ from the house style), optional `rules.ts` (what data cannot say) and
 * `cases.json` (named cases of its rules). `forms/<municipality>/municipality.json` holds the city's facts. The catalogue
 * is found by listing these folders: adding a 様式 touches nothing outside its folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FORMS_DIR = fileURLToPath(new URL('../../forms/', import.meta.url));

export interface FormFolder {
  /** The folder name, which is the form id. */
  id: string;
  municipality: string;
  dir: string;
  definition: string;
  example: string;
  layout: string;
  rules: string;
  cases: string;
}

const FOLDER_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function folder(root: string, municipality: string, id: string): FormFolder {
  const dir = path.join(root, municipality, id);
  const file = (name: string) => path.join(dir, name);
  return { id, municipality, dir, definition: file('definition.json'), example: file('example.json'), layout: file('layout.json'), rules: file('rules.ts'), cases: file('cases.json') };
}

const listed = new Map<string, FormFolder[]>();

/** Every form folder under `root` (default `forms/`), in municipality then id order; a folder without definition.json is not a form. */
export function formFolders(root = FORMS_DIR): FormFolder[] {
  const known = listed.get(root);
  if (known) return known;
  const folders: FormFolder[] = [];
  for (const municipality of subfolders(root))
    for (const id of subfolders(path.join(root, municipality))) {
      const f = folder(root, municipality, id);
      if (fs.existsSync(f.definition)) folders.push(f);
    }
  listed.set(root, folders);
  return folders;
}

function subfolders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && FOLDER_NAME.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** The folder of one form id, or undefined. */
export function formFolder(id: string, root = FORMS_DIR): FormFolder | undefined {
  return formFolders(root).find((f) => f.id === id);
}

/** The example of a form (its `example.json`), or undefined when the folder has none. */
export function readExample(id: string, root = FORMS_DIR): Record<string, unknown> | undefined {
  const f = formFolder(id, root);
  if (!f || !fs.existsSync(f.example)) return undefined;
  return JSON.parse(fs.readFileSync(f.example, 'utf8')) as Record<string, unknown>;
}

/** A path relative to the repository, for messages (`forms/ichikawa/ichikawa-kyoten-todokede/definition.json`). */
export function shownPath(file: string): string {
  return path.relative(path.join(FORMS_DIR, '..'), file).split(path.sep).join('/');
}
