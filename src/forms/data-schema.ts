/**
 * The zod schema of a 様式's data, built from its definition, and its JSON Schema (2020-12) export.
 *
 * The schema describes *normalised* data (ISO dates, ASCII digits, hiragana readings). Every check carries the rule id it
 * enforces as its zod message, so a zod issue maps back to a finding with the right id (see validate.ts).
 */
import { z } from 'zod';
import type { FieldDefinition, FormDefinition } from './definition.ts';
import { parseDateInput } from '../text/wareki.ts';
import { isHiraganaReading } from '../text/characters.ts';

const notBlank = (s: unknown) => typeof s !== 'string' || s.trim() !== '';
const isRealIsoDate = (s: string) => {
  const parsed = parseDateInput(s);
  return parsed.ok && parsed.iso === s;
};

function stringField(field: FieldDefinition): z.ZodType<string> {
  let s = z.string({ error: 'G-TYPE' });
  // A required box left blank is reported once, as not filled in — not also as a malformed date or code.
  if (field.required) s = s.refine(notBlank, { error: 'G-REQUIRED', abort: true });
  switch (field.type) {
    case 'date':
      return s.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'G-DATE' }).refine(isRealIsoDate, { error: 'G-DATE' });
    case 'time':
      return s.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'G-TIME-FORMAT' });
    case 'officeNumber':
      return s.regex(/^\d{10}$/, { error: 'G-OFFICE-NUMBER' });
    case 'postalCode':
      return s.regex(/^\d{7}$/, { error: 'G-POSTAL' });
    case 'phone':
      return s.regex(/^\d[\d-]{8,12}\d$/, { error: 'G-PHONE' });
    case 'email':
      return s.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'G-EMAIL' });
    case 'kana':
      return s.refine(isHiraganaReading, { error: 'G-KANA' });
    default:
      if (field.maxLength) s = s.max(field.maxLength, { error: 'G-RANGE' });
      return s;
  }
}

function fieldSchema(field: FieldDefinition, computedKeys: Map<string, string[]>, path: string): z.ZodType {
  let schema: z.ZodType;
  switch (field.type) {
    case 'boolean':
      schema = z.boolean({ error: 'G-TYPE' });
      break;
    case 'integer': {
      let n = z.number({ error: 'G-TYPE' }).int({ error: 'G-TYPE' });
      if (field.min !== undefined) n = n.min(field.min, { error: 'G-RANGE' });
      if (field.max !== undefined) n = n.max(field.max, { error: 'G-RANGE' });
      schema = n;
      break;
    }
    case 'choice':
      schema = z.enum(field.options!.map((o) => o.value) as [string, ...string[]], { error: 'G-CHOICE' });
      break;
    case 'choices': {
      let a = z.array(z.enum(field.options!.map((o) => o.value) as [string, ...string[]], { error: 'G-CHOICE' }), { error: 'G-TYPE' });
      if (field.required) a = a.min(Math.max(1, field.minItems ?? 1), { error: 'G-REQUIRED' });
      schema = a.refine((values) => new Set(values).size === values.length, { error: 'G-CHOICE' });
      break;
    }
    case 'group':
      schema = groupSchema(field.fields!, computedKeys, path);
      break;
    case 'list': {
      let a = z.array(fieldSchema(field.item!, computedKeys, `${path}.*`), { error: 'G-TYPE' });
      if (field.required) a = a.min(Math.max(1, field.minItems ?? 1), { error: 'G-REQUIRED' });
      if (field.maxItems) a = a.max(field.maxItems, { error: 'G-RANGE' });
      schema = a;
      break;
    }
    default: {
      const s = stringField(field);
      // An optional box left empty ("") is blank, not a malformed date or code.
      schema = field.required ? s : z.union([z.literal(''), s], { error: 'G-TYPE' });
    }
  }
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
