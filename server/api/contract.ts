/**
 * The JSON bodies the API answers with, as zod schemas: the OpenAPI components are generated from these
 * (z.toJSONSchema), and the compile-time checks below keep them equal to the library's own types.
 */
import { z } from 'zod';
import { definitionSchema } from '../../src/forms/definition.ts';
import type { ValidationResult } from '../../src/validate.ts';
import { apiErrorBodySchema } from '../error-codes.ts';

export const findingSchema = z
  .object({
    rule: z.string().describe('規則の id（例：KK-LIMIT、G-REQUIRED）'),
    severity: z.enum(['error', 'warning']),
    path: z.string().describe('データ上の位置（例：allocations.2.count、文書全体は ""）'),
    message: z.string().describe('日本語の説明（項目名と、何をすればよいか）'),
  })
  .strict();

/** The result contract shared by the CLI (validate --json), the library and the API. */
export const validationResultSchema = z
  .object({
    valid: z.boolean(),
    errors: z.array(findingSchema),
    warnings: z.array(findingSchema),
    computed: z.record(z.string(), z.unknown()).describe('規則が計算した値（例：{ "a": 2, "b": 200 }）'),
  })
  .strict()
  .describe('検証結果（valid, errors, warnings, computed）');

export const formSummaryListSchema = z
  .array(z.object({ id: z.string(), title: z.string(), version: z.string() }).strict())
  .describe('様式の一覧');

export const jsonObjectSchema = z.record(z.string(), z.unknown());

/** Every JSON body schema the API names, by component name. */
export const CONTRACT_SCHEMAS = {
  // Every router's error codes (server/error-codes.ts), not only those of the routes built here.
  ErrorResponse: apiErrorBodySchema,
  ValidationResult: validationResultSchema,
  FormSummaryList: formSummaryListSchema,
  FormDefinition: definitionSchema,
  JsonSchema: jsonObjectSchema.describe('JSON Schema（2020-12）'),
  OpenApiDocument: jsonObjectSchema.describe('OpenAPI 3.1 の文書'),
} as const;
export type ComponentName = keyof typeof CONTRACT_SCHEMAS;

// Compile-time: the library's result type fits the schema both ways, so the documented contract is the real one.
type Contract = z.infer<typeof validationResultSchema>;
const resultFitsContract = (r: ValidationResult): Contract => r;
const contractFitsResult = (c: Contract): ValidationResult => c;
void resultFitsContract;
void contractFitsResult;
