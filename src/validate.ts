/**
 * validate(form, input, { today }) → the result contract shared by the CLI and the server:
 * `{ valid, errors, warnings, computed }`, every finding collected (never stopping at the first).
 * Pure (no file system, no clock): the same code runs in the CLI, the server and the browser.
 */
import type { z } from 'zod';
import type { FieldDefinition, FormDefinition } from './forms/definition.ts';
import { dataSchema } from './forms/data-schema.ts';
import { fieldAt, getAt, isBlank, labelAt, walkFields } from './forms/fields.ts';
import { LIST_ROWS_LIMIT } from './forms/field-types/containers.ts';
import { message, type MessageCode } from './messages/ja.ts';
import { normalise } from './normalize.ts';
import { parseDateInput } from './text/wareki.ts';
import type { Finding, FormRules, Rule } from './rules/rule.ts';
import { generalRules } from './rules/general.ts';
import { formRules } from './rules/index.ts';
import { declaredRules } from './rules/declared/index.ts';

export interface ValidationResult {
  valid: boolean;
  errors: Finding[];
  warnings: Finding[];
  computed: Record<string, unknown>;
}

export interface ValidateOptions {
  /** ISO date of today in Japan; rules never read the clock. */
  today: string;
  /** Tells whether the print font can draw a character (code point); omitted → not checked. */
  canDraw?: (codePoint: number) => boolean;
}

export interface Validated {
  result: ValidationResult;
  /** The normalised data (ISO dates, ASCII codes, hiragana readings): what renderers print. */
  data: Record<string, unknown>;
}

const schemaCache = new WeakMap<FormDefinition, z.ZodType>();
function schemaOf(definition: FormDefinition): z.ZodType {
  let schema = schemaCache.get(definition);
  if (!schema) schemaCache.set(definition, (schema = dataSchema(definition)));
  return schema;
}

const EXPECTED: Partial<Record<FieldDefinition['type'], string>> = {
  boolean: 'true 又は false',
  integer: '整数',
  choices: '選択肢の一覧',
  list: '一覧（配列）',
  group: '項目のまとまり（オブジェクト）',
};

function rangeText(field: FieldDefinition | undefined): string {
  if (!field) return '範囲内';
  if (field.type === 'list') return `${field.maxItems}件以内`;
  if (field.maxLength) return `${field.maxLength}文字以内`;
  if (field.min !== undefined && field.max !== undefined) return `${field.min}以上${field.max}以下`;
  if (field.min !== undefined) return `${field.min}以上`;
  return `${field.max}以下`;
}

/**
 * The message for a required field left empty, by what the person does with it: a text box is filled in (入力), a select,
 * radio or checkbox is chosen (選ぶ), a list gets rows (記入).
 */
function requiredCode(field: FieldDefinition | undefined): MessageCode {
  switch (field?.type) {
    case 'choice':
    case 'boolean':
      return 'G-REQUIRED-SELECT';
    case 'choices':
      return 'G-REQUIRED-CHOICE';
    case 'list':
      return 'G-REQUIRED-ROWS';
    default:
      return 'G-REQUIRED';
  }
}

/** The comparable text of a value: NFKC without spaces, so a carried 「２６」 is the computed 26 (and 「ＯＫ」 is OK). */
const comparableText = (v: unknown) => String(v).normalize('NFKC').replace(/\s+/g, '');

/** Turns the schema's issues (each carrying its rule id as message) into findings with Japanese messages. */
function schemaFindings(definition: FormDefinition, data: unknown): Finding[] {
  const parsed = schemaOf(definition).safeParse(data);
  if (parsed.success) return [];
  const findings: Finding[] = [];
  const push = (rule: string, path: string, code: MessageCode, params: Record<string, string | number | undefined>) =>
    findings.push({ rule, severity: 'error', path, message: message(code, { label: labelAt(definition, path), ...params }) });

  const requiredChildren = (field: FieldDefinition, path: string) => {
    for (const child of field.fields ?? []) {
      const childPath = `${path}.${child.key}`;
      if (child.type === 'group' && child.required) requiredChildren(child, childPath);
      else if (child.required) push('G-REQUIRED', childPath, requiredCode(child), {});
    }
  };

  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    const field = fieldAt(definition, path);
    const value = getAt(data, path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) push('G-UNKNOWN', path ? `${path}.${key}` : key, 'G-UNKNOWN', { key: path ? `${path}.${key}` : key });
      continue;
    }
    if (value === undefined && issue.message !== 'G-REQUIRED') {
      if (field?.type === 'group') requiredChildren(field, path);
      else push('G-REQUIRED', path, requiredCode(field), {});
      continue;
    }
    const rule = issue.message;
    switch (rule) {
      case 'G-REQUIRED':
        push(rule, path, requiredCode(field), { count: field?.minItems ?? 1 });
        break;
      case 'G-CHOICE': {
        // An invalid element of a multiple choice is reported at the element's path; name the group's options.
        const owner = field ?? fieldAt(definition, issue.path.slice(0, -1).join('.'));
        push(rule, path, 'G-CHOICE', { value: String(value), options: owner?.options?.map((o) => o.label).join('、') });
        break;
      }
      case 'G-RANGE':
        push(rule, path, 'G-RANGE', { range: rangeText(field) });
        break;
      case 'G-ROWS':
        push(rule, path, 'G-ROWS', { limit: LIST_ROWS_LIMIT, count: Array.isArray(value) ? value.length : 0 });
        break;
      case 'G-TYPE':
        push(rule, path, 'G-TYPE', { expected: (field && EXPECTED[field.type]) ?? '文字' });
        break;
      case 'G-DATE':
      case 'G-OFFICE-NUMBER':
      case 'G-POSTAL':
      case 'G-PHONE':
      case 'G-EMAIL':
      case 'G-KANA':
        push(rule, path, rule, { value: String(value) });
        break;
      case 'G-TIME-FORMAT':
        push('G-TIME', path, 'G-TIME-FORMAT', { value: String(value) });
        break;
      default:
        push('G-TYPE', path, 'G-TYPE', { expected: (field && EXPECTED[field.type]) ?? '文字' });
    }
  }
  return findings;
}

function glyphFindings(definition: FormDefinition, data: unknown, canDraw: (cp: number) => boolean): Finding[] {
  const findings: Finding[] = [];
  walkFields(definition.fields, data, (field, path, value) => {
    if (typeof value !== 'string' || field.printed === false) return;
    for (const ch of value) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a || cp === 0x0d || cp === 0x09) continue;
      if (!canDraw(cp)) {
        findings.push({ rule: 'G-GLYPH', severity: 'error', path, message: message('G-GLYPH', { label: labelAt(definition, path), char: ch }) });
        return;
      }
    }
  });
  return findings;
}

function runRules(rules: Rule[], definition: FormDefinition, data: Record<string, unknown>, today: string, computed: Record<string, unknown>, dataIsMalformed: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    let hits;
    try {
      hits = rule.check({ data, definition, today, computed });
    } catch (e) {
      // Malformed data (already reported field by field) may trip a cross-field rule; a clean document must not.
      if (dataIsMalformed) continue;
      throw e;
    }
    for (const hit of hits) {
      const label = hit.params?.label ?? labelAt(definition, hit.path);
      findings.push({ rule: rule.id, severity: rule.severity, path: hit.path, message: message(hit.code ?? rule.message, { ...hit.params, label }) });
    }
  }
  return findings;
}

function computedFindings(definition: FormDefinition, data: unknown, computed: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  for (const c of definition.computed) {
    const given = getAt(data, c.key);
    if (isBlank(given) || !(c.key in computed)) continue;
    const expected = computed[c.key];
    // A date typed in 和暦 is the same day as the computed ISO date.
    const parsed = c.type === 'date' && typeof given === 'string' ? parseDateInput(given) : undefined;
    const comparable = parsed?.ok ? parsed.iso : given;
    if (comparableText(comparable) !== comparableText(expected))
      findings.push({ rule: c.rule, severity: 'error', path: c.key, message: message('G-COMPUTED', { label: c.label, given: String(given), expected: String(expected) }) });
  }
  return findings;
}

/** Keeps the first finding for a rule and path (normalisation reports a bad date before the schema does). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\u0000${f.path}\u0000${f.severity}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function validateDocument(definition: FormDefinition, input: unknown, options: ValidateOptions): Validated {
  const { data, findings: normaliseFindings } = normalise(definition, input);
  const structural = [...normaliseFindings, ...schemaFindings(definition, data)];
  const module: FormRules = formRules[definition.id] ?? { rules: [] };
  let computed: Record<string, unknown> = {};
  try {
    computed = module.compute?.(data, options.today) ?? {};
  } catch (e) {
    if (structural.length === 0) throw e;
  }
  const findings = dedupe([
    ...structural,
    ...runRules([...generalRules, ...declaredRules(definition), ...module.rules], definition, data, options.today, computed, structural.length > 0),
    ...computedFindings(definition, input, computed),
    ...(options.canDraw ? glyphFindings(definition, data, options.canDraw) : []),
  ]);
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  return { result: { valid: errors.length === 0, errors, warnings, computed }, data };
}
