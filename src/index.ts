/** yoshiki as a library: the 様式 catalogue, validation, rendering, bundles, notices. */
import { getDefinition } from './forms/registry.ts';
import { validateDocument, type ValidateOptions, type ValidationResult } from './validate.ts';

export { getDefinition, loadDefinitions, UnknownFormError, DefinitionError } from './forms/registry.ts';
export { dataSchema, jsonSchema } from './forms/data-schema.ts';
export { validateDocument, type ValidateOptions, type ValidationResult, type Validated } from './validate.ts';
export { validateBundle, type BundleInput, type BundleResult } from './validate-bundle.ts';
export { renderDocument, type RenderOptions, type Rendered } from './render/render.ts';
export { deriveNotice } from './derive/derive-notice.ts';
export type { Finding, Severity } from './rules/rule.ts';

/** Validates data for the 様式 `formId` (see the README for the result contract). */
export function validate(formId: string, input: unknown, options: ValidateOptions): ValidationResult {
  return validateDocument(getDefinition(formId), input, options).result;
}
