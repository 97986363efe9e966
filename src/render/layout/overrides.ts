/**
 * Per-form layout overrides (`forms/<municipality>/<form-id>/layout.json`): the few sizes a 様式 needs that differ from the house
 * defaults. Everything else is derived from the definition.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { formFolder, shownPath } from '../../forms/folders.ts';

const overridesSchema = z
  .object({
    /** Width (mm) of the label column of label | value tables. */
    labelWidth: z.number().positive().default(52),
    /** Width (mm) of the row-label area of group tables (別紙). */
    groupLabelWidth: z.number().positive().default(48),
    /** Width (mm) of the title cell left of a list table. */
    listTitleWidth: z.number().positive().default(30),
    /** Font sizes in pt. */
    valueSize: z.number().positive().default(10.5),
    labelSize: z.number().positive().default(10),
    textSize: z.number().positive().default(10.5),
    /** The least size (pt) a value shrinks to (checkbox labels in a narrow column, a fixed box); never below 8. */
    floorSize: z.number().min(8).default(8),
    /** Minimum height (mm) of a table row. */
    rowHeight: z.number().positive().default(8.5),
  })
  .strict();

export type LayoutOverrides = z.infer<typeof overridesSchema>;

const cache = new Map<string, LayoutOverrides>();

export function templateOverrides(formId: string): LayoutOverrides {
  let o = cache.get(formId);
  if (o) return o;
  const file = formFolder(formId)?.layout;
  const json = file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const parsed = overridesSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`[yoshiki] ${shownPath(file!)} is broken at ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  cache.set(formId, (o = parsed.data));
  return o;
}
