/**
 * Loads every 様式 definition from `schemas/` and checks it. A broken definition is a developer error that names the file
 * and the path inside it, in the manner of pdfme's `ERROR POSITION`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { definitionSchema, type Block, type FormDefinition } from './definition.ts';
import { fieldAt } from './fields.ts';

export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

export class DefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly at: string,
    detail: string,
  ) {
    super(`[yoshiki] definition ${file} is broken at ${at || '(root)'}: ${detail}`);
    this.name = 'DefinitionError';
  }
}

/** Parses and checks one definition (the JSON text of `file`). */
export function parseDefinition(json: unknown, file: string): FormDefinition {
  const parsed = definitionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DefinitionError(file, issue.path.join('.'), issue.message);
  }
  const definition = parsed.data as FormDefinition;
  if (path.basename(file, '.json') !== definition.id && !file.startsWith('<'))
    throw new DefinitionError(file, 'id', `id "${definition.id}" does not match the file name`);
  checkLayoutPaths(definition, file);
  if ('field' in definition.author && fieldAt(definition, definition.author.field)?.type !== 'text')
    throw new DefinitionError(file, 'author.field', `no text field "${definition.author.field}"`);
  return definition;
}

function blockFields(block: Block): string[] {
  switch (block.block) {
    case 'filedDate':
    case 'addressee':
      return block.field ? [block.field] : [];
    case 'applicant':
    case 'checkLine':
    case 'groupTable':
    case 'listTable':
      return [block.field];
    case 'fieldTable':
      return block.rows.flatMap((r) => r.fields ?? []);
    default:
      return [];
  }
}

/** Every field the layout prints must exist, so a typo in a layout cannot silently drop a value from the page. */
function checkLayoutPaths(definition: FormDefinition, file: string): void {
  const computed = new Set(definition.computed.map((c) => c.key));
  definition.pages.forEach((blocks, p) =>
    blocks.forEach((block, b) => {
      for (const fieldPath of blockFields(block)) {
        if (!fieldAt(definition, fieldPath) && !computed.has(fieldPath))
          throw new DefinitionError(file, `pages.${p}.${b}`, `no field "${fieldPath}"`);
      }
      if ((block.block === 'groupTable' || block.block === 'listTable') && block.columns) {
        const table = fieldAt(definition, block.field)!;
        const rowFields = block.block === 'listTable' ? table.item?.fields : table.fields?.[0]?.fields;
        for (const column of block.columns)
          for (const key of column.fields ?? [])
            if (!rowFields || !fieldAt({ fields: rowFields }, key))
              throw new DefinitionError(file, `pages.${p}.${b}.columns`, `no column field "${key}" in ${block.field}`);
      }
    }),
  );
}

let cache: Map<string, FormDefinition> | undefined;

/** All definitions, by id, in file-name order. */
export function loadDefinitions(dir = SCHEMAS_DIR): Map<string, FormDefinition> {
  if (cache && dir === SCHEMAS_DIR) return cache;
  const forms = new Map<string, FormDefinition>();
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new DefinitionError(`schemas/${name}`, '', `not valid JSON (${(e as Error).message})`);
    }
    const definition = parseDefinition(json, `schemas/${name}`);
    forms.set(definition.id, definition);
  }
  if (dir === SCHEMAS_DIR) cache = forms;
  return forms;
}

export class UnknownFormError extends Error {
  constructor(readonly formId: string) {
    super(`様式「${formId}」はありません。yoshiki forms で様式の一覧を確認してください。`);
    this.name = 'UnknownFormError';
  }
}

export function getDefinition(formId: string): FormDefinition {
  const definition = loadDefinitions().get(formId);
  if (!definition) throw new UnknownFormError(formId);
  return definition;
}
