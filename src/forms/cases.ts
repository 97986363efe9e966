/**
 * Rule cases as data (`forms/<municipality>/<form-id>/cases.json`), in the manner of OpenFisca's YAML tests: each case
 * is a sentence a city official can check, the changes it makes to the form's example, and what validation must then
 * say — exactly these error rule ids, these warnings, these computed values, these messages and paths.
 *
 * Changes are dotted data paths (`allocations.2.count`), as findings name them: `set` puts a value there (creating what
 * is missing; an index one past the end appends a row), `remove` deletes a key or a row.
 */
import { z } from 'zod';
import { readCheckedJson } from './folder-file.ts';

const json: z.ZodType<unknown> = z.unknown();

export const ruleCaseSchema = z
  .object({
    /** A sentence a city official can check: 「(c) が (a)×100 を超えると提出できない」. */
    name: z.string().min(1),
    /** Values to put at dotted paths of a copy of the example. */
    set: z.record(z.string(), json).optional(),
    /** Keys or rows to delete, in this order. */
    remove: z.array(z.string()).optional(),
    /** Exactly these error rule ids — [] for a document that may be filed. */
    errors: z.array(z.string()),
    /** Exactly these warning rule ids; left out → not checked. */
    warnings: z.array(z.string()).optional(),
    /** Computed values that must be present with these values. */
    computed: z.record(z.string(), json).optional(),
    /** The exact message of the first finding of each rule id. */
    messages: z.record(z.string(), z.string()).optional(),
    /** The paths of every finding of each rule id, in order. */
    paths: z.record(z.string(), z.array(z.string())).optional(),
    /** Today's date for this case (YYYY-MM-DD; default: the file's). */
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();

export const caseFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** What the example is, for whoever reads the cases. */
    description: z.string().optional(),
    /** Today's date for every case (YYYY-MM-DD). */
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    cases: z.array(ruleCaseSchema).min(1),
  })
  .strict();

export type RuleCase = z.infer<typeof ruleCaseSchema>;
export type CaseFile = z.infer<typeof caseFileSchema>;

export function readCaseFile(file: string): CaseFile {
  return readCheckedJson(file, caseFileSchema);
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;
const step = (key: string): string | number => (/^(0|[1-9]\d*)$/.test(key) ? Number(key) : key);

/** A deep copy of `example` with the case's changes made (the example itself is left alone). */
export function applyCase(example: unknown, c: Pick<RuleCase, 'set' | 'remove'>): Record<string, unknown> {
  const data = structuredClone(example) as Record<string, unknown>;
  for (const [path, value] of Object.entries(c.set ?? {})) {
    const keys = path.split('.').map(step);
    let at: Container = data;
    keys.slice(0, -1).forEach((key, i) => {
      const next = (at as Record<string | number, unknown>)[key];
      if (!isContainer(next)) (at as Record<string | number, unknown>)[key] = typeof keys[i + 1] === 'number' ? [] : {};
      at = (at as Record<string | number, unknown>)[key] as Container;
    });
    (at as Record<string | number, unknown>)[keys[keys.length - 1]] = structuredClone(value);
  }
  for (const path of c.remove ?? []) {
    const keys = path.split('.').map(step);
    let at: unknown = data;
    for (const key of keys.slice(0, -1)) at = isContainer(at) ? (at as Record<string | number, unknown>)[key] : undefined;
    const last = keys[keys.length - 1];
    if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
    else if (isContainer(at)) delete (at as Record<string | number, unknown>)[last];
  }
  return data;
}
