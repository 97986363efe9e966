/**
 * Validates several documents together: each with its own rules, then the rules across them (KK-BUNDLE, and the
 * `monthOnce` rules the definitions declare: TK-MONTHLY, RM-MONTHLY).
 * A cross-document finding is added to the result of the document it concerns.
 */
import { getDefinition } from './forms/registry.ts';
import { message } from './messages/ja.ts';
import { bundleRulesFor, type BundleDocument } from './rules/bundle.ts';
import { validateDocument, type ValidateOptions, type ValidationResult } from './validate.ts';

export interface BundleInput {
  form: string;
  data: unknown;
}

export interface BundleResult {
  valid: boolean;
  documents: { form: string; result: ValidationResult }[];
}

export function validateBundle(inputs: BundleInput[], options: ValidateOptions): BundleResult {
  const validated = inputs.map((input) => validateDocument(getDefinition(input.form), input.data, options));
  const documents: BundleDocument[] = inputs.map((input, i) => ({ form: input.form, data: validated[i].data }));
  for (const rule of bundleRulesFor(new Set(inputs.map((input) => getDefinition(input.form))))) {
    for (const hit of rule.check(documents)) {
      const result = validated[hit.document].result;
      const finding = { rule: rule.id, severity: rule.severity, path: hit.path, message: message(rule.message, hit.params) };
      (rule.severity === 'error' ? result.errors : result.warnings).push(finding);
      if (rule.severity === 'error') result.valid = false;
    }
  }
  const results = inputs.map((input, i) => ({ form: input.form, result: validated[i].result }));
  return { valid: results.every((d) => d.result.valid), documents: results };
}
