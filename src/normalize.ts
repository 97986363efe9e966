/**
 * Normalisation before validation: what a person may type in several ways becomes one canonical value.
 * - dates: ISO or 和暦 (令和6年5月1日, R6.5.1, 元年) → ISO
 * - codes (事業所番号, 郵便番号, 電話, 時刻, integers): 全角 digits → ASCII; 郵便番号 loses its hyphen
 * - よみがな: katakana (全角 or 半角) → hiragana
 * - choices: matched to the printed options by NFKC (「就労継続支援Ａ型」 → 「就労継続支援A型」; src/forms/options.ts)
 * - blank is blank: a value of only spaces (half- or full-width) is an empty box for every kind of field — '' for text-like
 *   fields, absent for a checkbox, number or choice — so 「　」 is never a malformed date or e-mail address, and a required
 *   field holding it is reported as not filled in (G-REQUIRED).
 * Names, addresses and every other text are never touched: what the office typed is what gets printed (inner spaces
 * included; only an all-blank value becomes empty).
 * A value that cannot be normalised is kept exactly as given and reported.
 */
import type { FieldDefinition, FormDefinition } from './forms/definition.ts';
import { labelAt } from './forms/fields.ts';
import { fieldType, normaliseChoices } from './forms/field-types/index.ts';
import { isBlankText } from './forms/options.ts';
import { message } from './messages/ja.ts';
import type { Finding } from './rules/rule.ts';

export interface Normalised {
  data: Record<string, unknown>;
  findings: Finding[];
}

export function normalise(definition: FormDefinition, input: unknown): Normalised {
  const findings: Finding[] = [];
  const dateFinding = (path: string, value: string, reason: 'format' | 'era-range' | 'impossible') =>
    findings.push({
      rule: 'G-DATE',
      severity: 'error',
      path,
      message: message(reason === 'format' ? 'G-DATE-FORMAT' : reason === 'era-range' ? 'G-DATE-ERA' : 'G-DATE', {
        label: labelAt(definition, path),
        value,
      }),
    });

  function value(field: FieldDefinition, v: unknown, path: string): unknown {
    const type = fieldType(field);
    if (typeof v === 'string' && isBlankText(v)) return type.blank;
    if (typeof v === 'string') {
      if (!type.normalise) return v;
      const normalised = type.normalise(field, v);
      if (normalised.problem) dateFinding(path, v, normalised.problem);
      return normalised.value;
    }
    if (field.type === 'group' && v && typeof v === 'object' && !Array.isArray(v)) return group(field.fields!, v as Record<string, unknown>, path);
    if (field.type === 'choices' && Array.isArray(v)) return normaliseChoices(field, v);
    // A blank row stays a row (later rows keep their numbers): an empty one, reported field by field.
    if (field.type === 'list' && Array.isArray(v)) return v.map((element, i) => value(field.item!, element, `${path}.${i}`) ?? (field.item!.type === 'group' ? {} : element));
    return v;
  }

  function group(fields: FieldDefinition[], v: Record<string, unknown>, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    // Unknown keys are kept as given (never dropped silently); the schema reports them.
    for (const [key, child] of Object.entries(v)) {
      const field = fields.find((f) => f.key === key);
      const normalised = field ? value(field, child, path ? `${path}.${key}` : key) : child;
      // Defined, not assigned: a `__proto__` member of the input stays an own (unknown) key instead of becoming the
      // prototype, through which the rules would read values the schema never saw.
      if (normalised !== undefined) Object.defineProperty(out, key, { value: normalised, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  if (!input || typeof input !== 'object' || Array.isArray(input)) return { data: {}, findings };
  return { data: group(definition.fields, input as Record<string, unknown>, ''), findings };
}
