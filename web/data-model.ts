/**
 * The form's data is the 様式's data shape — the JSON the CLI takes — built from the inputs by their `data-path`
 * (`allocations.2.count`) and written back into them the same way. Blank boxes are left out (as a person leaves a box on
 * paper empty); a blank row in the middle of a list stays as an empty row so every later row keeps its number.
 */
import type { FieldDefinition, FormDefinition } from '../src/forms/definition.ts';
import { fieldAt, getAt } from '../src/forms/fields.ts';
import { toAsciiDigits } from '../src/text/characters.ts';

export type Data = Record<string, unknown>;
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export const controlsOf = (root: ParentNode): Control[] =>
  Array.from(root.querySelectorAll<Control>('input[data-path], select[data-path], textarea[data-path]'));

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Sets `value` at a dotted path, creating arrays where the definition has a list and objects elsewhere. */
export function setAt(definition: FormDefinition, data: Data, path: string, value: unknown): void {
  const parts = path.split('.');
  let container: Record<string, unknown> | unknown[] = data;
  parts.forEach((part, i) => {
    const key = Array.isArray(container) ? Number(part) : part;
    const slot = container as Record<string | number, unknown>;
    if (i === parts.length - 1) {
      slot[key] = value;
      return;
    }
    if (slot[key] === undefined || slot[key] === null || typeof slot[key] !== 'object') {
      slot[key] = fieldAt(definition, parts.slice(0, i + 1).join('.'))?.type === 'list' ? [] : {};
    }
    container = slot[key] as Record<string, unknown> | unknown[];
  });
}

/** An integer typed with 全角 digits is the same number; anything else is kept as typed for the validator to name. */
function integerValue(raw: string): number | string {
  const digits = toAsciiDigits(raw).trim();
  return /^-?\d+$/.test(digits) ? Number(digits) : raw;
}

/**
 * Fills the holes a blank middle row leaves (`{}` or `''`, so later rows keep their index) and writes `false` for a required
 * checkbox left unticked in a row or group that exists (常勤・専従: an unticked box is an answer, not a blank).
 */
function completeShape(fields: FieldDefinition[], value: Record<string, unknown>): void {
  for (const field of fields) {
    const v = value[field.key];
    if (field.type === 'boolean' && field.required && v === undefined) value[field.key] = false;
    if (field.type === 'group' && isObject(v)) completeShape(field.fields ?? [], v);
    if (field.type === 'list' && Array.isArray(v)) {
      const item = field.item!;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === undefined) v[i] = item.type === 'group' ? {} : '';
        if (item.type === 'group' && isObject(v[i])) completeShape(item.fields ?? [], v[i] as Record<string, unknown>);
      }
    }
  }
}

export function readData(root: ParentNode, definition: FormDefinition): Data {
  const data: Data = {};
  for (const control of controlsOf(root)) {
    const path = control.dataset.path!;
    const field = fieldAt(definition, path);
    if (!field) continue;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      if (!control.checked) continue;
      if (field.type === 'choices') {
        const chosen = getAt(data, path);
        if (Array.isArray(chosen)) chosen.push(control.value);
        else setAt(definition, data, path, [control.value]);
      } else setAt(definition, data, path, true);
      continue;
    }
    if (control instanceof HTMLInputElement && control.type === 'radio') {
      // A yes/no pair (有・無) answers a boolean with 'true' / 'false'.
      if (control.checked) setAt(definition, data, path, field.type === 'boolean' ? control.value === 'true' : control.value);
      continue;
    }
    const raw = control.value;
    if (raw.trim() === '') continue;
    setAt(definition, data, path, field.type === 'integer' ? integerValue(raw) : raw);
  }
  completeShape(definition.fields, data);
  return data;
}

/** Writes data into the controls (the rows must already be there: see Lists.match). */
export function fillData(root: ParentNode, data: Data): void {
  for (const control of controlsOf(root)) {
    const value = getAt(data, control.dataset.path!);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      control.checked = Array.isArray(value) ? value.includes(control.value) : value === true;
    } else if (control instanceof HTMLInputElement && control.type === 'radio') {
      control.checked = value === control.value || (typeof value === 'boolean' && String(value) === control.value);
    } else if (control instanceof HTMLSelectElement) {
      control.value = typeof value === 'string' && Array.from(control.options).some((o) => o.value === value) ? value : '';
    } else {
      control.value = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
}

/** Whether a finding at `findingPath` concerns what was typed at `typedPath` (the same box, its row, or its list). */
export function related(typedPath: string, findingPath: string): boolean {
  return typedPath === findingPath || typedPath.startsWith(`${findingPath}.`) || findingPath.startsWith(`${typedPath}.`);
}
