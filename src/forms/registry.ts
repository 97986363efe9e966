/**
 * Loads every 様式 definition from its folder (`forms/<municipality>/<form-id>/definition.json`) and checks it. A broken
 * definition is a developer error that names the file and the path inside it, in the manner of pdfme's `ERROR POSITION`.
 */
import { definitionSchema, type Block, type FormDefinition } from './definition.ts';
import { DefinitionError } from './definition-error.ts';
import { fieldAt } from './fields.ts';
import { FORMS_DIR, formFolders, shownPath } from './folders.ts';
import { readJsonOf } from './folder-file.ts';

export { DefinitionError };

/**
 * Parses and checks one definition (the JSON text of `file`). `folder`, when given, is where the file lies
 * (`{ id, municipality }` from its path): the definition must say the same, so a copied folder cannot pose as another 様式.
 */
export function parseDefinition(json: unknown, file: string, folder?: { id: string; municipality: string }): FormDefinition {
  const parsed = definitionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DefinitionError(file, issue.path.join('.'), issue.message);
  }
  const definition = parsed.data as FormDefinition;
  if (folder && folder.id !== definition.id) throw new DefinitionError(file, 'id', `id "${definition.id}" does not match the folder name "${folder.id}"`);
  if (folder && folder.municipality !== definition.municipality)
    throw new DefinitionError(file, 'municipality', `municipality "${definition.municipality}" does not match the folder "${folder.municipality}"`);
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

const loaded = new Map<string, Map<string, FormDefinition>>();

/** A filing's 受理 issues a notice: it must be a 様式 of the catalogue that the city issues, in the same city. */
function checkFilingPolicies(forms: Map<string, FormDefinition>): void {
  for (const [id, definition] of forms) {
    const filing = definition.filing;
    if (filing?.issuedBy !== 'office') continue;
    for (const path of [filing.officeNumber, ...filing.attachments.flatMap((a) => a.whenWritten ?? [])])
      if (path && !fieldAt(definition, path)) throw new DefinitionError(`forms/${definition.municipality}/${id}/definition.json`, 'filing', `no field "${path}"`);
    const notice = filing.acceptance && forms.get(filing.acceptance.notice);
    if (filing.acceptance && (!notice || notice.filing?.issuedBy !== 'city' || notice.municipality !== definition.municipality))
      throw new DefinitionError(`forms/${definition.municipality}/${id}/definition.json`, 'filing.acceptance.notice', `"${filing.acceptance.notice}" is not a notice (filing.issuedBy "city") of ${definition.municipality}`);
  }
}

/** Reads and checks the definition.json at `file`. */
export function readDefinitionFile(file: string, folder?: { id: string; municipality: string }): FormDefinition {
  return parseDefinition(readJsonOf(file), shownPath(file), folder);
}

/** All definitions under `root` (default `forms/`), by id, in municipality then id order. */
export function loadDefinitions(root = FORMS_DIR): Map<string, FormDefinition> {
  const known = loaded.get(root);
  if (known) return known;
  const forms = new Map<string, FormDefinition>();
  for (const folder of formFolders(root)) forms.set(folder.id, readDefinitionFile(folder.definition, folder));
  checkFilingPolicies(forms);
  loaded.set(root, forms);
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
