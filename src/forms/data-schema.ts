/**
 * The zod schema of a 様式's data, built from its definition, and its JSON Schema (2020-12) export.
 *
 * The schema describes *normalised* data (ISO dates, ASCII digits, hiragana readings). Every check carries the rule id it
 * enforces as its zod message, so a zod issue maps back to a finding with the right id (see validate.ts).
 */
import { z } from 'zod';
import type { FieldDefinition, FormDefinition } from './definition.ts';
import { fieldType } from './field-types/index.ts';
import type { SchemaParts } from './field-types/field-type.ts';

const notBlank = (s: unknown) => typeof s !== 'string' || s.trim() !== '';

function fieldSchema(field: FieldDefinition, computedKeys: Map<string, string[]>, path: string): z.ZodType {
  const type = fieldType(field);
  const parts: SchemaParts = {
    text: () => {
      const s = z.string({ error: 'G-TYPE' });
      // A required box left blank is reported once, as not filled in — not also as a malformed date or code.
      return field.required ? s.refine(notBlank, { error: 'G-REQUIRED', abort: true }) : s;
    },
    nested: (child, suffix) => fieldSchema(child, computedKeys, `${path}.${suffix}`),
    members: (fields) => groupSchema(fields, computedKeys, path),
  };
  let schema = type.schema(field, parts);
  // An optional box left empty ("") is blank, not a malformed date or code.
  if (type.blank === '' && !field.required) schema = z.union([z.literal(''), schema], { error: 'G-TYPE' });
  schema = schema.describe(field.label);
  return field.required ? schema : schema.optional();
}

function groupSchema(fields: FieldDefinition[], computedKeys: Map<string, string[]>, path: string): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) shape[field.key] = fieldSchema(field, computedKeys, path ? `${path}.${field.key}` : field.key);
  // Computed values may be given (a spreadsheet carries them); the rule that computes them checks they agree.
  for (const key of computedKeys.get(path) ?? []) shape[key] = z.union([z.number(), z.string()]).optional();
  return z.strictObject(shape, { error: 'G-TYPE' });
}

/** The zod schema of a form's normalised data. */
export function dataSchema(definition: FormDefinition): z.ZodType {
  const computedKeys = new Map<string, string[]>();
  for (const c of definition.computed) {
    const parts = c.key.split('.');
    const parent = parts.slice(0, -1).join('.');
    computedKeys.set(parent, [...(computedKeys.get(parent) ?? []), parts[parts.length - 1]]);
  }
  return groupSchema(definition.fields, computedKeys, '').describe(definition.title);
}

/** JSON Schema (2020-12) of the form's data, for other tools (OpenAPI, spreadsheets, other languages). */
export function jsonSchema(definition: FormDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(dataSchema(definition), { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: `urn:yoshiki:form:${definition.id}:${definition.version}`, title: definition.title };
}
